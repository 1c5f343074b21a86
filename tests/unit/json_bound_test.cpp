// SPDX-License-Identifier: BSL-1.0
// The bounded JSON writer (json/output.hpp, json/describe.hpp) at its worst case: the largest and
// most escape-heavy value of every member type it writes. The writers reserve a computed upper
// bound, then write through a raw pointer; these tests check that the output stays within that
// bound (and how much room is left, the slack), that it is valid JSON and that it reads back as
// the values written. The writers built on the same scheme (initiatePayment, refund, Checkout,
// the transaction-details body, JWT claims) get the same worst-case values; their bound is
// checked by append_bounded's assertion, active in the sanitized build of these tests.
#include "fixtures.hpp"

#include <portone/json/describe.hpp>
#include <portone/json/output.hpp>
#include <portone/json/string_escape.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

using namespace portone::literals;
namespace pj = portone::json;
namespace bj = boost::json;

namespace bound_test {

struct line {
    std::string name;
    portone::yen price = 1_yen;
    std::int64_t quantity = 0;
    std::optional<std::string> image;
    bool gift = false;
};

struct inner {
    std::string_view label{};
    std::optional<bool> flag{};
    line item{};
};

/// One member of each type json/describe.hpp writes, present, and one absent or empty of each
/// kind that can be omitted.
struct every_type {
    std::string text;
    std::string_view view;
    std::optional<std::string> maybe_text;
    std::optional<std::string> absent_text;
    portone::yen amount = 1_yen;
    std::optional<portone::yen> maybe_amount;
    bool yes = false;
    bool no = true;
    std::optional<bool> maybe_flag;
    std::int64_t smallest = 0;
    std::int64_t largest = 0;
    int small = 0;
    std::uint32_t unsigned_largest = 0;
    inner nested;
    std::optional<inner> maybe_nested;
    std::vector<line> lines;
    std::vector<std::string> texts;
    std::vector<std::int64_t> numbers;
    std::vector<bool> flags;
    std::vector<portone::yen> amounts;
    std::span<const line> viewed_lines;
    std::vector<std::string> no_texts;
};

/// The tightest case: one string of bytes each escaped as \u00XX, the most a byte can take.
struct escapes_only {
    std::string text;
};

} // namespace bound_test

namespace bound_test {
PORTONE_DESCRIBE(line, name, price, quantity, image, gift);
PORTONE_DESCRIBE(inner, label, flag, item);
PORTONE_DESCRIBE(every_type, text, view, maybe_text, absent_text, amount, maybe_amount, yes, no,
                 maybe_flag, smallest, largest, small, unsigned_largest, nested, maybe_nested,
                 lines, texts, numbers, flags, amounts, viewed_lines, no_texts);
PORTONE_DESCRIBE(escapes_only, text);
} // namespace bound_test

namespace {

constexpr std::size_t longest_text = portone::validation::max_text_length;
const portone::yen largest_yen = *portone::yen::from(portone::max_minor_units<portone::currency::jpy>);

/// Every class of byte a JSON string writer treats differently: control bytes written as \u00XX,
/// those with a short escape (\b \t \n \f \r), '"', '\\', '/', DEL (written as is), ASCII, and
/// UTF-8 sequences of two, three and four bytes. Repeated to `size` bytes, on a character
/// boundary.
std::string every_escape_class(std::size_t size)
{
    std::string unit;
    for (int c = 0; c < 0x20; ++c) unit += static_cast<char>(c);
    unit += "\"\\/\x7F" "a" "é" "あ" "🍵";
    std::string s;
    while (s.size() + unit.size() <= size) s += unit;
    for (char c : unit) {
        if (s.size() == size || static_cast<unsigned char>(c) >= 0x80) break;
        s += c;
    }
    return s;
}

/// Bytes that Boost.JSON escapes as \u00XX: six bytes out for each byte in.
std::string unicode_escapes_only(std::size_t size)
{
    std::string s;
    while (s.size() < size)
        for (int c = 0; c < 0x20 && s.size() < size; ++c)
            if (c != '\b' && c != '\t' && c != '\n' && c != '\f' && c != '\r')
                s += static_cast<char>(c);
    return s;
}

/// Writes `value` as a JSON object after a prefix already in the buffer, the way the library's
/// writers do; returns what was written and its bound.
template <class T>
std::pair<std::string, std::size_t> write(const T& value)
{
    std::string out = "prefix";
    const std::size_t bound = pj::detail::object_bound(value);
    const std::string_view written = pj::append_bounded(
        out, bound, [&](char* p) { return pj::detail::write_object(p, value); });
    CHECK(out.size() == 6 + written.size());
    CHECK(out.starts_with("prefix"));
    return {std::string(written), bound};
}

bj::value line_json(const bound_test::line& l)
{
    bj::object o{{"name", l.name}, {"price", l.price.minor_units()}, {"quantity", l.quantity}};
    if (l.image) o["image"] = *l.image;
    o["gift"] = l.gift;
    return o;
}

} // namespace

