// SPDX-License-Identifier: BSL-1.0
#include "fixtures.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <string>

namespace k = portone::komoju;
using namespace portone::literals;

namespace {

std::string description_json(const std::string& description)
{
    auto r = fixtures::order<k::paypay>(portone::sandbox).build();
    REQUIRE(r.has_value());
    // The writer must escape whatever it is given, also bytes validation rejects in text fields
    // (the key is not validated as text): write through the key field.
    std::string out;
    portone::json::write_initiate_payment(out, *r, portone::portone_key(description), "sig");
    return out;
}

bool reference_needs_escaping(std::string_view s)
{
    for (unsigned char c : s)
        if (c < 0x20 || c == '"' || c == '\\') return true;
    return false;
}

} // namespace

TEST_CASE("strings round-trip through the writer and Boost.JSON's parser", "[json][escape]")
{
    const std::string cases[] = {
        "plain",
        "山田 太郎",
        "🍣 and 🍵",
        "quote \" inside",
        "backslash \\ inside",
        "\"\\\"\\",
        "line\nbreak\ttab\rcr\bbs\fff",
        std::string("nul \0 byte", 10),
        "\x01\x02\x1f\x7f",
        "</script>",
        "1234567\"",      // quote in the last byte of an 8-byte word
        "12345678\"",     // quote just after a word
        "\"1234567",      // quote in the first byte
        "abcdefghijklmno\x1f",
        std::string(1000, 'a') + "\"" + std::string(1000, 'b'),
    };
    for (const auto& s : cases) {
        CAPTURE(s);
        const auto text = description_json(s);
        const auto body = boost::json::parse(text);
        CHECK(body.at("key").as_string() == s);
    }
}

TEST_CASE("needs_escaping agrees with the definition for every byte at every position", "[json][escape]")
{
    for (int byte = 0; byte < 256; ++byte) {
        for (std::size_t len = 1; len <= 24; ++len) {
            for (std::size_t pos = 0; pos < len; ++pos) {
                std::string s(len, 'a');
                s[pos] = static_cast<char>(byte);
                INFO("byte " << byte << " len " << len << " pos " << pos);
                REQUIRE(portone::json::needs_escaping(s) == reference_needs_escaping(s));
            }
        }
    }
    CHECK_FALSE(portone::json::needs_escaping(""));
}

TEST_CASE("escaped output uses JSON's short escapes", "[json][escape]")
{
    const auto text = description_json("a\"b\\c\nd\x01");
    CHECK_THAT(text, Catch::Contains(R"("key":"a\"b\\c\nd\u0001")"));
}

TEST_CASE("every writer: a string to escape has the body written again, exactly, after what the "
          "buffer held",
          "[json][escape]")
{
    // The writers copy strings as they are first (json/describe.hpp, write_mode::optimistic) and
    // write again exactly when one needed escaping: the second text must replace the first, and
    // keep what the buffer held before.
    const std::string tricky = "say \"hi\" \\ 山田"; // (control characters are invalid text)
    const auto check = [&](std::string& out, std::string_view written, std::string_view member) {
        CHECK(out.starts_with("HTTP/1.1 200 OK\r\n\r\n"));
        CHECK(out.size() == 19 + written.size());
        const auto body = boost::json::parse(written).as_object();
        CHECK(body.at(member).as_string() == tricky);
    };
    std::string out = "HTTP/1.1 200 OK\r\n\r\n";
    auto typed = fixtures::order<k::paypay>(portone::sandbox).description(tricky).build();
    REQUIRE(typed.has_value());
    check(out, portone::json::write_initiate_payment(out, *typed, fixtures::key, "sig"),
          "description");

    out.resize(19);
    auto refund = portone::refund<k::paypay>(portone::live, {.order_ref = "2mbZeehV4ZhkLTwVcL2fH",
                                                             .paid = 5000_yen,
                                                             .description = tricky,
                                                             .reason = "damaged"});
    REQUIRE(refund.has_value());
    check(out, portone::json::write_refund(out, *refund), "description");

    out.resize(19);
    auto order = fixtures::tea_checkout();
    order.description = tricky;
    auto link = portone::checkout<k::paypay>(portone::sandbox, order);
    REQUIRE(link.has_value());
    check(out, portone::json::write_checkout(out, *link, fixtures::key, "sig"), "description");
}

TEST_CASE("the writers' word-at-a-time copy: every length to 40, an escape at every place",
          "[json][escape]")
{
    // copy_string_tail checks 16-byte vectors (SSE2), 8- or 4-byte words, the last one
    // overlapping the one before: a byte to escape only in that overlap (length 17, last byte),
    // or in a string shorter than a word, must still be found, and no other byte (a space, DEL,
    // the bytes of UTF-8 sequences, which a signed comparison would take for control characters)
    // may be taken for one.
    for (std::size_t n = 0; n <= 40; ++n) {
        const std::string clean(n, 'a');
        CAPTURE(n);
        CHECK(boost::json::parse(description_json(clean)).at("key").as_string() == clean);
        for (std::size_t at = 0; at < n; ++at) {
            for (const char c : {'"', '\\', '\x00', '\x01', '\x1f', ' ', '\x7f', '\x80', '\xff'}) {
                std::string s = clean;
                s[at] = c;
                CAPTURE(at, static_cast<int>(static_cast<unsigned char>(c)));
                const bool escapes = static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\';
                char copy[48] = {};
                const auto copied = portone::json::copy_string_tail(copy, s);
                CHECK(copied.needs_escaping == escapes);
                CHECK(std::string_view(copy, static_cast<std::size_t>(copied.end - copy)) ==
                      s + '"');
                if (static_cast<unsigned char>(c) < 0x80) // the rest is not UTF-8 alone
                    CHECK(boost::json::parse(description_json(s)).at("key").as_string() == s);
            }
        }
    }
}
