// SPDX-License-Identifier: BSL-1.0
// The JWT that authenticates calls to PortOne's server APIs (refunds, payment links, status and
// transaction queries): HS256 over {"iss":"PORTONE","sub":<PortOne key>,"iat":..,"exp":..}, signed
// with the PortOne Secret Key, sent as `Authorization: Bearer <token>` next to
// `X-Portone-Client-Key: <PortOne key>` (protocol/http_request.hpp builds those headers).
//
//   const portone::crypto::hmac_sha256 mac(secret);       // keyed once; one per thread
//   auto token = portone::make_jwt(key, mac, now);        // now: std::chrono::sys_seconds
//   if (!token) return log(token.error().message);
//
// The core function takes the current time as a parameter, so a token is a pure function of its
// inputs (and testable); only the overload without `issued_at` reads the system clock.
#pragma once

#include <portone/config.hpp>
#include <portone/core/credentials.hpp>
#include <portone/core/error.hpp>
#include <portone/json/output.hpp>
#include <portone/json/string_escape.hpp>
#include <portone/protocol/crypto.hpp>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace portone {

namespace jwt {
/// `iss`: PortOne's documented default issuer. (Older samples use "CHAIPAY"; whether PortOne still
/// accepts it is not documented.)
inline constexpr std::string_view issuer = "PORTONE";
/// How long a token is valid by default: PortOne's samples use issued-at + 100 seconds. Short on
/// purpose: a token leaked from a log is useless soon after.
inline constexpr std::chrono::seconds default_lifetime{100};
/// The JOSE header, as compact JSON.
inline constexpr std::string_view header_json = R"({"alg":"HS256","typ":"JWT"})";
} // namespace jwt

// bearer_token, the type of the tokens, is in core/credentials.hpp beside the keys.

namespace detail {

/// {"iss":"PORTONE","sub":"<key, escaped>","iat":<iat>,"exp":<exp>}
PORTONE_DECL std::string jwt_claims_json(std::string_view key, std::int64_t iat, std::int64_t exp);

/// The base64url form of a raw digest.
inline std::string base64url_digest(const crypto::sha256_digest& d)
{
    return crypto::base64url(
        std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

} // namespace detail

/// A JWT for `key`, issued at `issued_at` and valid for `lifetime`, signed by `mac` (an HMAC keyed
/// with the PortOne Secret Key). Errors (errc::invalid_value): an empty key, a lifetime that is
/// not positive, an expiry that does not fit in 64-bit seconds. Not a template: nothing here
/// depends on a method type, so one copy serves every caller.
PORTONE_DECL result<bearer_token> make_jwt(const portone_key& key, const crypto::hmac_sha256& mac,
                                           std::chrono::sys_seconds issued_at,
                                           std::chrono::seconds lifetime = jwt::default_lifetime);

/// The same, keying an HMAC with `secret` for this one token. With many tokens, key a
/// crypto::hmac_sha256 once and use the overload above.
inline result<bearer_token> make_jwt(const portone_key& key, const secret_key& secret,
                                     std::chrono::sys_seconds issued_at,
                                     std::chrono::seconds lifetime = jwt::default_lifetime)
{
    return make_jwt(key, crypto::hmac_sha256(secret), issued_at, lifetime);
}

// Issued now (std::chrono::system_clock), for callers that do not inject a clock. These are the
// only functions here that read a clock.

/// A JWT issued now, signed by `mac`.
inline result<bearer_token> make_jwt(const portone_key& key, const crypto::hmac_sha256& mac,
                                     std::chrono::seconds lifetime = jwt::default_lifetime)
{
    return make_jwt(key, mac,
                    std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()),
                    lifetime);
}

/// A JWT issued now, signed with `secret`.
inline result<bearer_token> make_jwt(const portone_key& key, const secret_key& secret,
                                     std::chrono::seconds lifetime = jwt::default_lifetime)
{
    return make_jwt(key, crypto::hmac_sha256(secret), lifetime);
}

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/jwt.ipp>
#endif