TEST_CASE("bounded writer: the worst case of every member type fits its bound and reads back",
          "[json][bound]")
{
    const std::string worst = every_escape_class(longest_text);
    REQUIRE(portone::validation::is_valid_utf8(worst));
    REQUIRE(worst.size() > longest_text - 4);
    const std::string quotes(longest_text, '"');
    const std::string backslashes(longest_text, '\\');
    const std::string controls = unicode_escapes_only(longest_text);
    std::string japanese;
    while (japanese.size() + 3 <= longest_text) japanese += "緑";

    const bound_test::line line{.name = worst,
                                .price = largest_yen,
                                .quantity = std::numeric_limits<std::int64_t>::min(),
                                .image = controls,
                                .gift = true};
    const std::vector<bound_test::line> lines(8, line);
    bound_test::every_type v{.text = worst,
                             .view = quotes,
                             .maybe_text = backslashes,
                             .absent_text = std::nullopt,
                             .amount = largest_yen,
                             .maybe_amount = largest_yen,
                             .yes = true,
                             .no = false,
                             .maybe_flag = false,
                             .smallest = std::numeric_limits<std::int64_t>::min(),
                             .largest = std::numeric_limits<std::int64_t>::max(),
                             .small = std::numeric_limits<int>::min(),
                             .unsigned_largest = std::numeric_limits<std::uint32_t>::max(),
                             .nested = {.label = controls, .flag = true, .item = line},
                             .maybe_nested = bound_test::inner{.label = japanese, .item = line},
                             .lines = lines,
                             .texts = {worst, "", controls, japanese},
                             .numbers = {std::numeric_limits<std::int64_t>::min(), 0,
                                         std::numeric_limits<std::int64_t>::max()},
                             .flags = {true, false, true},
                             .amounts = {1_yen, largest_yen},
                             .viewed_lines = lines,
                             .no_texts = {}};

    const auto [json, bound] = write(v);
    INFO("written " << json.size() << " of a bound of " << bound);
    REQUIRE(json.size() <= bound);
    WARN("bounded writer, every member type at its worst: " << json.size() << " bytes written, bound "
         << bound << ", slack " << bound - json.size());

    bj::error_code ec;
    const bj::value parsed = bj::parse(json, ec);
    REQUIRE_FALSE(ec);
    bj::array line_array;
    for (const auto& l : lines) line_array.push_back(line_json(l));
    const bj::object expected{
        {"text", worst},
        {"view", quotes},
        {"maybe_text", backslashes},
        {"amount", largest_yen.minor_units()},
        {"maybe_amount", largest_yen.minor_units()},
        {"yes", true},
        {"no", false},
        {"maybe_flag", false},
        {"smallest", std::numeric_limits<std::int64_t>::min()},
        {"largest", std::numeric_limits<std::int64_t>::max()},
        {"small", std::numeric_limits<int>::min()},
        {"unsigned_largest", std::int64_t{std::numeric_limits<std::uint32_t>::max()}},
        {"nested", {{"label", controls}, {"flag", true}, {"item", line_json(line)}}},
        {"maybe_nested", {{"label", japanese}, {"item", line_json(line)}}},
        {"lines", line_array},
        {"texts", {worst, "", controls, japanese}},
        {"numbers",
         {std::numeric_limits<std::int64_t>::min(), 0, std::numeric_limits<std::int64_t>::max()}},
        {"flags", {true, false, true}},
        {"amounts", {1, largest_yen.minor_units()}},
        {"viewed_lines", line_array}};
    CHECK(parsed == bj::value(expected));
    // Members in declaration order, omitted ones left out (absent_text, no_texts).
    std::vector<std::string> keys;
    for (const auto& member : parsed.as_object()) keys.emplace_back(member.key());
    std::vector<std::string> expected_keys;
    for (const auto& member : expected) expected_keys.emplace_back(member.key());
    CHECK(keys == expected_keys);
}

