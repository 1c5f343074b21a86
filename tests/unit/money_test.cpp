// SPDX-License-Identifier: BSL-1.0
#include <portone/komoju.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

using portone::errc;
using portone::yen;
using namespace portone::literals;

TEST_CASE("yen from an integer is checked", "[money]")
{
    CHECK(yen::from(1).value().minor_units() == 1);
    CHECK(yen::from(9'999'999).value().minor_units() == 9'999'999);

    for (std::int64_t bad : {std::int64_t{0}, std::int64_t{-1}, std::numeric_limits<std::int64_t>::min()}) {
        auto r = yen::from(bad);
        REQUIRE(r.has_error());
        CHECK(r.error().code == errc::amount_not_positive);
        CHECK(r.error().where == "amount");
    }
    for (std::int64_t bad : {std::int64_t{10'000'000}, std::numeric_limits<std::int64_t>::max()}) {
        auto r = yen::from(bad);
        REQUIRE(r.has_error());
        CHECK(r.error().code == errc::amount_too_large);
        CHECK(r.error().message == "amount " + std::to_string(bad) +
                                       " JPY is above the maximum of 9999999");
    }
}

TEST_CASE("yen from form text accepts digits only", "[money]")
{
    CHECK(yen::parse("5000").value() == 5000_yen);
    CHECK(yen::parse("0005000").value() == 5000_yen);
    for (const char* bad : {"", " 5000", "5000 ", "+5000", "-5000", "5000.0", "5,000", "5e3",
                            "0x10", "５０００", "abc"}) {
        CAPTURE(bad);
        auto r = yen::parse(bad);
        REQUIRE(r.has_error());
        CHECK(r.error().code == errc::invalid_value);
    }
    CHECK(yen::parse("0").error().code == errc::amount_not_positive);
    CHECK(yen::parse("10000000").error().code == errc::amount_too_large);
    CHECK(yen::parse("99999999999999999999999").error().code == errc::amount_too_large);
}

TEST_CASE("yen literals and comparisons", "[money]")
{
    STATIC_REQUIRE((1_yen).minor_units() == 1);
    STATIC_REQUIRE(500_yen < 501_yen);
    STATIC_REQUIRE(500_yen == 500_yen);
    CHECK(yen::from(500).value() == 500_yen);
}

TEST_CASE("value() on an error throws error_exception with the message", "[money]")
{
    CHECK_THROWS_AS(yen::from(0).value(), portone::error_exception);
    CHECK_THROWS_WITH(yen::from(0).value(), "amount must be positive, got 0 JPY");
}
