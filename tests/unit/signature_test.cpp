// SPDX-License-Identifier: BSL-1.0
// Request, webhook and redirect signatures: PortOne's encoding (Go's url.Values.Encode), HMAC-SHA256
// and Base64, against independently computed vectors and against OpenSSL's one-shot HMAC().
#include "fixtures.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace k = portone::komoju;
using namespace portone::literals;

namespace {

const portone::secret_key secret("PORTONE_SECRET");
const portone::portone_key key("PORTONE_KEY");

/// Base64(HMAC-SHA256(secret, message)) through OpenSSL's one-shot API, as a reference.
std::string reference_signature(std::string_view message)
{
    unsigned char digest[32];
    unsigned int length = 0;
    const auto s = secret.reveal();
    HMAC(EVP_sha256(), s.data(), static_cast<int>(s.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
    return portone::crypto::base64(digest, length);
}

std::string encoded(std::string_view value)
{
    std::string out;
    portone::append_form_encoded(out, value);
    return out;
}

/// Go's url.QueryEscape through Boost.URL's string-returning encode: one call on the whole text,
/// where the library encodes in pieces through a buffer.
std::string whole_encoded(std::string_view value)
{
    return boost::urls::encode(value, boost::urls::unreserved_chars,
                               boost::urls::encoding_opts(true, false, false));
}

/// `length` bytes cycling through kept, '+'-encoded and %XX-encoded ones, so that piece and
/// buffer boundaries fall on every kind of byte.
std::string mixed_text(std::size_t length)
{
    static constexpr std::string_view alphabet = "aZ9-_.~ /%+&=\xe5\xb1\xb1\n";
    std::string s;
    for (std::size_t i = 0; i < length; ++i) s += alphabet[(i * 7 + length) % alphabet.size()];
    return s;
}

// The vectors of the tests below (docs/signatures.md).
const portone::signed_values<portone::webhook_signed_fields> webhook_values = {
    "5000", "KOMOJU", "abc123", "JP", "JPY", "ORDER-0001", "PayPay", "2abcDEF", "Success"};
const portone::signed_values<portone::redirect_signed_fields> redirect_values = {
    "abc123", "ORDER-0001", "2abcDEF", "Success"};
constexpr std::string_view webhook_vector = "VUmIVSyEkuURjS7KDDfHK1etWIs+KX9kKHRR8FupQ/I=";
constexpr std::string_view redirect_vector = "pXMKPWzpR0aicl4hOAWUQspD4EN0mJHkfkTzd6faG7Y=";

} // namespace

TEST_CASE("request signature: PortOne's six fields, sorted and form-encoded")
{
    const portone::signer sign(secret);
    // Computed independently (Python urlencode and Node URLSearchParams agree on this message).
    CHECK(sign.payment_request_signature(key, 5000_yen, "JPY", "https://example.com/failure",
                                         "ORDER-0001", "https://example.com/success") ==
          "JpK+WFknLuQeINB5t0rWr0topQsELEwb82vbPgeOa8E=");
    const portone::signed_field fields[] = {{"success_url", "https://example.com/success"},
                                            {"amount", "5000"},
                                            {"merchant_order_id", "ORDER-0001"},
                                            {"client_key", "PORTONE_KEY"},
                                            {"failure_url", "https://example.com/failure"},
                                            {"currency", "JPY"}};
    CHECK(portone::form_encode(fields) ==
          "amount=5000&client_key=PORTONE_KEY&currency=JPY&failure_url=https%3A%2F%2Fexample.com%"
          "2Ffailure&merchant_order_id=ORDER-0001&success_url=https%3A%2F%2Fexample.com%2Fsuccess");
}

TEST_CASE("webhook and redirect signature vectors")
{
    const portone::signer sign(secret);
    const portone::signed_field webhook[] = {
        {"amount", "5000"},           {"channel_key", "KOMOJU"},
        {"channel_order_ref", "abc123"}, {"country_code", "JP"},
        {"currency", "JPY"},          {"merchant_order_ref", "ORDER-0001"},
        {"method_name", "PayPay"},    {"order_ref", "2abcDEF"},
        {"status", "Success"}};
    CHECK(sign.sign(webhook) == "VUmIVSyEkuURjS7KDDfHK1etWIs+KX9kKHRR8FupQ/I=");
    const portone::signed_field redirect[] = {{"status", "Success"},
                                              {"order_ref", "2abcDEF"},
                                              {"merchant_order_ref", "ORDER-0001"},
                                              {"channel_order_ref", "abc123"}};
    CHECK(sign.sign(redirect) == "pXMKPWzpR0aicl4hOAWUQspD4EN0mJHkfkTzd6faG7Y=");
    CHECK(sign.verify(redirect, "pXMKPWzpR0aicl4hOAWUQspD4EN0mJHkfkTzd6faG7Y="));
    CHECK_FALSE(sign.verify(redirect, "pXMKPWzpR0aicl4hOAWUQspD4EN0mJHkfkTzd6faG7Z="));
    CHECK_FALSE(sign.verify(redirect, ""));
    CHECK_FALSE(sign.verify(redirect, "not base64"));
}

TEST_CASE("form encoding is Go's url.QueryEscape")
{
    // Unreserved bytes stay, a space is '+', everything else %XX in upper case.
    CHECK(encoded("AZaz09-_.~") == "AZaz09-_.~");
    CHECK(encoded("a b") == "a+b");
    CHECK(encoded("*!'()") == "%2A%21%27%28%29");
    CHECK(encoded("+&=%") == "%2B%26%3D%25");
    CHECK(encoded("/?#:@") == "%2F%3F%23%3A%40");
    CHECK(encoded("山田") == "%E5%B1%B1%E7%94%B0");
    CHECK(encoded(std::string_view("\0\n", 2)) == "%00%0A");

    // Each special value goes through the whole signature: the message is what HMAC sees.
    const portone::signer sign(secret);
    for (std::string_view value : {"Order 1", "a~b*c!d'e(f)g", "1+1=2&3%", "山田 太郎"}) {
        const portone::signed_field fields[] = {{"merchant_order_id", value}, {"amount", "5000"}};
        const std::string message = "amount=5000&merchant_order_id=" + encoded(value);
        CHECK(portone::form_encode(fields) == message);
        CHECK(sign.sign(fields) == reference_signature(message));
    }
}

TEST_CASE("form encoding keeps exactly Boost.URL's unreserved set")
{
    // The library's own table (validation's RFC 3986 classes) decides which runs are copied;
    // Boost.URL's encode does the rest. They must agree on every byte.
    for (int c = 0; c < 256; ++c) {
        INFO(c);
        CHECK(portone::detail::form_writer::keeps(static_cast<char>(c)) ==
              boost::urls::unreserved_chars(static_cast<char>(c)));
    }
}

TEST_CASE("form encoding: kept runs are copied, only the rest is encoded")
{
    // Go's url.QueryEscape byte by byte, written out here independently of the library (which
    // copies runs of unreserved bytes and encodes the rest in runs) and of Boost.URL.
    const auto go_escape = [](std::string_view text) {
        static constexpr char hex[] = "0123456789ABCDEF";
        std::string out;
        for (const char c : text) {
            const auto b = static_cast<unsigned char>(c);
            if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ||
                b == '-' || b == '_' || b == '.' || b == '~')
                out += c;
            else if (b == ' ')
                out += '+';
            else
                out.append({'%', hex[b >> 4], hex[b & 15]});
        }
        return out;
    };
    std::vector<std::string> texts = {
        "",          "a",          " ",           "/",          "山",        "ab",
        "  ",        "a b",        " ab",         "ab ",        " a ",       "a  b",
        "山a",       "a山",        "a山b",        "山a山",      "a b c d e", " a b c d e ",
        "~.-_",      "~ .-_",      "%%%%%%%%%%",  "+&=+&=+&=",  "山田 太郎", "Konbini FamilyMart",
    };
    // Every byte alone, at the start, at the end and in the middle of a kept run long enough for
    // the 8-byte steps of the scan, at each offset around them; kept runs of every length up to
    // 40, across the size classes of the writer's inline copy (1-3, 4-7, 8-15, 16-32, more).
    const std::string run = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"; // 40 kept bytes
    for (int b = 0; b < 256; ++b) {
        const std::string c(1, static_cast<char>(b));
        texts.push_back(c);
        texts.push_back(c + run);
        texts.push_back(run + c);
        texts.push_back(run + c + run);
    }
    for (std::size_t n = 0; n <= run.size(); ++n) {
        texts.push_back(run.substr(0, n));                           // all kept
        texts.push_back(run.substr(0, n) + " ");                     // one to encode at the end
        texts.push_back("/" + run.substr(0, n));                     // ... at the start
        texts.push_back(run.substr(0, n) + "/" + run.substr(n));     // ... inside
        texts.push_back(std::string(n, '/'));                        // all encoded
    }
    // Runs longer than the 512-byte buffer, kept or encoded, whole or after a partial buffer.
    for (const std::string& big : {std::string(1030, 'k'), std::string(1030, '/'),
                                   std::string(1030, ' '), "x y" + std::string(600, 'k') + " z",
                                   std::string(500, 'k') + std::string(20, '/') +
                                       std::string(500, 'k')})
        texts.push_back(big);

    const portone::signer sign(secret);
    for (const std::string& text : texts) {
        INFO("text \"" << text << "\" (" << text.size() << " bytes)");
        CHECK(encoded(text) == go_escape(text));
        CHECK(encoded(text) == whole_encoded(text));
        const std::string message = "channel_order_ref=" + go_escape(text) +
                                    "&merchant_order_ref=ORDER-0001&order_ref=" + go_escape(text) +
                                    "&status=Success";
        CHECK(sign.signature_of<portone::redirect_signed_fields>(
                      {text, "ORDER-0001", text, "Success"})
                  .view() == reference_signature(message));
    }
}

TEST_CASE("fields are sorted by name, then by value")
{
    const portone::signed_field fields[] = {{"b", "2"}, {"a", "z"}, {"a", "y"}};
    CHECK(portone::form_encode(fields) == "a=y&a=z&b=2");
}

TEST_CASE("amounts are printed without decimals")
{
    CHECK(portone::amount_text(5000_yen).view() == "5000");
    CHECK(portone::amount_text(1_yen).view() == "1");
    CHECK(portone::amount_text(portone::yen::from(9'999'999).value()).view() == "9999999");
}

TEST_CASE("a checked request is signed with exactly the values in its body")
{
    const portone::signer sign(secret);
    auto request = fixtures::minimal_request<k::paypay>(portone::sandbox);
    REQUIRE(request);
    std::string out;
    const auto body = portone::write_signed_initiate_payment(out, *request, key, sign);
    const auto json = boost::json::parse(body).as_object();
    const auto text = [&](const char* name) { return std::string(json.at(name).as_string()); };
    const std::string expected = sign.payment_request_signature(
        key, request->amount(), text("currency"), text("failure_url"), text("merchant_order_id"),
        text("success_url"));
    CHECK(text("signature_hash") == expected);
    CHECK(text("key") == "PORTONE_KEY");
    CHECK(json.at("amount").as_int64() == request->amount().minor_units());

    // The dynamic path signs the same request the same way.
    auto dynamic = portone::check_payment(k::paypay::traits, portone::environment::sandbox,
                                          request->fields());
    REQUIRE(dynamic);
    CHECK(sign.sign_request(*dynamic, key) == expected);
}

TEST_CASE("the fixed field lists sign without sorting, the same as any list")
{
    const portone::signer sign(secret);
    CHECK(sign.signature_of<portone::webhook_signed_fields>(webhook_values).view() ==
          webhook_vector);
    CHECK(sign.signature_of<portone::redirect_signed_fields>(redirect_values).view() ==
          redirect_vector);
    CHECK(sign.verify<portone::redirect_signed_fields>(redirect_values, redirect_vector));
    CHECK_FALSE(sign.verify<portone::redirect_signed_fields>(
        redirect_values, "pXMKPWzpR0aicl4hOAWUQspD4EN0mJHkfkTzd6faG7Z="));
    CHECK_FALSE(sign.verify<portone::redirect_signed_fields>(redirect_values, ""));
    CHECK_FALSE(sign.verify<portone::webhook_signed_fields>(webhook_values, redirect_vector));
    CHECK(sign.payment_signature(key, 5000_yen, "JPY", "https://example.com/failure",
                                 "ORDER-0001", "https://example.com/success")
              .view() == "JpK+WFknLuQeINB5t0rWr0topQsELEwb82vbPgeOa8E=");

    // The lists are checked at compile time: sorted, no repeats, names that need no encoding.
    using portone::detail::signable_in_order;
    STATIC_REQUIRE(signable_in_order(portone::payment_request_signed_fields));
    static constexpr std::string_view unsorted[] = {"b", "a"};
    static constexpr std::string_view repeated[] = {"a", "a"};
    static constexpr std::string_view encoded_name[] = {"a b"};
    STATIC_REQUIRE_FALSE(signable_in_order(unsorted));
    STATIC_REQUIRE_FALSE(signable_in_order(repeated));
    STATIC_REQUIRE_FALSE(signable_in_order(encoded_name));
}

TEST_CASE("messages longer than the encoding buffer are streamed in pieces")
{
    // Every length around the buffer's size (512) and its thirds, for values and names: the
    // message never exists whole, so each must agree with one-call encoding and one-shot HMAC().
    const portone::signer sign(secret);
    for (std::size_t length : {0, 1, 2, 3, 169, 170, 171, 255, 256, 257, 340, 341, 342, 510, 511,
                               512, 513, 1023, 1024, 1025, 1536, 5000}) {
        INFO("length " << length);
        const std::string value = mixed_text(length);
        CHECK(encoded(value) == whole_encoded(value));
        const std::string name = "name " + mixed_text(length % 97);
        const portone::signed_field fields[] = {{"a_first", "x y"}, {name, value}};
        const std::string message =
            "a_first=x+y&" + whole_encoded(name) + "=" + whole_encoded(value);
        CHECK(portone::form_encode(fields) == message);
        CHECK(sign.sign(fields) == reference_signature(message));
        CHECK(sign.verify(fields, reference_signature(message)));

        const auto text = sign.signature_of<portone::redirect_signed_fields>(
            {value, "ORDER-0001", value, "Success"});
        CHECK(text.view() == reference_signature("channel_order_ref=" + whole_encoded(value) +
                                                 "&merchant_order_ref=ORDER-0001&order_ref=" +
                                                 whole_encoded(value) + "&status=Success"));
    }
}

TEST_CASE("any list is signed in url.Values.Encode order, repeats included")
{
    const portone::signer sign(secret);
    const portone::signed_field shuffled[] = {{"c", "1"}, {"a", "z"}, {"b", "2"}, {"a", "y"},
                                              {"c", "1"}, {"a", "y"}, {"", "e"}};
    const std::string message = "=e&a=y&a=y&a=z&b=2&c=1&c=1";
    CHECK(portone::form_encode(shuffled) == message);
    CHECK(sign.sign(shuffled) == reference_signature(message));
    const portone::signed_field in_order[] = {{"a", "y"}, {"a", "y"}, {"b", ""}};
    CHECK(portone::form_encode(in_order) == "a=y&a=y&b=");
    CHECK(portone::form_encode({}) == "");
    CHECK(sign.sign({}) == reference_signature(""));
}

TEST_CASE("the HMAC takes a message in pieces, and a shared signer stays correct")
{
    const portone::crypto::hmac_sha256 mac(secret);
    const std::string message = portone::form_encode(std::vector<portone::signed_field>{
        {"amount", "5000"}, {"currency", "JPY"}});
    auto stream = mac.begin();
    stream.update(message.substr(0, 5));
    stream.update("");
    stream.update(message.substr(5));
    const auto pieces = stream.finish();
    CHECK(portone::crypto::sha256_base64(pieces).view() == reference_signature(message));
    CHECK(mac(message) == pieces);
    {
        // While a message is open, another one on the same instance gets its own context.
        auto open = mac.begin();
        open.update("amount=5000");
        CHECK(mac(message) == pieces);
        open.update("&currency=JPY");
        CHECK(open.finish() == pieces);
    }
    CHECK(mac(message) == pieces);

    // A const signer shared by threads (documented as one per thread, but not to break if not).
    const portone::signer sign(secret);
    std::vector<int> wrong(4, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < wrong.size(); ++t)
        threads.emplace_back([&sign, &wrong, t] {
            for (int i = 0; i < 300; ++i)
                if (sign.signature_of<portone::webhook_signed_fields>(webhook_values).view() !=
                    webhook_vector)
                    ++wrong[t];
        });
    for (auto& thread : threads) thread.join();
    CHECK(wrong == std::vector<int>(4, 0));

    // Moved, it signs as before.
    portone::signer original(secret);
    const portone::signer moved(std::move(original));
    CHECK(moved.signature_of<portone::redirect_signed_fields>(redirect_values).view() ==
          redirect_vector);
}

TEST_CASE("Base64 decoding accepts exactly padded standard Base64")
{
    using portone::crypto::decode_base64;
    CHECK(decode_base64("pXMKPWzpR0aicl4hOAWUQspD4EN0mJHkfkTzd6faG7Y=")->size() == 32);
    CHECK(decode_base64("YQ==") == std::string("a"));
    CHECK(decode_base64("YWI=") == std::string("ab"));
    CHECK(decode_base64("YWJj") == std::string("abc"));
    for (std::string_view bad : {"", "Y", "YQ=", "YQ", "YQ===", "Y===", "Y=Q=", "YW I", "YW-_",
                                 "YWJj\n", "=YWJ"})
        CHECK_FALSE(decode_base64(bad));
}

TEST_CASE("Base64 decoding of a view into a larger buffer reads the view only")
{
    using portone::crypto::decode_base64;
    // As a signature arrives: a view into a larger buffer, followed by more Base64 characters
    // (four more would still decode, to more bytes).
    const std::string signature = "pXMKPWzpR0aicl4hOAWUQspD4EN0mJHkfkTzd6faG7Y=";
    const std::string buffer = "YWJjZGVm&" + signature + "AAAA&YWI=YWJj";
    const std::string_view all(buffer);

    CHECK(decode_base64(all.substr(0, 4)) == std::string("abc")); // "YWJj" of "YWJjZGVm"
    CHECK(decode_base64(all.substr(0, 8)) == std::string("abcdef"));
    const auto exact = decode_base64(signature);
    REQUIRE(exact.has_value());
    REQUIRE(exact->size() == 32);
    const auto viewed = decode_base64(all.substr(9, signature.size())); // then "AAAA"
    REQUIRE(viewed.has_value());
    CHECK(*viewed == *exact);
    // Padding at the end of the view, followed by more Base64.
    const std::string_view padded = all.substr(buffer.size() - 8, 4); // "YWI=" of "YWI=YWJj"
    CHECK(decode_base64(padded) == std::string("ab"));
    // A view that cuts the padding off, or a group in two, is not Base64.
    CHECK_FALSE(decode_base64(padded.substr(0, 3))); // "YWI"
    CHECK_FALSE(decode_base64(all.substr(0, 6)));    // "YWJjZG"
}

TEST_CASE("Base64 decoding accepts only what base64() writes: no bits left over by the padding")
{
    using portone::crypto::decode_base64;
    CHECK(decode_base64("QQ==") == std::string("A"));
    CHECK(decode_base64("QUI=") == std::string("AB"));
    // OpenSSL's EVP_DecodeBlock would read these as "A" and "AB", ignoring the leftover bits.
    CHECK_FALSE(decode_base64("QR=="));
    CHECK_FALSE(decode_base64("QUJ="));
}

TEST_CASE("base64url for JWT has no padding and no '+' or '/'")
{
    CHECK(portone::crypto::base64url("\xfb\xff") == "-_8");
    CHECK(portone::crypto::base64url("a") == "YQ");
}

TEST_CASE("the secret key compares in constant time and wipes itself")
{
    CHECK(secret.same_as("PORTONE_SECRET"));
    CHECK_FALSE(secret.same_as("PORTONE_SECRE"));
    CHECK_FALSE(secret.same_as("PORTONE_SECRET "));
    CHECK_FALSE(secret.same_as("portone_secret"));
    CHECK(portone::crypto::constant_time_equal("abc", "abc"));
    CHECK_FALSE(portone::crypto::constant_time_equal("abc", "abd"));

    portone::secret_key a("short");
    portone::secret_key b(std::move(a));
    CHECK(b.same_as("short"));
    CHECK(a.empty()); // NOLINT(bugprone-use-after-move): the moved-from key is wiped
}

TEST_CASE("an OpenSSL failure is a result of verification, not an exception")
{
    // The one failure of OpenSSL a test can cause without faking libcrypto: a MAC, or a signer,
    // that was moved from has no key. (A failing EVP_MAC_update or EVP_MAC_final cannot be
    // provoked through OpenSSL's public API; they take the same path, the stream's failure flag.)
    portone::crypto::hmac_sha256 mac(secret);
    const portone::crypto::hmac_sha256 keeper(std::move(mac));
    {
        auto stream = mac.begin(); // does not throw
        stream.update("amount=5000");
        portone::crypto::sha256_digest out{};
        CHECK_FALSE(stream.try_finish(out));
    }
    CHECK_THROWS_AS(mac("amount=5000"), std::runtime_error); // the throwing API still throws
    CHECK(portone::crypto::sha256_base64(keeper("amount=5000")).view() ==
          reference_signature("amount=5000"));

    portone::signer sign(secret);
    const portone::signer kept(std::move(sign));
    const portone::signed_field fields[] = {{"amount", "5000"}};
    const std::string good = kept.sign(fields);
    CHECK(kept.check(fields, good) == portone::signature_check::match);
    CHECK(kept.check(fields, "") == portone::signature_check::mismatch);

    CHECK(sign.check(fields, good) == portone::signature_check::crypto_failure);
    CHECK_FALSE(sign.verify(fields, good));
    CHECK(sign.check<portone::webhook_signed_fields>(webhook_values, webhook_vector) ==
          portone::signature_check::crypto_failure);
    CHECK_FALSE(sign.verify<portone::webhook_signed_fields>(webhook_values, webhook_vector));
    CHECK(kept.check<portone::webhook_signed_fields>(webhook_values, webhook_vector) ==
          portone::signature_check::match);
    // What the message checks build on it report: errc::crypto_failure, not a bad signature
    // (the handler answers 5xx and PortOne retries), and no exception.
    const auto unchecked = portone::detail::check_signature(sign, fields, good, "signature_hash");
    REQUIRE_FALSE(unchecked.has_value());
    CHECK(unchecked.error().code == portone::errc::crypto_failure);
    CHECK(unchecked.error().where == "signature_hash");
    CHECK(portone::to_string(unchecked.error().code) == "crypto_failure");
    const auto redirect = portone::parse_redirect(
        "channel_order_ref=a&merchant_order_ref=b&order_ref=c&status=Success&signature_hash=x",
        portone::komoju::methods);
    REQUIRE(redirect.has_value());
    const auto v = portone::verify_redirect(*redirect, sign);
    REQUIRE_FALSE(v.has_value());
    CHECK(v.error().code == portone::errc::crypto_failure);
    CHECK(portone::verify_redirect(*redirect, kept).error().code ==
          portone::errc::invalid_signature);
    // A JWT is a result too.
    const auto jwt = portone::make_jwt(portone::portone_key("pk"), mac, std::chrono::sys_seconds{});
    REQUIRE_FALSE(jwt.has_value());
    CHECK(jwt.error().code == portone::errc::crypto_failure);
    CHECK(portone::make_jwt(portone::portone_key("pk"), keeper, std::chrono::sys_seconds{})
              .has_value());
    // Signing cannot return a signature, so it throws (documented), without the secret.
    try {
        (void)sign.sign(fields);
        FAIL("sign() did not throw");
    } catch (const std::runtime_error& e) {
        CHECK(std::string_view(e.what()).find("OpenSSL") != std::string_view::npos);
        CHECK(std::string_view(e.what()).find("PORTONE_SECRET") == std::string_view::npos);
    }
}