TEST_CASE("bounded writer: the bound is exact for the costliest string", "[json][bound]")
{
    for (const std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{8},
                                   std::size_t{9}, longest_text, 4 * longest_text}) {
        const bound_test::escapes_only v{unicode_escapes_only(size)};
        const auto [json, bound] = write(v);
        INFO(size << " bytes in, " << json.size() << " out, bound " << bound);
        // Every byte takes its six; the only room left is the opening brace, which the bound
        // counts apart although the writer turns the first member's comma into it.
        CHECK(json.size() + 1 == bound);
        CHECK(bj::parse(json) == bj::value(bj::object{{"text", v.text}}));
    }
    CHECK(pj::string_bound(unicode_escapes_only(100)) == 6 * 100 + 2);
}

TEST_CASE("bounded writer: an empty string and an integer at its widest", "[json][bound]")
{
    const bound_test::escapes_only empty{};
    const auto [json, bound] = write(empty);
    CHECK(json == R"({"text":""})");
    CHECK(json.size() <= bound);

    char digits[pj::integer_bound + 1] = {};
    const char* end = pj::put_integer(digits, std::numeric_limits<std::int64_t>::min());
    CHECK(static_cast<std::size_t>(end - digits) == pj::integer_bound);
    CHECK(std::string_view(digits, pj::integer_bound) == "-9223372036854775808");
}

TEST_CASE("bounded writer: the library's request types at their worst", "[json][bound]")
{
    // portone::payment_fields and what it holds, written by the generic writer with the largest
    // values their checks allow: free text at max_text_length with quotes, backslashes and
    // multi-byte UTF-8 (control characters are refused by the checks, so not here).
    std::string text;
    while (text.size() + 6 <= longest_text) text += "\"\\あ";
    const portone::address address{.city = text, .country_code = "JP", .country_name = text,
                                   .locale = "ja", .line_1 = text, .line_2 = text,
                                   .postal_code = "100-0001", .state = text};
    portone::payment_fields fields{
        .merchant_order_id = std::string(portone::validation::max_merchant_order_id_length, 'x'),
        .amount = largest_yen,
        .description = text,
        .success_url = "https://shop.example/paid?q=" + std::string(1000, 'a'),
        .failure_url = "https://shop.example/failed",
        .pending_url = "https://shop.example/pending",
        .billing_details = portone::billing_details{text, text, "taro@example.jp",
                                                    "+81 (90) 1234-5678", address},
        .shipping_details = portone::shipping_details{text, text, "hanako@example.jp",
                                                      "080-1111-2222", address},
        .user_configured_field1 = text,
        .user_configured_field5 = text};
    for (int i = 0; i < 20; ++i)
        fields.order_details.push_back({.id = text, .name = text, .price = largest_yen,
                                        .quantity = std::numeric_limits<std::int64_t>::max(),
                                        .image = "https://shop.example/i.png"});

    const auto [json, bound] = write(fields);
    REQUIRE(json.size() <= bound);
    WARN("bounded writer, payment_fields at its largest: " << json.size() << " bytes written, bound "
         << bound << ", slack " << bound - json.size());
    const bj::value parsed = bj::parse(json);
    CHECK(parsed.at("description") == bj::value(text));
    CHECK(parsed.at("billing_details").at("billing_address").at("state") == bj::value(text));
    CHECK(parsed.at("order_details").as_array().size() == 20);
    CHECK(parsed.at("order_details").at(19).at("quantity") ==
          bj::value(std::numeric_limits<std::int64_t>::max()));
    CHECK(parsed.at("amount") == bj::value(largest_yen.minor_units()));
}

