// SPDX-License-Identifier: BSL-1.0
// What protocol/payment_deadline.hpp declares PORTONE_DECL (see portone/config.hpp): reading
// PortOne's timestamps, and a payment's deadline.
#pragma once

#include <portone/protocol/payment_deadline.hpp>

namespace portone {

PORTONE_DECL std::optional<timestamp> parse_timestamp(std::string_view text) noexcept
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

PORTONE_DECL std::optional<payment_deadline>
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

} // namespace portone
