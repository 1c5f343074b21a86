// Money: a positive whole number of a currency's minor units, tagged with the currency type.
//
//   using namespace portone::literals;
//   portone::yen a = 5000_yen;                 // checked at compile time: 0_yen does not compile
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
#include <cstdint>
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
        std::int64_t v = 0;
        const bool digits_only = !text.empty() && text.find_first_not_of("0123456789") == text.npos;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (!digits_only || ec == std::errc::result_out_of_range) {
            if (digits_only)
                return error{errc::amount_too_large, "amount",
                             compose({"amount ", input(text), " is above the maximum of ",
                                      decimal(max_minor_units<C>)})};
            return error{errc::invalid_value, "amount",
                         compose({"amount must be a whole number of ", C::code,
                                  " written with digits only, got ", input(text)})};
        }
        (void)ptr;
        return from(v);
    }

    /// The amount in minor units (yen for JPY). Always in (0, max_minor_units<C>].
    constexpr std::int64_t minor_units() const noexcept { return units_; }

    friend constexpr bool operator==(money, money) = default;
    friend constexpr auto operator<=>(money, money) = default;

    /// Amounts are positive by construction; a negated amount is a mistake, so it does not compile.
    template <class Never = void>
    money operator-() const
    {
        static_assert(detail::dependent_false<Never>,
                      "an amount cannot be negative: portone::money is always positive");
        return *this;
    }

private:
    template <currency_tag, std::int64_t>
    friend struct money_constant;

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
template <char... Cs>
consteval std::int64_t parse_decimal_literal()
{
    constexpr char chars[] = {Cs...};
    std::int64_t v = 0;
    for (char c : chars) {
        if (c == '\'') continue; // digit separator: 1'000_yen
        if (c < '0' || c > '9') throw "an amount literal must be a decimal integer";
        if (v > (INT64_MAX - (c - '0')) / 10) throw "an amount literal is too large";
        v = v * 10 + (c - '0');
    }
    return v;
}
} // namespace detail

inline namespace literals {
/// 5000_yen: a yen amount checked at compile time.
template <char... Cs>
constexpr yen operator""_yen()
{
    return money_constant<currency::jpy, detail::parse_decimal_literal<Cs...>()>::value;
}
} // namespace literals

} // namespace portone
