// SPDX-License-Identifier: BSL-1.0
// Money: a positive whole number of a currency's minor units, tagged with the currency type.
//
//   using namespace portone::literals;
//   portone::yen a = 5000_yen;     // checked at compile time: 0_yen, 1500.5_yen, 0x10_yen
//                                  // and 10000000_yen do not compile
//   auto b = portone::yen::from(n);            // run time: result<yen>, an error if n <= 0 or too big
//   auto c = portone::yen::parse("5000");      // form input: digits only
//
// A money value is never zero, negative or above the currency's documented maximum, so code that
// holds one does not check again.
#pragma once

#include <portone/core/currency.hpp>
#include <portone/core/error.hpp>

#include <charconv>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portone {

namespace detail {
template <class...>
inline constexpr bool dependent_false = false;
}

/// The largest amount, in minor units, a money<C> may hold.
///
/// JPY: 9,999,999 yen. KOMOJU's published payment schema caps `amount` at 9999999 (the legacy
/// JSON schema of KOMOJU's API, as used by degica/komoju-ruby), and PortOne publishes no limit of
/// its own for KOMOJU. Other currencies only need to be representable here; their channels set
/// their own limits.
template <currency_tag C>
inline constexpr std::int64_t max_minor_units = 999'999'999'999'999;
template <>
inline constexpr std::int64_t max_minor_units<currency::jpy> = 9'999'999;

template <currency_tag C>
class money {
public:
    using currency = C;

    /// Checked construction from minor units (yen for JPY).
    static result<money> from(std::int64_t minor_units) noexcept
    {
        if (minor_units <= 0)
            return error{errc::amount_not_positive, "amount",
                         std::string("amount must be positive, got ") + std::to_string(minor_units) +
                             " " + std::string(C::code)};
        if (minor_units > max_minor_units<C>)
            return error{errc::amount_too_large, "amount",
                         std::string("amount ") + std::to_string(minor_units) + " " +
                             std::string(C::code) + " is above the maximum of " +
                             std::to_string(max_minor_units<C>)};
        return money(minor_units);
    }

    /// Checked construction from text, as a form sends it: ASCII digits only, no sign, no
    /// separators, no fraction (JPY has no minor unit).
    static result<money> parse(std::string_view text) noexcept
    {
        if (const auto v = digits_value(text)) return from(*v);
        if (is_digits(text))
            return error{errc::amount_too_large, "amount",
                         compose({"amount ", input(text), " is above the maximum of ",
                                  decimal(max_minor_units<C>)})};
        return error{errc::invalid_value, "amount",
                     compose({"amount must be a whole number of ", C::code,
                              " written with digits only, got ", input(text)})};
    }

    /// parse() for an amount printed as a decimal, as PortOne prints some ("5000", "5000.00"): a
    /// fraction of zeros only is allowed; any other ("5000.5", "5000.") is errc::invalid_value.
    static result<money> parse_whole(std::string_view text) noexcept
    {
        const auto whole = without_zero_fraction(text);
        if (!whole)
            return error{
                errc::invalid_value, "amount",
                compose({"amount must be a whole number of ", C::code, ", got ", input(text)})};
        return parse(*whole);
    }

    /// What parse_whole() accepts, or nullopt, without the message saying why: for a caller that
    /// keeps the text when it is not a whole amount (fetch-all-payments' listed_amount).
    static std::optional<money> try_parse_whole(std::string_view text) noexcept
    {
        const auto whole = without_zero_fraction(text);
        const auto v = whole ? digits_value(*whole) : std::nullopt;
        if (!v || *v <= 0 || *v > max_minor_units<C>) return std::nullopt;
        return money(*v);
    }

    /// The amount in minor units (yen for JPY). Always in (0, max_minor_units<C>].
    constexpr std::int64_t minor_units() const noexcept { return units_; }

    friend constexpr bool operator==(money, money) = default;
    friend constexpr auto operator<=>(money, money) = default;

    /// Amounts are positive by construction; a negated amount is a mistake, so it does not compile.
    money operator-() const
    {
        static_assert(detail::dependent_false<C>,
                      "an amount cannot be negative: portone::money is always positive");
        return *this;
    }

private:
    template <currency_tag, std::int64_t>
    friend struct money_constant;

