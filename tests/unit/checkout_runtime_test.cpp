// SPDX-License-Identifier: BSL-1.0
// Hosted Checkout with the offered methods chosen at run time: the same rules as the compile-time
// checkout<Ms...>() (R7, R6, R8), in the same words, all problems at once.
#include "fixtures.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

using namespace portone::literals;
namespace komoju = portone::komoju;

namespace {

bool has(const portone::errors& es, portone::errc code, std::string_view where,
         std::string_view message)
{
    for (const auto& e : es)
        if (e.code == code && e.where == where && e.message == message) return true;
    return false;
}

} // namespace

TEST_CASE("run-time Checkout accepts KOMOJU keys and keeps their order", "[checkout]")
{
    constexpr std::array<std::string_view, 3> keys{"KOMOJU_PAYPAY", "KOMOJU_KONBINI_LAWSON",
                                                   "KOMOJU_PAIDY"};
    auto link = portone::checkout(portone::environment::live, keys, fixtures::tea_checkout(),
                                  portone::komoju::methods);
    REQUIRE(link);
    REQUIRE(link->methods().size() == 3);
    CHECK(link->methods()[0] == &komoju::paypay::traits);
    CHECK(link->methods()[1] == &komoju::konbini_lawson::traits);
    CHECK(link->methods()[2] == &komoju::paidy::traits);
    CHECK(link->environment() == portone::environment::live);
    CHECK(link->amount() == 5000_yen);
    CHECK(link->details().merchant_details.name == "Tea Shop");
}

TEST_CASE("run-time Checkout words R7 and R6 as the compiler does", "[checkout]")
{
    constexpr std::array<std::string_view, 3> keys{"KOMOJU_WEB_MONEY", "KOMOJU_CREDIT_CARD",
                                                   "KOMOJU_PAYPAY"};
    auto link = portone::checkout(portone::environment::sandbox, keys, fixtures::tea_checkout(),
                                  portone::komoju::methods);
    REQUIRE_FALSE(link);
    const auto& es = link.error();
    CHECK(has(es, portone::errc::not_available_in_checkout, "chosen_payment_methods[0]",
              "KOMOJU_WEB_MONEY cannot be offered through PortOne's hosted Checkout"));
    CHECK(has(es, portone::errc::not_available_in_sandbox, "chosen_payment_methods[0]",
              "KOMOJU_WEB_MONEY is not available in the sandbox environment"));
    CHECK(has(es, portone::errc::not_available_in_sandbox, "chosen_payment_methods[1]",
              "KOMOJU_CREDIT_CARD is not available in the sandbox environment"));
    CHECK(es.size() == 3); // PayPay is fine
}

TEST_CASE("run-time Checkout: unknown, repeated and missing methods", "[checkout]")
{
    SECTION("an unknown key names the key and its position")
    {
        constexpr std::array<std::string_view, 2> keys{"KOMOJU_PAYPAY", "KOMOJU_BITCOIN"};
        auto link = portone::checkout(portone::environment::live, keys, fixtures::tea_checkout(),
                                      portone::komoju::methods);
        REQUIRE_FALSE(link);
        CHECK(has(link.error(), portone::errc::unknown_method, "chosen_payment_methods[1]",
                  "\"KOMOJU_BITCOIN\" is not a KOMOJU payment method key"));
    }
    SECTION("a key given twice")
    {
        constexpr std::array<std::string_view, 2> keys{"KOMOJU_PAYPAY", "KOMOJU_PAYPAY"};
        auto link = portone::checkout(portone::environment::live, keys, fixtures::tea_checkout(),
                                      portone::komoju::methods);
        REQUIRE_FALSE(link);
        CHECK(has(link.error(), portone::errc::invalid_value, "chosen_payment_methods[1]",
                  "KOMOJU_PAYPAY is offered more than once"));
    }
    SECTION("no method at all")
    {
        auto link = portone::checkout(portone::environment::live, {}, fixtures::tea_checkout(),
                                      portone::komoju::methods);
        REQUIRE_FALSE(link);
        CHECK(link.error().contains(portone::errc::missing_field, "chosen_payment_methods"));
    }
}

