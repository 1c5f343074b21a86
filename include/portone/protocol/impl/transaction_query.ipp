// SPDX-License-Identifier: BSL-1.0
// What protocol/transaction_query.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/transaction_query.hpp>

namespace portone {

PORTONE_DECL api_result<transaction_status_response>
parse_transaction_status(int http_status, std::string_view body, const json::read_limits& limits)
{
    return parse_response<transaction_status_response>(http_status, body, limits);
}

PORTONE_DECL api_result<transaction_details_response>
parse_transaction_details(int http_status, std::string_view body, const method_catalog& methods,
                          const json::read_limits& limits)
{
    return parse_response<transaction_details_response>(http_status, body, limits, {&methods});
}

} // namespace portone
