// SPDX-License-Identifier: BSL-1.0
// Compile-time queries over the KOMOJU catalog, as Boost.Hana sequences of method types:
//
//   static_assert(boost::hana::length(komoju::refundable_methods) == boost::hana::size_c<7>);
//   boost::hana::for_each(komoju::methods_requiring<customer_data::email>, [](auto t) { ... });
//
// Each is the catalog filtered by a trait, so it follows the catalog when a method is added.
#pragma once

#include <portone/core/method_traits.hpp>
#include <portone/komoju/catalog.hpp>

#include <boost/hana/length.hpp>
#include <boost/hana/type.hpp>

#include <array>
#include <cstddef>
#include <utility>

namespace portone::komoju {

namespace detail {
/// The indices (into the catalog) of the methods whose traits satisfy Pred, and how many.
template <bool (*Pred)(const method_traits&)>
inline constexpr auto matching = [] {
    std::array<std::size_t, method_count> picked{};
    std::size_t n = 0;
    for (std::size_t i = 0; i < method_count; ++i)
        if (Pred(*all_traits[i])) picked[n++] = i;
    return std::pair{picked, n};
}();

template <bool (*Pred)(const method_traits&), std::size_t... I>
constexpr auto select(std::index_sequence<I...>)
{
    return boost::hana::tuple_t<method_at<matching<Pred>.first[I]>...>;
}
} // namespace detail

/// The catalog's methods whose traits satisfy `Pred`, in table order. (Selected by index rather
/// than with hana::filter, which costs far more to compile for the same result.)
template <bool (*Pred)(const method_traits&)>
inline constexpr auto methods_where =
    detail::select<Pred>(std::make_index_sequence<detail::matching<Pred>.second>{});

namespace detail {
constexpr bool refundable(const method_traits& t) { return t.refundable; }
constexpr bool in_sandbox(const method_traits& t) { return t.sandbox; }
constexpr bool in_checkout(const method_traits& t) { return t.checkout; }
constexpr bool konbini(const method_traits& t) { return t.kind == method_kind::konbini; }
template <customer_data D>
constexpr bool needs(const method_traits& t) { return contains(t.required, D); }
} // namespace detail

/// Methods PortOne can refund.
inline constexpr auto refundable_methods = methods_where<detail::refundable>;
/// Methods usable with environment "sandbox".
inline constexpr auto sandbox_methods = methods_where<detail::in_sandbox>;
/// Methods PortOne's hosted Checkout can offer.
inline constexpr auto checkout_methods = methods_where<detail::in_checkout>;
/// The six konbini chains.
inline constexpr auto konbini_methods = methods_where<detail::konbini>;
/// Methods that require customer data D (e.g. customer_data::phone).
template <customer_data D>
inline constexpr auto methods_requiring = methods_where<detail::needs<D>>;

} // namespace portone::komoju