TEST_CASE("run-time Checkout reports method and value problems together", "[checkout]")
{
    constexpr std::array<std::string_view, 1> keys{"KOMOJU_WEB_MONEY"};
    auto order = fixtures::tea_checkout();
    order.success_url = "ftp://shop.example/paid";
    order.merchant_details.name.clear();
    auto link =
        portone::checkout(portone::environment::live, keys, order, portone::komoju::methods);
    REQUIRE_FALSE(link);
    const auto& es = link.error();
    CHECK(es.contains(portone::errc::not_available_in_checkout, "chosen_payment_methods[0]"));
    CHECK(es.contains(portone::errc::invalid_value, "success_url"));
    CHECK(has(es, portone::errc::invalid_value, "merchant_details.name",
              "merchant name must not be empty"));
    CHECK(es.size() == 3);
}

TEST_CASE("run-time Checkout writes the same body and signature as the typed one", "[checkout]")
{
    constexpr std::array<std::string_view, 2> keys{"KOMOJU_PAYPAY", "KOMOJU_KONBINI_LAWSON"};
    auto dynamic = portone::checkout(portone::environment::sandbox, keys, fixtures::tea_checkout(),
                                     portone::komoju::methods);
    auto typed = portone::checkout<komoju::paypay, komoju::konbini_lawson>(
        portone::sandbox, fixtures::tea_checkout());
    REQUIRE(dynamic);
    REQUIRE(typed);
    CHECK(dynamic->country_code() == "JP");

    std::string from_dynamic;
    std::string from_typed;
    portone::json::write_checkout(from_dynamic, *dynamic, fixtures::key, "sig");
    portone::json::write_checkout(from_typed, *typed, fixtures::key, "sig");
    CHECK(from_dynamic == from_typed);

    const portone::signer sign(portone::secret_key("checkout-test-secret"));
    CHECK(portone::api::checkout_signature(*dynamic, fixtures::key, sign) ==
          portone::api::checkout_signature(*typed, fixtures::key, sign));

    const portone::bearer_token token("token");
    auto call = portone::api::create_payment_link(*dynamic, fixtures::key, token, sign);
    auto typed_call = portone::api::create_payment_link(*typed, fixtures::key, token, sign);
    REQUIRE(call.has_value());
    REQUIRE(typed_call.has_value());
    CHECK(call->target == "/api/paymentLink");
    CHECK(call->body == typed_call->body);
}

TEST_CASE("run-time Checkout: switches, custom fields and the SDK payload as the typed one",
          "[checkout][sdk]")
{
    auto order = fixtures::tea_checkout();
    order.show_shipping_details = false;
    order.default_guest_checkout = true;
    order.notify_by_phone = true;
    order.user_configured_field4 = "shop-12";
    constexpr std::array<std::string_view, 2> keys{"KOMOJU_PAYPAY", "KOMOJU_KONBINI_LAWSON"};
    auto dynamic =
        portone::checkout(portone::environment::sandbox, keys, order, portone::komoju::methods);
    auto typed = portone::checkout<komoju::paypay, komoju::konbini_lawson>(portone::sandbox, order);
    REQUIRE(dynamic);
    REQUIRE(typed);

    std::string from_dynamic;
    std::string from_typed;
    portone::json::write_checkout(from_dynamic, *dynamic, fixtures::key, "sig");
    portone::json::write_checkout(from_typed, *typed, fixtures::key, "sig");
    CHECK(from_dynamic == from_typed);
    const auto body = boost::json::parse(from_dynamic).as_object();
    CHECK(body.at("show_shipping_details") == false);
    CHECK(body.at("default_guest_checkout") == true);
    CHECK(body.at("notify_by_phone") == true);
    CHECK(!body.contains("show_back_button"));
    CHECK(!body.contains("is_checkout_embed"));
    CHECK(!body.contains("notify_by_email"));
    CHECK(body.at("user_configured_field4") == "shop-12");
    CHECK(!body.contains("user_configured_field1"));

    const portone::json::checkout_sdk_options embed{.override_auto_redirect = false};
    std::string sdk_dynamic;
    std::string sdk_typed;
    portone::json::write_checkout_sdk_payload(sdk_dynamic, *dynamic, "sig", embed);
    portone::json::write_checkout_sdk_payload(sdk_typed, *typed, "sig", embed);
    CHECK(sdk_dynamic == sdk_typed);
    const auto sdk = boost::json::parse(sdk_dynamic).as_object();
    CHECK(!sdk.contains("portone_key"));
    CHECK(sdk.at("source") == "checkout");
    CHECK(sdk.at("override_auto_redirect") == false);
    CHECK(sdk.at("chosen_payment_methods").as_array().size() == 2);
    CHECK(sdk.at("notify_by_phone") == true);
    CHECK(sdk.at("user_configured_field4") == "shop-12");
}

