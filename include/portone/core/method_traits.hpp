// SPDX-License-Identifier: BSL-1.0
// What a payment method is, as data: the traits every method type carries, the concepts that
// recognise method and channel types, and the queries the rest of the library (and users) ask.
#pragma once

#include <portone/core/currency.hpp>
#include <portone/core/fields.hpp>

#include <concepts>
#include <string_view>

namespace portone {

/// The family a method belongs to. Decides, for example, which additional_payment_details a
/// webhook carries (konbini, pay_easy, bank_transfer).
enum class method_kind { card, bank_transfer, pay_easy, konbini, prepaid, wallet, bnpl };

constexpr std::string_view to_string(method_kind k) noexcept
{
    switch (k) {
    case method_kind::card: return "card";
    case method_kind::bank_transfer: return "bank transfer";
    case method_kind::pay_easy: return "PayEasy";
    case method_kind::konbini: return "konbini";
    case method_kind::prepaid: return "prepaid";
    case method_kind::wallet: return "wallet";
    case method_kind::bnpl: return "BNPL";
    }
    return "unknown";
}

/// How long a channel waits for a shopper who pays later (konbini, bank transfer, PayEasy) when
/// the order states no deadline: until the end of the `days`-th day after the order's day, in
/// the channel's country. `days` 0: the method is paid on the spot and has no window.
struct payment_window {
    unsigned short days = 0;
    /// Whether the channel publishes this default (else it is the longest the channel accepts,
    /// so that an order is not given up while the payment may still come).
    bool published = true;

    friend constexpr bool operator==(const payment_window&, const payment_window&) = default;
};

/// The traits of one payment method: one row of the channel's method table plus its required
/// customer data. A literal type, so every query below is a constant expression.
struct method_traits {
    std::string_view channel{};      ///< `pmt_channel`, e.g. "KOMOJU"
    std::string_view currency{};     ///< the one currency the channel accepts, e.g. "JPY"
    std::string_view key{};          ///< `pmt_method`, e.g. "KOMOJU_PAYPAY"
    std::string_view name{};         ///< the C++ type's name in its channel namespace, "paypay"
    std::string_view payment_type{}; ///< the channel's own name, e.g. "PayPay"
    method_kind kind{};
    bool integrated = true;          ///< PortOne lists it as integrated
    bool refundable = false;         ///< refunds through PortOne's refund API
    bool sandbox = false;            ///< can be used with environment "sandbox"
    bool checkout = true;            ///< can be offered through PortOne's hosted Checkout
    customer_data required = customer_data::none;
    std::string_view store{};        ///< konbini only: the channel's store code ("lawson")
    payment_window window{};         ///< the default payment window (none: paid on the spot)
};

/// The traits of method M: a method_traits whose type also names M. `M::traits` has this type,
/// and so does a typed request's traits(), so an overload taking `const method_traits_of<M>&`
/// knows the method at compile time and applies the compile-time rules even to code written for
/// run-time traits; elsewhere it is simply a `const method_traits&`.
template <class M>
struct method_traits_of : method_traits {};

/// A channel type: its `pmt_channel` key, the one currency it accepts and its country.
template <class C>
concept payment_channel = requires {
    { C::key } -> std::convertible_to<std::string_view>;
    { C::country } -> std::convertible_to<std::string_view>;
    requires currency_tag<typename C::currency>;
};

/// A payment method type: a `traits` constant (a method_traits_of<M>) and the channel it belongs
/// to.
template <class M>
concept payment_method = requires {
    { M::traits } -> std::same_as<const method_traits_of<M>&>;
    requires payment_channel<typename M::channel>;
};

// Queries. Each is a constant expression usable in static_assert, if constexpr and requires.

template <payment_method M>
inline constexpr bool is_refundable_v = M::traits.refundable;

template <payment_method M>
inline constexpr bool has_sandbox_v = M::traits.sandbox;

template <payment_method M>
inline constexpr bool in_checkout_v = M::traits.checkout;

template <payment_method M>
inline constexpr bool is_konbini_v = M::traits.kind == method_kind::konbini;

/// True if method M requires this customer data (e.g. customer_data::phone).
template <payment_method M, customer_data D>
inline constexpr bool requires_customer_data_v = contains(M::traits.required, D);

/// True if method M cannot be paid without field F (e.g. field::billing_phone). PortOne's own
/// required fields (merchant_order_id, amount, ...) count for every method.
template <payment_method M, class F>
inline constexpr bool requires_field_v =
    F::satisfies == customer_data::none ? true : contains(M::traits.required, F::satisfies);

/// The method's currency (the channel's).
template <payment_method M>
using currency_of_t = typename M::channel::currency;

} // namespace portone
