// SPDX-License-Identifier: BSL-1.0
// Instants as PortOne writes them: `2025-03-31T14:30:00.000Z`, UTC, to the millisecond. One writer
// for every body that carries one (a Checkout's expiry_date, a fetch-all-payments range), so the
// spelling cannot drift between them; protocol/payment_deadline.hpp reads them back.
#pragma once

#include <chrono>
#include <cstddef>

namespace portone::detail {

using utc_milliseconds = std::chrono::sys_time<std::chrono::milliseconds>;

/// The bytes put_utc_timestamp writes.
inline constexpr std::size_t utc_timestamp_size = 24;

/// Whether `t` falls in the years `from_year` to 9999 (four digits, as put_utc_timestamp writes
/// them). Compared as instants, in `t`'s own unit: year_month_day's year is 16 bits, so reading
/// the year first would wrap a far-off instant back into the range, and converting `t` to
/// milliseconds first could overflow.
template <class Duration>
constexpr bool in_four_digit_years(std::chrono::sys_time<Duration> t, int from_year = 0) noexcept
{
    using namespace std::chrono;
    const sys_days first = year(from_year) / January / 1;
    constexpr sys_days past_last = year(10000) / January / 1;
    return t >= first && t < past_last;
}

/// Whether put_utc_timestamp can write `t`: its year has four digits (0000 to 9999).
inline bool has_four_digit_year(utc_milliseconds t) noexcept { return in_four_digit_years(t); }

/// Writes `t` at `p` (utc_timestamp_size bytes) and returns the new end. The caller has checked
/// has_four_digit_year(t).
inline char* put_utc_timestamp(char* p, utc_milliseconds t) noexcept
{
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const year_month_day date{day};
    const hh_mm_ss<milliseconds> time{t - day};
    const auto digits = [&p](long v, int n) {
        for (int i = n - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
        p += n;
    };
    digits(static_cast<int>(date.year()), 4);
    *p++ = '-';
    digits(static_cast<unsigned>(date.month()), 2);
    *p++ = '-';
    digits(static_cast<unsigned>(date.day()), 2);
    *p++ = 'T';
    digits(time.hours().count(), 2);
    *p++ = ':';
    digits(time.minutes().count(), 2);
    *p++ = ':';
    digits(static_cast<long>(time.seconds().count()), 2);
    *p++ = '.';
    digits(static_cast<long>(time.subseconds().count()), 3);
    *p++ = 'Z';
    return p;
}

} // namespace portone::detail