TEST_CASE("run-time Checkout: every Checkout method at once fits the writer's list",
          "[checkout]")
{
    // All that the live environment offers (16 of the 17), in catalog order, reversed.
    std::vector<std::string_view> keys;
    for (const portone::method_traits* t : komoju::all_traits)
        if (t->checkout) keys.insert(keys.begin(), t->key);
    REQUIRE(keys.size() == 16);
    auto link = portone::checkout(portone::environment::live, keys, fixtures::tea_checkout(),
                                  portone::komoju::methods);
    REQUIRE(link);
    std::string out;
    portone::json::write_checkout(out, *link, fixtures::key, "sig");
    const auto methods = boost::json::parse(out).at("chosen_payment_methods").as_array();
    REQUIRE(methods.size() == keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i)
        CHECK(methods[i].at("payment_method").as_string() == keys[i]);
}

TEST_CASE("run-time Checkout: writing into a reused buffer allocates nothing", "[checkout]")
{
    std::vector<std::string_view> keys;
    for (const portone::method_traits* t : komoju::all_traits)
        if (t->checkout) keys.push_back(t->key);
    auto link = portone::checkout(portone::environment::live, keys, fixtures::tea_checkout(),
                                  portone::komoju::methods);
    REQUIRE(link);
    std::string body, payload;
    portone::json::write_checkout(body, *link, fixtures::key, "sig"); // sizes the buffers
    portone::json::write_checkout_sdk_payload(payload, *link, "sig");
    for (int i = 0; i < 3; ++i) {
        body.clear();
        payload.clear();
        CHECK(fixtures::allocations_during([&] {
                  portone::json::write_checkout(body, *link, fixtures::key, "sig");
                  portone::json::write_checkout_sdk_payload(payload, *link, "sig");
              }) == 0);
    }
    CHECK(boost::json::parse(body).at("chosen_payment_methods").as_array().size() == keys.size());
    CHECK(boost::json::parse(payload).is_object());
}

TEST_CASE("run-time Checkout: a method that does not take yen breaks R8, in the compiler's words",
          "[checkout]")
{
    static constexpr portone::method_traits in_dollars{.channel = "TEST", .currency = "USD",
                                                       .key = "TEST_WALLET", .sandbox = true};
    static constexpr std::array<const portone::method_traits*, 1> traits{&in_dollars};
    constexpr portone::method_catalog catalog{"TEST", "US", traits};
    constexpr std::array<std::string_view, 1> keys{"TEST_WALLET"};
    auto link = portone::checkout(portone::environment::live, keys, fixtures::tea_checkout(),
                                  catalog);
    REQUIRE_FALSE(link);
    CHECK(has(link.error(), portone::errc::unsupported_currency, "chosen_payment_methods[0]",
              "TEST_WALLET accepts only amounts in USD"));
    CHECK(link.error().size() == 1);
}

TEST_CASE("run-time Checkout: at most max_methods methods", "[checkout]")
{
    // A catalog of more methods than a Checkout request takes (each distinct, all acceptable).
    constexpr std::size_t over = portone::dynamic_checkout_request::max_methods + 1;
    std::array<portone::method_traits, over> traits{};
    std::vector<std::string> names;
    for (std::size_t i = 0; i < over; ++i) names.push_back("TEST_METHOD_" + std::to_string(i));
    for (std::size_t i = 0; i < over; ++i)
        traits[i] = {.channel = "TEST", .currency = "JPY", .key = names[i], .sandbox = true};
    std::vector<std::string_view> keys(names.begin(), names.end());
    std::vector<const portone::method_traits*> pointers;
    for (const auto& t : traits) pointers.push_back(&t);
    const portone::method_catalog catalog{"TEST", "JP", pointers};

    const std::span<const std::string_view> all(keys);
    auto too_many =
        portone::checkout(portone::environment::live, all, fixtures::tea_checkout(), catalog);
    REQUIRE_FALSE(too_many);
    const std::string where = "chosen_payment_methods[" + std::to_string(over - 1) + "]";
    CHECK(has(too_many.error(), portone::errc::invalid_value, where,
              "a Checkout request offers at most " +
                  std::to_string(portone::dynamic_checkout_request::max_methods) + " methods"));
    CHECK(too_many.error().size() == 1);

    auto enough = portone::checkout(portone::environment::live, all.first(over - 1),
                                    fixtures::tea_checkout(), catalog);
    REQUIRE(enough);
    std::string out;
    portone::json::write_checkout(out, *enough, fixtures::key, "sig");
    CHECK(boost::json::parse(out).at("chosen_payment_methods").as_array().size() == over - 1);
}
