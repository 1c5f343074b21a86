// SPDX-License-Identifier: BSL-1.0
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <string_view>

namespace k = portone::komoju;

TEST_CASE("every catalog key finds its own method", "[dispatch]")
{
    std::set<std::string_view> keys;
    k::for_each_method([&](auto m) {
        using M = decltype(m);
        const auto* found = k::find_method(M::traits.key);
        REQUIRE(found == &M::traits);
        auto by_key = k::method_by_key(M::traits.key);
        REQUIRE(by_key.has_value());
        CHECK(*by_key == &M::traits);
        auto visited = k::visit_method(M::traits.key, [](auto v) { return decltype(v)::traits.key; });
        REQUIRE(visited.has_value());
        CHECK(*visited == M::traits.key);
        keys.insert(M::traits.key);
    });
    CHECK(keys.size() == 17);
}

TEST_CASE("visit_method hands the visitor the method's type", "[dispatch]")
{
    auto refundable = k::visit_method("KOMOJU_PAYPAY", [](auto m) {
        return portone::is_refundable_v<decltype(m)>;
    });
    REQUIRE(refundable.has_value());
    CHECK(*refundable);
    auto konbini = k::visit_method("KOMOJU_KONBINI_LAWSON", [](auto m) {
        return std::string(decltype(m)::traits.store);
    });
    CHECK(konbini.value() == "lawson");

    int calls = 0;
    auto v = k::visit_method("KOMOJU_PAIDY", [&](auto) { ++calls; });
    CHECK(v.has_value());
    CHECK(calls == 1);
}

TEST_CASE("unknown keys are typed errors", "[dispatch]")
{
    const std::string long_key(10'000, 'K');
    for (std::string bad : {std::string(""), std::string("komoju_paypay"), std::string("KOMOJU_PAYPAY "),
                            std::string(" KOMOJU_PAYPAY"), std::string("KOMOJU_KONBINI"),
                            std::string("STRIPE_CARD"), std::string("KOMOJU_PAYPAY\n"),
                            std::string("KOMOJU_\0PAYPAY", 14), long_key}) {
        CAPTURE(bad);
        CHECK(k::find_method(bad) == nullptr);
        auto r = k::method_by_key(bad);
        REQUIRE(r.has_error());
        CHECK(r.error().code == portone::errc::unknown_method);
        CHECK(r.error().where == "pmt_method");
        CHECK(r.error().message.find("is not a KOMOJU payment method key") != std::string::npos);
        // Hostile input cannot flood or forge log lines.
        CHECK(r.error().message.size() < 120);
        CHECK(r.error().message.find('\n') == std::string::npos);

        int calls = 0;
        auto v = k::visit_method(bad, [&](auto) { return ++calls; });
        CHECK(v.has_error());
        CHECK(calls == 0);
    }
}

TEST_CASE("keys as views into a larger buffer are compared whole, never past their end",
          "[dispatch]")
{
    // As a key arrives: a view into a form's or a webhook's buffer, followed by more key
    // characters.
    const std::string buffer = "KOMOJU_PAYPAY_X&KOMOJU_KONBINI_LAWSONS&lawsons";
    const std::string_view all(buffer);

    const std::string_view paypay = all.substr(0, 13); // "KOMOJU_PAYPAY" of "KOMOJU_PAYPAY_X"
    CHECK(k::find_method(paypay) == &k::paypay::traits);
    CHECK(k::methods.find(paypay) == &k::paypay::traits);
    CHECK(k::method_by_key(paypay).value() == &k::paypay::traits);
    CHECK(k::visit_method(paypay, [](auto m) { return decltype(m)::traits.key; }).value() ==
          "KOMOJU_PAYPAY");
    const std::string_view lawson = all.substr(16, 21); // "KOMOJU_KONBINI_LAWSON" of "...LAWSONS"
    CHECK(k::find_method(lawson) == &k::konbini_lawson::traits);
    CHECK(k::method_by_key(lawson).value() == &k::konbini_lawson::traits);

    // A view of a real key's prefix ("KOMOJU_PAYPA" of "KOMOJU_PAYPAY_X") is no key, and the
    // error quotes the view only.
    const std::string_view prefix = all.substr(0, 12);
    CHECK(k::find_method(prefix) == nullptr);
    CHECK(k::methods.find(prefix) == nullptr);
    const auto r = k::method_by_key(prefix);
    REQUIRE(r.has_error());
    CHECK(r.error().code == portone::errc::unknown_method);
    CHECK(r.error().message == "\"KOMOJU_PAYPA\" is not a KOMOJU payment method key");
    int calls = 0;
    CHECK(k::visit_method(prefix, [&](auto) { return ++calls; }).has_error());
    CHECK(calls == 0);
    CHECK(k::find_method(all.substr(16, 20)) == nullptr); // "KOMOJU_KONBINI_LAWSO"

    // Konbini store codes the same way: "lawson" of "lawsons", and "lawso" is none.
    CHECK(k::find_konbini_store(all.substr(39, 6)) == &k::konbini_lawson::traits);
    CHECK(k::find_konbini_store(all.substr(39, 5)) == nullptr);
}

TEST_CASE("konbini stores map to their methods", "[dispatch]")
{
    CHECK(k::find_konbini_store("seven-eleven") == &k::konbini_seven_eleven::traits);
    CHECK(k::find_konbini_store("lawson") == &k::konbini_lawson::traits);
    CHECK(k::find_konbini_store("family-mart") == &k::konbini_family_mart::traits);
    CHECK(k::find_konbini_store("ministop") == &k::konbini_ministop::traits);
    CHECK(k::find_konbini_store("daily-yamazaki") == &k::konbini_daily_yamazaki::traits);
    CHECK(k::find_konbini_store("seicomart") == &k::konbini_seicomart::traits);
    CHECK(k::find_konbini_store("familymart") == nullptr);
    CHECK(k::find_konbini_store("") == nullptr);
}
