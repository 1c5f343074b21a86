// SPDX-License-Identifier: BSL-1.0
// One source for every compile-fail case. Without any CASE macro it builds a complete, correct
// request for PORTONE_CF_METHOD (the control case, which must compile); each CASE_* macro makes
// exactly one mistake, and CMake checks that the build fails with the library's own sentence.
//
//   -DPORTONE_CF_METHOD=bank_transfer -DCASE_OMIT_billing_phone     R3
//   -DPORTONE_CF_METHOD=credit_card   -DCASE_SANDBOX                R6
//   -DPORTONE_CF_METHOD=paypay        -DCASE_CURRENCY=usd           R8
//   -DPORTONE_CF_METHOD=pay_easy      -DCASE_REFUND                 R5
//   -DCASE_REFUND_TRAITS / -DCASE_REFUND_REQUEST_TRAITS / -DCASE_REFUND_REQUEST /
//   -DCASE_DYNAMIC_REFUND_TRAITS      R5 through M::traits, a typed request's traits(), the
//                                     typed request, dynamic_refund given M::traits
//   -DCASE_REFUND_RUNTIME_TRAITS                                  refund() with run-time traits
//   -DCASE_BUILDER_DIRECT             a payment_builder made directly (with -DCASE_SANDBOX: R6)
//   -DCASE_ENVIRONMENT_VALUE          environment() given the enum value, not a tag
//   -DCASE_BUILDER_HELD               steps called on a builder held in a variable
//   -DCASE_MEMBER_USD / -DCASE_MEMBER_NUMBER / -DCASE_MEMBER_MISSING, with -DCASE_REFUND
//   (refund_details.paid; with -DCASE_MEMBER_PARTIAL refund_details.amount), -DCASE_EXPECTED_ORDER
//   (expected_order.amount), -DCASE_CHECKOUT
//   (checkout_details.amount) or -DCASE_ORDER_ITEM (order_item.price): a yen member of a plain
//   struct given dollars, a number, or nothing
//   -DPORTONE_CF_METHOD=web_money     -DCASE_CHECKOUT               R7 (with -DCASE_SANDBOX: R6)
//   -DCASE_ZERO_LITERAL / -DCASE_NEGATIVE_AMOUNT / -DCASE_INTEGER_AMOUNT   R9
//   -DCASE_HUGE_LITERAL / -DCASE_OVERFLOWING_LITERAL              a literal above the yen maximum
//   -DCASE_FRACTION_LITERAL / -DCASE_HEX_LITERAL                  1500.5_yen, 0x10_yen
//   -DCASE_CHECKOUT_EMPTY                                         a Checkout offering no method
//   -DCASE_SECRET_STREAM / -DCASE_SECRET_JSON / -DCASE_SECRET_CONCAT / -DCASE_SECRET_APPEND /
//   -DCASE_SECRET_TO_STRING /
//   -DCASE_SECRET_LEXICAL_CAST / -DCASE_SECRET_FORMAT / -DCASE_SECRET_WRITER /
//   -DCASE_SECRET_JSON_WRITE          a secret key printed, concatenated or serialized
//   -DCASE_READ_VIEW                  json::read into a struct with a std::string_view member
//   -DCASE_READ_NESTED                json::read of a struct whose nested struct has such a member
//   -DCASE_WRITE_UNSUPPORTED          json::write of a struct with a member of no JSON type
// The headers the cases use rather than the umbrella: a case then compiles in under half the time
// (the suite compiles over 90 of them per compiler). The library's sentence, where it points and
// the instantiation notes are the same with <portone/komoju.hpp>; only the "In file included
// from" lines differ. And as a portone::compiled user's translation unit (declarations only, no
// .ipp bodies: a third less time per case): every rule is a template in a header, so the errors
// are the header-only user's, line for line.
#define PORTONE_SEPARATE_COMPILATION
#include <portone/core/describe.hpp>
#include <portone/komoju/catalog.hpp>
#include <portone/request/payment_builder.hpp>
#include <portone/request/refund_request.hpp>
#if defined(CASE_CHECKOUT) || defined(CASE_CHECKOUT_EMPTY)
#include <portone/request/checkout_request.hpp>
#endif
#if defined(CASE_EXPECTED_ORDER)
#include <portone/protocol/payment_webhook.hpp>
#endif
#if defined(CASE_REFUND_RUNTIME_TRAITS)
#include <portone/komoju/dispatch.hpp>
#endif
#if defined(CASE_SECRET_STREAM) || defined(CASE_SECRET_JSON) || defined(CASE_SECRET_CONCAT) ||   \
    defined(CASE_SECRET_APPEND) || defined(CASE_SECRET_TO_STRING) ||                              \
    defined(CASE_SECRET_LEXICAL_CAST) || defined(CASE_SECRET_FORMAT) || defined(CASE_SECRET_WRITER)
