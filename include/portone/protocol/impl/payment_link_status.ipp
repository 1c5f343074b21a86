// SPDX-License-Identifier: BSL-1.0
// What protocol/payment_link_status.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/payment_link_status.hpp>

namespace portone {

PORTONE_DECL api_result<payment_link_status_response>
parse_payment_link_status(int http_status, std::string_view body, const json::read_limits& limits)
{
    return parse_response<payment_link_status_response>(http_status, body, limits);
}

PORTONE_DECL api_result<api_status_answer> parse_api_status(int http_status, std::string_view body,
                                                           const json::read_limits& limits)
{
    return parse_response<api_status_answer>(http_status, body, limits);
}

} // namespace portone
