// SPDX-License-Identifier: BSL-1.0
// PortOne's answer to initiatePayment: the schema's example read exactly, refusals (HTTP 401, and
// is_success false with HTTP 200), where the shopper goes on each device, and the reader rules.
#include "fixtures.hpp"

#include <portone/komoju.hpp>
#include <portone/protocol/payment_answer.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

using portone::errc;
using namespace std::chrono_literals;

namespace {

// PortOne's example (payment_openapispec.yaml, initiatePayment, 200), as a server sends it.
const std::string example = R"({
    "is_success": true,
    "redirect_url": "https://pm-redirects.stripe.com/authorize/acct_1JmaEEJrbhj1WB8Z/pa_nonce_LfpPJY3Ho2MuYLj2aCK6j4tEAJzWxzj",
    "channel_order_ref": "pi_3KyTl5Jrbhj1WB8Z017xJS9i",
    "merchant_order_ref": "Merchant1652330173615",
    "order_ref": "2937z05mrtN17ZYigwZhfKdqEGQ",
    "message": "",
    "deep_link": "",
    "additional_data": null,
    "qrcode_url": "https://image.portone.ip/3647863746876478-qrcode.jpreg",
    "expiry_in_minutes": "20"
})";

// The schema's 401 example.
const std::string refused_401 = R"({
  "is_success": false,
  "message": "signature_hash is a required field",
  "status_code": "4001",
  "status_reason": "INVALID_PAYMENT_REQUEST"
})";


} // namespace

TEST_CASE("payment answer: PortOne's example reads exactly")
{
    std::string buffer;
    const auto r = portone::parse_initiate_payment_answer(200, fixtures::in_response(buffer, example));
    REQUIRE(r.has_value());
    CHECK(r->is_success == true);
    CHECK(r->redirect_url ==
          "https://pm-redirects.stripe.com/authorize/acct_1JmaEEJrbhj1WB8Z/"
          "pa_nonce_LfpPJY3Ho2MuYLj2aCK6j4tEAJzWxzj");
    CHECK(r->channel_order_ref == "pi_3KyTl5Jrbhj1WB8Z017xJS9i");
    CHECK(r->merchant_order_ref == "Merchant1652330173615");
    CHECK(r->order_ref == "2937z05mrtN17ZYigwZhfKdqEGQ");
    CHECK(r->message == "");
    CHECK(r->deep_link == "");
    REQUIRE(r->additional_data.has_value());
    CHECK(r->additional_data->text == "null");
    CHECK(r->qrcode_url == "https://image.portone.ip/3647863746876478-qrcode.jpreg");
    REQUIRE(r->expiry_in_minutes.has_value());
    CHECK(r->expiry_in_minutes->text == "20");
    CHECK(r->expiry_in_minutes->minutes == 20min);
    CHECK(r->extra_fields.empty());
}

TEST_CASE("payment answer: where the shopper goes, on the web and on a phone")
{
    portone::initiate_payment_answer a;
    a.redirect_url = "https://komoju.example/pay";
    a.deep_link = "paypay://pay?x=1";
    a.qrcode_url = "https://portone.example/qr.png";
    a.expiry_in_minutes = portone::minutes_text{"20", 20min};

    auto d = portone::destination_of(a, portone::shopper_device::web);
    REQUIRE(d.has_value());
    CHECK(d->how == portone::destination_kind::redirect);
    CHECK(d->url == "https://komoju.example/pay");
    d = portone::destination_of(a, portone::shopper_device::mobile);
    CHECK(d->how == portone::destination_kind::deep_link);
    CHECK(d->url == "paypay://pay?x=1");
    CHECK(d->fallback_url == "https://komoju.example/pay");

    a.redirect_url = ""; // empty counts as absent
    d = portone::destination_of(a, portone::shopper_device::web);
    CHECK(d->how == portone::destination_kind::qr_code);
    CHECK(d->url == "https://portone.example/qr.png");
    CHECK(d->expires_in == 20min);
    a.deep_link.reset();
    d = portone::destination_of(a, portone::shopper_device::mobile);
    CHECK(d->how == portone::destination_kind::qr_code);

    a.qrcode_url.reset();
    const auto none = portone::destination_of(a, portone::shopper_device::web);
    REQUIRE_FALSE(none.has_value());
    CHECK(none.error().code == errc::missing_field);
    CHECK(none.error().where == "/redirect_url");
}

