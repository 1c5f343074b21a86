// SPDX-License-Identifier: BSL-1.0
// What core/error.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/core/error.hpp>

namespace portone::detail {

PORTONE_DECL void append_quoted(std::string& s, std::string_view text)
{
    // Written into a buffer on the stack and appended once: one append is less code than a
    // growth check per character, in every translation unit that compiles this header-only.
    // The output is bounded: at most max_quoted_input bytes are quoted, at most six characters
    // per byte (a one-byte control is \u{1F}, six; a byte that is not UTF-8 is \xNN, four; an
    // escaped character of n > 1 bytes is \u{...} with at most 2n digits, so at most 6n).
    constexpr char hex[] = "0123456789ABCDEF";
    char buffer[2 + 6 * max_quoted_input + 3];
    char* out = buffer;
    *out++ = '"';
    std::size_t used = 0;
    while (used < text.size()) {
        const std::string_view rest = text.substr(used);
        const std::size_t len = utf8_length(rest);
        const std::size_t take = len == 0 ? 1 : len;
        if (used + take > max_quoted_input) break;
        used += take;
        if (len == 0) { // not UTF-8: the byte's value, readable and unambiguous
            const auto byte = static_cast<unsigned char>(rest[0]);
            *out++ = '\\';
            *out++ = 'x';
            *out++ = hex[byte >> 4];
            *out++ = hex[byte & 0xF];
            continue;
        }
        const char32_t cp = utf8_code_point(rest, len);
        if (cp == '"' || cp == '\\') {
            *out++ = '\\';
            *out++ = static_cast<char>(cp);
        } else if (unsafe_in_log(cp)) {
            *out++ = '\\';
            *out++ = 'u';
            *out++ = '{';
            bool leading = true;
            for (int shift = 20; shift >= 0; shift -= 4) {
                const unsigned digit = (cp >> shift) & 0xF;
                if (leading && digit == 0 && shift > 4) continue; // at least two digits
                leading = false;
                *out++ = hex[digit];
            }
            *out++ = '}';
        } else {
            for (std::size_t k = 0; k < len; ++k) *out++ = rest[k];
        }
    }
    *out++ = '"';
    if (used < text.size()) {
        *out++ = '.';
        *out++ = '.';
        *out++ = '.';
    }
    s.append(buffer, static_cast<std::size_t>(out - buffer));
}

} // namespace portone::detail

namespace portone {

PORTONE_DECL std::string compose(std::initializer_list<message_part> parts)
{
    std::string s;
    for (const auto& part : parts) {
        if (part.from_input) detail::append_quoted(s, part.text);
        else s += part.text;
    }
    return s;
}

PORTONE_DECL void errors::add(errc code, std::string_view where,
                              std::initializer_list<message_part> parts)
{
    push_back({code, std::string(where), compose(parts)});
}

PORTONE_DECL errors::~errors() = default;

PORTONE_DECL std::string errors::to_string() const
{
    std::string s;
    for (const auto& e : *this) {
        if (!s.empty()) s += '\n';
        s += e.message;
    }
    return s;
}

} // namespace portone
