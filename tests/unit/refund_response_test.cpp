// SPDX-License-Identifier: BSL-1.0
// The refund API's answer (create and list): every field, amountToRefund (zero allowed, never
// negative, fractional or too large), each refund's fields at /refundDetails/<i>, refusals, the
// shared reader rules at the top and inside a refund, and check_refund_fits.
#include "fixtures.hpp"

#include <portone/komoju.hpp>
#include <portone/protocol/refund_response.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace portone::literals;
namespace k = portone::komoju;
using portone::errc;

// Bodies as lists of fields, and the checks every reader passes (reader_rules::check_all).
using fixtures::body_of;
using fixtures::fields;
using fixtures::replaced;

namespace {

// A 5000 yen PayPay payment, refunded 1200 yen so far (PortOne's examples are in VND and USD;
// the shape is theirs, the values ours).
const fields first_refund = {
    {"refund_date", "\"2024-10-02T01:15:30.123456Z\""},
    {"refund_id", "\"rf7Hq2Lm9Xc4\""},
    {"psp_refund_id", "\"komoju-rf-0001\""},
    {"amount", "1200"},
    {"currency", "\"JPY\""},
    {"refund_status", "\"SUCCESS\""},
    {"refund_type", "\"partial\""},
    {"refund_reason", "\"damaged item\""},
    {"merchant_id", "\"6539\""},
};

const std::vector<std::string> required_in_refund = {"refund_id", "amount", "currency",
                                                     "refund_status", "refund_type"};

/// {"amountToRefund": <left>, "refundDetails": [<refunds>]}
std::string answer(const std::string& left, const std::vector<fields>& refunds)
{
    // (Appended piece by piece: `"," + body_of(f)` trips a false g++ 12 -O3 -Wrestrict.)
    std::string out = R"({"amountToRefund":)";
    out += left;
    out += R"(,"refundDetails":[)";
    for (std::size_t i = 0; i < refunds.size(); ++i) {
        if (i) out += ',';
        out += body_of(refunds[i]);
    }
    out += "]}";
    return out;
}

portone::refund_response parse(const std::string& body)
{
    auto r = portone::parse_refund_response(200, body);
    INFO(body << "\n" << (r ? "" : r.error().message));
    REQUIRE(r.has_value());
    return std::move(*r);
}

portone::api_failure parse_failure(const std::string& body, int http_status = 200)
{
    auto r = portone::parse_refund_response(http_status, body);
    INFO(body);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

reader_rules::parser reader()
{
    return [](std::string_view body, const auto& limits) -> std::optional<portone::error> {
        if (auto r = portone::parse_refund_response(200, body, limits); !r) return r.error();
        return std::nullopt;
    };
}

/// What the merchant says about refunding a 5000 yen payment: partial when `amount` is given.
portone::refund_details refund_of_5000(std::optional<portone::yen> amount)
{
    return {.order_ref = "2abcDEF",
            .paid = 5000_yen,
            .amount = amount,
            .description = "refund",
            .reason = "customer request"};
}

/// A checked PayPay refund of a 5000 yen payment: partial when `amount` is given.
portone::refund_request<k::paypay, portone::live_t> paypay_refund(std::optional<portone::yen> amount)
{
    auto r = portone::refund<k::paypay>(portone::live, refund_of_5000(amount));
    REQUIRE(r.has_value());
    return *r;
}

} // namespace

TEST_CASE("refund response: every field")
{
    fields second = replaced(first_refund, "refund_id", "\"\"");
    second = replaced(second, "amount", "800");
    second.erase(second.end() - 1); // no merchant_id, as in PortOne's list example
    const auto r = parse(answer("3000", {first_refund, second}));
    CHECK(r.amountToRefund.minor_units() == 3000);
    CHECK(r.amountToRefund == 3000_yen);
    REQUIRE(r.refunds().size() == 2);
    const portone::refund_record& x = r.refunds()[0];
    CHECK(x.refund_date == "2024-10-02T01:15:30.123456Z");
    CHECK(x.refund_id == "rf7Hq2Lm9Xc4");
    CHECK(x.psp_refund_id == "komoju-rf-0001");
    CHECK(x.amount == 1200_yen);
    CHECK(x.currency == "JPY");
    CHECK(x.refund_status == portone::refund_state::success);
    CHECK(x.refund_status.text == "SUCCESS");
    CHECK(x.refund_type == portone::refund_type::partial);
    CHECK(x.refund_reason == "damaged item");
    CHECK(x.merchant_id == "6539");
    CHECK(x.extra_fields.empty());
    const portone::refund_record& y = r.refunds()[1];
    CHECK(y.refund_id == "");
    CHECK(y.amount == 800_yen);
    CHECK_FALSE(y.merchant_id.has_value());
    CHECK(r.extra_fields.empty());
    // Lookups.
    CHECK(r.find("rf7Hq2Lm9Xc4") == &x);
    CHECK(r.find("") == nullptr); // the second refund has an empty id: not findable by it
    CHECK(r.find("komoju-rf-0001") == nullptr);
    CHECK(r.find_by_psp_refund_id("komoju-rf-0001") == &x);
    CHECK(r.find_by_psp_refund_id("") == nullptr);
}

TEST_CASE("refund response: no refunds yet, and keys PortOne may add")
{
    for (const char* body :
         {R"({"amountToRefund":5000})", R"({"amountToRefund":5000,"refundDetails":null})",
          R"({"amountToRefund":5000,"refundDetails":[]})"}) {
        const auto r = parse(body);
        CHECK(r.amountToRefund == 5000_yen);
        CHECK(r.refunds().empty());
        CHECK(r.find("x") == nullptr);
    }
    fields extended = first_refund;
    extended.emplace_back("description", "\"Partial refund\"");
    const auto r = parse(R"({"amountToRefund":3800,"refundDetails":[)" + body_of(extended) +
                         R"(],"message":"Refund created","status_code":"2000"})");
    REQUIRE(r.refunds().size() == 1);
    REQUIRE(r.refunds()[0].extra_fields.size() == 1);
    CHECK(r.refunds()[0].extra_fields[0].key == "description");
    CHECK(r.refunds()[0].extra_fields[0].value.text == "\"Partial refund\"");
    REQUIRE(r.extra_fields.size() == 2);
    CHECK(r.extra_fields.find("message")->text == "\"Refund created\"");
    CHECK(r.extra_fields.find("status_code")->text == "\"2000\"");
}

TEST_CASE("refund response: read as it arrives, a view into the HTTP response's buffer")
{
    // The body as a view into the response's buffer (headers before it, more bytes after it
    // that are not JSON): read to exactly its values, and nothing past its end.
    fields second = replaced(first_refund, "refund_id", "\"rf8Kp3Nn0Yd5\"");
    second = replaced(second, "amount", "800");
    std::string buffer;
    const auto r = portone::parse_refund_response(
        200, fixtures::in_response(buffer, answer("3000", {first_refund, second})));
    INFO((r ? "" : r.error().message));
    REQUIRE(r.has_value());
    CHECK(r->amountToRefund == 3000_yen);
    REQUIRE(r->refunds().size() == 2);
    const portone::refund_record& x = r->refunds()[0];
    CHECK(x.refund_id == "rf7Hq2Lm9Xc4");
    CHECK(x.psp_refund_id == "komoju-rf-0001");
    CHECK(x.amount == 1200_yen);
    CHECK(x.refund_status == portone::refund_state::success);
    CHECK(x.refund_type == portone::refund_type::partial);
    CHECK(x.refund_reason == "damaged item");
    CHECK(x.merchant_id == "6539");
    CHECK(r->refunds()[1].refund_id == "rf8Kp3Nn0Yd5");
    CHECK(r->refunds()[1].amount == 800_yen);
    CHECK(r->find("rf8Kp3Nn0Yd5") == &r->refunds()[1]);
    CHECK(r->extra_fields.empty());

    // A refusal in the same buffer is read as one too.
    const auto refused = portone::parse_refund_response(
        400, fixtures::in_response(buffer, R"({"message":"Partial refund is not allowed",)"
                                           R"("status_code":"4081",)"
                                           R"("status_reason":"PARTIAL_REFUND_NOT_ALLOWED"})"));
    REQUIRE_FALSE(refused.has_value());
    REQUIRE(refused.error().refusal.has_value());
    CHECK(refused.error().refusal->status_code.number == 4081);
    CHECK(refused.error().refusal->reason() == "PARTIAL_REFUND_NOT_ALLOWED");
}

TEST_CASE("refund response: amountToRefund")
{
    struct good {
        const char* text;
        std::int64_t yen;
    };
    for (const good g : {good{"0", 0}, good{"0.0", 0}, good{"-0", 0}, good{"3800", 3800},
                         good{"3800.0", 3800}, good{"3.8e3", 3800}, good{"38E2", 3800},
                         good{"9999999", 9'999'999}}) {
        INFO(g.text);
        CHECK(parse(answer(g.text, {first_refund})).amountToRefund.minor_units() == g.yen);
    }
    CHECK(parse(answer("0", {})).amountToRefund.is_zero());
    CHECK_FALSE(parse(answer("0", {})).amountToRefund.as_yen().has_value());
    CHECK(parse(answer("1", {})).amountToRefund.as_yen() == 1_yen);

    struct bad {
        const char* value;
        errc code;
        const char* message;
    };
    for (const bad b :
         {bad{"-1", errc::amount_not_positive, "\"/amountToRefund\" cannot be negative, got \"-1\""},
          bad{"-0.5", errc::amount_not_positive, nullptr},
          bad{"-1e30", errc::amount_not_positive, nullptr},
          bad{"0.5", errc::invalid_value,
              "\"/amountToRefund\" must be a whole number of yen, got \"0.5\""},
          bad{"3800.25", errc::invalid_value, nullptr},
          bad{"1e-400", errc::invalid_value, nullptr},
          bad{"3800.0000000000001", errc::invalid_value, nullptr}, // 3800.0 as a double
          bad{"-0.0000000000000001", errc::amount_not_positive, nullptr},
          bad{"10000000", errc::amount_too_large,
              "\"/amountToRefund\" is above the maximum of 9999999 yen, got \"10000000\""},
          bad{"1e30", errc::amount_too_large, nullptr},
          bad{"99999999999999999999999", errc::amount_too_large, nullptr},
          bad{"\"3800\"", errc::wrong_type,
              "\"/amountToRefund\" must be a number of yen, not a string"},
          bad{"null", errc::wrong_type, nullptr}, bad{"[3800]", errc::wrong_type, nullptr},
          bad{"{}", errc::wrong_type, nullptr}, bad{"false", errc::wrong_type, nullptr}}) {
        const auto e = parse_failure(answer(b.value, {first_refund}));
        INFO(b.value << ": " << e.message);
        CHECK(e.code == b.code);
        CHECK(e.where == "/amountToRefund");
        if (b.message) CHECK(e.message == b.message);
    }
}

TEST_CASE("refund response: errors inside a refund name its index")
{
    const fields ok = first_refund;
    struct bad {
        const char* key;
        const char* value;
        errc code;
    };
    for (const bad b : {bad{"amount", "-1200", errc::amount_not_positive},
                        bad{"amount", "0", errc::amount_not_positive},
                        bad{"amount", "1200.5", errc::invalid_value},
                        bad{"amount", "1e30", errc::amount_too_large},
                        bad{"amount", "\"1200\"", errc::wrong_type},
                        bad{"refund_type", "\"FULL\"", errc::invalid_value},
                        bad{"refund_type", "\"refund\"", errc::invalid_value},
                        bad{"currency", "null", errc::wrong_type},
                        bad{"refund_status", "1", errc::wrong_type}}) {
        INFO(b.key << " = " << b.value);
        const auto e = parse_failure(answer("3800", {ok, replaced(ok, b.key, b.value)}));
        CHECK(e.code == b.code);
        CHECK(e.where == std::string("/refundDetails/1/") + b.key);
    }
    // A refund that is not an object.
    auto e = parse_failure(R"({"amountToRefund":0,"refundDetails":[)" + body_of(ok) + R"(,"x"]})");
    CHECK(e.code == errc::wrong_type);
    CHECK(e.where == "/refundDetails/1");
    // An unknown refund_status is kept, not an error.
    const auto r = parse(answer("3800", {replaced(ok, "refund_status", "\"PENDING\"")}));
    CHECK(r.refunds()[0].refund_status == portone::refund_state::unknown);
    CHECK(r.refunds()[0].refund_status.text == "PENDING");
}

TEST_CASE("refund response: a refund PortOne will not make is a refusal")
{
    const auto f = parse_failure(
        R"({"message":"Partial refund is not allowed for this transaction",)"
        R"("status_code":"4081","status_reason":"PARTIAL_REFUND_NOT_ALLOWED"})",
        400);
    REQUIRE(f.refusal.has_value());
    CHECK(f.http_status == 400);
    CHECK(f.refusal->status_code.number == 4081);
    CHECK(f.refusal->status_code.series == portone::status_series::validation);
    CHECK(f.refusal->reason() == "PARTIAL_REFUND_NOT_ALLOWED");
    CHECK(f.code == errc::api_error);
    // The same body with HTTP 200 is a refusal too.
    CHECK(parse_failure(R"({"status_code":"4070","status_reason":"INVALID_PAYMENT_REQUEST_)"
                        R"(REFUND_NOT_ALLOWED"})")
              .refusal.has_value());
}

