// SPDX-License-Identifier: BSL-1.0
// The payment webhook: parsing every documented field, the additional_payment_details examples of
// PortOne's KOMOJU page, statuses and status codes, every way a body can be wrong, the signature
// (PortOne's nine fields) and the comparison with the merchant's order.
#include "fixtures.hpp"

#include <portone/komoju.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

using namespace portone::literals;
namespace k = portone::komoju;
using portone::errc;

namespace {

const portone::secret_key secret("PORTONE_SECRET");

// A body as an ordered list of (key, JSON value text), so that tests can drop, replace or repeat
// one field.
using fixtures::body_of;
using fixtures::fields;
using fixtures::replaced;
using fixtures::without;

// The signature vector (secret PORTONE_SECRET), computed independently of this library: amount
// 5000, channel_key KOMOJU, channel_order_ref abc123, country_code JP, currency JPY,
// merchant_order_ref ORDER-0001, method_name PayPay, order_ref 2abcDEF, status Success.
constexpr std::string_view vector_signature = "VUmIVSyEkuURjS7KDDfHK1etWIs+KX9kKHRR8FupQ/I=";

/// The required fields only, with the signature vector's values.
const fields required_fields = {
    {"amount", "5000"},
    {"channel_key", "\"KOMOJU\""},
    {"channel_order_ref", "\"abc123\""},
    {"country_code", "\"JP\""},
    {"currency", "\"JPY\""},
    {"merchant_order_ref", "\"ORDER-0001\""},
    {"method_name", "\"PayPay\""},
    {"order_ref", "\"2abcDEF\""},
    {"status", "\"Success\""},
    {"method_key", "\"KOMOJU_PAYPAY\""},
    {"signature_hash", "\"VUmIVSyEkuURjS7KDDfHK1etWIs+KX9kKHRR8FupQ/I=\""},
};

/// Every documented field (PortOne's sample payment webhook, for KOMOJU values).
fields all_fields()
{
    fields f = required_fields;
    const fields optional = {
        {"method_sub_type", "\"WALLET\""},
        {"buyer_name", "\"山田 太郎\""},
        {"buyer_email", "\"taro@example.jp\""},
        {"buyer_phone", "\"+819012345678\""},
        {"buyer_address1", "\"千代田1-1\""},
        {"buyer_address2", "\"2F\""},
        {"buyer_city", "\"千代田区\""},
        {"buyer_country", "\"JP\""},
        {"status_code", "\"2000\""},
        {"status_reason", "\"SUCCESS\""},
        {"status_channel_reason", "\"SUCCESS | Transaction is success\""},
        {"created_at", "\"2024-09-26 10:55:14.573735 +0000 UTC\""},
        {"is_refund_allowed", "true"},
        {"is_multi_refund_allowed", "false"},
        {"user_agent", "\"Mozilla/5.0\""},
        {"description", "\"Green tea, 2 boxes\""},
        {"ip_address", "\"203.0.113.7\""},
        {"link_order_ref", "\"54A42644707B254\""},
        {"payment_link_ref", "\"2mbbDODqt4ZojDHa14IaiYwM4AM\""},
        {"source", "\"checkout\""},
        {"payment_method_used", "\"PayPay\""},
        {"merchant_name", "\"ShopCity\""},
        {"merchant_key", "\"qcFJvupbcbdcyNFg\""},
        {"merchant_email_address", "\"shop@example.jp\""},
        {"channel_name", "\"KOMOJU\""},
        {"environment", "\"sandbox\""},
        {"user_message", "\"The transaction is successful.\""},
        {"receipt_url", "\"https://komoju.example/receipt/1\""},
        {"masked_card_number", "\"\""},
        {"refund_status", "\"\""},
        {"additional_data", "{\"k\":[1,2]}"},
        {"is_cross_border_transaction", "false"},
        {"cross_border_data", "{}"},
        {"installment_details", "{}"},
        {"additional_payment_details", "{}"},
    };
    f.insert(f.end(), optional.begin(), optional.end());
    return f;
}

/// The required fields and one more.
fields required_fields_with(std::string key, std::string value)
{
    fields f = required_fields;
    f.emplace_back(std::move(key), std::move(value));
    return f;
}

/// The required fields with konbini details at `store` and `method_key` set to `method`.
fields konbini_fields(std::string_view store, std::string_view method)
{
    return replaced(required_fields_with("additional_payment_details",
                                         R"({"type":"konbini","store":")" + std::string(store) +
                                             "\"}"),
                    "method_key", '"' + std::string(method) + '"');
}

portone::error parse_error(const fields& f, const portone::json::read_limits& limits = {})
{
    const std::string body = body_of(f);
    auto r = portone::parse_payment_webhook(body, portone::komoju::methods, limits);
    INFO(body);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

portone::payment_webhook parse(const fields& f)
{
    const std::string body = body_of(f);
    auto r = portone::parse_payment_webhook(body, portone::komoju::methods);
    INFO(body << "\n" << (r ? "" : r.error().message));
    REQUIRE(r.has_value());
    return std::move(*r);
}

/// The required fields with `additional_payment_details` set to `details` (a JSON text), and
/// `method_key` set to `method` (konbini details must name the store of the method_key).
portone::payment_webhook with_details(const std::string& details,
                                      std::string_view method = "KOMOJU_PAYPAY")
{
    return parse(replaced(required_fields_with("additional_payment_details", details),
                          "method_key", '"' + std::string(method) + '"'));
}

} // namespace

