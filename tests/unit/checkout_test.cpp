// SPDX-License-Identifier: BSL-1.0
// Hosted Checkout (POST /api/paymentLink): the request model, its compile-time method rules as
// constant expressions, its run-time value checks, and its JSON parsed back field by field.
// (That a rejected method really fails to compile, with one error naming it, is proven by the
// checkout.* cases of tests/compile_fail.)
#include "fixtures.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <set>
#include <string>
#include <vector>

namespace json = boost::json;
namespace k = portone::komoju;
using namespace portone::literals;
using portone::errc;

namespace {

const portone::portone_key key("PORTONE_KEY");

// payment_openapispec.yaml, /api/paymentLink, restated: the required properties, and the ones
// this library writes beyond those (chosen_payment_methods is documented in PortOne's payment-link
// API page, not in the schema).
const std::set<std::string> required = {"portone_key",   "merchant_order_id", "amount",
                                        "currency",      "signature_hash",    "country_code",
                                        "merchant_details", "success_url",    "failure_url",
                                        "source",        "environment"};
// The page's switches and the user-configured fields are in the schema too, except
// default_guest_checkout (in the Checkout Service parameter list, and in the schema of the link
// PortOne keeps, update-paylink).
const std::set<std::string> optional = {"description",      "pending_url",     "billing_details",
                                        "shipping_details", "order_details",   "expiry_date",
                                        "customer_details", "chosen_payment_methods",
                                        "show_shipping_details", "show_back_button",
                                        "default_guest_checkout", "is_checkout_embed",
                                        "notify_by_email", "notify_by_phone",
                                        "user_configured_field1", "user_configured_field2",
                                        "user_configured_field3", "user_configured_field4",
                                        "user_configured_field5"};
const std::vector<std::string> flag_names = {"show_shipping_details", "show_back_button",
                                             "default_guest_checkout", "is_checkout_embed",
                                             "notify_by_email", "notify_by_phone"};

portone::checkout_details basic()
{
    return {.merchant_order_id = "ORDER-0001",
            .amount = 5000_yen,
            .description = "Green tea",
            .success_url = "https://shop.example/paid",
            .failure_url = "https://shop.example/failed",
            .merchant_details = {.name = "Tea Shop"}};
}

/// basic() with every optional field set, and text that needs escaping.
portone::checkout_details every_field()
{
    auto d = basic();
    d.amount = 7600_yen;
    d.description = "Tea \"matcha\" \\ 抹茶";
    d.pending_url = "https://shop.example/pending";
    d.merchant_details = {.name = "お茶屋",
                          .logo = "https://shop.example/logo.png",
                          .back_url = "https://shop.example/",
                          .promo_code = "TEA10",
                          .promo_discount = 500,
                          .shipping_charges = 600};
    d.customer_details = portone::customer_details{
        .name = "山田太郎", .email_address = "taro@example.jp", .phone_number = "090-1234-5678"};
    d.billing_details = portone::billing_details{.billing_name = "太郎",
                                                 .billing_surname = "山田",
                                                 .billing_address = fixtures::tokyo_address()};
    d.shipping_details = portone::shipping_details{.shipping_name = "花子",
                                                   .shipping_address = fixtures::tokyo_address()};
    d.order_details = {{.id = "t1", .name = "Sencha", .price = 2500_yen, .quantity = 3}};
    // 2025-03-31T14:30:05Z
    d.expiry_date = std::chrono::sys_days{std::chrono::year{2025} / 3 / 31} +
                    std::chrono::hours{14} + std::chrono::minutes{30} + std::chrono::seconds{5};
    return d;
}

/// basic(), for an iframe, with one user-configured field.
portone::checkout_details embedded()
{
    auto d = basic();
    d.is_checkout_embed = true;
    d.user_configured_field2 = "u2";
    return d;
}

template <class Request>
json::object to_json(const Request& r, std::string_view signature = "c2lnbmF0dXJl")
{
    std::string out;
    portone::json::write_checkout(out, r, key, signature);
    const auto body = json::parse(out).as_object();
    for (const auto& name : required) {
        INFO("required " << name);
        CHECK(body.contains(name));
    }
    for (const auto& [name, value] : body) {
        INFO("property " << name);
        CHECK((required.count(std::string(name)) + optional.count(std::string(name))) == 1);
        CHECK(!value.is_null()); // absent fields are omitted
    }
    return body;
}

/// [(payment_channel, payment_method)] of a body.
std::vector<std::pair<std::string, std::string>> chosen(const json::object& body)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& m : body.at("chosen_payment_methods").as_array()) {
        const auto& o = m.as_object();
        CHECK(o.size() == 2);
        out.emplace_back(o.at("payment_channel").as_string(), o.at("payment_method").as_string());
    }
    return out;
}

} // namespace

