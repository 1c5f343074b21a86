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