TEST_CASE("webhook: every documented field is read")
{
    const auto w = parse(all_fields());
    CHECK(w.amount == 5000_yen);
    CHECK(w.currency == "JPY");
    CHECK(w.order_ref == "2abcDEF");
    CHECK(w.channel_order_ref == "abc123");
    CHECK(w.merchant_order_ref == "ORDER-0001");
    CHECK(w.country_code == "JP");
    CHECK(w.status.value == portone::payment_status::success);
    CHECK(w.status.text == "Success");
    CHECK(w.channel_key == "KOMOJU");
    CHECK(w.method_name == "PayPay");
    CHECK(w.method_key == &k::paypay::traits);
    CHECK(w.signature_hash == vector_signature);
    CHECK(w.method_sub_type == "WALLET");
    CHECK(w.buyer_name == "山田 太郎");
    CHECK(w.buyer_email == "taro@example.jp");
    CHECK(w.buyer_phone == "+819012345678");
    CHECK(w.buyer_address1 == "千代田1-1");
    CHECK(w.buyer_address2 == "2F");
    CHECK(w.buyer_city == "千代田区");
    CHECK(w.buyer_country == "JP");
    REQUIRE(w.status_code.has_value());
    CHECK(w.status_code->text == "2000");
    CHECK(w.status_code->number == 2000);
    CHECK(w.status_code->series == portone::status_series::success);
    CHECK(w.status_reason == "SUCCESS");
    CHECK(w.status_channel_reason == "SUCCESS | Transaction is success");
    CHECK(w.created_at == "2024-09-26 10:55:14.573735 +0000 UTC");
    CHECK(w.is_refund_allowed == true);
    CHECK(w.is_multi_refund_allowed == false);
    CHECK(w.user_agent == "Mozilla/5.0");
    CHECK(w.description == "Green tea, 2 boxes");
    CHECK(w.ip_address == "203.0.113.7");
    CHECK(w.link_order_ref == "54A42644707B254");
    CHECK(w.payment_link_ref == "2mbbDODqt4ZojDHa14IaiYwM4AM");
    CHECK(w.source == "checkout");
    CHECK(w.payment_method_used == "PayPay");
    CHECK(w.merchant_name == "ShopCity");
    CHECK(w.merchant_key == "qcFJvupbcbdcyNFg");
    CHECK(w.merchant_email_address == "shop@example.jp");
    CHECK(w.channel_name == "KOMOJU");
    CHECK(w.environment == "sandbox");
    CHECK(w.user_message == "The transaction is successful.");
    CHECK(w.receipt_url == "https://komoju.example/receipt/1");
    CHECK(w.masked_card_number == "");
    CHECK(w.refund_status == "");
    REQUIRE(w.additional_data.has_value());
    CHECK(w.additional_data->text == "{\"k\":[1,2]}");
    CHECK(w.is_cross_border_transaction == false);
    REQUIRE(w.cross_border_data.has_value());
    CHECK(w.cross_border_data->text == "{}");
    REQUIRE(w.installment_details.has_value());
    CHECK(w.installment_details->text == "{}");
    REQUIRE(w.additional_payment_details.has_value());
    CHECK(std::holds_alternative<portone::no_payment_details>(*w.additional_payment_details));
    CHECK(w.konbini() == nullptr);
    CHECK(w.pay_easy() == nullptr);
    CHECK(w.bank_transfer() == nullptr);
    CHECK(w.extra_fields.empty());

    const portone::signer sign(secret);
    CHECK(portone::verify_payment_webhook(w, sign).has_value());
}

TEST_CASE("webhook: only the required fields")
{
    const auto w = parse(required_fields);
    CHECK(w.amount == 5000_yen);
    CHECK_FALSE(w.status_code.has_value());
    CHECK_FALSE(w.buyer_name.has_value());
    CHECK_FALSE(w.is_refund_allowed.has_value());
    CHECK_FALSE(w.additional_payment_details.has_value());
    CHECK_FALSE(w.cross_border_data.has_value());
    CHECK(w.extra_fields.empty());
}

TEST_CASE("webhook: unknown extra fields are kept, not dropped")
{
    fields f = required_fields;
    f.emplace_back("risk_score", "{\"level\" : \"low\", \"score\" : 0.25}");
    f.emplace_back("channel_logo", "\"https://example.com/logo.png\"");
    const auto w = parse(f);
    REQUIRE(w.extra_fields.size() == 2);
    CHECK(w.extra_fields[0].key == "risk_score");
    CHECK(w.extra_fields[0].value.text == "{\"level\":\"low\",\"score\":0.25}");
    CHECK(w.extra_fields[1].key == "channel_logo");
    CHECK(w.extra_fields[1].value.text == "\"https://example.com/logo.png\"");
    CHECK(portone::verify_payment_webhook(w, portone::signer(secret)).has_value());
}

TEST_CASE("webhook: the konbini example of PortOne's KOMOJU page")
{
    const auto w = with_details(R"({
        "confirmation_code": "c9oc7",
        "email": "prashant@chai.finance",
        "instructions_url": "https://komoju.com/en/instructions/dl3oshvcayxlvu6tj8ygi30sc",
        "receipt": "zaixaa0qlh",
        "store": "family-mart",
        "type": "konbini",
        "wellnet_wallet_url":
          "https://cs.wellnet.jp/payment/mobile-app?payment-number=zaixaa0qlh&confirm-number=c9oc7"
      })",
                                "KOMOJU_KONBINI_FAMILY_MART");
    const portone::konbini_details* d = w.konbini();
    REQUIRE(d != nullptr);
    CHECK(d->type == "konbini");
    CHECK(d->confirmation_code == "c9oc7");
    CHECK(d->email == "prashant@chai.finance");
    CHECK(d->instructions_url == "https://komoju.com/en/instructions/dl3oshvcayxlvu6tj8ygi30sc");
    CHECK(d->receipt == "zaixaa0qlh");
    CHECK(d->store == "family-mart");
    CHECK(d->method == &k::konbini_family_mart::traits);
    CHECK(d->wellnet_wallet_url == "https://cs.wellnet.jp/payment/mobile-app"
                                   "?payment-number=zaixaa0qlh&confirm-number=c9oc7");
    CHECK(d->extra_fields.empty());
    CHECK(w.pay_easy() == nullptr);
    CHECK(w.bank_transfer() == nullptr);
}

TEST_CASE("webhook: the PayEasy example of PortOne's KOMOJU page")
{
    const auto w = with_details(R"({
        "bank_id": "z85k7",
        "confirmation_id": "m8ww9605vq",
        "customer_id": "6ygcxj3yhf",
        "email": "prashant@chai.finance",
        "instructions_url": "https://komoju.com/en/instructions/4548ldmw0wnlodu0ruska0q5h",
        "payment_url": "https://example.com",
        "type": "pay_easy"
      })");
    const portone::pay_easy_details* d = w.pay_easy();
    REQUIRE(d != nullptr);
    CHECK(d->type == "pay_easy");
    CHECK(d->bank_id == "z85k7");
    CHECK(d->confirmation_id == "m8ww9605vq");
    CHECK(d->customer_id == "6ygcxj3yhf");
    CHECK(d->email == "prashant@chai.finance");
    CHECK(d->instructions_url == "https://komoju.com/en/instructions/4548ldmw0wnlodu0ruska0q5h");
    CHECK(d->payment_url == "https://example.com");
    CHECK(d->extra_fields.empty());
    CHECK(w.konbini() == nullptr);
}