TEST_CASE("bounded writers of the library, with worst-case values, write valid JSON",
          "[json][bound]")
{
    const std::string hostile = every_escape_class(300);

    SECTION("the transaction-details body: an order_ref of every escape class")
    {
        const std::string body = portone::detail::order_ref_body(hostile);
        CHECK(bj::parse(body) == bj::value(bj::object{{"order_ref", hostile}}));
    }
    SECTION("JWT claims: a key of every escape class, times at both ends of int64")
    {
        constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
        constexpr auto highest = std::numeric_limits<std::int64_t>::max();
        const std::string claims = portone::detail::jwt_claims_json(hostile, lowest, highest);
        const bj::value parsed = bj::parse(claims);
        CHECK(parsed.at("sub") == bj::value(hostile));
        CHECK(parsed.at("iat") == bj::value(lowest));
        CHECK(parsed.at("exp") == bj::value(highest));
    }
    SECTION("initiatePayment: the longest texts, a key and a signature of every escape class")
    {
        std::string text;
        while (text.size() + 6 <= longest_text) text += "\"\\あ";
        portone::payment_fields fields{
            .merchant_order_id =
                std::string(portone::validation::max_merchant_order_id_length, 'x'),
            .amount = largest_yen,
            .description = text,
            .success_url = "https://shop.example/paid",
            .failure_url = "https://shop.example/failed",
            .billing_details = portone::billing_details{text, text, "taro@example.jp",
                                                        "090-1234-5678",
                                                        fixtures::tokyo_address()}};
        fields.order_details.push_back({.id = text, .name = text, .price = largest_yen});
        const auto request = portone::check_payment(portone::komoju::bank_transfer::traits,
                                                    portone::environment::live, fields);
        INFO((request ? "" : request.error().to_string()));
        REQUIRE(request.has_value());
        std::string out;
        portone::json::write_initiate_payment(out, *request, portone::portone_key(hostile),
                                              hostile);
        const bj::value parsed = bj::parse(out);
        CHECK(parsed.at("key") == bj::value(hostile));
        CHECK(parsed.at("signature_hash") == bj::value(hostile));
        CHECK(parsed.at("description") == bj::value(text));
        CHECK(parsed.at("order_details").at(0).at("name") == bj::value(text));
        CHECK(parsed.at("amount") == bj::value(largest_yen.minor_units()));
    }
    SECTION("refund: the longest description and reason")
    {
        std::string text;
        while (text.size() + 6 <= longest_text) text += "\"\\あ";
        const auto refund = portone::refund<portone::komoju::paypay>(
            portone::live, {.order_ref = "2mbZeehV4ZhkLTwVcL2fHukBg4J",
                            .paid = largest_yen,
                            .amount = largest_yen,
                            .description = text,
                            .reason = text});
        INFO((refund ? "" : refund.error().to_string()));
        REQUIRE(refund.has_value());
        std::string out;
        portone::json::write_refund(out, *refund);
        const bj::value parsed = bj::parse(out);
        CHECK(parsed.at("description") == bj::value(text));
        CHECK(parsed.at("refund_reason") == bj::value(text));
        CHECK(parsed.at("amount") == bj::value(largest_yen.minor_units()));
    }
    SECTION("Checkout: the longest description, a key and a signature of every escape class")
    {
        std::string text;
        while (text.size() + 6 <= longest_text) text += "\"\\あ";
        auto details = fixtures::tea_checkout();
        details.amount = largest_yen;
        details.description = text;
        details.merchant_details.name = text;
        details.user_configured_field1 = text;
        std::vector<std::string_view> keys;
        for (const portone::method_traits* t : portone::komoju::all_traits)
            if (t->checkout) keys.push_back(t->key);
        const auto link =
            portone::checkout(portone::environment::live, keys, details, portone::komoju::methods);
        INFO((link ? "" : link.error().to_string()));
        REQUIRE(link.has_value());
        std::string body, payload;
        portone::json::write_checkout(body, *link, portone::portone_key(hostile), hostile);
        portone::json::write_checkout_sdk_payload(payload, *link, hostile);
        const bj::value parsed = bj::parse(body);
        CHECK(parsed.at("description") == bj::value(text));
        CHECK(parsed.at("signature_hash") == bj::value(hostile));
        CHECK(parsed.at("chosen_payment_methods").as_array().size() == keys.size());
        CHECK(bj::parse(payload).is_object());
    }
}