#include <portone/core/credentials.hpp>
#include <portone/json/describe.hpp>
#endif

#include <string>
#include <type_traits>

#ifndef PORTONE_CF_METHOD
#define PORTONE_CF_METHOD paypay
#endif

using namespace portone::literals;
using method = portone::komoju::PORTONE_CF_METHOD;

#if defined(CASE_ENVIRONMENT_VALUE)
#define PORTONE_CF_ENV portone::environment::sandbox
#elif defined(CASE_SANDBOX)
#define PORTONE_CF_ENV portone::sandbox
#else
#define PORTONE_CF_ENV portone::live
#endif

using environment = std::remove_cvref_t<decltype(PORTONE_CF_ENV)>;

#if defined(CASE_CURRENCY)
#define PORTONE_CF_AMOUNT portone::money<portone::currency::CASE_CURRENCY>::from(500).value()
#elif defined(CASE_ZERO_LITERAL)
#define PORTONE_CF_AMOUNT 0_yen
#elif defined(CASE_HUGE_LITERAL)
#define PORTONE_CF_AMOUNT 10000000_yen
#elif defined(CASE_OVERFLOWING_LITERAL)
#define PORTONE_CF_AMOUNT 99999999999999999999_yen
#elif defined(CASE_FRACTION_LITERAL)
#define PORTONE_CF_AMOUNT 1500.5_yen
#elif defined(CASE_HEX_LITERAL)
#define PORTONE_CF_AMOUNT 0x10_yen
#elif defined(CASE_NEGATIVE_AMOUNT)
#define PORTONE_CF_AMOUNT -500_yen
#elif defined(CASE_INTEGER_AMOUNT)
#define PORTONE_CF_AMOUNT 500
#else
#define PORTONE_CF_AMOUNT 500_yen
#endif

#if defined(CASE_MEMBER_USD)
#define PORTONE_CF_MEMBER_AMOUNT portone::money<portone::currency::usd>::from(500).value()
#elif defined(CASE_MEMBER_NUMBER)
#define PORTONE_CF_MEMBER_AMOUNT 500
#else
#define PORTONE_CF_MEMBER_AMOUNT 500_yen
#endif

#if defined(CASE_SECRET_STREAM)
#include <iostream>
#elif defined(CASE_SECRET_JSON)
#include <boost/json/value_from.hpp>
#elif defined(CASE_SECRET_LEXICAL_CAST)
#include <boost/lexical_cast.hpp>
#elif defined(CASE_SECRET_FORMAT)
#include <boost/format.hpp>
#elif defined(CASE_SECRET_WRITER) || defined(CASE_SECRET_JSON_WRITE)
#include <portone/json/writer.hpp>
/// A merchant's own struct, written with the library's JSON writer, that holds a secret.
struct merchant_config {
    std::string shop;
    portone::secret_key secret;
};
PORTONE_DESCRIBE(merchant_config, shop, secret);
#elif defined(CASE_READ_VIEW)
#include <portone/json/reader.hpp>
/// A view cannot be read into: nothing would own the text it views once the body is gone.
struct shop_answer {
    std::string_view shop;
};
PORTONE_DESCRIBE(shop_answer, shop);
#elif defined(CASE_READ_NESTED)
#include <portone/json/reader.hpp>
/// A member the JSON layer has no type for, one struct down (amounts are integers).
struct quote_line {
    std::string currency;
    double rate;
};
PORTONE_DESCRIBE(quote_line, currency, rate);
struct quote {
    std::vector<quote_line> lines;
};
PORTONE_DESCRIBE(quote, lines);
#elif defined(CASE_WRITE_UNSUPPORTED)
#include <portone/json/writer.hpp>
/// A member the JSON layer has no type for (a floating-point rate: amounts are integers).
struct exchange_rate {
    std::string currency;
    double rate;
};
PORTONE_DESCRIBE(exchange_rate, currency, rate);
#endif

