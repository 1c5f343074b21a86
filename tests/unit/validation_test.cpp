// SPDX-License-Identifier: BSL-1.0
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <boost/url/rfc/unreserved_chars.hpp>

#include <string>

using portone::errc;
using portone::errors;
namespace k = portone::komoju;
namespace v = portone::validation;
using namespace portone::literals;

namespace {

errors check(void (*f)(std::string_view, std::string_view, errors&), std::string_view value)
{
    errors out;
    f(value, "p", out);
    return out;
}

portone::payment_form complete_form(std::string method)
{
    return {.method = std::move(method),
            .environment = "sandbox",
            .merchant_order_id = "ORDER-0001",
            .amount = "5000",
            .description = "Order ORDER-0001",
            .success_url = "https://shop.example/paid",
            .failure_url = "https://shop.example/failed",
            .billing_name = "太郎",
            .billing_surname = "山田",
            .billing_email = "taro@example.jp",
            .billing_phone = "090-1234-5678"};
}

} // namespace

TEST_CASE("email syntax", "[validation]")
{
    for (const char* ok : {"taro@example.jp", "t.yamada+shop@mail.example.co.jp", "a@b.cd",
                           "o'brien@example.com", "x_y-z@sub-domain.example.org"}) {
        CAPTURE(ok);
        CHECK(check(v::check_email, ok).empty());
    }
    for (const char* bad : {"", "taro", "taro@", "@example.jp", "taro@example", "taro@@example.jp",
                            "ta ro@example.jp", "taro@exa mple.jp", ".taro@example.jp",
                            "taro.@example.jp", "ta..ro@example.jp", "taro@-example.jp",
                            "taro@example-.jp", "taro@example..jp", "taro@example.123",
                            "山田@example.jp", "taro@example.jp\n"}) {
        CAPTURE(bad);
        const auto e = check(v::check_email, bad);
        REQUIRE(e.size() == 1);
        CHECK(e[0].code == errc::invalid_value);
        CHECK(e[0].where == "p");
    }
    CHECK(check(v::check_email, std::string(65, 'a') + "@example.jp").size() == 1);
    CHECK(check(v::check_email, "a@" + std::string(250, 'b') + ".jp").size() == 1);
}

TEST_CASE("phone numbers need ten digits (KOMOJU's rule)", "[validation]")
{
    for (const char* ok : {"0901234567", "090-1234-5678", "+81 90 1234 5678", "(03) 1234-5678",
                           "03_1234_5678"})
        CHECK(check(v::check_phone, ok).empty());
    for (const char* bad : {"", "090-123-456", "123456789", "090.1234.5678", "090-1234-567a",
                            "０９０１２３４５６７８", "+81 90 1234 5678 ext 9"}) {
        CAPTURE(bad);
        CHECK(check(v::check_phone, bad).size() == 1);
    }
    CHECK(check(v::check_phone, std::string(40, '1')).size() == 1);
}

TEST_CASE("merchant order ids are signature-safe", "[validation]")
{
    for (const char* ok : {"ORDER-0001", "a", "2024.10_24-x", "6f1c2b1e-5c1d-4f7a-9d5e-1c2b3a4d5e6f"})
        CHECK(check(v::check_merchant_order_id, ok).empty());
    for (const char* bad : {"", "ORDER 1", "ORDER~1", "ORDER/1", "注文1", "a&b=c", "%41"}) {
        CAPTURE(bad);
        CHECK(check(v::check_merchant_order_id, bad).size() == 1);
    }
    CHECK(check(v::check_merchant_order_id, std::string(64, 'a')).empty());
    CHECK(check(v::check_merchant_order_id, std::string(65, 'a')).size() == 1);
}

