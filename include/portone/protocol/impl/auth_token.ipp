// SPDX-License-Identifier: BSL-1.0
// What protocol/auth_token.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/auth_token.hpp>

namespace portone {

PORTONE_DECL api_result<auth_token_response> parse_auth_token(int http_status,
                                                             std::string_view body,
                                                             const json::read_limits& limits)
{
    return parse_response<auth_token_response>(http_status, body, limits);
}

} // namespace portone

namespace portone::api {

PORTONE_DECL result<http_request> auth_token(const portone_key& key, const secret_key& secret)
{
    std::string body;
    body = "{\"portone_key\":";
    json::detail::append_json_string(body, key.value());
    body += ",\"portone_secret\":";
    json::detail::append_json_string(body, secret.reveal());
    body += '}';
    auto r = detail::make_http_request(http_method::post, {{"/api/merchant/auth-token"}}, key,
                                       nullptr, std::move(body));
    if (r) r->body_has_secret = true;
    return r;
}

} // namespace portone::api
