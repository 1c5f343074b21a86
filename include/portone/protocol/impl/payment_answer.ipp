// SPDX-License-Identifier: BSL-1.0
// What protocol/payment_answer.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/payment_answer.hpp>

namespace portone {

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

} // namespace portone
