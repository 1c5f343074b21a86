// SPDX-License-Identifier: BSL-1.0
// The JWT for PortOne's server APIs: three base64url parts without padding, the header and claims
// PortOne documents, and an HS256 signature checked against OpenSSL's one-shot HMAC().
#include <portone/komoju.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace json = boost::json;
using namespace std::chrono_literals;
using portone::errc;

namespace {

const portone::secret_key secret("PORTONE_SECRET");
const portone::portone_key key("PORTONE_KEY");
// 2023-11-14T22:13:20Z
const std::chrono::sys_seconds issued_at{std::chrono::seconds{1'700'000'000}};

std::vector<std::string> split(std::string_view token)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const auto dot = token.find('.', start);
        parts.emplace_back(token.substr(start, dot - start));
        if (dot == std::string_view::npos) return parts;
        start = dot + 1;
    }
}

bool is_base64url_unpadded(std::string_view s)
{
    for (char c : s)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    return s.size() % 4 != 1; // a length no base64 text can have
}

/// base64url without padding back to bytes, through OpenSSL's own decoder (not the library's).
std::string decode(std::string_view text)
{
    std::string standard(text);
    for (char& c : standard) {
        if (c == '-') c = '+';
        else if (c == '_') c = '/';
    }
    std::size_t padding = 0;
    while (standard.size() % 4 != 0) {
        standard += '=';
        ++padding;
    }
    std::string out(standard.size() / 4 * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(standard.data()),
                                  static_cast<int>(standard.size()));
    REQUIRE(n >= 0);
    out.resize(static_cast<std::size_t>(n) - padding);
    return out;
}

/// base64url(HMAC-SHA256(secret, message)) through OpenSSL's one-shot HMAC() and EVP_EncodeBlock.
std::string reference_signature(std::string_view secret_text, std::string_view message)
{
    unsigned char digest[32];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret_text.data(), static_cast<int>(secret_text.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
    REQUIRE(length == 32);
    unsigned char b64[64];
    const int n = EVP_EncodeBlock(b64, digest, static_cast<int>(length));
    std::string s(reinterpret_cast<const char*>(b64), static_cast<std::size_t>(n));
    while (!s.empty() && s.back() == '=') s.pop_back();
    for (char& c : s) {
        if (c == '+') c = '-';
        else if (c == '/') c = '_';
    }
    return s;
}

struct decoded_token {
    json::object header;
    json::object claims;
    std::string signed_part; // header.payload, as signed
    std::string signature;
};

decoded_token decode_token(std::string_view token)
{
    const auto parts = split(token);
    REQUIRE(parts.size() == 3);
    for (const auto& p : parts) {
        INFO("part " << p);
        CHECK(!p.empty());
        CHECK(is_base64url_unpadded(p));
    }
    return {json::parse(decode(parts[0])).as_object(), json::parse(decode(parts[1])).as_object(),
            parts[0] + "." + parts[1], parts[2]};
}

} // namespace

TEST_CASE("JWT: header, PortOne's claims and an HS256 signature", "[jwt]")
{
    const auto token = portone::make_jwt(key, secret, issued_at);
    REQUIRE(token.has_value());
    const auto t = decode_token(token->value());

    CHECK(t.header.size() == 2);
    CHECK(t.header.at("alg") == "HS256");
    CHECK(t.header.at("typ") == "JWT");

    CHECK(t.claims.size() == 4);
    CHECK(t.claims.at("iss") == "PORTONE");
    CHECK(t.claims.at("sub") == "PORTONE_KEY");
    REQUIRE(t.claims.at("iat").is_int64());
    REQUIRE(t.claims.at("exp").is_int64());
    CHECK(t.claims.at("iat").as_int64() == 1'700'000'000);
    // PortOne's default: valid for 100 seconds.
    CHECK(t.claims.at("exp").as_int64() == 1'700'000'100);

    CHECK(t.signature == reference_signature("PORTONE_SECRET", t.signed_part));
    CHECK(t.signature != reference_signature("ANOTHER_SECRET", t.signed_part));
}

TEST_CASE("JWT: the lifetime sets exp, and the same inputs give the same token", "[jwt]")
{
    const auto hour = portone::make_jwt(key, secret, issued_at, 3600s);
    REQUIRE(hour.has_value());
    const auto claims = decode_token(hour->value()).claims;
    CHECK(claims.at("exp").as_int64() - claims.at("iat").as_int64() == 3600);

    // A keyed HMAC reused across tokens gives exactly what the one-off overload gives.
    const portone::crypto::hmac_sha256 mac(secret);
    const auto again = portone::make_jwt(key, mac, issued_at, 3600s);
    REQUIRE(again.has_value());
    CHECK(*again == *hour);

    // A different time or key is a different token.
    CHECK(portone::make_jwt(key, mac, issued_at + 1s, 3600s)->value() != hour->value());
    CHECK(portone::make_jwt(portone::portone_key("OTHER_KEY"), mac, issued_at, 3600s)->value() !=
          hour->value());
}

TEST_CASE("JWT: the key is escaped as a JSON string in the claims", "[jwt]")
{
    const std::string hostile = "k\"ey\\with\ncontrol\x01 and 日本語";
    const auto token = portone::make_jwt(portone::portone_key(hostile), secret, issued_at);
    REQUIRE(token.has_value());
    const auto t = decode_token(token->value());
    CHECK(t.claims.size() == 4); // the quote did not open a new member
    CHECK(t.claims.at("sub").as_string() == hostile);
    CHECK(t.claims.at("iss") == "PORTONE");
    CHECK(t.signature == reference_signature("PORTONE_SECRET", t.signed_part));
}

TEST_CASE("JWT: invalid inputs are typed errors", "[jwt]")
{
    const auto empty_key = portone::make_jwt(portone::portone_key(""), secret, issued_at);
    REQUIRE(empty_key.has_error());
    CHECK(empty_key.error().code == errc::invalid_value);
    CHECK(empty_key.error().where == "sub");

    for (auto lifetime : {0s, -1s, -100s}) {
        const auto r = portone::make_jwt(key, secret, issued_at, lifetime);
        REQUIRE(r.has_error());
        CHECK(r.error().code == errc::invalid_value);
        CHECK(r.error().where == "exp");
    }

    const std::chrono::sys_seconds end_of_time{
        std::chrono::seconds{std::numeric_limits<std::int64_t>::max() - 10}};
    const auto overflow = portone::make_jwt(key, secret, end_of_time, 100s);
    REQUIRE(overflow.has_error());
    CHECK(overflow.error().where == "exp");
    CHECK(portone::make_jwt(key, secret, end_of_time, 10s).has_value()); // exactly at the limit
}

TEST_CASE("JWT: the overload without a time reads the system clock", "[jwt]")
{
    using namespace std::chrono;
    const auto before = floor<seconds>(system_clock::now()).time_since_epoch().count();
    const auto token = portone::make_jwt(key, secret);
    const auto after = floor<seconds>(system_clock::now()).time_since_epoch().count();
    REQUIRE(token.has_value());
    const auto claims = decode_token(token->value()).claims;
    CHECK(claims.at("iat").as_int64() >= before);
    CHECK(claims.at("iat").as_int64() <= after);
    CHECK(claims.at("exp").as_int64() == claims.at("iat").as_int64() + 100);

    const portone::crypto::hmac_sha256 mac(secret);
    const auto custom = portone::make_jwt(key, mac, 60s);
    REQUIRE(custom.has_value());
    const auto c = decode_token(custom->value()).claims;
    CHECK(c.at("exp").as_int64() - c.at("iat").as_int64() == 60);
}

TEST_CASE("bearer tokens: compared in constant time, and each copy its own", "[jwt]")
{
    const portone::bearer_token a(std::string("eyJ.header.signature-a"));
    portone::bearer_token b(std::string("eyJ.header.signature-b"));
    CHECK_FALSE(a == b);
    CHECK(a == portone::bearer_token(std::string("eyJ.header.signature-a")));
    CHECK_FALSE(a == portone::bearer_token(std::string("eyJ.header.signature")));
    // A shorter token assigned over a longer one, then the longer one again: the value is the
    // new one each time (the old buffer is wiped first).
    b = portone::bearer_token(std::string("short"));
    CHECK(b.value() == "short");
    b = a;
    CHECK(b.value() == a.value());
    portone::bearer_token moved(std::move(b));
    CHECK(moved == a);
    CHECK(b.empty()); // NOLINT(bugprone-use-after-move): a moved-from token is wiped
}