TEST_CASE("checkout: the methods' rules as constant expressions", "[checkout]")
{
    using portone::environment;
    using portone::detail::first_checkout_violation;
    using checkout_rules = portone::detail::checkout_rules;
    namespace rule = portone::rule;
    constexpr auto fine = first_checkout_violation({&k::paypay::traits, &k::konbini_lawson::traits},
                                                   environment::sandbox);
    STATIC_REQUIRE(fine.rule == checkout_rules::size);
    // R7: WebMoney, wherever it is in the list, and before its missing sandbox.
    constexpr auto web_money = first_checkout_violation(
        {&k::paypay::traits, &k::merpay::traits, &k::web_money::traits}, environment::sandbox);
    STATIC_REQUIRE(web_money.rule == checkout_rules::index_of<rule::checkout_not_available>);
    STATIC_REQUIRE(web_money.index == 2);
    // R6: only in the sandbox.
    constexpr auto card = first_checkout_violation({&k::paypay::traits, &k::credit_card::traits},
                                                   environment::sandbox);
    STATIC_REQUIRE(card.rule == checkout_rules::index_of<rule::sandbox_not_available>);
    STATIC_REQUIRE(card.index == 1);
    STATIC_REQUIRE(
        first_checkout_violation({&k::credit_card::traits, &k::paidy::traits}, environment::live)
            .rule == checkout_rules::size);
    // The first offender is the one reported.
    STATIC_REQUIRE(first_checkout_violation({&k::paidy::traits, &k::credit_card::traits},
                                            environment::sandbox)
                       .index == 0);
    // R8, for a method whose channel's currency is not yen.
    static constexpr portone::method_traits in_dollars{.channel = "TEST", .currency = "USD",
                                                       .key = "TEST_WALLET", .sandbox = true};
    STATIC_REQUIRE(
        first_checkout_violation({&k::paypay::traits, &in_dollars}, environment::live).rule ==
        checkout_rules::index_of<rule::currency_not_accepted<portone::currency::jpy>>);
}

TEST_CASE("checkout: a minimal request, field by field", "[checkout][json]")
{
    const auto link = portone::checkout<k::paypay, k::konbini_lawson>(portone::sandbox, basic());
    REQUIRE(link.has_value());
    STATIC_REQUIRE(std::decay_t<decltype(*link)>::environment() == portone::environment::sandbox);
    STATIC_REQUIRE(std::decay_t<decltype(*link)>::methods.size() == 2);
    CHECK(link->methods[0]->key == "KOMOJU_PAYPAY");
    CHECK(link->methods[1]->key == "KOMOJU_KONBINI_LAWSON");
    CHECK(link->amount() == 5000_yen);

    const auto body = to_json(*link);
    CHECK(body.at("portone_key") == "PORTONE_KEY");
    CHECK(body.at("merchant_order_id") == "ORDER-0001");
    REQUIRE(body.at("amount").is_int64());
    CHECK(body.at("amount").as_int64() == 5000);
    CHECK(body.at("currency") == "JPY");
    CHECK(body.at("country_code") == "JP");
    CHECK(body.at("environment") == "sandbox");
    CHECK(body.at("source") == "api");
    CHECK(body.at("description") == "Green tea");
    CHECK(body.at("success_url") == "https://shop.example/paid");
    CHECK(body.at("failure_url") == "https://shop.example/failed");
    CHECK(body.at("signature_hash") == "c2lnbmF0dXJl");
    const auto& merchant = body.at("merchant_details").as_object();
    CHECK(merchant.size() == 3); // name and the two required numbers; no empty optionals
    CHECK(merchant.at("name") == "Tea Shop");
    CHECK(merchant.at("promo_discount").as_int64() == 0);
    CHECK(merchant.at("shipping_charges").as_int64() == 0);
    CHECK(chosen(body) == std::vector<std::pair<std::string, std::string>>{
                              {"KOMOJU", "KOMOJU_PAYPAY"}, {"KOMOJU", "KOMOJU_KONBINI_LAWSON"}});
    for (const char* absent : {"pending_url", "customer_details", "billing_details",
                               "shipping_details", "order_details", "expiry_date",
                               "user_configured_field1", "user_configured_field5"}) {
        INFO(absent);
        CHECK(!body.contains(absent));
    }
    for (const auto& flag : flag_names) {
        INFO(flag);
        CHECK(!body.contains(flag));
    }
}

