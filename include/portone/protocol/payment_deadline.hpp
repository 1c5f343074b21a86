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
constexpr std::optional<timestamp> parse_timestamp(std::string_view text) noexcept
{
    using namespace std::chrono;
    std::size_t i = 0;
    const auto number = [&](std::size_t digits, int& out) {
        if (text.size() - i < digits) return false;
        out = 0;
        for (std::size_t k = 0; k < digits; ++k) {
            const char c = text[i + k];
            if (c < '0' || c > '9') return false;
            out = out * 10 + (c - '0');
        }
        i += digits;
        return true;
    };
    const auto expect = [&](char c) {
        if (i >= text.size() || text[i] != c) return false;
        ++i;
        return true;
    };
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!number(4, y) || !expect('-') || !number(2, mo) || !expect('-') || !number(2, d))
        return std::nullopt;
    if (!expect('T') && !expect(' ')) return std::nullopt;
    if (!number(2, h) || !expect(':') || !number(2, mi) || !expect(':') || !number(2, s))
        return std::nullopt;
    std::int64_t millis = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        std::size_t digits = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (digits < 3) millis = millis * 10 + (text[i] - '0');
            ++digits;
            ++i;
        }
        if (digits == 0) return std::nullopt;
        for (std::size_t k = digits; k < 3; ++k) millis *= 10;
    }
    const bool go_form = i < text.size() && text[i] == ' ';
    if (go_form) ++i;
    int offset_minutes = 0;
    if (i < text.size() && (text[i] == 'Z' || text[i] == 'z') && !go_form) {
        ++i;
    } else if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        const int sign = text[i] == '-' ? -1 : 1;
        ++i;
        int oh = 0, om = 0;
        if (!number(2, oh)) return std::nullopt;
        if (!go_form && !expect(':')) return std::nullopt;
        if (!number(2, om) || oh > 23 || om > 59) return std::nullopt;
        offset_minutes = sign * (oh * 60 + om);
    } else {
        return std::nullopt;
    }
    if (go_form) { // " UTC", or another zone abbreviation: the offset already said it
        if (!expect(' ')) return std::nullopt;
        const std::size_t zone = i;
        while (i < text.size() && text[i] >= 'A' && text[i] <= 'Z') ++i;
        if (i == zone) return std::nullopt;
    }
    if (i != text.size()) return std::nullopt;
    const year_month_day date{year(y), month(static_cast<unsigned>(mo)),
                              day(static_cast<unsigned>(d))};
    if (!date.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt; // (60: a leap second)
    return timestamp(sys_days(date)) + hours(h) + minutes(mi) + seconds(s) +
           milliseconds(millis) - minutes(offset_minutes);
}

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
inline std::optional<payment_deadline>
deadline_of(const method_traits* method, const std::optional<payment_details>& details,
            timestamp ordered_at)
{
    if (details)
        if (const auto* b = std::get_if<bank_transfer_details>(&*details))
            if (b->payment_deadline)
                if (const auto at = parse_timestamp(*b->payment_deadline))
                    return payment_deadline{*at, *b->payment_deadline, false};
    if (method == nullptr) return std::nullopt;
    if (method->window.days == 0) return std::nullopt;
    return payment_deadline{end_of_day_in_japan(ordered_at, std::chrono::days(method->window.days)),
                            {}, true};
}

/// Whether an order still waiting for its payment should stop waiting for a webhook and ask
/// PortOne (api::transaction_status): the deadline has passed by more than `grace`, which
/// leaves time for the last webhook to arrive.
constexpr bool overdue(const payment_deadline& deadline, timestamp now,
                       std::chrono::minutes grace = std::chrono::minutes(60)) noexcept
{
    return now > deadline.at + grace;
}

} // namespace portone
