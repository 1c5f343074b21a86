// SPDX-License-Identifier: BSL-1.0
// The success/failure redirect: its query parameters read from a URL, a request target or a bare
// query, percent-decoded, checked for presence and repetition, and its four-field signature.
#include "fixtures.hpp"

#include <portone/komoju.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace portone::literals;
namespace k = portone::komoju;
using portone::errc;

namespace {

const portone::secret_key secret("PORTONE_SECRET");

// The redirect vector (secret PORTONE_SECRET), computed independently of this library:
// channel_order_ref abc123, merchant_order_ref ORDER-0001, order_ref 2abcDEF, status Success.
const std::string vector_signature = "pXMKPWzpR0aicl4hOAWUQspD4EN0mJHkfkTzd6faG7Y=";

using params = std::vector<std::pair<std::string, std::string>>;

/// The vector's parameters, with the signature percent-encoded as a browser sends it.
const params signed_params = {
    {"channel_order_ref", "abc123"},
    {"merchant_order_ref", "ORDER-0001"},
    {"order_ref", "2abcDEF"},
    {"status", "Success"},
    {"signature_hash", "pXMKPWzpR0aicl4hOAWUQspD4EN0mJHkfkTzd6faG7Y%3D"},
};

std::string query_of(const params& p)
{
    std::string q;
    for (const auto& [key, value] : p) {
        if (!q.empty()) q += '&';
        q += key + '=' + value;
    }
    return q;
}

params replaced(params p, std::string_view key, std::string value)
{
    for (auto& [k, v] : p)
        if (k == key) v = std::move(value);
    return p;
}

/// portone::parse_redirect(text, komoju::methods) as a server hands the text over, checked
/// against the same call on the text alone (a std::string): the result must be the same
///   - for a view into the request line of a whole HTTP request (what Boost.Beast's target()
///     and every other server give), whose following bytes are the rest of the request;
///   - for a view of a heap block of exactly its size, with nothing after it: a read past the
///     end is outside the block (AddressSanitizer reports it; the sanitize tests run this).
portone::result<portone::redirect_result>
parse_redirect_checked(std::string_view text, const portone::redirect_limits& limits = {})
{
    const std::string alone(text);
    auto expected =
        portone::parse_redirect(std::string_view(alone), portone::komoju::methods, limits);

    const std::string request = "GET " + alone +
                                " HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: Mozilla/5.0\r\n"
                                "Accept: text/html\r\nCookie: session=abc&x=1\r\n\r\n";
    const std::string_view target = std::string_view(request).substr(4, alone.size());
    const auto in_request = portone::parse_redirect(target, portone::komoju::methods, limits);

    const auto block = std::make_unique<char[]>(text.size() + (text.empty() ? 1 : 0));
    std::copy(text.begin(), text.end(), block.get());
    const auto in_block = portone::parse_redirect(std::string_view(block.get(), text.size()),
                                                  portone::komoju::methods, limits);

    INFO("redirect: " << portone::quoted(text));
    CHECK(in_request == expected);
    CHECK(in_block == expected);
    return expected;
}

portone::redirect_result parse(std::string_view text)
{
    auto r = parse_redirect_checked(text);
    INFO(text << "\n" << (r ? "" : r.error().message));
    REQUIRE(r.has_value());
    return std::move(*r);
}

portone::error parse_error(std::string_view text)
{
    auto r = parse_redirect_checked(text);
    INFO(text);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

} // namespace

TEST_CASE("redirect: a full URL, a request target or a bare query")
{
    const portone::signer sign(secret);
    const std::string q = query_of(signed_params);
    for (const std::string& text :
         {"https://shop.example/portone/success?" + q, "https://shop.example/portone/success?" + q +
                                                           "#top",
          "/portone/success?" + q, "?" + q, q}) {
        const auto r = parse(text);
        CHECK(r.channel_order_ref == "abc123");
        CHECK(r.merchant_order_ref == "ORDER-0001");
        CHECK(r.order_ref == "2abcDEF");
        CHECK(r.status.value == portone::payment_status::success);
        CHECK(r.status.text == "Success");
        CHECK(r.signature_hash == vector_signature);
        CHECK_FALSE(r.amount.has_value());
        CHECK(r.method_key == nullptr);
        CHECK(r.other_params.empty());
        CHECK(portone::verify_redirect(r, sign).has_value());
    }
}

TEST_CASE("redirect: every documented parameter")
{
    params p = signed_params;
    p.insert(p.end(), {{"amount", "5000"},
                       {"currency", "JPY"},
                       {"link_order_ref", "54A42644707B254"},
                       {"status_code", "2000"},
                       {"status_reason", "SUCCESS"},
                       {"method_key", "KOMOJU_PAY_EASY"},
                       {"message", "The+transaction+is+successful."},
                       {"buyer_name", "%E5%B1%B1%E7%94%B0+%E5%A4%AA%E9%83%8E"},
                       {"lang", "ja"},
                       {"status_channel_reason", "SUCCESS+%7C+ok"}});
    const auto r = parse("https://shop.example/paid?" + query_of(p));
    REQUIRE(r.amount.has_value());
    CHECK(*r.amount == 5000_yen);
    CHECK(r.currency == "JPY");
    CHECK(r.link_order_ref == "54A42644707B254");
    REQUIRE(r.status_code.has_value());
    CHECK(r.status_code->number == 2000);
    CHECK(r.status_code->series == portone::status_series::success);
    CHECK(r.status_reason == "SUCCESS");
    CHECK(r.method_key == &k::pay_easy::traits);
    // The others, decoded ('+' is a space), in order.
    REQUIRE(r.other_params.size() == 4);
    CHECK(r.other_params[0] == portone::query_param{"message", "The transaction is successful."});
    CHECK(r.other_params[1] == portone::query_param{"buyer_name", "山田 太郎"});
    CHECK(r.other_params[2] == portone::query_param{"lang", "ja"});
    CHECK(r.other_params[3] == portone::query_param{"status_channel_reason", "SUCCESS | ok"});
    REQUIRE(r.param("lang") != nullptr);
    CHECK(*r.param("lang") == "ja");
    CHECK(r.param("nope") == nullptr);
    CHECK(portone::verify_redirect(r, portone::signer(secret)).has_value());
}

TEST_CASE("redirect: signed values are percent-decoded before verification")
{
    // A merchant order id with a space and a slash, as the browser sends it, signed over the
    // decoded values (form_encode encodes them again).
    const portone::signer sign(secret);
    const portone::signed_field fields[] = {{"channel_order_ref", "abc 123"},
                                            {"merchant_order_ref", "ORDER/1"},
                                            {"order_ref", "2abcDEF"},
                                            {"status", "Failed"}};
    const std::string signature = sign.sign(fields);
    std::string encoded;
    portone::append_form_encoded(encoded, signature);
    const auto r = parse("channel_order_ref=abc+123&merchant_order_ref=ORDER%2F1&order_ref=2abcDEF"
                         "&status=Failed&signature_hash=" +
                         encoded);
    CHECK(r.channel_order_ref == "abc 123");
    CHECK(r.merchant_order_ref == "ORDER/1");
    CHECK(r.status == portone::payment_status::failed);
    CHECK(portone::verify_redirect(r, sign).has_value());
}

TEST_CASE("redirect: each required parameter missing")
{
    for (const auto& [key, value] : signed_params) {
        params p;
        for (const auto& kv : signed_params)
            if (kv.first != key) p.push_back(kv);
        const auto e = parse_error("/paid?" + query_of(p));
        INFO(key);
        CHECK(e.code == errc::missing_field);
        CHECK(e.where == key);
        CHECK(e.message == "the redirect has no " + key + " parameter");
    }
    // A URL without a query has none of them.
    auto e = parse_error("https://shop.example/paid");
    CHECK(e.code == errc::missing_field);
    CHECK(e.where == "channel_order_ref");
    e = parse_error("");
    CHECK(e.code == errc::missing_field);
    // A key without '=' is present, with an empty value.
    const auto r = parse(query_of(signed_params) + "&link_order_ref");
    CHECK(r.link_order_ref == "");
}

TEST_CASE("redirect: a repeated known parameter is rejected")
{
    for (const auto& [key, value] : signed_params) {
        const auto e = parse_error(query_of(signed_params) + "&" + key + "=" + value);
        INFO(key);
        CHECK(e.code == errc::duplicate_key);
        CHECK(e.where == key);
    }
    CHECK(parse_error(query_of(signed_params) + "&amount=1&amount=1").code == errc::duplicate_key);
    // Encoded spellings of a key are the same key.
    CHECK(parse_error(query_of(signed_params) + "&st%61tus=Failed").code == errc::duplicate_key);
    // Unknown parameters may repeat: they are all kept.
    const auto r = parse(query_of(signed_params) + "&x=1&x=2");
    REQUIRE(r.other_params.size() == 2);
    CHECK(r.other_params[1].value == "2");
}

TEST_CASE("redirect: an amount is yen, so a currency other than JPY beside it is refused")
{
    const auto e = parse_error(query_of(signed_params) + "&currency=USD&amount=10");
    CHECK(e.code == errc::unsupported_currency);
    CHECK(e.where == "currency");
    CHECK(e.message == "the redirect's amount is in \"USD\", and amounts are read as JPY");
    // The same with JPY, or a currency without an amount, reads.
    CHECK(parse(query_of(signed_params) + "&amount=10&currency=JPY").amount == 10_yen);
    CHECK(parse(query_of(signed_params) + "&currency=USD").currency == "USD");
}

TEST_CASE("redirect: amounts, statuses, status codes and method keys")
{
    struct amount_case {
        const char* text;
        std::optional<std::int64_t> yen;
        errc code;
    };
    for (const amount_case a : {amount_case{"5000", 5000, {}}, amount_case{"5000.00", 5000, {}},
                                amount_case{"1", 1, {}},
                                amount_case{"5000.5", std::nullopt, errc::invalid_value},
                                amount_case{"5000.", std::nullopt, errc::invalid_value},
                                amount_case{"-1", std::nullopt, errc::invalid_value},
                                amount_case{"abc", std::nullopt, errc::invalid_value},
                                amount_case{"0", std::nullopt, errc::amount_not_positive},
                                amount_case{"10000000", std::nullopt, errc::amount_too_large},
                                amount_case{"99999999999999999999", std::nullopt,
                                            errc::amount_too_large}}) {
        INFO(a.text);
        const std::string q = query_of(signed_params) + "&amount=" + a.text;
        if (a.yen) {
            CHECK(parse(q).amount->minor_units() == *a.yen);
        } else {
            const auto e = parse_error(q);
            CHECK(e.code == a.code);
            CHECK(e.where == "amount");
        }
    }
    for (const auto& [text, value] :
         std::vector<std::pair<std::string, portone::payment_status>>{
             {"Success", portone::payment_status::success},
             {"Failed", portone::payment_status::failed},
             {"Pending", portone::payment_status::pending},
             {"Expired", portone::payment_status::expired},
             {"Initiated", portone::payment_status::initiated},
             {"Cancelled", portone::payment_status::cancelled},
             {"Refunded", portone::payment_status::unknown}}) {
        const auto r = parse(query_of(replaced(signed_params, "status", text)));
        CHECK(r.status.value == value);
        CHECK(r.status.text == text);
    }
    auto r = parse(query_of(signed_params) + "&status_code=4011");
    CHECK(r.status_code->series == portone::status_series::validation);
    r = parse(query_of(signed_params) + "&status_code=x");
    CHECK(r.status_code->series == portone::status_series::unknown);
    CHECK_FALSE(r.status_code->number.has_value());

    const auto e = parse_error(query_of(signed_params) + "&method_key=KOMOJU_UNKNOWN");
    CHECK(e.code == errc::unknown_method);
    CHECK(e.where == "method_key");
}

TEST_CASE("redirect: malformed input")
{
    auto e = parse_error(query_of(signed_params) + "&x=%zz");
    CHECK(e.code == errc::invalid_value);
    CHECK(e.where == "");
    e = parse_error("https://shop example/paid?" + query_of(signed_params));
    CHECK(e.code == errc::invalid_value);
    e = parse_error(query_of(signed_params) + "&pad=" +
                    std::string(portone::max_redirect_size, 'x'));
    CHECK(e.code == errc::limit_exceeded);
}

TEST_CASE("redirect: truncated input")
{
    const std::string whole = query_of(signed_params);
    // Cut inside a percent escape: not a query string.
    for (const char* tail : {"&x=%", "&x=%4", "&x=%E5%B1%B", "&%"}) {
        INFO(tail);
        const auto e = parse_error(whole + tail);
        CHECK(e.code == errc::invalid_value);
        CHECK(e.where == "");
    }
    // Cut anywhere else: what is left is read and what is missing is named, or, when only the
    // signature was cut, the signature no longer verifies. Never a verified redirect.
    const portone::signer sign(secret);
    const std::size_t signature_at = whole.find("signature_hash");
    for (std::size_t n = 0; n < whole.size(); ++n) {
        const std::string cut = whole.substr(0, n);
        INFO(cut);
        const auto r = parse_redirect_checked(cut);
        if (n < signature_at) {
            REQUIRE_FALSE(r.has_value());
            CHECK(r.error().code == errc::missing_field);
        } else if (r) {
            const auto v = portone::verify_redirect(*r, sign);
            REQUIRE_FALSE(v.has_value());
            CHECK(v.error().code == errc::invalid_signature);
        } else if (r.error().code == errc::missing_field) { // cut inside its name
            CHECK(r.error().where == "signature_hash");
        } else { // cut inside the signature's "%3D"
            CHECK(r.error().code == errc::invalid_value);
            CHECK(r.error().where == "");
        }
    }
    CHECK(portone::verify_redirect(parse(whole), sign).has_value());
    // Cut inside a UTF-8 character that was percent-encoded: decodes, but is not text.
    const auto e = parse_error(query_of(replaced(signed_params, "merchant_order_ref", "%E5%B1")));
    CHECK(e.code == errc::invalid_value);
    CHECK(e.where == "merchant_order_ref");
}

TEST_CASE("redirect: keys and values must be UTF-8 once decoded")
{
    // 山 percent-encoded is text; an overlong '/', a lone continuation byte, a surrogate and a
    // byte that never appears in UTF-8 are not.
    auto r = parse(query_of(signed_params) + "&buyer_name=%E5%B1%B1");
    CHECK(*r.param("buyer_name") == "山");
    for (const char* bad : {"%C0%AF", "%80", "%ED%A0%80", "%FF", "a%C3%28"}) {
        INFO(bad);
        auto e = parse_error(query_of(replaced(signed_params, "order_ref", bad)));
        CHECK(e.code == errc::invalid_value);
        CHECK(e.where == "order_ref");
        CHECK(e.message.find("not valid UTF-8") != std::string::npos);
        e = parse_error(query_of(signed_params) + "&" + bad + "=1");
        CHECK(e.code == errc::invalid_value);
        CHECK(e.where == "");
        // The offending bytes are not copied into the message (it is meant for logs).
        CHECK(portone::validation::is_valid_utf8(e.message));
    }
}

TEST_CASE("redirect: limits are configurable")
{
    const std::string q = query_of(signed_params) + "&lang=ja&buyer_name=x";
    CHECK(parse_redirect_checked(q).has_value());

    portone::redirect_limits small;
    small.max_bytes = q.size() - 1;
    auto r = parse_redirect_checked(q, small);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::limit_exceeded);
    small.max_bytes = q.size();
    CHECK(parse_redirect_checked(q, small).has_value());

