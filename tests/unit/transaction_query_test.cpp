// SPDX-License-Identifier: BSL-1.0
// The two payment queries' answers: GET /api/transaction/{ref}/status and
// POST /api/{key}/transaction-details. Every documented field, additional_payment_details, amounts,
// method keys, statuses, refusals, and the shared reader rules at "/content".
#include "fixtures.hpp"

#include <portone/komoju.hpp>
#include <portone/protocol/transaction_query.hpp>

#include <catch2/catch.hpp>

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

/// `content` in PortOne's envelope, as a successful query answers.
std::string in_envelope(const std::string& content)
{
    return R"({"content":)" + content + R"(,"status_code":"2000","status_reason":"SUCCESS"})";
}

// The status query's answer, with the shape and values of PortOne's example ("Expired").
const fields status_content = {
    {"channel_order_ref", "\"6G457114F4645741R\""},
    {"order_ref", "\"2YGZp22ExeOu0As61wa7i0JyMJn\""},
    {"status", "\"Expired\""},
};

// A KOMOJU konbini payment waiting to be paid at Lawson, with every field PortOne documents for
// transaction-details (its example is an APPOTAPAY card payment; these values are ours).
const fields details_content = {
    {"currency", "\"JPY\""},
    {"amount", "5000"},
    {"order_ref", "\"2pQm7Lx0cVb3Nz8Rt5Yw1Ka9HdE\""},
    {"channel_order_ref", "\"\""},
    {"merchant_order_ref", "\"ORDER-0002\""},
    {"country_code", "\"JP\""},
    {"status", "\"Pending\""},
    {"channel_key", "\"KOMOJU\""},
    {"method_name", "\"Konbini Lawson\""},
    {"method_key", "\"KOMOJU_KONBINI_LAWSON\""},
    {"channel_logo", "\"https://logos.example/komoju.png\""},
    {"method_sub_type", "\"KONBINI\""},
    {"buyer_name", "\"山田 太郎\""},
    {"buyer_email", "\"taro@example.jp\""},
    {"buyer_phone", "\"+819012345678\""},
    {"buyer_address1", "\"千代田1-1\""},
    {"buyer_address2", "\"\""},
    {"buyer_city", "\"千代田区\""},
    {"buyer_country", "\"JP\""},
    {"status_code", "\"\""},
    {"status_reason", "\"\""},
    {"status_channel_reason", "\"\""},
    {"statusCode", "\"1000\""},
    {"statusReason", "\"PENDING\""},
    {"date", "\"2024-10-01T03:12:45.123456Z\""},
    {"is_refund_allowed", "false"},
    {"is_multi_refund_allowed", "false"},
    {"refund_completed", "false"},
    {"refund_status", "\"\""},
    {"user_agent", "\"Mozilla/5.0\""},
    {"ip_address", "\"203.0.113.7\""},
    {"description", "\"Green tea, 2 boxes\""},
    {"source", "\"api\""},
    {"payment_link_ref", "\"\""},
    {"payment_link_merchant_order_ref", "\"\""},
    {"payment_page_ref", "\"\""},
    {"payment_method_used", "\"\""},
    {"merchant_name", "\"Tea Shop\""},
    {"merchant_key", "\"pk_test_portone\""},
    {"merchant_email_address", "\"shop@example.jp\""},
    {"customer_name", "\"山田 太郎\""},
    {"customer_email_address", "\"taro@example.jp\""},
    {"customer_phone_number", "\"+819012345678\""},
    {"created_by", "\"shop@example.jp\""},
    {"user_message", "\"\""},
    {"routing_enabled", "false"},
    {"subscription_order_ref", "\"\""},
    {"is_cross_border_transaction", "false"},
    {"user_configured_field1", "\"gift\""},
    {"user_configured_field2", "\"\""},
    {"user_configured_field3", "\"\""},
    {"user_configured_field4", "\"\""},
    {"user_configured_field5", "\"tier-2\""},
    {"user_uuid", "\"\""},
    {"auto_refund", "false"},
    {"signature_hash", "\"c2lnbmF0dXJlIGFzIHNlbnQ=\""},
    {"order_details", R"({"data":[{"item_id":"tea-01","product_name":"Green tea","price":2500,)"
                      R"("quantity":2,"image":"","additional_details":{}}]})"},
    {"additional_payment_details",
     R"({"confirmation_code":"c7k2m","email":"taro@example.jp",)"
     R"("instructions_url":"https://komoju.example/instructions/abc","receipt":"r0t4x9",)"
     R"("store":"lawson","type":"konbini"})"},
};

