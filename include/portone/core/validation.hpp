// SPDX-License-Identifier: BSL-1.0
// Value checks for the fields a merchant sends: email, names, phone, address, merchant order id,
// URLs, text. The same functions run for requests built at compile time (whose presence is already
// proven by their type) and for requests whose method and fields arrive at run time. Each check
// appends an error naming the field's path; none throws.
#pragma once

#include <portone/config.hpp>
#include <portone/core/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace portone::validation {

/// merchant_order_id: at most this many characters ...
inline constexpr std::size_t max_merchant_order_id_length = 64;
/// ... from this set. These are the characters that every URL encoder leaves alone (RFC 3986
/// unreserved, minus `~`, which Node's URLSearchParams encodes), so the request signature is the
/// same whichever encoder PortOne's side uses, and the id survives redirects unchanged. PortOne
/// publishes no limit; 64 covers UUIDs and prefixed database ids.
inline constexpr std::string_view merchant_order_id_charset =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

/// Longest email address accepted (RFC 5321 path limit; KOMOJU's schema allows 255).
inline constexpr std::size_t max_email_length = 254;
/// Fewest digits in a phone number: KOMOJU's schema requires at least 10 digits, with only
/// spaces, parentheses, '-', '_' and '+' between them.
inline constexpr std::size_t min_phone_digits = 10;
inline constexpr std::size_t max_phone_length = 32;
/// Longest free-text value (names, description, address lines), in bytes.
inline constexpr std::size_t max_text_length = 1024;

/// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
constexpr bool is_valid_utf8(std::string_view s) noexcept
{
    while (!s.empty()) {
        const std::size_t len = portone::detail::utf8_length(s);
        if (len == 0) return false;
        s.remove_prefix(len);
    }
    return true;
}

namespace detail {

/// Which bytes RFC 3986 allows, besides '%' escapes: its unreserved set (what a percent-encoder
/// keeps as it is: A-Z a-z 0-9 - . _ ~), in a query or a fragment (pchar, '/' and '?'), or
/// anywhere in a URI reference before its fragment ('[' and ']' of an IP literal too).
enum class uri_part { unreserved, query, uri };

/// Whether RFC 3986 allows byte `c` (not '%') in `part`. (A function, not a table made at compile
/// time: every translation unit that builds a request includes this header.)
constexpr bool allowed_in(uri_part part, char c) noexcept
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    if (c == '-' || c == '.' || c == '_' || c == '~') return true;   // unreserved
    if (part == uri_part::unreserved) return false;
    switch (c) {
    case '!': case '$': case '&': case '\'': case '(': case ')':     // sub-delims
    case '*': case '+': case ',': case ';': case '=':
    case ':': case '@': case '/': case '?':                          // pchar, query
        return true;
    case '[': case ']': return part == uri_part::uri;
    default: return false;
    }
}

/// Whether `text` starts with a URI scheme and its ':' (RFC 3986: a letter, then letters,
/// digits, '+', '-' or '.').
constexpr bool has_scheme(std::string_view text) noexcept
{
    const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (text.empty() || !alpha(text[0])) return false;
    for (std::size_t i = 1; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ':') return true;
        if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
    }
    return false;
}

/// Whether `text` is made only of bytes `part` allows and '%' escapes with two hex digits.
PORTONE_DECL bool well_formed(std::string_view text, uri_part part) noexcept;

constexpr bool is_ascii_alnum(char c) noexcept
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
constexpr bool has_control(std::string_view s) noexcept
{
    for (char c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
    return false;
}
constexpr bool is_blank(std::string_view s) noexcept
{
    return s.find_first_not_of(" \t\r\n") == s.npos;
}
} // namespace detail

// The checks are PORTONE_DECL (core/impl/validation.ipp): they run once per request, not in a
// loop, and one copy of each (instead of one per call site) keeps the code that includes this
// library quick to compile.

/// Free text (description, names, address lines): not blank, UTF-8, no control characters, at most
/// max_text_length bytes. `what` names the field in the message ("description").
PORTONE_DECL void check_text(std::string_view value, std::string_view path, std::string_view what,
                             errors& out);

/// An email address: local@domain, a dot-atom local part (RFC 5322) and a domain of at least two
/// LDH labels with an alphabetic top-level label.
PORTONE_DECL void check_email(std::string_view value, std::string_view path, errors& out);

/// A phone number as KOMOJU accepts it: at least ten digits, with only spaces, parentheses, '-',
/// '_' and '+' between them (KOMOJU's schema pattern `([() \-_+]*[0-9]){10}[() \-_+0-9]*`).
PORTONE_DECL void check_phone(std::string_view value, std::string_view path, errors& out);

/// merchant_order_id: 1 to max_merchant_order_id_length characters of merchant_order_id_charset.
PORTONE_DECL void check_merchant_order_id(std::string_view value, std::string_view path,
                                          errors& out);

/// An absolute http or https URL with a host (parsed by Boost.URL).
PORTONE_DECL void check_url(std::string_view value, std::string_view path, errors& out);

/// A two-letter upper-case country code (ISO 3166-1 alpha-2 form).
PORTONE_DECL void check_country_code(std::string_view value, std::string_view path, errors& out);

/// A Japanese postal code: NNN-NNNN or NNNNNNN.
PORTONE_DECL void check_jp_postal_code(std::string_view value, std::string_view path, errors& out);

} // namespace portone::validation

#ifdef PORTONE_HEADER_ONLY
#include <portone/core/impl/validation.ipp>
#endif