    small.max_params = 6;
    r = parse_redirect_checked(q, small);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::limit_exceeded);
    CHECK(r.error().message.find("7 parameters") != std::string::npos);
    small.max_params = 7;
    CHECK(parse_redirect_checked(q, small).has_value());
}

TEST_CASE("redirect signature: changing any of the four signed fields breaks it")
{
    const portone::signer sign(secret);
    const params tampered = {{"channel_order_ref", "abc124"},
                             {"merchant_order_ref", "ORDER-0002"},
                             {"order_ref", "2abcDEf"},
                             {"status", "Failed"}};
    REQUIRE(tampered.size() == portone::redirect_signed_fields.size());
    for (std::size_t i = 0; i < tampered.size(); ++i) {
        const auto& [key, value] = tampered[i];
        CHECK(key == portone::redirect_signed_fields[i]);
        INFO(key);
        const auto r =
            portone::verify_redirect(parse(query_of(replaced(signed_params, key, value))), sign);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::invalid_signature);
        CHECK(r.error().where == "signature_hash");
    }
    // The amount is not signed: changing it does not break the signature, which is why the
    // redirect must not be trusted for the amount.
    const auto r = parse(query_of(signed_params) + "&amount=1");
    CHECK(portone::verify_redirect(r, sign).has_value());
}

