// Hosted Checkout with the offered methods chosen at run time: the same rules as the compile-time
// checkout<Ms...>() (R7, R6, R8), in the same words, all problems at once.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <string_view>

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
    auto link = komoju::checkout(portone::environment::live, keys, fixtures::tea_checkout());
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
    auto link = komoju::checkout(portone::environment::sandbox, keys, fixtures::tea_checkout());
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
        auto link = komoju::checkout(portone::environment::live, keys, fixtures::tea_checkout());
        REQUIRE_FALSE(link);
        CHECK(has(link.error(), portone::errc::unknown_method, "chosen_payment_methods[1]",
                  "\"KOMOJU_BITCOIN\" is not a known payment method key"));
    }
    SECTION("a key given twice")
    {
        constexpr std::array<std::string_view, 2> keys{"KOMOJU_PAYPAY", "KOMOJU_PAYPAY"};
        auto link = komoju::checkout(portone::environment::live, keys, fixtures::tea_checkout());
        REQUIRE_FALSE(link);
        CHECK(has(link.error(), portone::errc::invalid_value, "chosen_payment_methods[1]",
                  "KOMOJU_PAYPAY is offered more than once"));
    }
    SECTION("no method at all")
    {
        auto link = komoju::checkout(portone::environment::live, {}, fixtures::tea_checkout());
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
    auto link = komoju::checkout(portone::environment::live, keys, order);
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
    auto dynamic = komoju::checkout(portone::environment::sandbox, keys, fixtures::tea_checkout());
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