TEST_CASE("URLs must be absolute http(s)", "[validation]")
{
    for (const char* ok : {"https://shop.example/paid", "http://localhost:8080/r?x=1",
                           "https://xn--eckwd4c7c.xn--zckzah/ok"})
        CHECK(check(v::check_url, ok).empty());
    for (const char* bad : {"", "/paid", "shop.example/paid", "ftp://shop.example/x",
                            "https:///nohost", "https://shop.example/pa id", "javascript:alert(1)",
                            "https://shop.example/\n"}) {
        CAPTURE(bad);
        CHECK(check(v::check_url, bad).size() == 1);
    }
    // Text on which Boost.URL 1.81's own parser trips an assertion (when built with assertions,
    // as a fuzzer builds it): refused before it gets there.
    for (const char* bad : {"ht:\xa4", "td:]", "https:]", "a:b"}) {
        CAPTURE(bad);
        CHECK(check(v::check_url, bad).size() == 1);
    }
    CHECK(check(v::check_url, "HTTPS://shop.example/paid").empty());
}

TEST_CASE("free text: not blank, UTF-8, no control characters", "[validation]")
{
    const auto text = [](std::string_view s) {
        errors out;
        v::check_text(s, "description", "description", out);
        return out;
    };
    CHECK(text("山田 太郎").empty());
    CHECK(text("").size() == 1);
    CHECK(text("   ").size() == 1);
    CHECK(text("a\x01" "b").size() == 1);
    CHECK(text("tab\there").size() == 1);
    CHECK(text("\xff\xfe").size() == 1);       // not UTF-8
    CHECK(text("\xe5\xb1").size() == 1);       // truncated sequence
    CHECK(text("\xc0\xaf").size() == 1);       // overlong
    CHECK(text("\xed\xa0\x80").size() == 1);   // surrogate
    CHECK(text(std::string(1025, 'a')).size() == 1);
    CHECK(text("description").empty());
}

TEST_CASE("UTF-8 validation", "[validation]")
{
    CHECK(v::is_valid_utf8("ascii"));
    CHECK(v::is_valid_utf8("山田 太郎 🍣"));
    CHECK_FALSE(v::is_valid_utf8("\x80"));
    CHECK_FALSE(v::is_valid_utf8("\xf4\x90\x80\x80")); // above U+10FFFF
    CHECK_FALSE(v::is_valid_utf8("\xe0\x80\x80"));     // overlong
}

TEST_CASE("the compile-time path checks values at run time", "[validation]")
{
    auto r = portone::initiate_payment<k::konbini_lawson>()
                 .environment(portone::sandbox)
                 .merchant_order_id("ORDER 1")
                 .amount(5000_yen)
                 .description("Order")
                 .success_url("not a url")
                 .failure_url("https://shop.example/failed")
                 .billing_email("taro@")
                 .build();
    REQUIRE(r.has_error());
    const auto& e = r.error();
    CHECK(e.size() == 3);
    CHECK(e.contains(errc::invalid_value, "merchant_order_id"));
    CHECK(e.contains(errc::invalid_value, "success_url"));
    CHECK(e.contains(errc::invalid_value, "billing_details.billing_email"));
}

TEST_CASE("order items must add up to the amount", "[validation]")
{
    auto base = [] { return fixtures::order<k::paypay>(portone::sandbox); };
    CHECK(base().order_item({.id = "a", .name = "Tea", .price = 2500_yen, .quantity = 2}).build().has_value());

    auto wrong = base().order_item({.id = "a", .name = "Tea", .price = 2500_yen, .quantity = 3}).build();
    REQUIRE(wrong.has_error());
    CHECK(wrong.error().contains(errc::amount_mismatch, "order_details"));
    CHECK(wrong.error()[0].message == "order items add up to 7500 JPY but the amount is 5000 JPY");

    auto zero = base().order_item({.id = "a", .name = "Tea", .price = 5000_yen, .quantity = 0}).build();
    REQUIRE(zero.has_error());
    CHECK(zero.error().contains(errc::invalid_value, "order_details[0].quantity"));

    auto huge = base()
                    .order_item({.id = "a", .name = "Tea", .price = 9'999'999_yen,
                                 .quantity = std::numeric_limits<std::int64_t>::max()})
                    .build();
    REQUIRE(huge.has_error());
    CHECK(huge.error().contains(errc::amount_too_large, "order_details[0].quantity"));
}