TEST_CASE("webhook: the bank-transfer example of PortOne's KOMOJU page")
{
    const auto w = with_details(R"({
        "account_branch_name": "TEST BRANCH",
        "account_name": "株式会社DEGICA（カブシキガイシャ デジカ）",
        "account_number": "TEST BANK",
        "account_type": "普通預金",
        "bank_name": "三井住友銀行",
        "email": "prashant@chai.finance",
        "instructions_url": "https://komoju.com/en/instructions/2qx8qlvso318k122whkccuek7",
        "order_id": "Y5368854536",
        "payment_deadline": "2024-10-24T23:59:59.999+09:00",
        "type": "bank_transfer"
      })");
    const portone::bank_transfer_details* d = w.bank_transfer();
    REQUIRE(d != nullptr);
    CHECK(d->type == "bank_transfer");
    CHECK(d->account_branch_name == "TEST BRANCH");
    CHECK(d->account_name == "株式会社DEGICA（カブシキガイシャ デジカ）");
    CHECK(d->account_number == "TEST BANK");
    CHECK(d->account_type == "普通預金");
    CHECK(d->bank_name == "三井住友銀行");
    CHECK(d->email == "prashant@chai.finance");
    CHECK(d->instructions_url == "https://komoju.com/en/instructions/2qx8qlvso318k122whkccuek7");
    CHECK(d->order_id == "Y5368854536");
    CHECK(d->payment_deadline == "2024-10-24T23:59:59.999+09:00");
    CHECK(d->extra_fields.empty());
    // Escaped the same text reads the same.
    const auto e = with_details(
        R"({"account_type":"\u666e\u901a\u9810\u91d1","type":"bank_transfer"})");
    REQUIRE(e.bank_transfer() != nullptr);
    CHECK(e.bank_transfer()->account_type == "普通預金");
}

TEST_CASE("webhook: additional_payment_details edge cases")
{
    // Every konbini store maps to its method.
    for (const auto* t : k::all_traits) {
        if (t->kind != portone::method_kind::konbini) continue;
        const auto w = with_details(R"({"type":"konbini","store":")" + std::string(t->store) +
                                        "\"}",
                                    t->key);
        REQUIRE(w.konbini() != nullptr);
        CHECK(w.konbini()->method == t);
    }
    // Empty object, null, absent.
    CHECK(std::holds_alternative<portone::no_payment_details>(
        *with_details("{ }").additional_payment_details));
    CHECK_FALSE(with_details("null").additional_payment_details.has_value());
    // Unknown type: kept whole.
    auto w = with_details(R"({"type":"paidy_plus","token":{"a":1},"email":5})");
    REQUIRE(w.additional_payment_details.has_value());
    const auto* other = std::get_if<portone::other_payment_details>(&*w.additional_payment_details);
    REQUIRE(other != nullptr);
    CHECK(other->type == "paidy_plus");
    CHECK(other->json.text == R"({"type":"paidy_plus","token":{"a":1},"email":5})");
    // No type at all: also kept.
    w = with_details(R"({"note":"x"})");
    other = std::get_if<portone::other_payment_details>(&*w.additional_payment_details);
    REQUIRE(other != nullptr);
    CHECK(other->type == "");
    CHECK(other->json.text == R"({"note":"x"})");
    // Unknown keys inside a known type are kept in its extra_fields.
    w = with_details(R"({"type":"pay_easy","bank_id":"b","expires_at":"2024-10-24"})");
    REQUIRE(w.pay_easy() != nullptr);
    REQUIRE(w.pay_easy()->extra_fields.size() == 1);
    CHECK(w.pay_easy()->extra_fields[0].key == "expires_at");
    CHECK(w.pay_easy()->extra_fields[0].value.text == "\"2024-10-24\"");
}

TEST_CASE("webhook: additional_payment_details errors carry their path")
{
    struct bad {
        const char* details;
        errc code;
        const char* where;
    };
    for (const bad b : {
             bad{R"({"type":"konbini","store":"am-pm"})", errc::unknown_method,
                 "/additional_payment_details/store"},
             bad{R"({"type":"konbini","store":"Lawson"})", errc::unknown_method,
                 "/additional_payment_details/store"},
             bad{R"({"type":"konbini","receipt":"x"})", errc::missing_field,
                 "/additional_payment_details/store"},
             bad{R"({"type":"konbini","store":"lawson","email":5})", errc::wrong_type,
                 "/additional_payment_details/email"},
             bad{R"({"type":"bank_transfer","bank_name":["x"]})", errc::wrong_type,
                 "/additional_payment_details/bank_name"},
             bad{R"({"type":7})", errc::wrong_type, "/additional_payment_details/type"},
             bad{R"({"type":"pay_easy","type":"konbini"})", errc::duplicate_key,
                 "/additional_payment_details/type"},
             bad{R"("konbini")", errc::wrong_type, "/additional_payment_details"},
             bad{R"([])", errc::wrong_type, "/additional_payment_details"},
             bad{R"(5)", errc::wrong_type, "/additional_payment_details"},
             bad{R"(true)", errc::wrong_type, "/additional_payment_details"},
         }) {
        const auto e = parse_error(required_fields_with("additional_payment_details", b.details));
        INFO(b.details << "\n" << e.message);
        CHECK(e.code == b.code);
        CHECK(e.where == b.where);
    }
    CHECK(parse_error(required_fields_with("additional_payment_details",
                                           R"({"type":"konbini","store":"am-pm"})"))
              .message ==
          "\"am-pm\" is not a KOMOJU konbini store (seven-eleven, lawson, family-mart, ministop, "
          "daily-yamazaki, seicomart)");
}

namespace {

/// For every member of Details (from its description, so a member added later is covered too):
/// a number, an array and an object where a string belongs are each errc::wrong_type at
/// /additional_payment_details/<member>.
template <class Details>
void check_each_member_type(std::string_view type, std::string_view required,
                            std::string_view method)
{
    int checked = 0;
    portone::describe::for_each_member<Details>([&](auto member) {
        using value_type = std::remove_cvref_t<decltype(member.of(std::declval<Details>()))>;
        if constexpr (std::is_same_v<value_type, std::optional<std::string>> ||
                      std::is_same_v<value_type, std::string>) {
            const std::string name(member.name);
            if (name == "type") return; // the dispatch key: its own test above
            for (const char* wrong : {"5", "[\"x\"]", "{\"a\":1}", "true"}) {
                std::string details = "{\"type\":\"" + std::string(type) + "\"";
                if (!required.empty() && name != "store") details += std::string(",") += required;
                details += ",\"" + name + "\":" + wrong + "}";
                const auto e = parse_error(replaced(
                    required_fields_with("additional_payment_details", details), "method_key",
                    '"' + std::string(method) + '"'));
                INFO(details << "\n" << e.message);
                CHECK(e.code == errc::wrong_type);
                CHECK(e.where == "/additional_payment_details/" + name);
                ++checked;
            }
        }
    });
    CHECK(checked >= 4 * 5); // every details struct has at least five text members
}

} // namespace

