// SPDX-License-Identifier: BSL-1.0
// PortOne's token endpoint: POST /api/merchant/auth-token with the key and the secret key in its
// body, answered with a JWT valid for six hours.
//
//   auto call = portone::api::auth_token(key, secret);   // call->body_has_secret: never log it
//   const auto [http_status, body] = client.send(*call);
//   auto token = portone::parse_auth_token(http_status, body);
//   if (token) use(token->content.bearer(), token->content.expires_in);
//
// The token it returns has the claims make_jwt signs locally (iss PORTONE, sub the key, iat, exp
// = iat + 21600), so signing locally (protocol/jwt.hpp) is the same credential without sending
// the secret over the network, and without a token cache to refresh: prefer it. This call is here
// for deployments where the process that calls PortOne must not hold an HMAC key.
#pragma once

#include <portone/config.hpp>
#include <portone/core/credentials.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/error.hpp>
#include <portone/json/read_types.hpp>
#include <portone/json/string_escape.hpp>
#include <portone/protocol/api_error.hpp>
#include <portone/protocol/http_request.hpp>
#include <portone/protocol/jwt.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace portone {

/// `content` of the auth-token answer. Unlike the other answers it keeps no extra_fields: a key
/// PortOne may add here (a refresh token, say) would be a credential too, and is not kept as
/// plain JSON text.
struct auth_token_content {
    /// The token PortOne issued: a credential, so this struct cannot be written as JSON.
    bearer_token token;
    std::int64_t expires_in = 0; ///< seconds

    const bearer_token& bearer() const noexcept { return token; }
    std::chrono::seconds lifetime() const noexcept { return std::chrono::seconds(expires_in); }
};

using auth_token_response = api_envelope<auth_token_content>;

PORTONE_DESCRIBE(auth_token_content, token, expires_in);

} // namespace portone

/// The token is read from its JSON string; writing it is one compile error (json/describe.hpp
/// refuses a struct that holds a credential before it gets here).
template <>
struct portone::json::conversion<portone::bearer_token> {
    static constexpr conversion_source source = conversion_source::string;
    static result<bearer_token> convert(std::string_view text, std::string_view)
    {
        return bearer_token(std::string(text));
    }
    template <class Token>
    static std::string_view to_json(const Token&)
    {
        portone::detail::reject_secret<Token>();
        return {};
    }
};

namespace portone {
namespace api {

/// POST /api/merchant/auth-token with {"portone_key": ..., "portone_secret": ...}. The body
/// holds the secret (body_has_secret is set): PortOne's design, not this library's; see the top
/// of this file.
PORTONE_DECL result<http_request> auth_token(const portone_key& key, const secret_key& secret);

} // namespace api

/// Reads the auth-token answer; a refusal (HTTP 400, 4016 MERCHANT_NOT_FOUND, ...) is an
/// api_failure as for every call.
PORTONE_DECL api_result<auth_token_response> parse_auth_token(int http_status,
                                                             std::string_view body,
                                                             const json::read_limits& limits = {});

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/auth_token.ipp>
#endif
