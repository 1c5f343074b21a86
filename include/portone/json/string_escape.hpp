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

namespace detail {

// SWAR: eight bytes per step. For a byte x, (x - n) & ~x & 0x80 is non-zero exactly when x < n
// (n <= 0x80); equality with c is "x ^ c < 1". The word-level answer is exact.
inline constexpr std::uint64_t ones = 0x0101010101010101ull;

/// Non-zero if one of the eight bytes of `w` is '"', '\\' or a control character.
inline std::uint64_t escape_hits(std::uint64_t w) noexcept
{
    const std::uint64_t quote = w ^ (ones * '"');
    const std::uint64_t backslash = w ^ (ones * '\\');
    const std::uint64_t hits = ((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) |
                               ((backslash - ones) & ~backslash);
    return hits & (ones * 0x80);
}

inline bool word_needs_escaping(std::uint64_t w) noexcept
{
    return escape_hits(w) != 0;
}

inline bool byte_needs_escaping(char c) noexcept
{
    const auto b = static_cast<unsigned char>(c);
    return b < 0x20 || b == '"' || b == '\\';
}

} // namespace detail

/// True if `s` contains a byte JSON requires to be escaped: '"', '\\' or a control character
/// (below 0x20). UTF-8 sequences (bytes >= 0x80) pass through unescaped.
inline bool needs_escaping(std::string_view s) noexcept
{
    const char* p = s.data();
    std::size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        if (detail::word_needs_escaping(w)) return true;
    }
    for (; n != 0; --n, ++p)
        if (detail::byte_needs_escaping(*p)) return true;
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
    // One pass in the usual case, nothing to escape: each word is checked and stored as it was
    // loaded (no second scan, no call to memcpy for a short string).
    const char* in = s.data();
    std::size_t n = s.size();
    char* out = p;
    for (; n >= 8; in += 8, n -= 8, out += 8) {
        std::uint64_t w;
        std::memcpy(&w, in, 8);
        if (detail::word_needs_escaping(w)) goto escape;
        std::memcpy(out, &w, 8);
    }
    for (; n != 0; --n, ++in) {
        if (detail::byte_needs_escaping(*in)) goto escape;
        *out++ = *in;
    }
    *out++ = '"';
    return out;
escape:
    // Boost.JSON writes the quoted string; it never suspends because the region holds the worst
    // case, so it does not allocate. Its opening quote overwrites ours.
    boost::json::serializer sr;
    sr.reset(s);
    const auto written = sr.read(p - 1, 6 * s.size() + 2);
    return p - 1 + written.size();
}

/// What copy_string_tail did: where the copy ends, and whether a byte needed escaping (then
/// the copy is not the JSON string). Returned in two registers.
struct copied_string {
    char* end;
    bool needs_escaping;
};

/// The writers' first try at a string (json/describe.hpp): copies `s` as it is and its closing
/// quote at `p` (s.size() + 1 bytes), noting whether a byte needed escaping, in which case the
/// caller writes it again with write_string_tail (or the whole text, see value_writer). No branch
/// per word: the check is accumulated while copying.
inline copied_string copy_string_tail(char* p, std::string_view s) noexcept
{
    const char* in = s.data();
    const std::size_t n = s.size();
    std::uint64_t hits = 0;
    if (n >= 8) {
        // Whole words; the last one overlaps the one before (its bytes are copied twice, the
        // same), so there is no byte loop.
        const char* const last = in + n - 8;
        char* const out_last = p + n - 8;
        std::uint64_t w;
        for (; in < last; in += 8, p += 8) {
            std::memcpy(&w, in, 8);
            hits |= detail::escape_hits(w);
            std::memcpy(p, &w, 8);
        }
        std::memcpy(&w, last, 8);
        hits |= detail::escape_hits(w);
        std::memcpy(out_last, &w, 8);
        p = out_last + 8;
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            hits |= static_cast<std::uint64_t>(detail::byte_needs_escaping(in[i]));
            p[i] = in[i];
        }
        p += n;
    }
    *p++ = '"';
    return {p, hits != 0};
}

} // namespace portone::json
