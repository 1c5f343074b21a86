// SPDX-License-Identifier: BSL-1.0
// portone::result (basic_result<T, error>): a value or one error, replaced in place by emplace().
#include <portone/core/error.hpp>

#include <catch2/catch.hpp>

#include <string>

using portone::errc;

namespace {

/// Constructible from an int only by throwing.
struct throws_on_int {
    std::string text = "default";
    throws_on_int() = default;
    explicit throws_on_int(int) { throw std::runtime_error("no"); }
};

portone::error some_error()
{
    return {errc::invalid_value, "/where", "a message long enough not to fit in a small string"};
}

} // namespace

TEST_CASE("result: emplace replaces an error or a value with a new value, in place")
{
    portone::result<std::string> r = some_error();
    REQUIRE(r.has_error());
    CHECK(r.emplace(3, 'x') == "xxx");
    REQUIRE(r.has_value());
    CHECK(*r == "xxx");
    r.emplace("a value long enough not to fit in a small string");
    CHECK(*r == "a value long enough not to fit in a small string");
    r.emplace();
    CHECK(r.has_value());
    CHECK(r->empty());
}

TEST_CASE("result: an emplace that throws leaves the result as it was")
{
    portone::result<throws_on_int> r = some_error();
    CHECK_THROWS_AS(r.emplace(1), std::runtime_error);
    REQUIRE(r.has_error());
    CHECK(r.error() == some_error());
    r.emplace();
    REQUIRE(r.has_value());
    CHECK(r->text == "default");
    CHECK_THROWS_AS(r.emplace(1), std::runtime_error);
    REQUIRE(r.has_value());
    CHECK(r->text == "default");
}