portone::api_result<portone::transaction_details_response> details(const fields& content,
                                                                    int http_status = 200)
{
    return portone::parse_transaction_details(http_status, in_envelope(body_of(content)),
                                              portone::komoju::methods);
}

portone::error details_error(const fields& content)
{
    const auto r = details(content);
    INFO(body_of(content));
    REQUIRE_FALSE(r.has_value());
    CHECK_FALSE(r.error().refusal.has_value());
    return r.error();
}

} // namespace

TEST_CASE("transaction status: PortOne's example, read as it arrives")
{
    // The body as a view into the response's buffer (headers before it, more bytes after it
    // that are not JSON): read to exactly its values, and nothing past its end.
    std::string buffer;
    const auto r = portone::parse_transaction_status(
        200, fixtures::in_response(buffer, in_envelope(body_of(status_content))));
    INFO((r ? "" : r.error().message));
    REQUIRE(r.has_value());
    CHECK(r->content.channel_order_ref == "6G457114F4645741R");
    CHECK(r->content.order_ref == "2YGZp22ExeOu0As61wa7i0JyMJn");
    CHECK(r->content.status == portone::payment_status::expired);
    CHECK(r->content.status.text == "Expired");
    CHECK(r->content.extra_fields.empty());
    REQUIRE(r->status_code.has_value());
    CHECK(r->status_code->text == "2000");
    CHECK(r->status_code->series == portone::status_series::success);
    CHECK(r->status_reason == "SUCCESS");
    CHECK_FALSE(r->message.has_value());
    CHECK(r->extra_fields.empty());
}

TEST_CASE("transaction status: each status, and keys PortOne may add")
{
    using portone::payment_status;
    for (const auto& [text, value] :
         std::vector<std::pair<std::string, payment_status>>{
             {"Success", payment_status::success}, {"Failed", payment_status::failed},
             {"Pending", payment_status::pending}, {"Initiated", payment_status::initiated},
             {"Expired", payment_status::expired}, {"Refunded", payment_status::unknown}}) {
        const auto r = portone::parse_transaction_status(
            200, in_envelope(body_of(replaced(status_content, "status", '"' + text + '"'))));
        REQUIRE(r.has_value());
        CHECK(r->content.status.value == value);
        CHECK(r->content.status.text == text);
    }
    fields f = status_content;
    f.emplace_back("method_key", "\"KOMOJU_PAYPAY\"");
    const auto r = portone::parse_transaction_status(
        200, R"({"content":)" + body_of(f) + R"(,"status_code":"2000","request_id":"q-1"})");
    REQUIRE(r.has_value());
    REQUIRE(r->content.extra_fields.size() == 1);
    CHECK(r->content.extra_fields[0].key == "method_key");
    CHECK(r->content.extra_fields[0].value.text == "\"KOMOJU_PAYPAY\"");
    REQUIRE(r->extra_fields.size() == 1);
    CHECK(r->extra_fields[0].key == "request_id");
    // channel_order_ref may be absent (no KOMOJU payment yet).
    fields no_channel_ref = status_content;
    no_channel_ref.erase(no_channel_ref.begin());
    const auto without = portone::parse_transaction_status(200, in_envelope(body_of(no_channel_ref)));
    REQUIRE(without.has_value());
    CHECK_FALSE(without->content.channel_order_ref.has_value());
}

TEST_CASE("transaction status: the reader rules at /content")
{
    reader_rules::check_all(
        [](std::string_view body, const auto& limits) -> std::optional<portone::error> {
            if (auto r = portone::parse_transaction_status(200, body, limits); !r) return r.error();
            return std::nullopt;
        },
                            status_content, "/content", in_envelope, {"order_ref", "status"}, {});
}