TEST_CASE("each item member and address line has its own path, whatever its index", "[validation]")
{
    // Paths are written one after the other into one string (detail::member_paths): a long leaf
    // before a short one, two-digit indexes, and every line of an address.
    auto b = fixtures::order<k::paypay>(portone::sandbox);
    auto items = std::move(b).order_item({.id = "a", .name = "Tea", .price = 1_yen, .quantity = 1});
    for (int i = 1; i < 11; ++i)
        items =
            std::move(items).order_item({.id = "a", .name = "Tea", .price = 1_yen, .quantity = 1});
    auto r = std::move(items)
                 .order_item(
                     {.id = " ", .name = "\x01", .price = 1_yen, .quantity = 0, .image = "ftp://x"})
                 .shipping_address(
                     {.city = " ", .country_code = "JP", .line_1 = "\x01", .postal_code = "1"})
                 .build();
    REQUIRE(r.has_error());
    const auto& e = r.error();
    INFO(e.to_string());
    for (const char* where :
         {"order_details[11].id", "order_details[11].name", "order_details[11].image",
          "order_details[11].quantity", "shipping_details.shipping_address.line_1",
          "shipping_details.shipping_address.city",
          "shipping_details.shipping_address.postal_code"}) {
        CAPTURE(where);
        CHECK(e.contains(errc::invalid_value, where));
    }
    CHECK(e.size() == 7);
}

TEST_CASE("addresses need line 1, city, postal code and country", "[validation]")
{
    auto r = fixtures::order<k::paidy>(portone::live)
                 .billing_name("Taro")
                 .billing_surname("Yamada")
                 .shipping_address({.city = "Tokyo", .country_code = "JP", .postal_code = "1000001x"})
                 .build();
    REQUIRE(r.has_error());
    CHECK(r.error().contains(errc::missing_field, "shipping_details.shipping_address.line_1"));
    CHECK(r.error().contains(errc::invalid_value, "shipping_details.shipping_address.postal_code"));
    CHECK(r.error().size() == 2);

    auto country = fixtures::order<k::paidy>(portone::live)
                       .billing_name("Taro")
                       .billing_surname("Yamada")
                       .billing_address({.city = "Seoul", .country_code = "kr", .line_1 = "1",
                                         .postal_code = "04524"})
                       .build();
    REQUIRE(country.has_error());
    CHECK(country.error().contains(errc::invalid_value, "billing_details.billing_address.country_code"));
}

TEST_CASE("run-time path: a complete form passes for every method", "[validation][form]")
{
    k::for_each_method([](auto m) {
        using M = decltype(m);
        auto form = complete_form(std::string(M::traits.key));
        form.environment = M::traits.sandbox ? "sandbox" : "live";
        form.shipping_address = fixtures::tokyo_address();
        auto r = portone::check_form(form, portone::komoju::methods);
        INFO(M::traits.key << ": " << (r ? std::string() : r.error().to_string()));
        CHECK(r.has_value());
    });
}

