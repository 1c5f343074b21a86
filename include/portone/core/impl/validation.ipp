// SPDX-License-Identifier: BSL-1.0
// What core/validation.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/core/validation.hpp>

#include <boost/url/parse.hpp>

namespace portone::validation::detail {

PORTONE_DECL bool well_formed(std::string_view text, uri_part part) noexcept
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

} // namespace portone::validation::detail

namespace portone::validation {

PORTONE_DECL void check_text(std::string_view value, std::string_view path, std::string_view what,
                             errors& out)
{
    const auto fail = [&](const char* why) { out.add(errc::invalid_value, path, {what, why}); };
    if (detail::is_blank(value)) return fail(" must not be empty");
    if (!is_valid_utf8(value)) return fail(" is not valid UTF-8");
    if (detail::has_control(value)) return fail(" must not contain control characters");
    if (value.size() > max_text_length)
        out.add(errc::invalid_value, path,
                {what, " is longer than ", decimal(max_text_length), " bytes"});
}

PORTONE_DECL void check_email(std::string_view value, std::string_view path, errors& out)
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

PORTONE_DECL void check_phone(std::string_view value, std::string_view path, errors& out)
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

PORTONE_DECL void check_merchant_order_id(std::string_view value, std::string_view path,
                                          errors& out)
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

PORTONE_DECL void check_url(std::string_view value, std::string_view path, errors& out)
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

PORTONE_DECL void check_country_code(std::string_view value, std::string_view path, errors& out)
{
    if (value.size() != 2 || value[0] < 'A' || value[0] > 'Z' || value[1] < 'A' || value[1] > 'Z')
        out.add(errc::invalid_value, path,
                {"country code ", input(value), " must be two upper-case letters, such as JP"});
}

PORTONE_DECL void check_jp_postal_code(std::string_view value, std::string_view path, errors& out)
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
