// SPDX-License-Identifier: BSL-1.0
#include <portone/komoju.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

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

TEST_CASE("yen from form text: a view into a larger buffer is read to its end only", "[money]")
{
    // As a form value arrives: a view into the request's buffer, followed by bytes that would
    // change the amount if they were read.
    const std::string buffer = "5000123&99999999&05&50abc&5x00";
    const std::string_view all(buffer);
    CHECK(yen::parse(all.substr(0, 4)).value() == 5000_yen);      // "5000" of "5000123"
    CHECK(yen::parse(all.substr(0, 7)).value() == 5'000'123_yen); // up to the '&'
    CHECK(yen::parse(all.substr(8, 7)).value() == 9'999'999_yen); // the maximum, then a '9'
    CHECK(yen::parse(all.substr(20, 2)).value() == 50_yen);       // "50" of "50abc"
    // Refused for what the view holds, and said with the view's text only.
    const auto zero = yen::parse(all.substr(17, 1)); // "0" of "05"
    REQUIRE(zero.has_error());
    CHECK(zero.error().code == errc::amount_not_positive);
    const auto large = yen::parse(all.substr(8, 8)); // "99999999" of "99999999&"
    REQUIRE(large.has_error());
    CHECK(large.error().code == errc::amount_too_large);
    CHECK(large.error().message == "amount 99999999 JPY is above the maximum of 9999999");
    const auto letters = yen::parse(all.substr(26, 2)); // "5x" of "5x00"
    REQUIRE(letters.has_error());
    CHECK(letters.error().code == errc::invalid_value);
    CHECK(letters.error().message ==
          "amount must be a whole number of JPY written with digits only, got \"5x\"");
}

TEST_CASE("yen from a decimal takes a zero fraction only", "[money]")
{
    // A view into a larger buffer, as a query or a JSON number arrives: nothing past it is read.
    const std::string buffer = "5000.00&5000.50";
    CHECK(yen::parse_whole(std::string_view(buffer).substr(0, 7)).value() == 5000_yen);
    CHECK(yen::parse_whole("5000").value() == 5000_yen);
    CHECK(yen::parse_whole("5000.0").value() == 5000_yen);
    for (const char* bad : {"5000.5", "5000.", "5000.01", ".0", "5000.0.0", "5000.0 "}) {
        CAPTURE(bad);
        auto r = yen::parse_whole(bad);
        REQUIRE(r.has_error());
        CHECK(r.error().code == errc::invalid_value);
    }
    CHECK(yen::parse_whole("5000.5").error().message ==
          "amount must be a whole number of JPY, got \"5000.5\"");
    CHECK(yen::parse_whole("0.00").error().code == errc::amount_not_positive);
    CHECK(yen::parse_whole("10000000.0").error().code == errc::amount_too_large);
}

TEST_CASE("try_parse_whole accepts exactly what parse_whole accepts", "[money]")
{
    for (const char* text :
         {"5000", "5000.0", "5000.00", "1", "9999999", "9999999.000", "00100", "5000.5", "5000.",
          "5000.01", ".0", ".", "", "0", "0.00", "-1", "+1", " 1", "1 ", "1e3", "0x10", "10000000",
          "99999999999999999999999", "5000.0.0", "5000.0 ", "１"}) {
        CAPTURE(text);
        const auto strict = yen::parse_whole(text);
        const auto quiet = yen::try_parse_whole(text);
        REQUIRE(strict.has_value() == quiet.has_value());
        if (quiet) CHECK(*quiet == *strict);
    }
    // A view into a larger buffer: nothing past it is read.
    const std::string buffer = "5000.00&5000.50";
    CHECK(yen::try_parse_whole(std::string_view(buffer).substr(0, 7)) == 5000_yen);
    CHECK(yen::try_parse_whole(std::string_view(buffer).substr(0, 6)) == 5000_yen);
    CHECK(!yen::try_parse_whole(std::string_view(buffer).substr(0, 5)));
}

TEST_CASE("yen literals and comparisons", "[money]")
{
    STATIC_REQUIRE((1_yen).minor_units() == 1);
    STATIC_REQUIRE(500_yen < 501_yen);
    // Equal to the same amount made another way, and not equal to a different one.
    STATIC_REQUIRE(500_yen == portone::money_constant<portone::currency::jpy, 500>::value);
    STATIC_REQUIRE(500_yen != 501_yen);
    STATIC_REQUIRE_FALSE(500_yen == 501_yen);
    CHECK(yen::from(500).value() == 500_yen);
}

TEST_CASE("value() on an error throws error_exception with the message", "[money]")
{
    CHECK_THROWS_AS(yen::from(0).value(), portone::error_exception);
    CHECK_THROWS_WITH(yen::from(0).value(), "amount must be positive, got 0 JPY");
}