TEST_CASE("refund response: the reader rules, at the top and inside a refund")
{
    reader_rules::check_all(reader(),
                            {{"amountToRefund", "3800"},
                             {"refundDetails", "[" + body_of(first_refund) + "]"}},
                            "", nullptr, {"amountToRefund"}, {});
    reader_rules::check_all(
        reader(), first_refund, "/refundDetails/1",
        [](const std::string& refund) {
            return R"({"amountToRefund":3800,"refundDetails":[)" + body_of(first_refund) + "," +
                   refund + "]}";
        },
        required_in_refund, {});
}

TEST_CASE("refund fits: checked against what is left to refund")
{
    const auto left = [](const char* amount) { return parse(answer(amount, {first_refund})); };
    // Partial refunds up to what is left.
    CHECK(portone::check_refund_fits(paypay_refund(1200_yen), left("3800")).empty());
    CHECK(portone::check_refund_fits(paypay_refund(3800_yen), left("3800")).empty());
    auto e = portone::check_refund_fits(paypay_refund(3801_yen), left("3800"));
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == errc::invalid_value);
    CHECK(e[0].where == "amount");
    CHECK(e[0].message == "refund amount 3801 yen is more than the 3800 yen left to refund");
    // A full refund only of a payment not refunded yet.
    CHECK(portone::check_refund_fits(paypay_refund(std::nullopt), left("5000")).empty());
    e = portone::check_refund_fits(paypay_refund(std::nullopt), left("3800"));
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == errc::invalid_value);
    CHECK(e[0].message == "a full refund of 5000 yen, but only 3800 yen are left to refund: "
                          "refund those as a partial refund");
    // Nothing left.
    for (const std::optional<portone::yen> amount : {std::optional(1_yen), std::optional<portone::yen>()}) {
        e = portone::check_refund_fits(paypay_refund(amount), left("0"));
        REQUIRE(e.size() == 1);
        CHECK(e[0].code == errc::not_refundable);
        CHECK(e[0].message == "nothing is left to refund: the payment has been refunded in full");
    }
    // The same for a refund whose method was chosen at run time.
    const auto dynamic = portone::dynamic_refund(*k::find_method("KOMOJU_PAYPAY"),
                                                 portone::environment::live,
                                                 refund_of_5000(4000_yen));
    REQUIRE(dynamic.has_value());
    CHECK(portone::check_refund_fits(*dynamic, left("3800")).contains(errc::invalid_value, "amount"));
}

TEST_CASE("refundable_yen: zero or more, up to the yen maximum")
{
    CHECK(portone::refundable_yen().is_zero());
    CHECK(portone::refundable_yen::from(0).has_value());
    CHECK(portone::refundable_yen::from(9'999'999)->minor_units() == 9'999'999);
    CHECK(portone::refundable_yen::from(-1).error().code == errc::amount_not_positive);
    CHECK(portone::refundable_yen::from(10'000'000).error().code == errc::amount_too_large);
    const auto a = *portone::refundable_yen::from(300);
    CHECK(a == 300_yen);
    CHECK(a < 301_yen);
    CHECK(a > 299_yen);
    CHECK(a < *portone::refundable_yen::from(301));
}