TEST_CASE("webhook: a wrong type in any member of additional_payment_details names its path")
{
    check_each_member_type<portone::konbini_details>("konbini", R"("store":"lawson")",
                                                     "KOMOJU_KONBINI_LAWSON");
    check_each_member_type<portone::pay_easy_details>("pay_easy", "", "KOMOJU_PAY_EASY");
    check_each_member_type<portone::bank_transfer_details>("bank_transfer", "",
                                                           "KOMOJU_BANK_TRANSFER");
    // The one required member (konbini's store) missing, with each other member present.
    const auto e = parse_error(replaced(
        required_fields_with("additional_payment_details",
                             R"({"type":"konbini","confirmation_code":"c","email":"a@b.jp",)"
                             R"("instructions_url":"https://x.example/i","receipt":"r"})"),
        "method_key", "\"KOMOJU_KONBINI_LAWSON\""));
    CHECK(e.code == errc::missing_field);
    CHECK(e.where == "/additional_payment_details/store");
}

TEST_CASE("webhook: a konbini store must be the store of method_key")
{
    const auto mismatch = [](std::string_view store, std::string_view method) {
        return parse_error(konbini_fields(store, method));
    };
    auto e = mismatch("lawson", "KOMOJU_KONBINI_FAMILY_MART");
    CHECK(e.code == errc::mismatch);
    CHECK(e.where == "/additional_payment_details/store");
    CHECK(e.message == "the konbini store \"lawson\" does not match method_key "
                       "\"KOMOJU_KONBINI_FAMILY_MART\", whose store is \"family-mart\"");
    // A method that is not a konbini at all.
    e = mismatch("family-mart", "KOMOJU_PAYPAY");
    CHECK(e.code == errc::mismatch);
    CHECK(e.where == "/additional_payment_details/store");
    CHECK(e.message == "the konbini store \"family-mart\" does not match method_key "
                       "\"KOMOJU_PAYPAY\", which is not a konbini method");

    // Every store with every konbini method: accepted only with its own.
    for (const auto* store_of : k::all_traits) {
        if (store_of->kind != portone::method_kind::konbini) continue;
        for (const auto* key_of : k::all_traits) {
            if (key_of->kind != portone::method_kind::konbini) continue;
            INFO(store_of->store << " with " << key_of->key);
            const auto r = portone::parse_payment_webhook(
                body_of(konbini_fields(store_of->store, key_of->key)), portone::komoju::methods);
            if (store_of == key_of) {
                REQUIRE(r.has_value());
                CHECK(r->konbini()->method == r->method_key);
            } else {
                REQUIRE_FALSE(r.has_value());
                CHECK(r.error().code == errc::mismatch);
                CHECK(r.error().where == "/additional_payment_details/store");
            }
        }
    }

    // Checked once the whole body is read, whichever comes first in it.
    fields f = without(required_fields, "method_key");
    f.emplace_back("additional_payment_details", R"({"type":"konbini","store":"lawson"})");
    f.emplace_back("method_key", "\"KOMOJU_KONBINI_FAMILY_MART\"");
    CHECK(parse_error(f).code == errc::mismatch);
    f = replaced(f, "method_key", "\"KOMOJU_KONBINI_LAWSON\"");
    CHECK(parse(f).konbini()->store == "lawson");

    // The reader's own errors come first: an unknown store or method key is unknown_method.
    e = mismatch("am-pm", "KOMOJU_KONBINI_FAMILY_MART");
    CHECK(e.code == errc::unknown_method);
    CHECK(e.where == "/additional_payment_details/store");
    e = mismatch("lawson", "KOMOJU_KONBINI_AM_PM");
    CHECK(e.code == errc::unknown_method);
    CHECK(e.where == "/method_key");

    // Other details are not tied to a store: PayEasy or none with a konbini key is accepted.
    CHECK(with_details(R"({"type":"pay_easy"})", "KOMOJU_KONBINI_LAWSON").pay_easy() != nullptr);
    CHECK(with_details("{}", "KOMOJU_KONBINI_LAWSON").konbini() == nullptr);
    CHECK(with_details("null", "KOMOJU_KONBINI_LAWSON").konbini() == nullptr);
}

TEST_CASE("webhook: details read into method_key's struct as they stream, or whole, are the same")
{
    // When method_key comes first (as PortOne sends it), the reader streams the details straight
    // into the struct of its method (konbini, PayEasy, bank transfer), and reads them whole only
    // if that guess was wrong or anything failed; when it comes after them, it always reads them
    // whole. Each details object with each method key, both ways: the same webhook, or the same
    // error.
    const std::vector<std::string> details = {
        R"({"type":"konbini","store":"lawson","receipt":"r","email":"a@b.jp"})",
        R"({"type":"konbini","store":"family-mart","confirmation_code":"c",)"
        R"("instructions_url":"https://x.example/i","wellnet_wallet_url":"https://y?a=1&b=2",)"
        R"("extra":{"k":[1,"\u00e9"]},"n":-2.50})",
        R"({"store":"seven-eleven","type":"konbini"})",
        R"({"type":"konbini","store":"am-pm"})",
        R"({"type":"konbini"})",
        R"({"type":"konbini","store":"lawson","email":5})",
        R"({"type":"konbini","store":null})",
        R"({"type":"konbini","store":"lawson","receipt":null,"note":"\"x\"\n"})",
        R"({"type":"pay_easy","bank_id":"b","confirmation_id":"c","customer_id":"d",)"
        R"("payment_url":"https://p.example","expires_at":"2024-10-24"})",
        R"({"type":"pay_easy","email":{"a":1}})",
        R"({"type":"bank_transfer","bank_name":"みずほ銀行","account_number":"1234567",)"
        R"("payment_deadline":"2024-10-24T00:00:00+09:00"})",
        R"({"type":"bank_transfer","bank_name":["x"]})",
        R"({"type":"pay_easy","type":"konbini"})",
        R"({"type":"pay_easy","store":"lawson"})",
        R"({"store":"lawson","type":"atm"})",
        R"({"type":"konbini","store":"lawson","x":{"b":1,"b":2}})",
        R"({"type":7})",
        R"({"type":null,"store":"lawson"})",
        R"({"type":"paidy_plus","token":{"a":1},"email":5})",
        R"({})",
        R"({"note":"x"})",
        "null",
        "[]",
    };
    for (const std::string& d : details) {
        for (const auto* method : k::all_traits) {
            const std::string key = '"' + std::string(method->key) + '"';
            fields streamed = replaced(required_fields_with("additional_payment_details", d),
                                       "method_key", key);
            fields whole = without(required_fields, "method_key");
            whole.emplace_back("additional_payment_details", d);
            whole.emplace_back("method_key", key);
            INFO(body_of(streamed));
            fixtures::check_same_outcome(
                portone::parse_payment_webhook(body_of(streamed), portone::komoju::methods),
                portone::parse_payment_webhook(body_of(whole), portone::komoju::methods),
                [](const auto& s, const auto& w) {
                    CHECK(s.additional_payment_details == w.additional_payment_details);
                    CHECK(s.method_key == w.method_key);
                    CHECK(s.extra_fields == w.extra_fields);
                });
        }
    }
}

