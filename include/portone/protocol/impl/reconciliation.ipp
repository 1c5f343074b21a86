// SPDX-License-Identifier: BSL-1.0
// What protocol/reconciliation.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/reconciliation.hpp>

#include <portone/core/utc_timestamp.hpp>

#include <utility>

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

PORTONE_DECL result<listed_amount> json::conversion<listed_amount>::convert(std::string_view json,
                                                                            std::string_view where)
{
    const bool number = !json.empty() && (json[0] == '-' || (json[0] >= '0' && json[0] <= '9'));
    if (!number)
        return error{errc::wrong_type, std::string(where),
                     compose({input(where), " must be a number"})};
    // Whole yen: digits, optionally a zero fraction ("5000", "5000.0").
    return listed_amount{std::string(json), yen::try_parse_whole(json)};
}

PORTONE_DECL std::string format_timestamp(timestamp t)
{
    if (!detail::has_four_digit_year(t)) return {};
    char text[detail::utc_timestamp_size];
    return std::string(text, detail::put_utc_timestamp(text, t));
}

} // namespace portone

namespace portone::api {

PORTONE_DECL result<http_request> fetch_all_payments(const payments_query& query, std::int64_t page,
                                                     const portone_key& key,
                                                     const bearer_token& token)
{
    if (page < 1 || query.page_size < 1)
        return error{errc::invalid_value, page < 1 ? "page" : "size",
                     "fetch-all-payments pages and page sizes start at 1"};
    if (query.to < query.from)
        return error{errc::invalid_value, "to", "fetch-all-payments: `to` is before `from`"};
    for (const auto& [t, where] : {std::pair{query.from, "from"}, std::pair{query.to, "to"}})
        if (!detail::has_four_digit_year(t))
            return error{errc::invalid_value, where,
                         "fetch-all-payments: PortOne's timestamps have years 0000 to 9999"};
    std::string body = "{\"page\":" + std::to_string(page) +
                       ",\"size\":" + std::to_string(query.page_size) + ",\"from\":\"" +
                       format_timestamp(query.from) + "\",\"to\":\"" + format_timestamp(query.to) +
                       "\",\"environment\":\"" + std::string(to_string(query.environment)) + "\"}";
    return detail::make_http_request(
        http_method::post, {{"/api/merchant"}, {key.value(), true, "key"}, {"/fetch-all-payments"}},
        key, &token, std::move(body));
}

} // namespace portone::api
