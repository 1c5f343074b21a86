// SPDX-License-Identifier: BSL-1.0
// Value checks for the fields a merchant sends: email, names, phone, address, merchant order id,
// URLs, text. The same functions run for requests built at compile time (whose presence is already
// proven by their type) and for requests whose method and fields arrive at run time. Each check
// appends an error naming the field's path; none throws.
#pragma once

#include <portone/core/error.hpp>

#include <boost/url/parse.hpp>

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

/// Which bytes RFC 3986 allows, besides '%' escapes: in a query or a fragment (pchar, '/' and
/// '?'), or anywhere in a URI reference before its fragment ('[' and ']' of an IP literal too).
enum class uri_part { query, uri };

/// Whether RFC 3986 allows byte `c` (not '%') in `part`. (A function, not a table made at compile
/// time: every translation unit that builds a request includes this header.)
constexpr bool allowed_in(uri_part part, char c) noexcept
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
    case '-': case '.': case '_': case '~':                          // unreserved
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
[[gnu::noinline]] inline bool well_formed(std::string_view text, uri_part part) noexcept
{
    const auto hex = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%') {
            if (text.size() - i < 3 || !hex(text[i + 1]) || !hex(text[i + 2])) return false;
            i += 2;
        } else if (!allowed_in(part, text[i])) {
            return false;
        }
    }
    return true;
}

} // namespace detail

