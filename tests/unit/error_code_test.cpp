// SPDX-License-Identifier: BSL-1.0
// portone::errc as an error-code enum: it becomes a boost::system::error_code and a
// std::error_code of the "portone" category, with a message for every code.
#include <portone/core/error.hpp>

#include <boost/system/error_code.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <system_error>

using portone::errc;

TEST_CASE("errc: a boost::system::error_code of the portone category")
{
    const boost::system::error_code ec = errc::invalid_signature;
    CHECK(ec);
    CHECK(ec == errc::invalid_signature);
    CHECK(ec != errc::invalid_json);
    CHECK(ec.value() == static_cast<int>(errc::invalid_signature));
    CHECK(std::string(ec.category().name()) == "portone");
    CHECK(&ec.category() == &portone::error_category());
    CHECK(ec.message() == "a signature is missing, malformed or does not match");

    boost::system::error_code assigned;
    CHECK_FALSE(assigned);
    assigned = errc::limit_exceeded;
    CHECK(assigned == errc::limit_exceeded);
}

TEST_CASE("errc: a std::error_code too, through Boost.System's conversion")
{
    const std::error_code ec = errc::unknown_method;
    CHECK(ec);
    CHECK(ec.value() == static_cast<int>(errc::unknown_method));
    CHECK(std::string(ec.category().name()) == "portone");
    CHECK(ec.message() == "a method key not in the catalog");
    // The same code, compared across the two error_code types.
    CHECK(ec == boost::system::error_code(errc::unknown_method));
}

TEST_CASE("errc: every code has a name and a message of its own; others say they are unknown")
{
    std::set<std::string> names, messages;
    for (int v = static_cast<int>(errc::missing_field); v <= static_cast<int>(errc::crypto_failure);
         ++v) {
        const auto c = static_cast<errc>(v);
        INFO(v);
        CHECK(portone::to_string(c) != "unknown");
        CHECK(names.insert(std::string(portone::to_string(c))).second);
        CHECK(messages.insert(boost::system::error_code(c).message()).second);
    }
    CHECK(names.size() == 18);
    CHECK(boost::system::error_code(0, portone::error_category()).message() ==
          "unknown portone error");
    // The buffer form of message() (used by Boost.System's what()) cuts and terminates.
    char small[8];
    CHECK(std::string(portone::error_category().message(
              static_cast<int>(errc::invalid_json), small, sizeof small)) == "input i");
}