TEST_CASE("redirect signature: empty, not Base64, '+' decoded as a space, wrong key")
{
    const portone::signer sign(secret);
    for (const char* bad : {"", "abc", "pXMKPWzpR0aicl4hOAWUQspD4EN0mJHkfkTzd6faG7Y",
                            "pXMKPWzpR0aicl4hOAWUQspD4EN0mJHkfkTzd6faG7Z%3D"}) {
        INFO(bad);
        const auto r = parse(query_of(replaced(signed_params, "signature_hash", bad)));
        const auto v = portone::verify_redirect(r, sign);
        REQUIRE_FALSE(v.has_value());
        CHECK(v.error().code == errc::invalid_signature);
    }
    // A signature with '+' sent unencoded arrives as a space: not Base64, reported as such.
    const portone::signed_field fields[] = {{"channel_order_ref", "x"},
                                            {"merchant_order_ref", "ORDER-0001"},
                                            {"order_ref", "2abcDEF"},
                                            {"status", "Success"}};
    std::string signature = sign.sign(fields);
    // Vary a signed value until its signature contains a '+' (about every other one does).
    // (std::to_string alone: building "x" + digits here trips a false g++ 12 -O3 -Wrestrict.)
    std::string channel_ref = "x";
    for (int i = 0; signature.find('+') == std::string::npos && i < 1000; ++i) {
        channel_ref = std::to_string(i);
        const portone::signed_field f[] = {{"channel_order_ref", channel_ref},
                                           {"merchant_order_ref", "ORDER-0001"},
                                           {"order_ref", "2abcDEF"},
                                           {"status", "Success"}};
        signature = sign.sign(f);
    }
    REQUIRE(signature.find('+') != std::string::npos);
    const auto raw = parse("channel_order_ref=" + channel_ref +
                           "&merchant_order_ref=ORDER-0001&order_ref=2abcDEF&status=Success"
                           "&signature_hash=" +
                           signature);
    const auto v = portone::verify_redirect(raw, sign);
    REQUIRE_FALSE(v.has_value());
    CHECK(v.error().message.find("not standard Base64") != std::string::npos);
    std::string encoded;
    portone::append_form_encoded(encoded, signature);
    const auto ok = parse("channel_order_ref=" + channel_ref +
                          "&merchant_order_ref=ORDER-0001&order_ref=2abcDEF&status=Success"
                          "&signature_hash=" +
                          encoded);
    CHECK(portone::verify_redirect(ok, sign).has_value());

    const portone::signer other(portone::secret_key("ANOTHER_SECRET"));
    CHECK_FALSE(portone::verify_redirect(parse(query_of(signed_params)), other).has_value());
}

