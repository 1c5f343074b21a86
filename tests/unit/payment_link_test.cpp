// SPDX-License-Identifier: BSL-1.0
// PortOne's answer to POST /api/paymentLink: both fields, extra keys kept, PortOne's refusals
// (with a failing HTTP status, and with HTTP 200), and the shared reader rules (not JSON,
// truncated, a wrong type per field, each required field missing...).
#include "fixtures.hpp"

#include <portone/protocol/payment_link.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>

using portone::errc;

// Bodies as lists of fields, and the checks every reader passes (reader_rules::check_all).
using fixtures::body_of;
using fixtures::fields;
using fixtures::replaced;

namespace {

// The shape of PortOne's example answer; our own values.
const fields link_answer = {
    {"payment_link_ref", "\"2Lk7TeaShop0001\""},
    {"payment_link", "\"https://checkout.portone.cloud?ref=2Lk7TeaShop0001\""},
};

portone::api_failure failure(const std::string& body, int http_status)
{
    auto r = portone::parse_response<portone::payment_link>(http_status, body);
    INFO(body);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

} // namespace

TEST_CASE("payment link: both fields", "[payment_link]")
{
    const auto r = portone::parse_response<portone::payment_link>(200, body_of(link_answer));
    REQUIRE(r.has_value());
    CHECK(r->payment_link_ref == "2Lk7TeaShop0001");
    CHECK(r->payment_link == "https://checkout.portone.cloud?ref=2Lk7TeaShop0001");
    CHECK(r->extra_fields.empty());

    // Any 2xx status is a success.
    const auto created = portone::parse_response<portone::payment_link>(201, body_of(link_answer));
    REQUIRE(created.has_value());
    CHECK(*created == *r);
}

TEST_CASE("payment link: read as it arrives, a view into the HTTP response's buffer",
          "[payment_link]")
{
    // The body as a view into the response's buffer (headers before it, more bytes after it
    // that are not JSON): read to exactly its values, and nothing past its end.
    fields more = link_answer;
    more.emplace_back("status_code", "\"2000\"");
    std::string buffer;
    const auto r = portone::parse_response<portone::payment_link>(
        200, fixtures::in_response(buffer, body_of(more)));
    INFO((r ? "" : r.error().message));
    REQUIRE(r.has_value());
    CHECK(r->payment_link_ref == "2Lk7TeaShop0001");
    CHECK(r->payment_link == "https://checkout.portone.cloud?ref=2Lk7TeaShop0001");
    REQUIRE(r->extra_fields.size() == 1);
    CHECK(r->extra_fields[0].key == "status_code");
    CHECK(r->extra_fields[0].value.text == "\"2000\"");
}

TEST_CASE("payment link: unknown keys are kept, escapes decoded", "[payment_link]")
{
    fields more = replaced(link_answer, "payment_link",
                           R"("https:\/\/checkout.portone.cloud?ref=2Lk7\u0054eaShop0001")");
    more.emplace_back("status_code", "\"2000\"");
    more.emplace_back("qr", R"({"size":[1,2]})");
    const auto r = portone::parse_response<portone::payment_link>(200, body_of(more));
    REQUIRE(r.has_value());
    CHECK(r->payment_link == "https://checkout.portone.cloud?ref=2Lk7TeaShop0001");
    REQUIRE(r->extra_fields.size() == 2);
    CHECK(r->extra_fields[0].key == "status_code");
    CHECK(r->extra_fields[0].value.text == "\"2000\"");
    CHECK(r->extra_fields[1].key == "qr");
    CHECK(r->extra_fields[1].value.text == R"({"size":[1,2]})");
}

TEST_CASE("payment link: PortOne's refusals", "[payment_link]")
{
    // The shape of the schema's 401 example.
    const std::string refusal =
        R"({"is_success":false,"message":"the request is not signed",)"
        R"("status_code":"4010",)"
        R"("status_reason":"INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR"})";
    const auto e = failure(refusal, 401);
    CHECK(e.code == errc::api_error);
    CHECK(e.where == "/status_code");
    CHECK(e.http_status == 401);
    REQUIRE(e.refusal.has_value());
    CHECK(e.refusal->status_code.text == "4010");
    CHECK(e.refusal->reason() == "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR");
    CHECK(e.refusal->message == "the request is not signed");
    REQUIRE(e.refusal->extra_fields.size() == 1);
    CHECK(e.refusal->extra_fields[0].key == "is_success");

    // The same body with HTTP 200 is still a refusal.
    const auto ok_status = failure(refusal, 200);
    CHECK(ok_status.code == errc::api_error);
    CHECK(ok_status.http_status == 200);
    CHECK(ok_status.refusal.has_value());

    // A link with a failing status is a failure: the HTTP status decides.
    const auto link_500 = failure(body_of(link_answer), 500);
    CHECK(link_500.http_status == 500);
    CHECK_FALSE(link_500.refusal.has_value());
    CHECK(link_500.code == errc::missing_field);
    CHECK(link_500.message.find("HTTP 500") != std::string::npos);

    // A proxy's HTML page.
    const auto html = failure("<html><body>502 Bad Gateway</body></html>", 502);
    CHECK(html.code == errc::invalid_json);
    CHECK_FALSE(html.refusal.has_value());
    CHECK(html.message.find("HTTP 502") != std::string::npos);
}

TEST_CASE("payment link: a required field missing, null or of the wrong type", "[payment_link]")
{
    for (const char* key : {"payment_link_ref", "payment_link"}) {
        INFO(key);
        const auto missing = failure(body_of(fixtures::without(link_answer, key)), 200);
        CHECK(missing.code == errc::missing_field);
        CHECK(missing.where == std::string("/") + key);
        CHECK_FALSE(missing.refusal.has_value());

        const auto null = failure(body_of(replaced(link_answer, key, "null")), 200);
        CHECK(null.code == errc::wrong_type);
        CHECK(null.where == std::string("/") + key);

        const auto number = failure(body_of(replaced(link_answer, key, "42")), 200);
        CHECK(number.code == errc::wrong_type);
        CHECK(number.where == std::string("/") + key);
    }
    CHECK(failure("{}", 200).where == "/payment_link_ref"); // the first in declaration order
}

TEST_CASE("payment link: the reader rules", "[payment_link]")
{
    reader_rules::check_all(
        [](std::string_view body, const auto& limits) -> std::optional<portone::error> {
            auto r = portone::parse_response<portone::payment_link>(200, body, limits);
            if (!r) return r.error();
            return std::nullopt;
        },
        link_answer, "", nullptr, {"payment_link_ref", "payment_link"}, {});
}