TEST_CASE("payment answer: read_payment_started, the one call")
{
    std::string buffer;
    auto s = portone::read_payment_started(200, fixtures::in_response(buffer, example),
                                           portone::shopper_device::mobile);
    REQUIRE(s.has_value());
    CHECK(s->answer.order_ref == "2937z05mrtN17ZYigwZhfKdqEGQ");
    CHECK(s->destination.how == portone::destination_kind::redirect); // deep_link is ""

    // A refusal: PortOne's 401, and the same body with HTTP 200.
    for (const int http_status : {401, 200}) {
        INFO(http_status);
        s = portone::read_payment_started(http_status, fixtures::in_response(buffer, refused_401),
                                          portone::shopper_device::web);
        REQUIRE_FALSE(s.has_value());
        const portone::api_failure& f = s.error();
        CHECK(f.code == errc::api_error);
        REQUIRE(f.refusal.has_value());
        CHECK(f.refusal->status_code.number == 4001);
        CHECK(f.refusal->reason() == "INVALID_PAYMENT_REQUEST");
        CHECK(f.message.find("signature_hash is a required field") != std::string::npos);
        CHECK(portone::advise(f, portone::api_call::create_payment) ==
              portone::retry_advice::never_retry);
    }
    // is_success false without a code is still a refusal, never a payment.
    s = portone::read_payment_started(200, R"({"is_success":false,"message":"no"})",
                                      portone::shopper_device::web);
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error().refusal.has_value());
    // A failing status_code without is_success too.
    s = portone::read_payment_started(
        200, R"({"redirect_url":"https://x.example","status_code":"5000"})",
        portone::shopper_device::web);
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error().refusal->status_code.series == portone::status_series::system);
    // Accepted but nowhere to go.
    s = portone::read_payment_started(200, R"({"is_success":true,"order_ref":"x"})",
                                      portone::shopper_device::web);
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error().code == errc::missing_field);
    CHECK_FALSE(s.error().refusal.has_value());
    // Not PortOne's answer at all.
    s = portone::read_payment_started(502, "<html>Bad Gateway</html>",
                                      portone::shopper_device::web);
    REQUIRE_FALSE(s.has_value());
    CHECK(portone::advise(s.error(), portone::api_call::create_payment) ==
          portone::retry_advice::check_state_first);
}

TEST_CASE("payment answer: expiry_in_minutes as text, as a number, empty, or wrong")
{
    const auto read = [](std::string value) {
        return portone::parse_initiate_payment_answer(
            200, R"({"is_success":true,"qrcode_url":"https://q.example","expiry_in_minutes":)" +
                     value + "}");
    };
    CHECK(read("\"20\"")->expiry_in_minutes->minutes == 20min);
    CHECK(read("15")->expiry_in_minutes->minutes == 15min);
    CHECK_FALSE(read("\"\"")->expiry_in_minutes->minutes.has_value());
    CHECK_FALSE(read("null")->expiry_in_minutes.has_value());
    for (const char* bad : {"\"20m\"", "\"-1\"", "\"1.5\"", "\"9999999\"", "true", "{}"}) {
        INFO(bad);
        const auto r = read(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::invalid_value);
        CHECK(r.error().where == "/expiry_in_minutes");
        fixtures::check_safe_message(r.error());
    }
}

TEST_CASE("payment answer: the reader rules")
{
    reader_rules::check_all(
        [](std::string_view body, const auto& limits) -> std::optional<portone::error> {
            if (auto r = portone::parse_initiate_payment_answer(200, body, limits); !r)
                return portone::error(r.error());
            return std::nullopt;
        },
        {{"is_success", "true"},
         {"redirect_url", "\"https://komoju.example/pay\""},
         {"order_ref", "\"2937z05mrtN17ZYigwZhfKdqEGQ\""},
         {"merchant_order_ref", "\"ORDER-0001\""},
         {"expiry_in_minutes", "\"20\""}},
        "", nullptr, {}, {"expiry_in_minutes"});
}
