// SPDX-License-Identifier: BSL-1.0
// Appending a generated JSON text to the caller's std::string without per-call allocation.
//
// Writers here first compute an upper bound of their output, make room for it once, write through
// a raw pointer (no capacity check per piece), then trim the string to what was written. With a
// reused buffer whose capacity suffices, nothing is allocated.
//
// A bound that is too small would be a buffer overrun that no container check sees (the string's
// capacity may well be larger), so append_bounded asserts that the writer stayed within it
// (BOOST_ASSERT: in builds without NDEBUG, such as the sanitized tests and the fuzz targets).
#pragma once

#include <boost/assert.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace portone::json {

/// Appends to `out` what `write(char* p) -> char* end` writes, which must be at most `bound`
/// bytes (asserted). Returns a view of the appended text (valid until `out` changes).
template <class Write>
std::string_view append_bounded(std::string& out, std::size_t bound, Write&& write)
{
    const std::size_t old = out.size();
    std::size_t written = 0;
#if defined(__cpp_lib_string_resize_and_overwrite)
    // C++23: no zero-filling of the region we are about to overwrite.
    out.resize_and_overwrite(old + bound, [&](char* p, std::size_t) {
        written = static_cast<std::size_t>(write(p + old) - (p + old));
        BOOST_ASSERT_MSG(written <= bound, "a JSON writer wrote past its computed bound");
        return old + written;
    });
#else
    out.resize(old + bound);
    char* const begin = out.data() + old;
    written = static_cast<std::size_t>(write(begin) - begin);
    BOOST_ASSERT_MSG(written <= bound, "a JSON writer wrote past its computed bound");
    out.resize(old + written);
#endif
    return std::string_view(out.data() + old, written);
}

/// Most bytes put_integer writes: an int64 in decimal, with its sign.
inline constexpr std::size_t integer_bound = 20;

/// Writes `text` at `p` unescaped (keys and other constants), returns the new end.
inline char* put_text(char* p, std::string_view text) noexcept
{
    std::memcpy(p, text.data(), text.size());
    return p + text.size();
}

/// Writes `v` in decimal at `p` (at most integer_bound bytes), returns the new end.
inline char* put_integer(char* p, std::int64_t v) noexcept
{
    return std::to_chars(p, p + integer_bound, v).ptr;
}

} // namespace portone::json
