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

namespace portone::api {

PORTONE_DECL result<http_request> payment_link_status(std::string_view merchant_order_id,
                                                      const portone_key& key,
                                                      const bearer_token& token)
{
    return detail::make_http_request(http_method::get,
                                     {{"/api/merchant"},
                                      {key.value(), true, "key"},
                                      {"/paymentLink"},
                                      {merchant_order_id, true, "merchant_order_id"},
                                      {"/status"}},
                                     key, &token, {});
}

PORTONE_DECL result<http_request> cancel_payment_link(std::string_view payment_link_ref,
                                                      const portone_key& key,
                                                      const bearer_token& token)
{
    return detail::make_http_request(
        http_method::put,
        {{"/api/paymentLink"}, {payment_link_ref, true, "payment_link_ref"}, {"/status/cancelled"}},
        key, &token, {});
}

PORTONE_DECL result<http_request> payment_link_fetch_status(std::string_view payment_link_ref,
                                                            const portone_key& key,
                                                            const bearer_token& token)
{
    return detail::make_http_request(
        http_method::get,
        {{"/api/paymentLink"}, {payment_link_ref, true, "payment_link_ref"}, {"/fetch-status"}},
        key, &token, {});
}

} // namespace portone::api

namespace portone {

PORTONE_DECL link_status_text link_status_text::from_text(std::string_view text)
{
    constexpr std::pair<std::string_view, link_state> known[] = {
        {"Created", link_state::created},    {"Success", link_state::success},
        {"Deleted", link_state::deleted},    {"Cancelled", link_state::cancelled},
        {"Canceled", link_state::cancelled}, {"Expired", link_state::expired}};
    link_status_text s{link_state::unknown, std::string(text)};
    for (const auto& [name, value] : known)
        if (detail::equal_ignoring_ascii_case(text, name)) s.value = value;
    return s;
}

} // namespace portone