TEST_CASE("webhook: the amount's placeholder is never taken for a real amount")
{
    // payment_webhook::amount defaults to 1 yen only so that the struct can be built: a body
    // without an amount, or with a null one, is rejected, never read as 1 yen.
    for (const fields& f : {without(required_fields, "amount"), without(all_fields(), "amount")}) {
        const auto e = parse_error(f);
        CHECK(e.code == errc::missing_field);
        CHECK(e.where == "/amount");
    }
    CHECK(parse_error(replaced(required_fields, "amount", "null")).code == errc::wrong_type);
    // A real 1 yen is read as such, and its signature is over "1".
    const auto one = parse(replaced(required_fields, "amount", "1"));
    CHECK(one.amount == 1_yen);
    CHECK_FALSE(portone::verify_payment_webhook(one, portone::signer(secret)).has_value());
    // A webhook built by hand, placeholder included, does not verify (it has no signature) and
    // does not match an order.
    const portone::payment_webhook blank;
    const auto r = portone::verify_payment_webhook(blank, portone::signer(secret));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_signature);
    CHECK(portone::check_against_order(blank, {"ORDER-0001", 5000_yen})
              .contains(errc::mismatch, "/amount"));
}

TEST_CASE("webhook: each status, and an unknown one")
{
    using portone::payment_status;
    const std::vector<std::pair<std::string, payment_status>> statuses = {
        {"Initiated", payment_status::initiated}, {"Pending", payment_status::pending},
        {"Success", payment_status::success},     {"Failed", payment_status::failed},
        {"Expired", payment_status::expired},     {"SUCCESS", payment_status::success},
        {"Cancelled", payment_status::cancelled}, {"Canceled", payment_status::cancelled},
        {"Refunded", payment_status::unknown},    {"", payment_status::unknown},
        {"Succes", payment_status::unknown},
    };
    for (const auto& [text, value] : statuses) {
        INFO(text);
        const auto w = parse(replaced(required_fields, "status", '"' + text + '"'));
        CHECK(w.status.value == value);
        CHECK(w.status == value);
        CHECK(w.status.text == text);
    }
    CHECK(portone::is_final(payment_status::success));
    CHECK_FALSE(portone::is_final(payment_status::failed)); // KOMOJU lets the shopper try again
    CHECK(portone::is_final(payment_status::expired));
    CHECK(portone::is_final(payment_status::cancelled));
    CHECK_FALSE(portone::is_final(payment_status::initiated));
    CHECK_FALSE(portone::is_final(payment_status::pending));
    CHECK_FALSE(portone::is_final(payment_status::unknown));
}

TEST_CASE("webhook: each status_code series")
{
    using portone::status_series;
    struct code {
        const char* text;
        std::optional<int> number;
        status_series series;
    };
    for (const code c : {code{"1000", 1000, status_series::pending},
                         code{"2000", 2000, status_series::success},
                         code{"4011", 4011, status_series::validation},
                         code{"4096", 4096, status_series::validation},
                         code{"5000", 5000, status_series::system},
                         code{"5024", 5024, status_series::system},
                         code{"6001", 6001, status_series::bank_or_card},
                         code{"7000", 7000, status_series::customer},
                         code{"8004", 8004, status_series::psp},
                         code{"3000", 3000, status_series::unknown},
                         code{"999", 999, status_series::unknown},
                         code{"12000", 12000, status_series::unknown},
                         code{"abc", std::nullopt, status_series::unknown},
                         code{"20 00", std::nullopt, status_series::unknown},
                         code{"", std::nullopt, status_series::unknown}}) {
        INFO(c.text);
        const auto w =
            parse(replaced(all_fields(), "status_code", '"' + std::string(c.text) + '"'));
        REQUIRE(w.status_code.has_value());
        CHECK(w.status_code->text == c.text);
        CHECK(w.status_code->number == c.number);
        CHECK(w.status_code->series == c.series);
    }
    // PortOne sends it as a string; a JSON number is the wrong type.
    const auto e = parse_error(replaced(all_fields(), "status_code", "2000"));
    CHECK(e.code == errc::wrong_type);
    CHECK(e.where == "/status_code");
}

TEST_CASE("webhook: method keys")
{
    for (const auto* t : k::all_traits) {
        const auto w =
            parse(replaced(required_fields, "method_key", '"' + std::string(t->key) + '"'));
        CHECK(w.method_key == t);
    }
    for (const char* unknown : {"KOMOJU_PAYPAL", "komoju_paypay", "", "PAYLETTER_CREDIT_CARD"}) {
        const auto e = parse_error(replaced(required_fields, "method_key",
                                            '"' + std::string(unknown) + '"'));
        CHECK(e.code == errc::unknown_method);
        CHECK(e.where == "/method_key");
    }
}

TEST_CASE("webhook: keys and stores are looked up in the catalog the reader is handed")
{
    // A second channel's catalog: one wallet and one konbini of its own. The reader is the same;
    // only the catalog differs.
    static constexpr portone::method_traits wallet{.channel = "TEST",
                                                   .currency = "JPY",
                                                   .key = "TEST_WALLET",
                                                   .kind = portone::method_kind::wallet};
    static constexpr portone::method_traits corner{.channel = "TEST",
                                                   .currency = "JPY",
                                                   .key = "TEST_KONBINI",
                                                   .kind = portone::method_kind::konbini,
                                                   .store = "corner-shop"};
    static constexpr std::array<const portone::method_traits*, 2> other_traits{&wallet, &corner};
    constexpr portone::method_catalog other{"TEST", "JP", other_traits};

    const auto read = [&](const fields& f) {
        return portone::parse_payment_webhook(body_of(f), other);
    };
    auto r = read(replaced(required_fields, "method_key", "\"TEST_WALLET\""));
    REQUIRE(r);
    CHECK(r->method_key == &wallet);
    r = read(required_fields); // KOMOJU_PAYPAY
    REQUIRE_FALSE(r);
    CHECK(r.error().where == "/method_key");
    CHECK(r.error().message == "\"KOMOJU_PAYPAY\" is not a TEST payment method key");
    // The konbini store, streamed into method_key's struct or read whole, is the other catalog's.
    for (const bool key_first : {true, false}) {
        fields f = key_first ? konbini_fields("corner-shop", "TEST_KONBINI")
                             : without(konbini_fields("corner-shop", "TEST_KONBINI"), "method_key");
        if (!key_first) f.emplace_back("method_key", "\"TEST_KONBINI\"");
        r = read(f);
        INFO(body_of(f));
        REQUIRE(r);
        REQUIRE(r->konbini() != nullptr);
        CHECK(r->konbini()->method == &corner);
    }
    r = read(konbini_fields("lawson", "TEST_KONBINI"));
    REQUIRE_FALSE(r);
    CHECK(r.error().where == "/additional_payment_details/store");
    CHECK(r.error().message == "\"lawson\" is not a TEST konbini store (corner-shop)");

    // json::read without a catalog cannot look a key up, and says so.
    const auto bare = portone::json::read<portone::payment_webhook>(body_of(required_fields));
    REQUIRE_FALSE(bare);
    CHECK(bare.error().code == errc::unknown_method);
    CHECK(bare.error().where == "/method_key");
    CHECK(bare.error().message.find("no method catalog") != std::string::npos);
}