TEST_CASE("run-time path: every problem at once, in the compile-time wording", "[validation][form]")
{
    portone::payment_form form{.method = "KOMOJU_BANK_TRANSFER",
                               .environment = "sandbox",
                               .merchant_order_id = "ORDER 1",
                               .amount = "5000",
                               .success_url = "https://shop.example/paid",
                               .failure_url = "ftp://shop.example/failed",
                               .billing_name = "太郎",
                               .billing_email = "taro@"};
    auto r = portone::check_form(form, portone::komoju::methods);
    REQUIRE(r.has_error());
    const auto& e = r.error();
    // The same sentences as the compile-fail tests (tests/compile_fail/cases.txt).
    CHECK(e.contains(errc::missing_field, "description"));
    CHECK(e.contains(errc::missing_field, "billing_details.billing_surname"));
    CHECK(e.contains(errc::missing_field, "billing_details.billing_phone"));
    CHECK(e.contains(errc::invalid_value, "merchant_order_id"));
    CHECK(e.contains(errc::invalid_value, "failure_url"));
    CHECK(e.contains(errc::invalid_value, "billing_details.billing_email"));
    CHECK(e.size() == 6);
    const std::string all = e.to_string();
    CHECK_THAT(all, Catch::Contains("KOMOJU_BANK_TRANSFER requires a description (description)"));
    CHECK_THAT(all, Catch::Contains(
                        "KOMOJU_BANK_TRANSFER requires the customer's surname (billing_details.billing_surname)"));
    CHECK_THAT(all, Catch::Contains(
                        "KOMOJU_BANK_TRANSFER requires the customer's phone (billing_details.billing_phone)"));
}

TEST_CASE("run-time path: method, environment and amount problems", "[validation][form]")
{
    auto form = complete_form("KOMOJU_CREDIT_CARD");
    auto r = portone::check_form(form, portone::komoju::methods); // card has no sandbox
    REQUIRE(r.has_error());
    CHECK(r.error().contains(errc::not_available_in_sandbox, "environment"));
    CHECK(r.error()[0].message == "KOMOJU_CREDIT_CARD is not available in the sandbox environment");

    form = complete_form("KOMOJU_PAIDY");
    form.environment = "live";
    r = portone::check_form(form, portone::komoju::methods);
    REQUIRE(r.has_error());
    CHECK(r.error().size() == 1);
    CHECK(r.error()[0].message ==
          "KOMOJU_PAIDY requires a billing or a shipping address (billing_details.billing_address or "
          "shipping_details.shipping_address)");

    form = complete_form("KOMOJU_NOPE");
    form.environment = "production";
    form.amount = "12.50";
    form.billing_email = "bad";
    r = portone::check_form(form, portone::komoju::methods);
    REQUIRE(r.has_error());
    CHECK(r.error().contains(errc::unknown_method, "pmt_method"));
    CHECK(r.error().contains(errc::invalid_value, "environment"));
    CHECK(r.error().contains(errc::invalid_value, "amount"));
    CHECK(r.error().contains(errc::invalid_value, "billing_details.billing_email"));

    form = complete_form("KOMOJU_PAYPAY");
    form.items = {{.id = "a", .name = "Tea", .price = "2500", .quantity = "two"},
                  {.id = "b", .name = "Cup", .price = "-1", .quantity = "1"}};
    r = portone::check_form(form, portone::komoju::methods);
    REQUIRE(r.has_error());
    CHECK(r.error().contains(errc::invalid_value, "order_details[0].quantity"));
    CHECK(r.error().contains(errc::invalid_value, "order_details[1].price"));

    form = complete_form("KOMOJU_PAYPAY");
    form.items = {{.id = "a", .name = "Tea", .price = "2500", .quantity = "3"}};
    r = portone::check_form(form, portone::komoju::methods);
    REQUIRE(r.has_error());
    CHECK(r.error().contains(errc::amount_mismatch, "order_details"));
}

