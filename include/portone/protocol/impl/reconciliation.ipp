// SPDX-License-Identifier: BSL-1.0
// What protocol/reconciliation.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/reconciliation.hpp>

namespace portone {

PORTONE_DECL api_result<payments_page_answer>
parse_payments_page(int http_status, std::string_view body, const json::read_limits& limits)
{
    return parse_response<payments_page_answer>(http_status, body, limits);
}

PORTONE_DECL api_result<payments_page> payment_pages::take(int http_status, std::string_view body)
{
    auto answer = parse_payments_page(http_status, body);
    if (!answer) return std::move(answer).error();
    const payments_page& page = answer->body;
    const auto n = static_cast<std::int64_t>(page.payments().size());
    seen_ += n;
    const bool last = n == 0 || n < query_.page_size ||
                      (page.total_pages && next_page_ >= *page.total_pages) ||
                      next_page_ >= max_pages_;
    if (last) done_ = true;
    else ++next_page_;
    return std::move(answer->body);
}

} // namespace portone