TEST_CASE("redirect: the request target of a real request line verifies")
{
    // The signature is the last parameter: read past the end of the target, it would take in
    // " HTTP/1.1\r\n..." and stop verifying.
    const portone::signer sign(secret);
    const std::string request = "GET /portone/success?" + query_of(signed_params) +
                                " HTTP/1.1\r\nHost: shop.example\r\n\r\n";
    const std::size_t begin = 4;
    const std::size_t end = request.find(' ', begin);
    const auto r = portone::parse_redirect(std::string_view(request).substr(begin, end - begin),
                                           portone::komoju::methods);
    REQUIRE(r.has_value());
    CHECK(r->signature_hash == vector_signature);
    CHECK(portone::verify_redirect(*r, sign).has_value());
}

TEST_CASE("redirect: empty queries and fragments")
{
    // No query, an empty one, or one that is only a fragment: no parameters, so the first
    // required one is missing. Never a read past the input (parse_redirect checks each input
    // also as a view into a request and as an exact-size heap block).
    for (const char* text : {"", "?", "#", "?#", "/paid?", "/paid?#frag", "/paid#frag", "/paid?#",
                             "https://shop.example/paid?#x", "https://shop.example/paid#x?y=1",
                             "https://shop.example/paid?", "&", "&&&", "?&", "#x=1"}) {
        INFO(text);
        const auto e = parse_error(text);
        CHECK(e.code == errc::missing_field);
        CHECK(e.where == "channel_order_ref");
    }
    // The fragment is cut off before the query is read, whatever it holds.
    const std::string q = query_of(signed_params);
    for (const std::string& text : {"/paid?" + q + "#", "/paid?" + q + "#status=Failed",
                                    q + "#signature_hash=x", "?" + q + "#a&b=c"}) {
        INFO(text);
        const auto r = parse(text);
        CHECK(r.status.text == "Success");
        CHECK(r.signature_hash == vector_signature);
        CHECK(r.other_params.empty());
    }
    // Empty parameters between '&' are skipped (Go's url.ParseQuery does the same).
    const auto r = parse("&&" + q + "&&&lang=ja&&");
    REQUIRE(r.other_params.size() == 1);
    CHECK(r.other_params[0] == portone::query_param{"lang", "ja"});
}