    // The readings parse, parse_whole and try_parse_whole share (the messages are theirs).
    static constexpr bool is_digits(std::string_view text) noexcept
    {
        return !text.empty() && text.find_first_not_of("0123456789") == text.npos;
    }
    /// The number `text` writes, if it is ASCII digits only and fits std::int64_t.
    static std::optional<std::int64_t> digits_value(std::string_view text) noexcept
    {
        std::int64_t v = 0;
        if (!is_digits(text) ||
            std::from_chars(text.data(), text.data() + text.size(), v).ec != std::errc{})
            return std::nullopt;
        return v;
    }
    /// `text` without a fraction of zeros ("5000" of "5000.00" and of "5000"); nullopt for any
    /// other fraction ("5000.5", "5000.").
    static constexpr std::optional<std::string_view>
    without_zero_fraction(std::string_view text) noexcept
    {
        const auto dot = text.find('.');
        if (dot == text.npos) return text;
        if (dot + 1 == text.size() || text.find_first_not_of('0', dot + 1) != text.npos)
            return std::nullopt;
        return text.substr(0, dot);
    }

    constexpr explicit money(std::int64_t units) noexcept : units_(units) {}
    std::int64_t units_;
};

/// Yen, the only currency KOMOJU accepts.
using yen = money<currency::jpy>;

namespace detail {
template <class T>
inline constexpr bool is_money_v = false;
template <class C>
inline constexpr bool is_money_v<money<C>> = true;
} // namespace detail

/// A compile-time amount; only literals and constants create it.
template <currency_tag C, std::int64_t N>
struct money_constant {
    static_assert(N > 0, "an amount literal must be positive: 0_yen is not an amount");
    static_assert(N <= max_minor_units<C>, "an amount literal is above the currency's maximum");
    static constexpr money<C> value{N};
};

namespace detail {

/// What an amount literal's characters are (the literal operator template receives them all, for
/// integer and floating literals alike: 1500.5_yen gives '1' '5' '0' '0' '.' '5').
enum class amount_literal_kind { decimal, fraction, not_decimal };

struct amount_literal {
    amount_literal_kind kind = amount_literal_kind::decimal;
    /// The value of a decimal literal; one too large for std::int64_t saturates, and is then above
    /// every currency's maximum.
    std::int64_t value = 0;
};

template <char... Cs>
consteval amount_literal read_amount_literal()
{
    constexpr char chars[] = {Cs...};
    constexpr std::size_t n = sizeof...(Cs);
    const bool zero_prefix = n > 1 && chars[0] == '0';
    if (zero_prefix && (chars[1] == 'x' || chars[1] == 'X' || chars[1] == 'b' || chars[1] == 'B'))
        return {amount_literal_kind::not_decimal}; // hexadecimal (floating too) or binary
    for (char c : chars)
        if (c == '.' || c == 'e' || c == 'E') return {amount_literal_kind::fraction};
    if (zero_prefix) return {amount_literal_kind::not_decimal}; // octal: 010_yen is eight
    std::int64_t v = 0;
    for (char c : chars) {
        if (c == '\'') continue; // digit separator: 1'000_yen
        if (v > (INT64_MAX - (c - '0')) / 10) return {amount_literal_kind::decimal, INT64_MAX};
        v = v * 10 + (c - '0');
    }
    return {amount_literal_kind::decimal, v};
}

} // namespace detail

inline namespace literals {
/// 5000_yen: a yen amount checked at compile time. Only a positive decimal integer up to the
/// maximum is one; anything else is one error with the rule's sentence.
template <char... Cs>
constexpr yen operator""_yen()
{
    constexpr detail::amount_literal literal = detail::read_amount_literal<Cs...>();
    if constexpr (literal.kind == detail::amount_literal_kind::fraction) {
        static_assert(literal.kind != detail::amount_literal_kind::fraction,
                      "an amount literal must be a whole number of yen, without a fraction or "
                      "an exponent: 1500.5_yen is not an amount");
        return money_constant<currency::jpy, 1>::value;
    } else if constexpr (literal.kind == detail::amount_literal_kind::not_decimal) {
        static_assert(literal.kind != detail::amount_literal_kind::not_decimal,
                      "an amount literal must be written in decimal digits: 0x10_yen, 0b1_yen "
                      "and 010_yen are not amounts");
        return money_constant<currency::jpy, 1>::value;
    } else {
        // Zero and amounts above the maximum stop here, in money_constant.
        return money_constant<currency::jpy, literal.value>::value;
    }
}
} // namespace literals

} // namespace portone