/// What every refund case refunds.
portone::refund_details refund_of_500()
{
    return {.order_ref = "2mbZeehV4ZhkLTwVcL2fHukBg4J",
#if !defined(CASE_REFUND)
            .paid = 500_yen,
#elif defined(CASE_MEMBER_PARTIAL)
            .paid = 500_yen,
            .amount = PORTONE_CF_MEMBER_AMOUNT,
#elif !defined(CASE_MEMBER_MISSING)
            .paid = PORTONE_CF_MEMBER_AMOUNT,
#endif
            .description = "refund",
            .reason = "duplicate"};
}

int main()
{
#if defined(CASE_SECRET_STREAM) || defined(CASE_SECRET_JSON) || defined(CASE_SECRET_CONCAT) ||   \
    defined(CASE_SECRET_APPEND) || defined(CASE_SECRET_TO_STRING) ||                              \
    defined(CASE_SECRET_LEXICAL_CAST) || defined(CASE_SECRET_FORMAT) ||                          \
    defined(CASE_SECRET_WRITER) || defined(CASE_SECRET_JSON_WRITE)
    const portone::secret_key secret("PORTONE_SECRET");
#if defined(CASE_SECRET_STREAM)
    std::cout << secret;
#elif defined(CASE_SECRET_JSON)
    auto leaked = boost::json::value_from(secret);
#elif defined(CASE_SECRET_CONCAT)
    const std::string leaked = std::string("secret=") + secret;
#elif defined(CASE_SECRET_APPEND)
    std::string leaked = "secret=";
    leaked += secret;
#elif defined(CASE_SECRET_TO_STRING)
    const std::string leaked = std::to_string(secret);
#elif defined(CASE_SECRET_LEXICAL_CAST)
    const auto leaked = boost::lexical_cast<std::string>(secret);
#elif defined(CASE_SECRET_FORMAT)
    const std::string leaked = boost::str(boost::format("secret=%1%") % secret);
#elif defined(CASE_SECRET_JSON_WRITE)
    const merchant_config config{.shop = "Tea Shop", .secret = secret};
    const auto leaked = portone::json::write(config);
#else
    const merchant_config config{.shop = "Tea Shop", .secret = secret};
    std::string leaked;
    portone::json::append_bounded(leaked, portone::json::members_bound(config) + 2, [&](char* p) {
        *p++ = '{';
        p = portone::json::write_members(p, config);
        *p++ = '}';
        return p;
    });
#endif
    return 0;
#elif defined(CASE_READ_VIEW)
    const auto answer = portone::json::read<shop_answer>(R"({"shop":"Tea Shop"})");
    return answer ? 0 : 1;
#elif defined(CASE_READ_NESTED)
    const auto q = portone::json::read<quote>(R"({"lines":[]})");
    return q ? 0 : 1;
#elif defined(CASE_WRITE_UNSUPPORTED)
    const auto text = portone::json::write(exchange_rate{.currency = "USD", .rate = 0.0067});
    return text ? 0 : 1;
#elif defined(CASE_REFUND)
    auto refund = portone::refund<method>(portone::live, refund_of_500());
    return refund ? 0 : 1;
#elif defined(CASE_EXPECTED_ORDER)
    // The order a webhook is compared with (payment_webhook.hpp).
    const portone::payment_webhook hook;
    const auto problems =
        portone::check_against_order(hook, {.merchant_order_ref = "ORDER-0001",
                                            .amount = PORTONE_CF_MEMBER_AMOUNT});
    return problems.empty() ? 0 : 1;
#elif defined(CASE_REFUND_TRAITS)
    auto refund = portone::refund(method::traits, portone::environment::live, refund_of_500());
    return refund ? 0 : 1;
#elif defined(CASE_DYNAMIC_REFUND_TRAITS)
    auto refund =
        portone::dynamic_refund(method::traits, portone::environment::live, refund_of_500());
    return refund ? 0 : 1;
#elif defined(CASE_REFUND_RUNTIME_TRAITS)
    const portone::method_traits* chosen = portone::komoju::find_method("KOMOJU_PAYPAY");
    auto refund = portone::refund(*chosen, portone::environment::live, refund_of_500());
    return refund ? 0 : 1;
#elif defined(CASE_BUILDER_DIRECT)
    // Its type says the environment is set, but no environment() step checked it.
    auto builder = portone::payment_builder<method, environment, portone::field::environment::bit>{};
    return builder.fields().amount ? 0 : 1;
#elif defined(CASE_BUILDER_HELD)
    // Each step's result dropped: one error, at the first, and none after it.
    auto builder = portone::initiate_payment<method>();
    builder.environment(PORTONE_CF_ENV);
    builder.merchant_order_id("ORDER-0001");
    builder.amount(PORTONE_CF_AMOUNT);
    const auto request = builder.build();
    return request ? 0 : 1;
#elif defined(CASE_CHECKOUT) || defined(CASE_CHECKOUT_EMPTY)
    const portone::checkout_details details{.merchant_order_id = "ORDER-0001",
#ifndef CASE_MEMBER_MISSING
                                            .amount = PORTONE_CF_MEMBER_AMOUNT,
#endif
                                            .description = "Order ORDER-0001",
                                            .success_url = "https://shop.example/paid",
                                            .failure_url = "https://shop.example/failed",
                                            .merchant_details = {.name = "Tea Shop"}};
#if defined(CASE_CHECKOUT_EMPTY)
    auto link = portone::checkout<>(PORTONE_CF_ENV, details);
#else
    // The method under test is offered next to one that is always fine, so the diagnostic must
    // name the right one.
    auto link = portone::checkout<portone::komoju::merpay, method>(PORTONE_CF_ENV, details);
#endif
    return link ? 0 : 1;
#else
#ifdef CASE_ORDER_ITEM
    const portone::order_item item{.name = "Tea",
#ifndef CASE_MEMBER_MISSING
                                   .price = PORTONE_CF_MEMBER_AMOUNT,
#endif
                                   .quantity = 1};
#endif
    auto request = portone::initiate_payment<method>()
#ifndef CASE_OMIT_environment
                       .environment(PORTONE_CF_ENV)
#endif
#ifndef CASE_OMIT_merchant_order_id
                       .merchant_order_id("ORDER-0001")
#endif
#ifndef CASE_OMIT_amount
                       .amount(PORTONE_CF_AMOUNT)
#endif
#ifndef CASE_OMIT_description
                       .description("Order ORDER-0001")
#endif
#ifndef CASE_OMIT_success_url
                       .success_url("https://shop.example/paid")
#endif
#ifndef CASE_OMIT_failure_url
                       .failure_url("https://shop.example/failed")
#endif
#ifndef CASE_OMIT_billing_email
                       .billing_email("taro@example.jp")
#endif
#ifndef CASE_OMIT_billing_name
                       .billing_name("Taro")
#endif
#ifndef CASE_OMIT_billing_surname
                       .billing_surname("Yamada")
#endif
#ifndef CASE_OMIT_billing_phone
                       .billing_phone("090-1234-5678")
#endif
#ifndef CASE_OMIT_address
                       .shipping_address({.city = "Chiyoda-ku",
                                          .country_code = "JP",
                                          .line_1 = "1-1 Chiyoda",
                                          .postal_code = "100-0001"})
#endif
#ifdef CASE_ORDER_ITEM
                       .order_item(item)
#endif
                       .build();
#if defined(CASE_REFUND_REQUEST)
    if (!request) return 1;
    auto refund = portone::refund(*request, refund_of_500());
    return refund ? 0 : 1;
#elif defined(CASE_REFUND_REQUEST_TRAITS)
    if (!request) return 1;
    auto refund = portone::refund(request->traits(), request->environment(), refund_of_500());
    return refund ? 0 : 1;
#else
    return request ? 0 : 1;
#endif
#endif
}
