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
    auto answer =
        parse_response<transaction_details_response>(http_status, body, limits, {&methods});
    // The same check across members as a payment webhook's: konbini details name the store of
    // method_key.
    if (answer)
        if (auto problem = detail::store_problem(answer->content.method_key,
                                                 answer->content.additional_payment_details,
                                                 "/content"))
            return detail::unreadable(http_status, std::move(*problem));
    return answer;
}

} // namespace portone
