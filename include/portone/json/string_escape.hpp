// SPDX-License-Identifier: BSL-1.0
// Writing JSON strings into a pre-sized region.
//
// Escaping itself is Boost.JSON's (its serializer writes a string_view as a quoted, escaped JSON
// string). What this header adds is the fast path: most values (names, URLs, ids, even Japanese
// text) contain no byte that needs escaping, and for those a copy sixteen or eight bytes at a time
// that checks each vector or word as it goes is all that is needed. Only strings that contain a
// quote, a backslash or a control character go through Boost.JSON, out of line
// (json/impl/string_escape.ipp): <boost/json/serializer.hpp> brings all of Boost.JSON's value
// types, about 0.3 s of g++ for every translation unit that writes JSON, so with portone::compiled
// only the library parses it.
#pragma once

#include <portone/config.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace portone::json {

namespace detail {

// SWAR: a word's bytes per step. For a byte x, (x - n) & ~x & 0x80 is non-zero exactly when x < n
// (n <= 0x80); equality with c is "x ^ c < 1". The word-level answer is exact.
template <class Word>
inline constexpr Word ones_of = static_cast<Word>(~Word(0) / 0xFF); // 0x0101...01
inline constexpr std::uint64_t ones = ones_of<std::uint64_t>;

/// Non-zero if one of the bytes of `w` (8 or 4) is '"', '\\' or a control character.
template <class Word>
inline Word escape_hits(Word w) noexcept
{
    constexpr Word one = ones_of<Word>;
    const Word quote = w ^ static_cast<Word>(one * '"');
    const Word backslash = w ^ static_cast<Word>(one * '\\');
    const Word hits = static_cast<Word>(((w - one * 0x20) & ~w) | ((quote - one) & ~quote) |
                                        ((backslash - one) & ~backslash));
    return static_cast<Word>(hits & (one * 0x80));
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

namespace detail {
/// write_string_tail for a string with a byte to escape, through Boost.JSON's serializer.
PORTONE_DECL char* write_escaped_string_tail(char* p, std::string_view s) noexcept;
} // namespace detail

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
    return detail::write_escaped_string_tail(p, s);
}

/// What copy_string_tail did: where the copy ends, and whether a byte needed escaping (then
/// the copy is not the JSON string). Returned in two registers.
struct copied_string {
    char* end;
    bool needs_escaping;
};

namespace detail {

/// Copies `n` bytes (at least sizeof(Word)) from `in` to `p` a word at a time, the last word
/// overlapping the one before (its bytes are copied twice, the same: no byte loop), and returns
/// whether one needed escaping. No branch per word: the check is accumulated while copying.
template <class Word>
inline bool copy_words(char* p, const char* in, std::size_t n) noexcept
{
    Word hits = 0, w;
    const char* const last = in + n - sizeof(Word);
    char* const out_last = p + n - sizeof(Word);
    for (; in < last; in += sizeof(Word), p += sizeof(Word)) {
        std::memcpy(&w, in, sizeof(Word));
        hits |= escape_hits(w);
        std::memcpy(p, &w, sizeof(Word));
    }
    std::memcpy(&w, last, sizeof(Word));
    hits |= escape_hits(w);
    std::memcpy(out_last, &w, sizeof(Word));
    return hits != 0;
}

/// The same sixteen bytes at a time (n >= 16), in the compilers' generic vectors (GNU C vector
/// extensions, which g++ and clang++ lower to SSE2 on x86-64, NEON on ARM64), without including
/// the intrinsics headers in every translation unit; eight at a time with other compilers.
#if defined(__GNUC__)
inline bool copy_vectors(char* p, const char* in, std::size_t n) noexcept
{
    using bytes16 = unsigned char __attribute__((vector_size(16)));
    bytes16 hits{};
    const auto step = [&](const char* from, char* to) {
        bytes16 v;
        std::memcpy(&v, from, 16);
        // Each comparison gives 0xFF in the lanes where it holds.
        hits |= static_cast<bytes16>(v < 0x20) | static_cast<bytes16>(v == '"') |
                static_cast<bytes16>(v == '\\');
        std::memcpy(to, &v, 16);
    };
    const char* const last = in + n - 16;
    char* const out_last = p + n - 16;
    for (; in < last; in += 16, p += 16)
        step(in, p);
    step(last, out_last);
    std::uint64_t halves[2];
    std::memcpy(halves, &hits, 16);
    return (halves[0] | halves[1]) != 0;
}
#else
inline bool copy_vectors(char* p, const char* in, std::size_t n) noexcept
{
    return copy_words<std::uint64_t>(p, in, n);
}
#endif

} // namespace detail

/// The writers' first try at a string (json/describe.hpp): copies `s` as it is and its closing
/// quote at `p` (s.size() + 1 bytes), noting whether a byte needed escaping, in which case the
/// caller writes it again with write_string_tail (or the whole text, see value_writer). Sixteen
/// bytes at a time, eight, or four, by the string's size; single bytes only below four.
inline copied_string copy_string_tail(char* p, std::string_view s) noexcept
{
    const char* const in = s.data();
    const std::size_t n = s.size();
    bool hit = false;
    if (n >= 16) hit = detail::copy_vectors(p, in, n);
    else if (n >= 8) hit = detail::copy_words<std::uint64_t>(p, in, n);
    else if (n >= 4) hit = detail::copy_words<std::uint32_t>(p, in, n);
    else
        for (std::size_t i = 0; i < n; ++i) {
            hit |= detail::byte_needs_escaping(in[i]);
            p[i] = in[i];
        }
    p += n;
    *p++ = '"';
    return {p, hit};
}

} // namespace portone::json

#ifdef PORTONE_HEADER_ONLY
#include <portone/json/impl/string_escape.ipp>
#endif
