// SPDX-License-Identifier: BSL-1.0
// Currencies as types. A channel names the one it accepts (KOMOJU: JPY), and the request model
// rejects any other at compile time. The non-JPY tags exist so that such a mistake can be written
// down (and tested) at all; PortOne accepts many more.
#pragma once

#include <string_view>

namespace portone::currency {

/// Japanese yen. ISO 4217 minor unit 0: one unit of the amount is one yen.
struct jpy {
    static constexpr std::string_view code = "JPY";
    static constexpr int minor_digits = 0;
};
struct usd {
    static constexpr std::string_view code = "USD";
    static constexpr int minor_digits = 2;
};
struct eur {
    static constexpr std::string_view code = "EUR";
    static constexpr int minor_digits = 2;
};
struct vnd {
    static constexpr std::string_view code = "VND";
    static constexpr int minor_digits = 0;
};
struct krw {
    static constexpr std::string_view code = "KRW";
    static constexpr int minor_digits = 0;
};

} // namespace portone::currency

namespace portone {

/// A currency tag: a type naming an ISO 4217 code and its minor-unit digits.
template <class C>
concept currency_tag = requires {
    { C::code } -> std::convertible_to<std::string_view>;
    { C::minor_digits } -> std::convertible_to<int>;
};

} // namespace portone
