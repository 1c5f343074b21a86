// SPDX-License-Identifier: BSL-1.0
// JSON Pointers (RFC 6901) for the reader's errors. The reader does not keep the pointer of the
// value it reads as a string: it renders it with these functions from its stack, only when an
// error (or a conversion's `where`) needs it.
#pragma once

#include <portone/config.hpp>
#include <portone/core/error.hpp>

#include <charconv>
#include <cstddef>
#include <string_view>

namespace portone::json::detail {

/// Appends `key` to a JSON Pointer as one reference token ('~' is "~0", '/' is "~1").
template <class String>
void append_pointer_token(String& path, std::string_view key)
{
    path += '/';
    if (key.find_first_of("~/") == std::string_view::npos) { // nearly always
        path.append(key.data(), key.size());
        return;
    }
    for (char c : key) {
        if (c == '~') path += "~0";
        else if (c == '/') path += "~1";
        else path += c;
    }
}

/// Appends an array index to a JSON Pointer.
template <class String>
void append_pointer_index(String& path, std::size_t i)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, i).ptr;
    path += '/';
    path.append(digits, end);
}

/// The message of a path, quoted like any input (keys come from the input), or "the body".
PORTONE_DECL message_part shown_path(std::string_view path) noexcept;

} // namespace portone::json::detail

#ifdef PORTONE_HEADER_ONLY
#include <portone/json/detail/impl/json_pointer.ipp>
#endif
