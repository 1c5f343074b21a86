// SPDX-License-Identifier: BSL-1.0
// The KOMOJU catalog: the 17 payment methods PortOne offers through KOMOJU, one type each.
//
// This file is the single source of truth. Each entry below defines three macros and includes
// core/detail/define_method.inc, which turns them into a method type with its traits and its
// diagnostics; the catalog_slot line after it gives the type its place in all_methods.
// Everything else is generated from these entries: the run-time table used for dispatch and
// validation, the JSON writers, the docs tables, and the tests that iterate over methods. Adding
// a method is adding one entry.
//
// The values are those of PortOne's KOMOJU page (docs.portone.cloud/docs/komoju): the method table
// (payment type, key, integration status, refund support, sandbox availability) and "Miscellaneous
// Details" (required customer data; WebMoney is not available via Checkout). Store codes are
// KOMOJU's `store` values for konbini payments.
#pragma once

#include <portone/core/diagnostics.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/komoju/channel.hpp>
#include <portone/komoju/payment_windows.hpp>

#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace portone::komoju {

/// The catalog's list of method types: slot N holds the N-th method of PortOne's table. Each
/// entry below is followed by the one line that gives its slot; the numbers are written out (not
/// drawn from __COUNTER__, whose value depends on what a translation unit included before, so that
/// two translation units could disagree on what slot 4 is).
template <std::size_t Slot>
struct catalog_slot;

#define PORTONE_METHOD_CHANNEL ::portone::komoju::channel
#define PORTONE_METHOD_CURRENCY "JPY"

// clang-format off
#define PORTONE_METHOD_NAME credit_card
#define PORTONE_METHOD_KEY "KOMOJU_CREDIT_CARD"
#define PORTONE_METHOD_TRAITS .payment_type = "Credit/Debit Card", .kind = method_kind::card, \
    .refundable = true, .sandbox = false, \
    .required = customer_data::email | customer_data::name | customer_data::surname
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<0> { using type = credit_card; };

#define PORTONE_METHOD_NAME bank_transfer
#define PORTONE_METHOD_KEY "KOMOJU_BANK_TRANSFER"
#define PORTONE_METHOD_TRAITS .payment_type = "Bank transfer", \
    .kind = method_kind::bank_transfer, .refundable = false, .sandbox = true, \
    .required = customer_data::name | customer_data::surname | customer_data::phone, \
    .window = bank_transfer_window
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<1> { using type = bank_transfer; };

#define PORTONE_METHOD_NAME pay_easy
#define PORTONE_METHOD_KEY "KOMOJU_PAY_EASY"
#define PORTONE_METHOD_TRAITS .payment_type = "PayEasy", .kind = method_kind::pay_easy, \
    .refundable = false, .sandbox = true, \
    .required = customer_data::name | customer_data::surname, .window = pay_easy_window
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<2> { using type = pay_easy; };

#define PORTONE_METHOD_NAME konbini_seven_eleven
#define PORTONE_METHOD_KEY "KOMOJU_KONBINI_711"
#define PORTONE_METHOD_TRAITS .payment_type = "Konbini Seven-Eleven", \
    .kind = method_kind::konbini, .refundable = false, .sandbox = true, \
    .required = customer_data::email, .store = "seven-eleven", \
    .window = konbini_window
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<3> { using type = konbini_seven_eleven; };

#define PORTONE_METHOD_NAME konbini_lawson
#define PORTONE_METHOD_KEY "KOMOJU_KONBINI_LAWSON"
#define PORTONE_METHOD_TRAITS .payment_type = "Konbini Lawson", .kind = method_kind::konbini, \
    .refundable = false, .sandbox = true, .required = customer_data::email, .store = "lawson", \
    .window = konbini_window
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<4> { using type = konbini_lawson; };

#define PORTONE_METHOD_NAME konbini_family_mart
#define PORTONE_METHOD_KEY "KOMOJU_KONBINI_FAMILY_MART"
#define PORTONE_METHOD_TRAITS .payment_type = "Konbini FamilyMart", \
    .kind = method_kind::konbini, .refundable = false, .sandbox = true, \
    .required = customer_data::email, .store = "family-mart", \
    .window = konbini_window
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<5> { using type = konbini_family_mart; };

#define PORTONE_METHOD_NAME konbini_ministop
#define PORTONE_METHOD_KEY "KOMOJU_KONBINI_MINISTOP"
#define PORTONE_METHOD_TRAITS .payment_type = "Konbini MiniStop", .kind = method_kind::konbini, \
    .refundable = false, .sandbox = true, .required = customer_data::email, .store = "ministop", \
    .window = konbini_window
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<6> { using type = konbini_ministop; };

#define PORTONE_METHOD_NAME konbini_daily_yamazaki
#define PORTONE_METHOD_KEY "KOMOJU_KONBINI_DAILY_YAMAZAKI"
#define PORTONE_METHOD_TRAITS .payment_type = "Konbini Daily Yamazaki", \
    .kind = method_kind::konbini, .refundable = false, .sandbox = true, \
    .required = customer_data::email, .store = "daily-yamazaki", \
    .window = konbini_window
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<7> { using type = konbini_daily_yamazaki; };

#define PORTONE_METHOD_NAME konbini_seicomart
#define PORTONE_METHOD_KEY "KOMOJU_KONBINI_SEICOMART"
#define PORTONE_METHOD_TRAITS .payment_type = "Konbini Seicomart", \
    .kind = method_kind::konbini, .refundable = false, .sandbox = true, \
    .required = customer_data::email, .store = "seicomart", \
    .window = konbini_window
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<8> { using type = konbini_seicomart; };

