// SPDX-License-Identifier: BSL-1.0
// What json/detail/whole_number.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/json/detail/whole_number.hpp>

#include <cstddef>
#include <limits>

namespace portone::json::detail {

PORTONE_DECL whole_number read_whole_number(std::string_view number) noexcept
{
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    whole_number r;
    std::size_t i = 0;
    if (i < number.size() && number[i] == '-') {
        r.negative = true;
        ++i;
    }
    const std::size_t int_begin = i;
    while (i < number.size() && is_digit(number[i])) ++i;
    const std::string_view int_digits = number.substr(int_begin, i - int_begin);
    std::string_view fraction_digits;
    if (i < number.size() && number[i] == '.') {
        const std::size_t begin = ++i;
        while (i < number.size() && is_digit(number[i])) ++i;
        fraction_digits = number.substr(begin, i - begin);
    }
    // The exponent, capped: far beyond any digit count a body within the read limits can hold,
    // so that the cap never changes the answer.
    constexpr long long exponent_cap = 1'000'000'000;
    long long exponent = 0;
    if (i < number.size() && (number[i] == 'e' || number[i] == 'E')) {
        ++i;
        bool minus = false;
        if (i < number.size() && (number[i] == '+' || number[i] == '-')) minus = number[i++] == '-';
        for (; i < number.size() && is_digit(number[i]); ++i)
            if (exponent < exponent_cap) exponent = exponent * 10 + (number[i] - '0');
        if (minus) exponent = -exponent;
    }
    // The digits, integer part then fraction, with the point after `point` of them.
    const auto size = static_cast<long long>(int_digits.size() + fraction_digits.size());
    const auto digit = [&](long long k) {
        const auto n = static_cast<long long>(int_digits.size());
        return k < n ? int_digits[static_cast<std::size_t>(k)]
                     : fraction_digits[static_cast<std::size_t>(k - n)];
    };
    const long long point = static_cast<long long>(int_digits.size()) + exponent;
    const long long integer_end = point < 0 ? 0 : (point < size ? point : size);
    for (long long k = integer_end; k < size; ++k)
        if (digit(k) != '0') r.what = whole_number::kind::fraction;
    // The integer part, exactly: its digits, then as many zeros as the exponent adds.
    const std::uint64_t limit = r.negative
                                    ? std::uint64_t(std::numeric_limits<std::int64_t>::max()) + 1
                                    : std::uint64_t(std::numeric_limits<std::int64_t>::max());
    std::uint64_t magnitude = 0;
    const auto append = [&](int d) {
        if (magnitude > (limit - static_cast<std::uint64_t>(d)) / 10) return false;
        magnitude = magnitude * 10 + static_cast<std::uint64_t>(d);
        return true;
    };
    for (long long k = 0; k < integer_end; ++k) {
        if (!append(digit(k) - '0')) {
            r.what = whole_number::kind::too_large;
            return r;
        }
    }
    for (long long k = size; k < point && magnitude != 0; ++k) {
        if (!append(0)) {
            r.what = whole_number::kind::too_large;
            return r;
        }
    }
    r.value = r.negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
    return r;
}

} // namespace portone::json::detail