namespace detail {
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

// The checks are out of line ([[gnu::noinline]]): they run once per request, not in a loop, and
// one copy of each (instead of one per call site) keeps the code that includes this library quick
// to compile.

/// Free text (description, names, address lines): not blank, UTF-8, no control characters, at most
/// max_text_length bytes. `what` names the field in the message ("description").
[[gnu::noinline]] inline void check_text(std::string_view value, std::string_view path,
                                         std::string_view what, errors& out)
{
    const auto fail = [&](const char* why) { out.add(errc::invalid_value, path, {what, why}); };
    if (detail::is_blank(value)) return fail(" must not be empty");
    if (!is_valid_utf8(value)) return fail(" is not valid UTF-8");
    if (detail::has_control(value)) return fail(" must not contain control characters");
    if (value.size() > max_text_length)
        out.add(errc::invalid_value, path,
                {what, " is longer than ", decimal(max_text_length), " bytes"});
}

/// An email address: local@domain, a dot-atom local part (RFC 5322) and a domain of at least two
/// LDH labels with an alphabetic top-level label.
[[gnu::noinline]] inline void check_email(std::string_view value, std::string_view path,
                                          errors& out)
{
    const auto fail = [&](const char* why) {
        out.add(errc::invalid_value, path, {"email ", input(value), " is not valid: ", why});
    };
    if (value.empty()) return fail("it is empty");
    if (value.size() > max_email_length) return fail("it is too long");
    const auto at = value.rfind('@');
    if (at == value.npos || at == 0 || at + 1 == value.size())
        return fail("it needs a local part, '@' and a domain");
    const auto local = value.substr(0, at);
    const auto domain = value.substr(at + 1);
    if (local.size() > 64) return fail("the part before '@' is longer than 64 characters");
    constexpr std::string_view local_specials = "!#$%&'*+/=?^_`{|}~-.";
    for (char c : local)
        if (!detail::is_ascii_alnum(c) && local_specials.find(c) == local_specials.npos)
            return fail("the part before '@' has a character that is not allowed");
    if (local.front() == '.' || local.back() == '.' || local.find("..") != local.npos)
        return fail("the part before '@' has a misplaced '.'");
    std::size_t labels = 0;
    std::string_view last;
    for (std::size_t start = 0;;) {
        const auto dot = domain.find('.', start);
        const auto label = domain.substr(start, dot == domain.npos ? domain.npos : dot - start);
        if (label.empty() || label.size() > 63) return fail("the domain has an empty or long label");
        for (char c : label)
            if (!detail::is_ascii_alnum(c) && c != '-')
                return fail("the domain has a character that is not allowed");
        if (label.front() == '-' || label.back() == '-')
            return fail("a domain label starts or ends with '-'");
        ++labels;
        last = label;
        if (dot == domain.npos) break;
        start = dot + 1;
    }
    if (labels < 2) return fail("the domain needs a dot");
    for (char c : last)
        if (c >= '0' && c <= '9') return fail("the top-level domain must be alphabetic");
}

/// A phone number as KOMOJU accepts it: at least ten digits, with only spaces, parentheses, '-',
/// '_' and '+' between them (KOMOJU's schema pattern `([() \-_+]*[0-9]){10}[() \-_+0-9]*`).
[[gnu::noinline]] inline void check_phone(std::string_view value, std::string_view path,
                                          errors& out)
{
    std::size_t digits = 0;
    for (char c : value) {
        if (c >= '0' && c <= '9') ++digits;
        else if (std::string_view("() -_+").find(c) == std::string_view::npos)
            return out.add(errc::invalid_value, path,
                           {"phone ", input(value),
                            " may contain only digits, spaces, ( ) - _ and +"});
    }
    if (digits < min_phone_digits)
        return out.add(errc::invalid_value, path,
                       {"phone ", input(value), " has ", decimal(digits), " digits; at least ",
                        decimal(min_phone_digits), " are required"});
    if (value.size() > max_phone_length)
        out.add(errc::invalid_value, path,
                {"phone is longer than ", decimal(max_phone_length), " characters"});
}

/// merchant_order_id: 1 to max_merchant_order_id_length characters of merchant_order_id_charset.
[[gnu::noinline]] inline void check_merchant_order_id(std::string_view value,
                                                      std::string_view path, errors& out)
{
    if (value.empty())
        return out.add(errc::invalid_value, path, {"merchant_order_id must not be empty"});
    if (value.size() > max_merchant_order_id_length)
        return out.add(errc::invalid_value, path,
                       {"merchant_order_id is longer than ",
                        decimal(max_merchant_order_id_length), " characters"});
    if (value.find_first_not_of(merchant_order_id_charset) != value.npos)
        out.add(errc::invalid_value, path,
                {"merchant_order_id ", input(value),
                 " may contain only A-Z, a-z, 0-9, '-', '_' and '.'"});
}

/// An absolute http or https URL with a host (parsed by Boost.URL).
[[gnu::noinline]] inline void check_url(std::string_view value, std::string_view path,
                                        errors& out)
{
    const auto fail = [&](const char* why) {
        out.add(errc::invalid_value, path, {path, " ", input(value), why});
    };
    // Boost.URL 1.81's parser trips an internal assertion on some text with a scheme but no
    // authority ("ht:\xa4", "td:]"), so it only sees http(s)://... made of URI characters.
    const auto starts_with = [&](std::string_view prefix) {
        if (value.size() < prefix.size()) return false;
        for (std::size_t i = 0; i < prefix.size(); ++i)
            if ((value[i] | 0x20) != prefix[i]) return false; // ASCII case-insensitive
        return true;
    };
    if (!detail::has_scheme(value)) return fail(" is not an absolute URL");
    if (!starts_with("http://") && !starts_with("https://")) return fail(" must use http or https");
    if (!detail::well_formed(value, detail::uri_part::uri)) return fail(" is not an absolute URL");
    auto u = boost::urls::parse_absolute_uri(value);
    if (!u) return fail(" is not an absolute URL");
    if (u->scheme_id() != boost::urls::scheme::http && u->scheme_id() != boost::urls::scheme::https)
        return fail(" must use http or https");
    if (u->encoded_host().empty()) return fail(" has no host");
}

/// A two-letter upper-case country code (ISO 3166-1 alpha-2 form).
inline void check_country_code(std::string_view value, std::string_view path, errors& out)
{
    if (value.size() != 2 || value[0] < 'A' || value[0] > 'Z' || value[1] < 'A' || value[1] > 'Z')
        out.add(errc::invalid_value, path,
                {"country code ", input(value), " must be two upper-case letters, such as JP"});
}

/// A Japanese postal code: NNN-NNNN or NNNNNNN.
inline void check_jp_postal_code(std::string_view value, std::string_view path, errors& out)
{
    const auto digits = [](std::string_view s) {
        return s.find_first_not_of("0123456789") == s.npos;
    };
    const bool ok = (value.size() == 8 && value[3] == '-' && digits(value.substr(0, 3)) &&
                     digits(value.substr(4))) ||
                    (value.size() == 7 && digits(value));
    if (!ok)
        out.add(errc::invalid_value, path,
                {"postal code ", input(value), " must look like 100-0001 for a Japanese address"});
}

} // namespace portone::validation