TEST_CASE("checkout: the page's switches and the user-configured fields", "[checkout][json]")
{
    auto d = basic();
    d.show_shipping_details = true;
    d.show_back_button = false;
    d.default_guest_checkout = true;
    d.is_checkout_embed = false;
    d.notify_by_email = true;
    d.notify_by_phone = false;
    d.user_configured_field1 = "campaign-7";
    d.user_configured_field3 = "メモ \"x\"";
    d.user_configured_field5 = "last";
    const auto link = portone::checkout<k::paypay>(portone::sandbox, d);
    REQUIRE(link.has_value());
    CHECK(link->details() == d);
    const auto body = to_json(*link);
    const std::vector<std::pair<std::string, bool>> expected = {
        {"show_shipping_details", true}, {"show_back_button", false},
        {"default_guest_checkout", true}, {"is_checkout_embed", false},
        {"notify_by_email", true},        {"notify_by_phone", false}};
    for (const auto& [flag, value] : expected) {
        INFO(flag);
        REQUIRE(body.at(flag).is_bool()); // a JSON boolean, not 0 or 1
        CHECK(body.at(flag).as_bool() == value);
    }
    CHECK(body.at("user_configured_field1") == "campaign-7");
    CHECK(!body.contains("user_configured_field2"));
    CHECK(body.at("user_configured_field3") == "メモ \"x\"");
    CHECK(!body.contains("user_configured_field4"));
    CHECK(body.at("user_configured_field5") == "last");

    // Only some set: the others are omitted.
    auto some = basic();
    some.is_checkout_embed = true;
    const auto embedded = portone::checkout<k::paypay>(portone::sandbox, some);
    REQUIRE(embedded.has_value());
    const auto embedded_body = to_json(*embedded);
    CHECK(embedded_body.at("is_checkout_embed").as_bool());
    for (const auto& flag : flag_names) {
        INFO(flag);
        CHECK(embedded_body.contains(flag) == (flag == "is_checkout_embed"));
    }

    // A user-configured field is free text, checked as initiatePayment checks it.
    auto bad = basic();
    bad.user_configured_field2 = "line\nbreak";
    bad.user_configured_field4 = " ";
    const auto rejected = portone::checkout<k::paypay>(portone::sandbox, bad);
    REQUIRE(rejected.has_error());
    CHECK(rejected.error().contains(errc::invalid_value, "user_configured_field2"));
    CHECK(rejected.error().contains(errc::invalid_value, "user_configured_field4"));
    CHECK(rejected.error().size() == 2);
    // ...and survives the checks (they borrow it).
    auto fine = basic();
    fine.user_configured_field2 = "kept";
    fine.billing_details = portone::billing_details{.billing_name = "太郎"};
    const auto kept = portone::checkout<k::paypay>(portone::sandbox, fine);
    REQUIRE(kept.has_value());
    CHECK(kept->details() == fine);
}

TEST_CASE("checkout: the web SDK payload", "[checkout][json][sdk]")
{
    auto d = every_field();
    d.show_back_button = false;
    d.user_configured_field1 = "campaign-7";
    const auto link = portone::checkout<k::credit_card>(portone::live, d);
    REQUIRE(link.has_value());

    std::string out;
    portone::json::write_checkout_sdk_payload(out, *link, "c2ln");
    const auto sdk = json::parse(out).as_object();
    CHECK(!sdk.contains("portone_key")); // the SDK takes the key (and the JWT) in its constructor
    CHECK(!sdk.contains("jwt"));
    CHECK(sdk.at("source") == "checkout");
    CHECK(sdk.at("signature_hash") == "c2ln");
    CHECK(!sdk.contains("override_auto_redirect"));
    for (const auto& [name, value] : sdk) {
        INFO(name);
        CHECK(!value.is_null());
    }

    // Everything else is the paymentLink body's, value for value.
    auto body = to_json(*link, "c2ln");
    CHECK(body.erase("portone_key") == 1);
    CHECK(body.at("source") == "api");
    body["source"] = "checkout";
    CHECK(sdk == body);
    CHECK(sdk.at("show_back_button").as_bool() == false);
    CHECK(sdk.at("user_configured_field1") == "campaign-7");
    CHECK(sdk.at("expiry_date") == "2025-03-31T14:30:05.000Z");
    CHECK(chosen(sdk) == std::vector<std::pair<std::string, std::string>>{
                             {"KOMOJU", "KOMOJU_CREDIT_CARD"}});

    // override_auto_redirect, the SDK's own option: PortOne's iframe set-up.
    for (const bool redirect : {false, true}) {
        std::string embedded;
        portone::json::write_checkout_sdk_payload(embedded, *link, "c2ln",
                                                  {.override_auto_redirect = redirect});
        const auto o = json::parse(embedded).as_object();
        REQUIRE(o.at("override_auto_redirect").is_bool());
        CHECK(o.at("override_auto_redirect").as_bool() == redirect);
        CHECK(o.size() == sdk.size() + 1);
    }
}