TEST_CASE("webhook: amounts")
{
    for (const char* ok : {"5000", "5000.0", "5e3"}) {
        const auto w = parse(replaced(required_fields, "amount", ok));
        CHECK(w.amount == 5000_yen);
        // PortOne prints the amount without trailing zeros, so 5000.0 is signed as "5000".
        CHECK(portone::verify_payment_webhook(w, portone::signer(secret)).has_value());
    }
    struct bad {
        const char* value;
        errc code;
    };
    for (const bad b : {bad{"500.5", errc::invalid_value}, bad{"-1", errc::amount_not_positive},
                        bad{"0", errc::amount_not_positive}, bad{"1e30", errc::amount_too_large},
                        bad{"10000000", errc::amount_too_large}, bad{"\"500\"", errc::wrong_type},
                        bad{"null", errc::wrong_type}}) {
        const auto e = parse_error(replaced(required_fields, "amount", b.value));
        INFO(b.value << ": " << e.message);
        CHECK(e.code == b.code);
        CHECK(e.where == "/amount");
    }
}

TEST_CASE("webhook: not JSON, truncated, limits, UTF-8")
{
    for (const std::string& body : {std::string(""), std::string("payment_status=Success"),
                                   std::string("{\"amount\":5000,"), std::string("[]")}) {
        const auto r = portone::parse_payment_webhook(body, portone::komoju::methods);
        REQUIRE_FALSE(r.has_value());
        CHECK((r.error().code == errc::invalid_json || r.error().code == errc::wrong_type));
    }
    const std::string full = body_of(all_fields());
    for (std::size_t n = 0; n < full.size(); n += 7) {
        const auto r = portone::parse_payment_webhook(std::string_view(full).substr(0, n),
                                                      portone::komoju::methods);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::invalid_json);
    }
    // Size: the default limit is 64 KiB.
    auto e = parse_error(replaced(all_fields(), "description",
                                  '"' + std::string(64 * 1024, 'x') + '"'));
    CHECK(e.code == errc::limit_exceeded);
    portone::json::read_limits small;
    small.max_body_size = 100;
    e = parse_error(required_fields, small);
    CHECK(e.code == errc::limit_exceeded);
    // Depth.
    std::string deep = "1";
    for (int i = 0; i < 40; ++i) deep = "[" + deep + "]";
    e = parse_error(replaced(all_fields(), "additional_data", deep));
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where.rfind("/additional_data/0/0", 0) == 0);
    // Invalid UTF-8 in a signed field.
    e = parse_error(replaced(required_fields, "method_name", "\"Pay\xC3\x28Pay\""));
    CHECK(e.code == errc::invalid_json);
    CHECK(e.where == "/method_name");
}

TEST_CASE("webhook: a wrong type for each field")
{
    // A value of another JSON type for every field whose type is fixed (the raw_json fields accept
    // any value).
    for (const auto& [key, value] : all_fields()) {
        if (key == "additional_data" || key == "cross_border_data" || key == "installment_details")
            continue;
        const bool is_string = value.front() == '"';
        const bool is_bool = value == "true" || value == "false";
        for (const std::string& wrong :
             {std::string(is_string ? "42" : "\"42\""), std::string(is_bool ? "[]" : "true"),
              std::string("[\"x\"]")}) {
            INFO(key << " = " << wrong);
            const auto e = parse_error(replaced(all_fields(), key, wrong));
            CHECK(e.code == errc::wrong_type);
            CHECK(e.where == "/" + key);
        }
    }
}

TEST_CASE("webhook: each required field missing")
{
    for (const auto& [key, value] : required_fields) {
        INFO(key);
        const auto e = parse_error(without(all_fields(), key));
        CHECK(e.code == errc::missing_field);
        CHECK(e.where == "/" + key);
    }
    // And nothing else is required.
    for (const auto& [key, value] : all_fields()) {
        bool required = false;
        for (const auto& r : required_fields) required = required || r.first == key;
        if (!required)
            CHECK(portone::parse_payment_webhook(body_of(without(all_fields(), key)),
                                                 portone::komoju::methods)
                      .has_value());
    }
}

TEST_CASE("webhook: a repeated key is rejected, whichever it is")
{
    for (const auto& [key, value] : all_fields()) {
        fields f = all_fields();
        f.emplace_back(key, value);
        const auto e = parse_error(f);
        INFO(key);
        CHECK(e.code == errc::duplicate_key);
        CHECK(e.where == "/" + key);
    }
    fields f = required_fields;
    f.emplace_back("extra", "1");
    f.emplace_back("extra", "2");
    CHECK(parse_error(f).code == errc::duplicate_key);
}

TEST_CASE("webhook signature: the vector verifies")
{
    const portone::signer sign(secret);
    const auto w = parse(required_fields);
    CHECK(portone::verify_payment_webhook(w, sign).has_value());
    // The same fields in another order, and with other unsigned fields: still valid.
    fields f = all_fields();
    std::reverse(f.begin(), f.end());
    CHECK(portone::verify_payment_webhook(parse(f), sign).has_value());
    f = replaced(all_fields(), "description", "\"changed: not signed\"");
    CHECK(portone::verify_payment_webhook(parse(f), sign).has_value());
}

TEST_CASE("webhook signature: missing, empty, not Base64, wrong size, wrong key")
{
    const portone::signer sign(secret);
    // Missing: the webhook is not accepted at all.
    const auto missing = parse_error(without(required_fields, "signature_hash"));
    CHECK(missing.code == errc::missing_field);
    CHECK(missing.where == "/signature_hash");

    for (const char* bad : {"", "not base64!", "VUmIVSyEkuURjS7KDDfHK1etWIs+KX9kKHRR8FupQ/I",
                            "VUmIVSyEkuURjS7KDDfHK1etWIs-KX9kKHRR8FupQ_I=",
                            " VUmIVSyEkuURjS7KDDfHK1etWIs+KX9kKHRR8FupQ/I=", "AAAA",
                            "VUmIVSyEkuURjS7KDDfHK1etWIs+KX9kKHRR8FupQ/A=",
                            "vUmIVSyEkuURjS7KDDfHK1etWIs+KX9kKHRR8FupQ/I="}) {
        INFO(bad);
        const auto w =
            parse(replaced(required_fields, "signature_hash", '"' + std::string(bad) + '"'));
        const auto r = portone::verify_payment_webhook(w, sign);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::invalid_signature);
        CHECK(r.error().where == "/signature_hash");
    }
    auto w = parse(replaced(required_fields, "signature_hash", "\"\""));
    CHECK(portone::verify_payment_webhook(w, sign).error().message ==
          "/signature_hash is empty: the message is not signed");
    w = parse(replaced(required_fields, "signature_hash", "\"not base64!\""));
    CHECK(portone::verify_payment_webhook(w, sign).error().message ==
          "/signature_hash is not standard Base64 with padding: \"not base64!\"");
    w = parse(replaced(required_fields, "signature_hash", "\"AAAA\""));
    CHECK(portone::verify_payment_webhook(w, sign).error().message ==
          "/signature_hash is 3 bytes long, not the 32 bytes of an HMAC-SHA256");

    // Signed with another secret.
    const portone::signer other(portone::secret_key("ANOTHER_SECRET"));
    CHECK_FALSE(portone::verify_payment_webhook(parse(required_fields), other).has_value());
}

