// SPDX-License-Identifier: BSL-1.0
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

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