TEST_CASE("transaction details: every documented field is read")
{
    const auto r = details(details_content);
    INFO((r ? "" : r.error().message));
    REQUIRE(r.has_value());
    const portone::transaction_details& tx = r->content;
    CHECK(tx.currency == "JPY");
    CHECK(tx.amount == 5000_yen);
    CHECK(tx.order_ref == "2pQm7Lx0cVb3Nz8Rt5Yw1Ka9HdE");
    CHECK(tx.channel_order_ref == "");
    CHECK(tx.merchant_order_ref == "ORDER-0002");
    CHECK(tx.country_code == "JP");
    CHECK(tx.status == portone::payment_status::pending);
    CHECK(tx.status.text == "Pending");
    CHECK(tx.channel_key == "KOMOJU");
    CHECK(tx.method_name == "Konbini Lawson");
    CHECK(tx.method_key == &k::konbini_lawson::traits);
    CHECK(tx.channel_logo == "https://logos.example/komoju.png");
    CHECK(tx.method_sub_type == "KONBINI");
    CHECK(tx.buyer_name == "山田 太郎");
    CHECK(tx.buyer_email == "taro@example.jp");
    CHECK(tx.buyer_phone == "+819012345678");
    CHECK(tx.buyer_address1 == "千代田1-1");
    CHECK(tx.buyer_address2 == "");
    CHECK(tx.buyer_city == "千代田区");
    CHECK(tx.buyer_country == "JP");
    REQUIRE(tx.status_code.has_value());
    CHECK(tx.status_code->text == "");
    CHECK_FALSE(tx.status_code->number.has_value());
    CHECK(tx.status_code->series == portone::status_series::unknown);
    CHECK(tx.status_reason == "");
    CHECK(tx.status_channel_reason == "");
    REQUIRE(tx.statusCode.has_value());
    CHECK(tx.statusCode->series == portone::status_series::pending);
    CHECK(tx.statusReason == "PENDING");
    CHECK(tx.date == "2024-10-01T03:12:45.123456Z");
    CHECK(tx.is_refund_allowed == false);
    CHECK(tx.is_multi_refund_allowed == false);
    CHECK(tx.refund_completed == false);
    CHECK(tx.refund_status == "");
    CHECK(tx.user_agent == "Mozilla/5.0");
    CHECK(tx.ip_address == "203.0.113.7");
    CHECK(tx.description == "Green tea, 2 boxes");
    CHECK(tx.source == "api");
    CHECK(tx.payment_link_ref == "");
    CHECK(tx.payment_link_merchant_order_ref == "");
    CHECK(tx.payment_page_ref == "");
    CHECK(tx.payment_method_used == "");
    CHECK(tx.merchant_name == "Tea Shop");
    CHECK(tx.merchant_key == "pk_test_portone");
    CHECK(tx.merchant_email_address == "shop@example.jp");
    CHECK(tx.customer_name == "山田 太郎");
    CHECK(tx.customer_email_address == "taro@example.jp");
    CHECK(tx.customer_phone_number == "+819012345678");
    CHECK(tx.created_by == "shop@example.jp");
    CHECK(tx.user_message == "");
    CHECK(tx.routing_enabled == false);
    CHECK(tx.subscription_order_ref == "");
    CHECK(tx.is_cross_border_transaction == false);
    CHECK(tx.user_configured_field1 == "gift");
    CHECK(tx.user_configured_field2 == "");
    CHECK(tx.user_configured_field3 == "");
    CHECK(tx.user_configured_field4 == "");
    CHECK(tx.user_configured_field5 == "tier-2");
    CHECK(tx.user_uuid == "");
    CHECK(tx.auto_refund == false);
    CHECK(tx.signature_hash == "c2lnbmF0dXJlIGFzIHNlbnQ=");
    REQUIRE(tx.order_details.has_value());
    CHECK(tx.order_details->text ==
          R"({"data":[{"item_id":"tea-01","product_name":"Green tea","price":2500,)"
          R"("quantity":2,"image":"","additional_details":{}}]})");
    const portone::konbini_details* konbini = tx.details_as<portone::konbini_details>();
    REQUIRE(konbini != nullptr);
    CHECK(konbini->type == "konbini");
    CHECK(konbini->confirmation_code == "c7k2m");
    CHECK(konbini->email == "taro@example.jp");
    CHECK(konbini->instructions_url == "https://komoju.example/instructions/abc");
    CHECK(konbini->receipt == "r0t4x9");
    CHECK(konbini->store == "lawson");
    CHECK(konbini->method == &k::konbini_lawson::traits);
    CHECK(tx.details_as<portone::pay_easy_details>() == nullptr);
    CHECK(tx.details_as<portone::bank_transfer_details>() == nullptr);
    CHECK(tx.extra_fields.empty());
    CHECK(r->status_code->text == "2000");
}