TEST_CASE("webhook signature: changing any of the nine signed fields breaks it")
{
    const portone::signer sign(secret);
    const fields tampered = {
        {"amount", "5001"},
        {"channel_key", "\"KOMOJU2\""},
        {"channel_order_ref", "\"abc124\""},
        {"country_code", "\"US\""},
        {"currency", "\"USD\""},
        {"merchant_order_ref", "\"ORDER-0002\""},
        {"method_name", "\"PayPay \""},
        {"order_ref", "\"2abcDEf\""},
        {"status", "\"Failed\""},
    };
    REQUIRE(tampered.size() == portone::webhook_signed_fields.size());
    for (std::size_t i = 0; i < tampered.size(); ++i) {
        const auto& [key, value] = tampered[i];
        CHECK(key == portone::webhook_signed_fields[i]);
        INFO(key);
        const auto w = parse(replaced(required_fields, key, value));
        const auto r = portone::verify_payment_webhook(w, sign);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::invalid_signature);
        CHECK(r.error().message.find("does not match") != std::string::npos);
    }
    // The case of the status is part of what is signed.
    const auto w = parse(replaced(required_fields, "status", "\"SUCCESS\""));
    CHECK(w.status == portone::payment_status::success);
    CHECK_FALSE(portone::verify_payment_webhook(w, sign).has_value());
}

TEST_CASE("webhook: checked against the merchant's order")
{
    const auto w = parse(required_fields);
    CHECK(portone::check_against_order(w, {"ORDER-0001", 5000_yen}).empty());
    CHECK(portone::check_against_order(w, {"ORDER-0001", 5000_yen, "JPY"}).empty());

    auto e = portone::check_against_order(w, {"ORDER-0002", 5000_yen});
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == errc::mismatch);
    CHECK(e[0].where == "/merchant_order_ref");
    CHECK(e[0].message == "the webhook is for order \"ORDER-0001\", not \"ORDER-0002\"");

    e = portone::check_against_order(w, {"ORDER-0001", 4999_yen});
    REQUIRE(e.size() == 1);
    CHECK(e[0].where == "/amount");
    CHECK(e[0].message == "the webhook reports 5000 yen, but the order is for 4999 yen");

    const auto usd = parse(replaced(required_fields, "currency", "\"USD\""));
    e = portone::check_against_order(usd, {"ORDER-0001", 5000_yen});
    REQUIRE(e.size() == 1);
    CHECK(e[0].where == "/currency");

    e = portone::check_against_order(usd, {"X", 1_yen});
    REQUIRE(e.size() == 3);
    CHECK(e.contains(errc::mismatch, "/merchant_order_ref"));
    CHECK(e.contains(errc::mismatch, "/amount"));
    CHECK(e.contains(errc::mismatch, "/currency"));
}