TEST_CASE("checkout: the web SDK payload, byte for byte", "[checkout][json][sdk]")
{
    const auto link = portone::checkout<k::paypay>(portone::sandbox, embedded());
    REQUIRE(link.has_value());
    std::string out = "x";
    const auto view = portone::json::write_checkout_sdk_payload(
        out, *link, "c2ln", {.override_auto_redirect = false});
    CHECK(view.data() == out.data() + 1);
    CHECK(out ==
          R"(x{"currency":"JPY","country_code":"JP","environment":"sandbox",)"
          R"("source":"checkout","merchant_order_id":"ORDER-0001","amount":5000,)"
          R"("description":"Green tea","success_url":"https://shop.example/paid",)"
          R"("failure_url":"https://shop.example/failed",)"
          R"("merchant_details":{"name":"Tea Shop","promo_discount":0,"shipping_charges":0},)"
          R"("is_checkout_embed":true,"user_configured_field2":"u2",)"
          R"("override_auto_redirect":false,"chosen_payment_methods":[{"payment_channel":"KOMOJU",)"
          R"("payment_method":"KOMOJU_PAYPAY"}],"signature_hash":"c2ln"})");
}

TEST_CASE("checkout: every optional field, escaped", "[checkout][json]")
{
    const auto d = every_field();
    const auto link = portone::checkout<k::credit_card>(portone::live, d);
    REQUIRE(link.has_value());
    CHECK(link->details() == d);
    const auto body = to_json(*link, "sig/+=");
    CHECK(body.at("environment") == "live");
    CHECK(body.at("amount").as_int64() == 7600);
    CHECK(body.at("description") == "Tea \"matcha\" \\ 抹茶");
    CHECK(body.at("pending_url") == "https://shop.example/pending");
    CHECK(body.at("signature_hash") == "sig/+=");
    CHECK(body.at("expiry_date") == "2025-03-31T14:30:05.000Z");

    const auto& m = body.at("merchant_details").as_object();
    CHECK(m.at("name") == "お茶屋");
    CHECK(m.at("logo") == "https://shop.example/logo.png");
    CHECK(m.at("back_url") == "https://shop.example/");
    CHECK(m.at("promo_code") == "TEA10");
    CHECK(m.at("promo_discount").as_int64() == 500);
    CHECK(m.at("shipping_charges").as_int64() == 600);

    const auto& c = body.at("customer_details").as_object();
    CHECK(c.size() == 3);
    CHECK(c.at("name") == "山田太郎");
    CHECK(c.at("email_address") == "taro@example.jp");
    CHECK(c.at("phone_number") == "090-1234-5678");

    const auto& b = body.at("billing_details").as_object();
    CHECK(b.at("billing_name") == "太郎");
    CHECK(b.at("billing_surname") == "山田");
    CHECK(b.at("billing_address").at("postal_code") == "100-0001");
    CHECK(!b.contains("billing_email"));
    CHECK(body.at("shipping_details").at("shipping_name") == "花子");

    const auto& items = body.at("order_details").as_array();
    REQUIRE(items.size() == 1);
    CHECK(items[0].at("id") == "t1");
    CHECK(items[0].at("price").as_int64() == 2500);
    CHECK(items[0].at("quantity").as_int64() == 3);

    CHECK(chosen(body) == std::vector<std::pair<std::string, std::string>>{
                              {"KOMOJU", "KOMOJU_CREDIT_CARD"}});
}

