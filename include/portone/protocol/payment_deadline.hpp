// SPDX-License-Identifier: BSL-1.0
// When a payment that waits for the shopper (konbini, bank transfer, PayEasy) must be paid by, as
// a time point, and PortOne's timestamps read as time points:
//
//   auto deadline = portone::deadline_of(hook.method_key, hook.additional_payment_details,
//                                        order.created_at);   // std::optional<payment_deadline>
//   if (deadline && portone::overdue(*deadline, now)) ask_portone(order);   // never heard back
//
// Only bank-transfer details carry a deadline (`payment_deadline`, Japan time:
// "2024-10-24T23:59:59.999+09:00"); for konbini and PayEasy, and for an order that never got
// details, the deadline is estimated from the method's default window (method_traits::window,
// which the channel's catalog sets: komoju::konbini_window, ...).
#pragma once

#include <portone/config.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/protocol/payment_details.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace portone {

/// An instant, to the millisecond (PortOne's timestamps have up to nine fraction digits: the
/// rest is dropped).
using timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

/// Japan Standard Time's offset from UTC (Japan has no daylight saving time).
inline constexpr std::chrono::hours japan_offset{9};

/// The instant `text` names, in one of the forms PortOne sends:
///   - RFC 3339, "2024-10-24T23:59:59.999+09:00", "2024-12-11T09:00:13.466197Z" (payment
///     deadlines, transaction dates, refund dates);
///   - Go's time.String(), "2024-09-26 10:55:14.573735 +0000 UTC" (webhook created_at, refund
///     webhook refund_date).
/// nullopt for anything else, or a date or time out of range.
PORTONE_DECL std::optional<timestamp> parse_timestamp(std::string_view text) noexcept;

/// 23:59:59.999 Japan time on the day that is `days` days after the day `from` falls on in
/// Japan: KOMOJU's deadline for a payment ordered at `from` with a window of `days`.
constexpr timestamp end_of_day_in_japan(timestamp from, std::chrono::days days) noexcept
{
    using namespace std::chrono;
    const auto japan_day = floor<std::chrono::days>(from + japan_offset);
    return timestamp(japan_day + days + std::chrono::days(1)) - japan_offset - milliseconds(1);
}

/// When a payment must be paid by.
struct payment_deadline {
    timestamp at;
    /// PortOne's text ("2024-10-24T23:59:59.999+09:00"), or empty when `estimated`.
    std::string text;
    /// True when the deadline is the method's default window from the order
    /// (method_traits::window), not a date PortOne sent.
    bool estimated = false;

    friend bool operator==(const payment_deadline&, const payment_deadline&) = default;
};

/// The deadline of a payment by `method` ordered at `ordered_at`: the bank-transfer
/// `payment_deadline` of `details` when it is there and readable, else the method's default
/// window (method_traits::window, KOMOJU's for a KOMOJU method) counted from the order; nullopt
/// for methods paid on the spot (and for an unknown method with no deadline in its details).
PORTONE_DECL std::optional<payment_deadline>
deadline_of(const method_traits* method, const std::optional<payment_details>& details,
            timestamp ordered_at);

/// Whether an order still waiting for its payment should stop waiting for a webhook and ask
/// PortOne (api::transaction_status): the deadline has passed by more than `grace`, which
/// leaves time for the last webhook to arrive.
constexpr bool overdue(const payment_deadline& deadline, timestamp now,
                       std::chrono::minutes grace = std::chrono::minutes(60)) noexcept
{
    return now > deadline.at + grace;
}

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/payment_deadline.ipp>
#endif