namespace {

portone::verified_payment_webhook receive(const fields& f)
{
    // As a webhook arrives: a view into the request buffer, not a NUL-terminated string.
    const std::string body = body_of(f);
    std::string buffer;
    auto r = portone::receive_payment_webhook(fixtures::in_response(buffer, body),
                                              portone::signer(secret), portone::komoju::methods);
    INFO(body << "\n" << (r ? "" : r.error().message));
    REQUIRE(r.has_value());
    for (const auto& w : r->warnings) fixtures::check_safe_message(w);
    return std::move(*r);
}

portone::error receive_error(const fields& f)
{
    const std::string body = body_of(f);
    std::string buffer;
    auto r = portone::receive_payment_webhook(fixtures::in_response(buffer, body),
                                              portone::signer(secret), portone::komoju::methods);
    INFO(body);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

/// The nine signed fields of `w`, as the vector has them.
void check_vector_fields(const portone::payment_webhook& w)
{
    CHECK(w.amount == 5000_yen);
    CHECK(w.channel_key == "KOMOJU");
    CHECK(w.channel_order_ref == "abc123");
    CHECK(w.country_code == "JP");
    CHECK(w.currency == "JPY");
    CHECK(w.merchant_order_ref == "ORDER-0001");
    CHECK(w.method_name == "PayPay");
    CHECK(w.order_ref == "2abcDEF");
    CHECK(w.status == portone::payment_status::success);
    CHECK(w.signature_hash == vector_signature);
    CHECK(portone::verify_payment_webhook(w, portone::signer(secret)).has_value());
}

} // namespace

TEST_CASE("receive: a webhook the strict reading accepts is the parsed webhook, no warnings")
{
    for (const fields& f : {required_fields, all_fields(),
                            konbini_fields("lawson", "KOMOJU_KONBINI_LAWSON")}) {
        const auto v = receive(f);
        CHECK(v.warnings.empty());
        const auto parsed = parse(f);
        CHECK(v.webhook.method_key == parsed.method_key);
        CHECK(v.webhook.additional_payment_details == parsed.additional_payment_details);
        CHECK(v.webhook.extra_fields == parsed.extra_fields);
        CHECK(v.webhook.buyer_name == parsed.buyer_name);
        check_vector_fields(v.webhook);
    }
}

TEST_CASE("receive: a verified webhook is never refused for a member outside the signature")
{
    // A merchant with several PortOne channels on one webhook URL: a method_key the KOMOJU
    // catalog does not know. The strict reading refuses it; the verified Success is kept.
    auto v = receive(replaced(required_fields, "method_key", "\"STRIPE_CARD\""));
    check_vector_fields(v.webhook);
    CHECK(v.webhook.method_key == nullptr);
    REQUIRE(v.warnings.size() == 1);
    CHECK(v.warnings[0].code == errc::unknown_method);
    CHECK(v.warnings[0].where == "/method_key");
    REQUIRE(v.webhook.extra_fields.find("method_key") != nullptr);
    CHECK(v.webhook.extra_fields.find("method_key")->text == "\"STRIPE_CARD\"");

    // A konbini store the catalog does not know, and one that is not method_key's store: the
    // details are set aside (kept as JSON), everything else is read.
    for (const auto& [store, method, code] :
         {std::tuple{"seven-twelve", "KOMOJU_KONBINI_711", errc::unknown_method},
          std::tuple{"lawson", "KOMOJU_KONBINI_FAMILY_MART", errc::mismatch},
          std::tuple{"lawson", "KOMOJU_PAYPAY", errc::mismatch}}) {
        INFO(store << " " << method);
        fields f = konbini_fields(store, method);
        f.emplace_back("buyer_name", "\"山田 太郎\"");
        v = receive(f);
        check_vector_fields(v.webhook);
        CHECK(v.webhook.buyer_name == "山田 太郎");
        CHECK(v.webhook.method_key != nullptr);
        CHECK_FALSE(v.webhook.additional_payment_details.has_value());
        REQUIRE(v.warnings.size() == 1);
        CHECK(v.warnings[0].code == code);
        CHECK(v.warnings[0].where == "/additional_payment_details/store");
        REQUIRE(v.webhook.extra_fields.find("additional_payment_details") != nullptr);
        CHECK(v.webhook.extra_fields.find("additional_payment_details")->text.find(store) !=
              std::string::npos);
    }

    // Several problems at once: each member is set aside with its own warning, in the order the
    // strict reading meets them; the members between them are read.
    fields f = all_fields();
    f = replaced(f, "method_key", "\"PAYPAL\"");
    f = replaced(f, "is_refund_allowed", "\"yes\"");
    f = replaced(f, "status_code", "2000");
    f = replaced(f, "cross_border_data", "{\"a\":1,\"b\":[1,{\"c\":null}]}");
    v = receive(f);
    check_vector_fields(v.webhook);
    REQUIRE(v.warnings.size() == 3);
    CHECK(v.warnings[0].where == "/method_key");
    CHECK(v.warnings[1].where == "/status_code");
    CHECK(v.warnings[1].code == errc::wrong_type);
    CHECK(v.warnings[2].where == "/is_refund_allowed");
    CHECK_FALSE(v.webhook.is_refund_allowed.has_value());
    CHECK_FALSE(v.webhook.status_code.has_value());
    CHECK(v.webhook.buyer_name == "山田 太郎");
    CHECK(v.webhook.receipt_url == "https://komoju.example/receipt/1");
    REQUIRE(v.webhook.cross_border_data.has_value());
    for (const char* key : {"method_key", "is_refund_allowed", "status_code"})
        CHECK(v.webhook.extra_fields.find(key) != nullptr);

    // A required member the body lacks (method_key, outside the signature): one warning, and
    // the rest of the body is still read.
    v = receive(fixtures::without(all_fields(), "method_key"));
    check_vector_fields(v.webhook);
    CHECK(v.webhook.method_key == nullptr);
    REQUIRE(v.warnings.size() == 1);
    CHECK(v.warnings[0].code == errc::missing_field);
    CHECK(v.warnings[0].where == "/method_key");
    CHECK(v.webhook.buyer_name == "山田 太郎");
    CHECK(v.webhook.receipt_url == "https://komoju.example/receipt/1");
    CHECK(v.webhook.status_code.has_value());
    CHECK(v.webhook.extra_fields.find("method_key") == nullptr);

    // Every optional member with a value of the wrong type, one at a time.
    for (const auto& [key, value] : all_fields()) {
        bool is_required = false;
        for (const auto& kv : required_fields) is_required = is_required || kv.first == key;
        if (is_required || key == "additional_data" || key == "cross_border_data" ||
            key == "installment_details")
            continue;
        INFO(key);
        v = receive(replaced(all_fields(), key, value.front() == '"' ? "42" : "\"42\""));
        check_vector_fields(v.webhook);
        REQUIRE(v.warnings.size() == 1);
        CHECK(v.warnings[0].where.starts_with("/" + key));
        REQUIRE(v.webhook.extra_fields.find(key) != nullptr);
    }
}

TEST_CASE("receive: a body whose signature does not verify yields nothing")
{
    const portone::signer sign(secret);
    // A signed field changed: whatever else the body says, it is refused, 401.
    for (const auto& [key, value] : required_fields) {
        if (key == "method_key" || key == "signature_hash") continue;
        const std::string other = key == "amount"   ? "5001"
                                  : key == "status" ? "\"Failed\""
                                                    : "\"x\"";
        INFO(key);
        const auto e = receive_error(replaced(replaced(required_fields, key, other), "method_key",
                                              "\"UNKNOWN\""));
        CHECK(e.code == errc::invalid_signature);
        CHECK(portone::webhook_response_status(e) == 401);
    }
    // Another secret.
    const auto body = body_of(required_fields);
    const auto r = portone::receive_payment_webhook(
        body, portone::signer(portone::secret_key("ANOTHER_SECRET")), portone::komoju::methods);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_signature);
    // A signed field or the signature missing, not JSON, a repeated key: 400.
    for (const auto& [key, value] : required_fields) {
        if (key == "method_key") continue;
        INFO(key);
        const auto e = receive_error(without(required_fields, key));
        CHECK(e.code == errc::missing_field);
        CHECK(portone::webhook_response_status(e) == 400);
    }
    fields twice = required_fields;
    twice.emplace_back("status", "\"Success\"");
    CHECK(receive_error(twice).code == errc::duplicate_key);
    const auto not_json = receive_error(replaced(required_fields, "amount", "0500"));
    CHECK(not_json.code == errc::invalid_json);
    CHECK(portone::webhook_response_status(not_json) == 400);
    CHECK(portone::webhook_response_status({errc::crypto_failure, "/signature_hash", "x"}) == 500);
}

TEST_CASE("receive: every method key and details object, strict or not, keeps the signed fields")
{
    // The verified fields never depend on what the rest holds; whenever the strict reading
    // accepts the body, receive gives exactly the parsed webhook.
    const std::vector<std::string> details = {
        "{}", R"({"type":"konbini","store":"lawson","receipt":"123"})",
        R"({"type":"konbini","store":"nowhere"})", R"({"type":"pay_easy","bank_id":"1"})",
        R"({"type":"bank_transfer","bank_name":"X"})", R"({"type":"other","x":[1]})",
        R"({"type":42})", R"({"store":"lawson"})", "null", "[]"};
    for (const auto* t : k::all_traits) {
        for (const std::string& d : details) {
            const fields f = replaced(required_fields_with("additional_payment_details", d),
                                      "method_key", '"' + std::string(t->key) + '"');
            INFO(t->key << " " << d);
            const auto v = receive(f);
            check_vector_fields(v.webhook);
            CHECK(v.webhook.method_key == t);
            const auto parsed =
                portone::parse_payment_webhook(body_of(f), portone::komoju::methods);
            CHECK(parsed.has_value() == v.warnings.empty());
            if (parsed)
                CHECK(v.webhook.additional_payment_details == parsed->additional_payment_details);
        }
    }
}