#define PORTONE_METHOD_NAME web_money
#define PORTONE_METHOD_KEY "KOMOJU_WEB_MONEY"
#define PORTONE_METHOD_TRAITS .payment_type = "WebMoney prepaid", .kind = method_kind::prepaid, \
    .refundable = false, .sandbox = false, .checkout = false
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<9> { using type = web_money; };

#define PORTONE_METHOD_NAME merpay
#define PORTONE_METHOD_KEY "KOMOJU_MERPAY"
#define PORTONE_METHOD_TRAITS .payment_type = "MerPay wallet", .kind = method_kind::wallet, \
    .refundable = true, .sandbox = true
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<10> { using type = merpay; };

#define PORTONE_METHOD_NAME line_pay
#define PORTONE_METHOD_KEY "KOMOJU_LINEPAY"
#define PORTONE_METHOD_TRAITS .payment_type = "LinePay wallet", .kind = method_kind::wallet, \
    .refundable = true, .sandbox = true
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<11> { using type = line_pay; };

#define PORTONE_METHOD_NAME paypay
#define PORTONE_METHOD_KEY "KOMOJU_PAYPAY"
#define PORTONE_METHOD_TRAITS .payment_type = "PayPay", .kind = method_kind::wallet, \
    .refundable = true, .sandbox = true
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<12> { using type = paypay; };

#define PORTONE_METHOD_NAME alipay
#define PORTONE_METHOD_KEY "KOMOJU_ALIPAY"
#define PORTONE_METHOD_TRAITS .payment_type = "Alipay wallet", .kind = method_kind::wallet, \
    .refundable = true, .sandbox = true
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<13> { using type = alipay; };

#define PORTONE_METHOD_NAME rakuten_pay
#define PORTONE_METHOD_KEY "KOMOJU_RAKUTEN_PAY"
#define PORTONE_METHOD_TRAITS .payment_type = "Rakuten Pay wallet", \
    .kind = method_kind::wallet, .refundable = true, .sandbox = true
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<14> { using type = rakuten_pay; };

#define PORTONE_METHOD_NAME au_pay
#define PORTONE_METHOD_KEY "KOMOJU_AU_PAY"
#define PORTONE_METHOD_TRAITS .payment_type = "Au Pay wallet", .kind = method_kind::wallet, \
    .refundable = true, .sandbox = true
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<15> { using type = au_pay; };

#define PORTONE_METHOD_NAME paidy
#define PORTONE_METHOD_KEY "KOMOJU_PAIDY"
#define PORTONE_METHOD_TRAITS .payment_type = "Paidy", .kind = method_kind::bnpl, \
    .refundable = false, .sandbox = false, \
    .required = customer_data::name | customer_data::surname | customer_data::address
#include <portone/core/detail/define_method.inc>
template <> struct catalog_slot<16> { using type = paidy; };

// clang-format on

#undef PORTONE_METHOD_CHANNEL
#undef PORTONE_METHOD_CURRENCY

namespace detail {
template <std::size_t Slot>
concept filled_slot = requires { typename catalog_slot<Slot>::type; };

/// The number of slots filled from 0 on; the check below turns a skipped number into an error.
template <std::size_t Slot = 0>
constexpr std::size_t count_slots()
{
    if constexpr (filled_slot<Slot>)
        return count_slots<Slot + 1>();
    else
        return Slot;
}
inline constexpr std::size_t slot_count = count_slots();

/// Whether any of the 64 slots after the first empty one is filled: a skipped number.
template <std::size_t... I>
constexpr bool filled_after_gap(std::index_sequence<I...>)
{
    return (filled_slot<slot_count + 1 + I> || ...);
}
static_assert(!filled_after_gap(std::make_index_sequence<64>{}),
              "the catalog's slots must be numbered 0, 1, 2, ... without a gap");

template <class... Ms>
struct catalog_types {
    static constexpr auto types = boost::hana::tuple_t<Ms...>;
    static constexpr std::array<const method_traits*, sizeof...(Ms)> traits = {&Ms::traits...};
    template <class F>
    static constexpr void for_each(F&& f)
    {
        (f(Ms{}), ...);
    }
};

template <std::size_t... I>
auto make_catalog(std::index_sequence<I...>) -> catalog_types<typename catalog_slot<I>::type...>;

using catalog = decltype(make_catalog(std::make_index_sequence<slot_count>{}));

/// The method type at index I of the catalog.
template <std::size_t I>
using method_at = typename catalog_slot<I>::type;
} // namespace detail

/// Every KOMOJU method type, in the order of PortOne's table, as a Boost.Hana sequence of types:
///     boost::hana::for_each(komoju::all_methods, [](auto t) { using M = typename decltype(t)::type; });
inline constexpr auto all_methods = detail::catalog::types;

/// The traits of every method, in table order: for run-time use (dispatch, validation, tables).
inline constexpr auto all_traits = detail::catalog::traits;

/// How many methods the catalog has (17).
inline constexpr std::size_t method_count = all_traits.size();

/// Calls `f(M{})` for every method type M, in table order (a fold expression: cheaper to compile
/// than a Hana algorithm when all you need is a loop).
template <class F>
constexpr void for_each_method(F&& f)
{
    detail::catalog::for_each(f);
}

/// True for the KOMOJU method types (and only them).
template <class M>
concept method = payment_method<M> && std::same_as<typename M::channel, komoju::channel>;

} // namespace portone::komoju
