// SPDX-License-Identifier: BSL-1.0
// What protocol/jwt.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/jwt.hpp>

namespace portone::detail {

PORTONE_DECL std::string jwt_claims_json(std::string_view key, std::int64_t iat,
                                         std::int64_t exp)
{
    constexpr std::string_view head = R"({"iss":")";
    constexpr std::string_view sub = R"(","sub":")";
    constexpr std::string_view iat_key = R"(,"iat":)";
    constexpr std::string_view exp_key = R"(,"exp":)";
    std::string out;
    const std::size_t bound = head.size() + jwt::issuer.size() + sub.size() +
                              json::string_bound(key) + iat_key.size() + exp_key.size() +
                              2 * json::integer_bound + 1;
    json::append_bounded(out, bound, [&](char* p) {
        p = json::put_text(p, head);
        p = json::put_text(p, jwt::issuer);
        p = json::put_text(p, sub);
        p = json::write_string_tail(p, key); // the key is data: escaped like any JSON string
        p = json::put_text(p, iat_key);
        p = json::put_integer(p, iat);
        p = json::put_text(p, exp_key);
        p = json::put_integer(p, exp);
        *p++ = '}';
        return p;
    });
    return out;
}

} // namespace portone::detail

namespace portone {

PORTONE_DECL result<bearer_token> make_jwt(const portone_key& key, const crypto::hmac_sha256& mac,
                                           std::chrono::sys_seconds issued_at,
                                           std::chrono::seconds lifetime)
{
    if (key.value().empty())
        return error{errc::invalid_value, "sub", "a JWT needs the PortOne key (sub), which is empty"};
    if (lifetime <= std::chrono::seconds::zero())
        return error{errc::invalid_value, "exp",
                     compose({"a JWT lifetime must be positive, got ",
                              decimal(static_cast<long long>(lifetime.count())), " seconds"})};
    const std::int64_t iat = issued_at.time_since_epoch().count();
    std::int64_t exp = 0;
    if (__builtin_add_overflow(iat, static_cast<std::int64_t>(lifetime.count()), &exp))
        return error{errc::invalid_value, "exp", "the JWT expiry does not fit in 64-bit seconds"};

    // header.payload, then '.' and the signature over exactly those bytes.
    std::string token = crypto::base64url(jwt::header_json);
    token += '.';
    token += crypto::base64url(detail::jwt_claims_json(key.value(), iat, exp));
    crypto::sha256_digest digest;
    auto stream = mac.begin();
    stream.update(token);
    if (!stream.try_finish(digest))
        return error{errc::crypto_failure, "",
                     "OpenSSL could not compute HMAC-SHA256: no JWT was made"};
    const std::string signature = detail::base64url_digest(digest);
    token += '.';
    token += signature;
    return bearer_token(std::move(token));
}

} // namespace portone
