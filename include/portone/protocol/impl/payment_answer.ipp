// SPDX-License-Identifier: BSL-1.0
// What protocol/payment_answer.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/payment_answer.hpp>

namespace portone {

PORTONE_DECL result<shopper_destination> destination_of(const initiate_payment_answer& a,
                                                        shopper_device device)
{
    shopper_destination d;
    const auto expiry = [&]() -> std::optional<std::chrono::minutes> {
        if (!a.expiry_in_minutes) return std::nullopt;
        return a.expiry_in_minutes->minutes;
    };
    const auto use = [&](destination_kind how, const std::string& url) {
        d.how = how;
        d.url = url;
        if (how == destination_kind::qr_code) d.expires_in = expiry();
        if (how == destination_kind::deep_link && detail::given(a.redirect_url))
            d.fallback_url = *a.redirect_url;
        return d;
    };
    if (device == shopper_device::mobile && detail::given(a.deep_link))
        return use(destination_kind::deep_link, *a.deep_link);
    if (detail::given(a.redirect_url)) return use(destination_kind::redirect, *a.redirect_url);
    if (detail::given(a.qrcode_url)) return use(destination_kind::qr_code, *a.qrcode_url);
    if (detail::given(a.deep_link)) return use(destination_kind::deep_link, *a.deep_link);
    return error{errc::missing_field, "/redirect_url",
                 "PortOne's answer has no redirect_url, deep_link or qrcode_url: there is nowhere "
                 "to send the shopper"};
}

PORTONE_DECL api_result<initiate_payment_answer>
parse_initiate_payment_answer(int http_status, std::string_view body,
                              const json::read_limits& limits)
{
    // parse_response refuses a failing status_code; initiatePayment can also say is_success false.
    auto answer = parse_response<initiate_payment_answer>(http_status, body, limits);
    if (!answer || answer->is_success != false) return answer;
    return detail::refused(http_status, detail::refusal_in(*answer));
}

PORTONE_DECL api_result<payment_started> read_payment_started(int http_status,
                                                             std::string_view body,
                                                             shopper_device device,
                                                             const json::read_limits& limits)
{
    auto answer = parse_initiate_payment_answer(http_status, body, limits);
    if (!answer) return std::move(answer).error();
    auto destination = destination_of(*answer, device);
    if (!destination) return detail::unreadable(http_status, std::move(destination).error());
    return payment_started{std::move(*answer), std::move(*destination)};
}

PORTONE_DECL result<minutes_text> json::conversion<minutes_text>::convert(std::string_view json,
                                                                          std::string_view where)
{
    std::string_view text = json;
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        text = text.substr(1, text.size() - 2);
    if (text.empty()) return minutes_text{};
    std::int64_t n = 0;
    bool digits = !text.empty() && text.size() <= 6;
    for (char c : text) {
        digits = digits && c >= '0' && c <= '9';
        if (digits) n = n * 10 + (c - '0');
    }
    if (!digits)
        return error{
            errc::invalid_value, std::string(where),
            compose({input(where), " must be a whole number of minutes, got ", input(json)})};
    return minutes_text{std::string(text), std::chrono::minutes(n)};
}

} // namespace portone