TEST_CASE("transaction details: read as it arrives, a view into the HTTP response's buffer")
{
    // The body as a view into the response's buffer (headers before it, more bytes after it
    // that are not JSON): read to exactly its values, and nothing past its end.
    std::string buffer;
    const auto r = portone::parse_transaction_details(
        200, fixtures::in_response(buffer, in_envelope(body_of(details_content))),
        portone::komoju::methods);
    INFO((r ? "" : r.error().message));
    REQUIRE(r.has_value());
    const portone::transaction_details& tx = r->content;
    CHECK(tx.amount == 5000_yen);
    CHECK(tx.currency == "JPY");
    CHECK(tx.order_ref == "2pQm7Lx0cVb3Nz8Rt5Yw1Ka9HdE");
    CHECK(tx.merchant_order_ref == "ORDER-0002");
    CHECK(tx.status == portone::payment_status::pending);
    CHECK(tx.method_key == &k::konbini_lawson::traits);
    CHECK(tx.buyer_name == "山田 太郎");
    CHECK(tx.user_configured_field5 == "tier-2");
    CHECK(tx.signature_hash == "c2lnbmF0dXJlIGFzIHNlbnQ=");
    // The nested values too: kept as text, and read into the konbini details.
    CHECK(tx.order_details.has_value());
    const portone::konbini_details* konbini = tx.details_as<portone::konbini_details>();
    CHECK((konbini != nullptr && konbini->method == &k::konbini_lawson::traits));
    CHECK(tx.extra_fields.empty());
    CHECK(r->status_reason == "SUCCESS");
}

TEST_CASE("transaction details: konbini details must name method_key's store, as in a webhook")
{
    const auto e = details_error(replaced(details_content, "additional_payment_details",
                                          R"({"type":"konbini","store":"family-mart"})"));
    CHECK(e.code == errc::mismatch);
    CHECK(e.where == "/content/additional_payment_details/store");
    CHECK(e.message.find("KOMOJU_KONBINI_LAWSON") != std::string::npos);
}

TEST_CASE("transaction details: PayEasy, bank transfer, none, and keys PortOne may add")
{
    auto r = details(replaced(details_content, "additional_payment_details",
                              R"({"type":"pay_easy","bank_id":"b1","customer_id":"c1"})"));
    REQUIRE(r.has_value());
    REQUIRE(r->content.details_as<portone::pay_easy_details>() != nullptr);
    CHECK(r->content.details_as<portone::pay_easy_details>()->customer_id == "c1");
    r = details(replaced(details_content, "additional_payment_details",
                         R"({"type":"bank_transfer","bank_name":"みずほ銀行"})"));
    REQUIRE(r.has_value());
    REQUIRE(r->content.details_as<portone::bank_transfer_details>() != nullptr);
    CHECK(r->content.details_as<portone::bank_transfer_details>()->bank_name == "みずほ銀行");
    r = details(replaced(details_content, "additional_payment_details", "{}"));
    REQUIRE(r.has_value());
    CHECK(r->content.details_as<portone::konbini_details>() == nullptr);
    CHECK(std::holds_alternative<portone::no_payment_details>(
        *r->content.additional_payment_details));

    fields f = details_content;
    f.emplace_back("cross_border_data", R"({"forex_details":{"rate":1}})");
    f.emplace_back("remit_status", "\"NOT_REMITTED\"");
    r = details(f);
    REQUIRE(r.has_value());
    REQUIRE(r->content.extra_fields.size() == 2);
    CHECK(r->content.extra_fields.find("cross_border_data")->text ==
          R"({"forex_details":{"rate":1}})");
    CHECK(r->content.extra_fields.find("remit_status")->text == "\"NOT_REMITTED\"");
}

TEST_CASE("transaction details: additional_payment_details errors at /content/...")
{
    auto e = details_error(replaced(details_content, "additional_payment_details",
                                    R"({"type":"konbini","store":"am-pm"})"));
    CHECK(e.code == errc::unknown_method);
    CHECK(e.where == "/content/additional_payment_details/store");
    e = details_error(replaced(details_content, "additional_payment_details",
                               R"({"type":"konbini","receipt":"r"})"));
    CHECK(e.code == errc::missing_field);
    CHECK(e.where == "/content/additional_payment_details/store");
}