TEST_CASE("refunds: run-time rules and values", "[validation][refund]")
{
    auto ok = portone::refund<k::paypay>(portone::live, {.order_ref = "2mbZeehV4ZhkLTwVcL2fHukBg4J",
                                                         .paid = 5000_yen,
                                                         .amount = 1200_yen,
                                                         .description = "Partial refund",
                                                         .reason = "damaged"});
    REQUIRE(ok.has_value());
    CHECK(ok->type() == portone::refund_type::partial);
    CHECK(ok->amount() == 1200_yen);

    auto full = portone::refund<k::credit_card>(portone::live, {.order_ref = "abc",
                                                                .paid = 5000_yen,
                                                                .description = "Full refund",
                                                                .reason = "cancelled"});
    REQUIRE(full.has_value());
    CHECK(full->type() == portone::refund_type::full);
    CHECK(full->amount() == 5000_yen);

    auto too_much = portone::refund<k::paypay>(portone::live, {.order_ref = "abc",
                                                               .paid = 5000_yen,
                                                               .amount = 5001_yen,
                                                               .description = "x",
                                                               .reason = "y"});
    REQUIRE(too_much.has_error());
    CHECK(too_much.error().contains(errc::invalid_value, "amount"));

    auto dynamic = portone::dynamic_refund(*k::find_method("KOMOJU_KONBINI_LAWSON"),
                                           portone::environment::sandbox,
                                           {.order_ref = "",
                                            .paid = 500_yen,
                                            .description = "",
                                            .reason = ""});
    REQUIRE(dynamic.has_error());
    CHECK(dynamic.error()[0].message == "KOMOJU_KONBINI_LAWSON does not support refunds");
    CHECK(dynamic.error().contains(errc::missing_field, "order_ref"));
    CHECK(dynamic.error().size() == 4);
}

TEST_CASE("run-time paths: a method of a channel paid in another currency (R8)",
          "[validation][form][refund]")
{
    // A catalog handed in at run time may hold methods of a channel that is not paid in yen;
    // payment_fields and refund_details hold yen, so R8 applies at run time too, with the
    // compiler's sentence.
    const portone::method_traits usd{.channel = "TEST",
                                     .currency = "USD",
                                     .key = "TEST_USD_WALLET",
                                     .refundable = true,
                                     .sandbox = true,
                                     .checkout = true};
    const auto typed = fixtures::minimal_request<k::paypay>(portone::sandbox);
    REQUIRE(typed.has_value());
    const auto payment =
        portone::check_payment(usd, portone::environment::sandbox, typed->fields());
    REQUIRE(payment.has_error());
    CHECK(payment.error().size() == 1);
    CHECK(payment.error()[0].code == errc::unsupported_currency);
    CHECK(payment.error()[0].where == "amount");
    CHECK(payment.error()[0].message == "TEST_USD_WALLET accepts only amounts in USD");
    // The same traits in yen pass.
    portone::method_traits jpy = usd;
    jpy.currency = "JPY";
    CHECK(portone::check_payment(jpy, portone::environment::sandbox, typed->fields()).has_value());

    const portone::refund_details d{.order_ref = "2mbZeehV4ZhkLTwVcL2fHukBg4J",
                                    .paid = 5000_yen,
                                    .amount = 1200_yen,
                                    .description = "Partial refund",
                                    .reason = "damaged"};
    const auto refund = portone::dynamic_refund(usd, portone::environment::live, d);
    REQUIRE(refund.has_error());
    CHECK(refund.error().size() == 1);
    CHECK(refund.error().contains(errc::unsupported_currency, "amount"));
    CHECK(refund.error()[0].message == "TEST_USD_WALLET accepts only amounts in USD");
    CHECK(portone::dynamic_refund(jpy, portone::environment::live, d).has_value());
}

TEST_CASE("URI bytes: the query and URI characters of RFC 3986, as Boost.URL defines them",
          "[validation]")
{
    // allowed_in is spelled out as a switch (cheap to compile); it must be Boost.URL's sets.
    for (int i = 0; i < 256; ++i) {
        const char c = static_cast<char>(i);
        if (c == '%') continue;
        const bool query = boost::urls::unreserved_chars(c) ||
                           std::string_view("!$&'()*+,;=:@/?").find(c) != std::string_view::npos;
        CAPTURE(i);
        CHECK(v::detail::allowed_in(v::detail::uri_part::query, c) == query);
        CHECK(v::detail::allowed_in(v::detail::uri_part::uri, c) ==
              (query || c == '[' || c == ']'));
    }
}
