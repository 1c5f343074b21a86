// SPDX-License-Identifier: BSL-1.0
// A JSON number's text read as a whole number, exactly. PortOne documents amounts as float64 and
// may write a whole amount as 5000, 5000.0 or 5e3; the number is whole when every digit after
// the point, once the exponent is applied, is zero. Reading it through a double would round
// 5000.0000000000001 to 5000 and 9007199254740993.0 to 9007199254740992, so it is read from the
// text. Used by the reader (json/detail/reader_handler.hpp) and the refund answer's amounts.
#pragma once

#include <portone/config.hpp>

#include <cstdint>
#include <string_view>

namespace portone::json::detail {

struct whole_number {
    enum class kind : unsigned char {
        whole,     ///< `value` is the number
        fraction,  ///< not whole: `value` is its integer part (truncated)
        too_large, ///< its integer part is beyond the range of std::int64_t
    };
    kind what = kind::whole;
    bool negative = false; ///< the text starts with '-' (so "-0" and "-0.5" are negative)
    std::int64_t value = 0;
};

/// Reads `number`, a JSON number as the parser accepted it (RFC 8259's grammar: an optional '-',
/// digits, an optional fraction, an optional exponent).
PORTONE_DECL whole_number read_whole_number(std::string_view number) noexcept;

} // namespace portone::json::detail

#ifdef PORTONE_HEADER_ONLY
#include <portone/json/detail/impl/whole_number.ipp>
#endif