TEST_CASE("redirect: input Boost.URL 1.81 asserts on is an ordinary error")
{
    // "ht:\xa4" trips an assertion inside Boost.URL 1.81's URL parser when that is compiled with
    // assertions. parse_redirect never hands the input to it.
    for (const std::string& text : {std::string("ht:\xa4"), std::string("ht:\xa4?a=b"),
                                   std::string("https://shop.example/\xa4?a=b"),
                                   std::string("/p\xa4th?a=b"), std::string("/paid?a=b#\xa4")}) {
        INFO(portone::quoted(text));
        const auto e = parse_error(text);
        CHECK(e.code == errc::invalid_value);
        CHECK(e.where == "");
        CHECK(e.message.starts_with("the redirect is not a valid URL: "));
        CHECK(portone::validation::is_valid_utf8(e.message));
    }
    for (const std::string& text : {std::string("a=\xa4"), std::string("a=1&b=\xff"),
                                   std::string("a b=1"), std::string("a=\"1\""),
                                   std::string("a=1#\xa4")}) {
        INFO(portone::quoted(text));
        const auto e = parse_error(text);
        CHECK(e.code == errc::invalid_value);
        CHECK(e.message.starts_with("the redirect is not a valid query string: "));
        CHECK(portone::validation::is_valid_utf8(e.message));
    }
}

TEST_CASE("redirect: every error for hostile input is safe to log")
{
    // Hostile text percent-encoded into every parameter, as a key, and unencoded in the query,
    // the path and the fragment (see fixtures::check_safe_message).
    const auto check = [](const std::string& text) {
        const auto r = parse_redirect_checked(text);
        if (!r) fixtures::check_safe_message(r.error());
    };
    for (const std::string& hostile : fixtures::hostile_texts()) {
        INFO(portone::quoted(hostile));
        std::string encoded;
        portone::append_form_encoded(encoded, hostile);
        for (const auto& [key, value] : signed_params) {
            check(query_of(replaced(signed_params, key, encoded)));
            check(query_of(signed_params) + "&" + encoded + "=" + encoded);
        }
        for (const char* key : {"amount", "currency", "status_code", "method_key", "lang"})
            check(query_of(signed_params) + "&" + key + "=" + encoded);
        check(query_of(signed_params) + "&x=" + hostile);
        check("/pa" + hostile + "th?" + query_of(signed_params));
        check("https://shop.example/paid?" + query_of(signed_params) + "#" + hostile);
        check(hostile);
    }
}