TEST_CASE("transaction details: details streamed by method_key, or read whole, are the same")
{
    // As in the payment webhook: method_key before the details lets the reader stream them into
    // the struct of the method; after them, they are read whole. Both ways give the same answer.
    const std::vector<std::string> objects = {
        R"({"type":"konbini","store":"lawson","receipt":"r","extra":[1,{"a":null}]})",
        R"({"type":"konbini","store":"am-pm"})",
        R"({"type":"pay_easy","bank_id":"b1","customer_id":"c1"})",
        R"({"type":"bank_transfer","bank_name":"みずほ銀行","account_number":5})",
        R"({"type":"pay_easy","store":"lawson"})",
        R"({"store":"lawson"})",
        R"({})",
    };
    for (const std::string& object : objects) {
        for (const auto* method : k::all_traits) {
            const std::string key = '"' + std::string(method->key) + '"';
            const fields streamed = replaced(
                replaced(details_content, "additional_payment_details", object), "method_key", key);
            fields whole = fixtures::without(streamed, "method_key");
            whole.emplace_back("method_key", key);
            INFO(body_of(streamed));
            fixtures::check_same_outcome(details(streamed), details(whole),
                                         [](const auto& s, const auto& w) {
                                             CHECK(s.content.additional_payment_details ==
                                                   w.content.additional_payment_details);
                                             CHECK(s.content.method_key == w.content.method_key);
                                         });
        }
    }
}

TEST_CASE("transaction details: method keys")
{
    // (Without the Lawson konbini details, which name the store of one method only.)
    const fields no_details = fixtures::without(details_content, "additional_payment_details");
    for (const auto* t : k::all_traits) {
        INFO(t->key);
        const auto r = details(replaced(no_details, "method_key", '"' + std::string(t->key) + '"'));
        REQUIRE(r.has_value());
        CHECK(r->content.method_key == t);
    }
    // PortOne's own example is an APPOTAPAY payment: not a KOMOJU method.
    for (const char* unknown : {"APPOTAPAY_CREDIT_CARD", "KOMOJU_PAYPAL", "komoju_paypay", ""}) {
        const auto e =
            details_error(replaced(details_content, "method_key", '"' + std::string(unknown) + '"'));
        CHECK(e.code == errc::unknown_method);
        CHECK(e.where == "/content/method_key");
    }
}

TEST_CASE("transaction details: amounts")
{
    for (const char* ok : {"5000", "5000.0", "5e3", "5000.000"}) {
        const auto r = details(replaced(details_content, "amount", ok));
        REQUIRE(r.has_value());
        CHECK(r->content.amount == 5000_yen);
    }
    struct bad {
        const char* value;
        errc code;
    };
    for (const bad b : {bad{"4999.5", errc::invalid_value}, bad{"0.1", errc::invalid_value},
                        bad{"-5000", errc::amount_not_positive},
                        bad{"0", errc::amount_not_positive},
                        bad{"10000000", errc::amount_too_large},
                        bad{"1e300", errc::amount_too_large},
                        bad{"99999999999999999999999", errc::amount_too_large},
                        bad{"-1e300", errc::amount_not_positive},
                        bad{"\"5000\"", errc::wrong_type}, bad{"null", errc::wrong_type}}) {
        const auto e = details_error(replaced(details_content, "amount", b.value));
        INFO(b.value << ": " << e.message);
        CHECK(e.code == b.code);
        CHECK(e.where == "/content/amount");
    }
}

TEST_CASE("transaction details: a reference PortOne does not know is a refusal")
{
    const auto r = portone::parse_transaction_details(
        400,
        R"({"message":"Transaction record with given reference not found",)"
        R"("status_code":"4096","status_reason":"INVALID_REFERENCE"})",
        portone::komoju::methods);
    REQUIRE_FALSE(r.has_value());
    REQUIRE(r.error().refusal.has_value());
    CHECK(r.error().refusal->status_code.number == 4096);
    CHECK(r.error().refusal->reason() == "INVALID_REFERENCE");
    CHECK(r.error().code == errc::api_error);
}

TEST_CASE("transaction details: the reader rules at /content")
{
    reader_rules::check_all(
        [](std::string_view body, const auto& limits) -> std::optional<portone::error> {
            if (auto r =
                    portone::parse_transaction_details(200, body, portone::komoju::methods, limits);
                !r)
                return r.error();
            return std::nullopt;
        },
        details_content, "/content", in_envelope,
        {"amount", "currency", "order_ref", "merchant_order_ref", "status", "channel_key",
         "method_key"},
        {"order_details"});
}
