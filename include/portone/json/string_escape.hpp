// SPDX-License-Identifier: BSL-1.0
// Writing JSON strings into a pre-sized region.
//
// Escaping itself is Boost.JSON's (its serializer writes a string_view as a quoted, escaped JSON
// string). What this header adds is the fast path: most values (names, URLs, ids, even Japanese
// text) contain no byte that needs escaping, and for those a check eight bytes at a time plus one
// memcpy is all that is needed. Only strings that contain a quote, a backslash or a control
// character go through Boost.JSON.
#pragma once

#include <boost/json/serializer.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace portone::json {

/// True if `s` contains a byte JSON requires to be escaped: '"', '\\' or a control character
/// (below 0x20). UTF-8 sequences (bytes >= 0x80) pass through unescaped.
inline bool needs_escaping(std::string_view s) noexcept
{
    // SWAR: test eight bytes per step. For a byte x, (x - n) & ~x & 0x80 is non-zero exactly when
    // x < n (n <= 0x80); equality with c is "x ^ c < 1". The word-level answer is exact.
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    const char* p = s.data();
    std::size_t n = s.size();
    while (n >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        const std::uint64_t quote = w ^ (ones * '"');
        const std::uint64_t backslash = w ^ (ones * '\\');
        const std::uint64_t hits = ((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) |
                                   ((backslash - ones) & ~backslash);
        if (hits & highs) return true;
        p += 8;
        n -= 8;
    }
    for (; n != 0; --n, ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c < 0x20 || c == '"' || c == '\\') return true;
    }
    return false;
}

/// Most bytes a JSON string for `s` can take, quotes included: six per byte if anything needs
/// escaping (\u00XX), else the bytes themselves.
inline std::size_t string_bound(std::string_view s) noexcept
{
    return needs_escaping(s) ? 6 * s.size() + 2 : s.size() + 2;
}

/// Writes the *body* of a JSON string for `s` and its closing quote at `p` (the caller wrote the
/// opening quote as part of a key literal), returns the new end. Needs string_bound(s) - 1 bytes.
inline char* write_string_tail(char* p, std::string_view s) noexcept
{
    if (!needs_escaping(s)) {
        std::memcpy(p, s.data(), s.size());
        p += s.size();
        *p++ = '"';
        return p;
    }
    // Boost.JSON writes the quoted string; it never suspends because the region holds the worst
    // case, so it does not allocate. Its opening quote overwrites ours.
    boost::json::serializer sr;
    sr.reset(s);
    const auto out = sr.read(p - 1, 6 * s.size() + 2);
    return p - 1 + out.size();
}

} // namespace portone::json