TEST_CASE("checkout: the body, byte for byte", "[checkout][json]")
{
    // Pinned as the first version of the writer wrote them, key order included.
    const portone::portone_key portone_key("PORTONE_KEY");
    const auto minimal =
        portone::checkout<k::paypay, k::konbini_lawson>(portone::sandbox, basic());
    REQUIRE(minimal.has_value());
    std::string out;
    portone::json::write_checkout(out, *minimal, portone_key, "c2ln");
    CHECK(out ==
          R"({"portone_key":"PORTONE_KEY","currency":"JPY","country_code":"JP",)"
          R"("environment":"sandbox","source":"api","merchant_order_id":"ORDER-0001",)"
          R"("amount":5000,"description":"Green tea",)"
          R"("success_url":"https://shop.example/paid",)"
          R"("failure_url":"https://shop.example/failed",)"
          R"("merchant_details":{"name":"Tea Shop","promo_discount":0,)"
          R"("shipping_charges":0},"chosen_payment_methods":[{"payment_channel":"KOMOJU",)"
          R"("payment_method":"KOMOJU_PAYPAY"},{"payment_channel":"KOMOJU",)"
          R"("payment_method":"KOMOJU_KONBINI_LAWSON"}],"signature_hash":"c2ln"})");

    const auto full = portone::checkout<k::credit_card>(portone::live, every_field());
    REQUIRE(full.has_value());
    // A new string, not `out = "x"`: g++ 12 warns about that assignment at -O3 (-Wrestrict, a
    // false positive in libstdc++'s _M_replace).
    std::string prefixed = "x";
    const auto view = portone::json::write_checkout(prefixed, *full, portone_key, "sig/+=");
    CHECK(view.data() == prefixed.data() + 1);
    CHECK(prefixed ==
          R"(x{"portone_key":"PORTONE_KEY","currency":"JPY","country_code":"JP",)"
          R"("environment":"live","source":"api","merchant_order_id":"ORDER-0001",)"
          R"("amount":7600,"description":"Tea \"matcha\" \\ 抹茶",)"
          R"("success_url":"https://shop.example/paid",)"
          R"("failure_url":"https://shop.example/failed",)"
          R"("pending_url":"https://shop.example/pending",)"
          R"("merchant_details":{"name":"お茶屋","logo":"https://shop.example/logo.png",)"
          R"("back_url":"https://shop.example/","promo_code":"TEA10",)"
          R"("promo_discount":500,"shipping_charges":600},)"
          R"("customer_details":{"name":"山田太郎","email_address":"taro@example.jp",)"
          R"("phone_number":"090-1234-5678"},"billing_details":{"billing_name":"太郎",)"
          R"("billing_surname":"山田","billing_address":{"city":"千代田区","country_code":"JP",)"
          R"("line_1":"千代田1-1","postal_code":"100-0001","state":"東京都"}},)"
          R"("shipping_details":{"shipping_name":"花子","shipping_address":{"city":"千代田区",)"
          R"("country_code":"JP","line_1":"千代田1-1","postal_code":"100-0001",)"
          R"("state":"東京都"}},"order_details":[{"id":"t1","name":"Sencha","price":2500,)"
          R"("quantity":3}],"expiry_date":"2025-03-31T14:30:05.000Z",)"
          R"("chosen_payment_methods":[{"payment_channel":"KOMOJU",)"
          R"("payment_method":"KOMOJU_CREDIT_CARD"}],"signature_hash":"sig/+="})");
}

TEST_CASE("checkout: every method Checkout offers, in each environment it has", "[checkout]")
{
    int live = 0, sandbox = 0;
    k::for_each_method([&](auto m) {
        using M = decltype(m);
        if constexpr (portone::in_checkout_v<M>) {
            INFO(M::traits.key);
            const auto l = portone::checkout<M>(portone::live, basic());
            REQUIRE(l.has_value());
            CHECK(chosen(to_json(*l)) ==
                  std::vector<std::pair<std::string, std::string>>{
                      {"KOMOJU", std::string(M::traits.key)}});
            ++live;
            if constexpr (portone::has_sandbox_v<M>) {
                const auto s = portone::checkout<M>(portone::sandbox, basic());
                REQUIRE(s.has_value());
                CHECK(to_json(*s).at("environment") == "sandbox");
                ++sandbox;
            }
        }
    });
    CHECK(live == 16);    // all but WebMoney
    CHECK(sandbox == 14); // and without credit card and Paidy
}

TEST_CASE("checkout: malformed values are reported, all at once", "[checkout][validation]")
{
    auto d = basic();
    d.merchant_order_id = "ORDER 0001";
    d.success_url = "not a url";
    d.merchant_details = {.name = " ", .logo = "ftp://x.example/logo", .promo_discount = -1};
    d.customer_details = portone::customer_details{.email_address = "taro@", .phone_number = "12"};
    d.billing_details = portone::billing_details{.billing_email = "nope"};
    d.expiry_date = std::chrono::sys_days{std::chrono::year{1969} / 12 / 31};
    const auto link = portone::checkout<k::paypay>(portone::live, d);
    REQUIRE(link.has_error());
    const auto& e = link.error();
    CHECK(e.contains(errc::invalid_value, "merchant_order_id"));
    CHECK(e.contains(errc::invalid_value, "success_url"));
    CHECK(e.contains(errc::invalid_value, "merchant_details.name"));
    CHECK(e.contains(errc::invalid_value, "merchant_details.logo"));
    CHECK(e.contains(errc::invalid_value, "merchant_details.promo_discount"));
    CHECK(e.contains(errc::invalid_value, "customer_details.email_address"));
    CHECK(e.contains(errc::invalid_value, "customer_details.phone_number"));
    CHECK(e.contains(errc::invalid_value, "billing_details.billing_email"));
    CHECK(e.contains(errc::invalid_value, "expiry_date"));
    CHECK(e.size() == 9);

    // Far-off instants whose 16-bit year_month_day year wraps back into 1970-9999 (year ~67506
    // reads as 1970, 9300000315532800 s as 5825): refused all the same, and never multiplied
    // into milliseconds (which would overflow).
    for (const std::chrono::sys_seconds far :
         {std::chrono::sys_seconds{std::chrono::seconds{2'068'119'590'400}},
          std::chrono::sys_seconds{std::chrono::seconds{9'300'000'315'532'800}},
          std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year{10000} / 1 / 1}}}) {
        auto later = basic();
        later.expiry_date = far;
        const auto refused = portone::checkout<k::paypay>(portone::live, later);
        REQUIRE(refused.has_error());
        CHECK(refused.error().contains(errc::invalid_value, "expiry_date"));
    }
    auto last = basic();
    last.expiry_date = std::chrono::sys_days{std::chrono::year{10000} / 1 / 1} - std::chrono::seconds{1};
    CHECK(portone::checkout<k::paypay>(portone::live, last).has_value());

    auto blank = basic();
    blank.merchant_order_id.clear();
    blank.description.clear();
    blank.merchant_details.name.clear();
    const auto empty = portone::checkout<k::paypay>(portone::live, blank);
    REQUIRE(empty.has_error());
    CHECK(empty.error().contains(errc::invalid_value, "merchant_order_id"));
    CHECK(empty.error().contains(errc::invalid_value, "description"));
    CHECK(empty.error().contains(errc::invalid_value, "merchant_details.name"));
}

TEST_CASE("checkout: items add up with shipping and discount", "[checkout][validation]")
{
    auto d = basic(); // 5000 yen
    d.order_details = {{.id = "a", .name = "Tea", .price = 1500_yen, .quantity = 3}};
    d.merchant_details.shipping_charges = 800;
    d.merchant_details.promo_discount = 300;
    CHECK(portone::checkout<k::paypay>(portone::live, d).has_value()); // 4500 + 800 - 300

    d.merchant_details.promo_discount = 0;
    const auto off = portone::checkout<k::paypay>(portone::live, d);
    REQUIRE(off.has_error());
    CHECK(off.error().contains(errc::amount_mismatch, "order_details"));
    CHECK(off.error()[0].message ==
          "order items plus shipping minus discount add up to 5300 JPY but the amount is 5000 JPY");

    // A malformed item is reported as such, without a total computed from it.
    d.order_details[0].quantity = 0;
    const auto bad_item = portone::checkout<k::paypay>(portone::live, d);
    REQUIRE(bad_item.has_error());
    CHECK(bad_item.error().contains(errc::invalid_value, "order_details[0].quantity"));
    CHECK(!bad_item.error().contains(errc::amount_mismatch, "order_details"));
    CHECK(bad_item.error().size() == 1);

    // The details survive the checks (they are borrowed, not consumed).
    d.order_details[0].quantity = 3;
    d.merchant_details.promo_discount = 300;
    d.billing_details = portone::billing_details{.billing_name = "太郎"};
    const auto ok = portone::checkout<k::paypay>(portone::live, d);
    REQUIRE(ok.has_value());
    CHECK(ok->details() == d);
}
