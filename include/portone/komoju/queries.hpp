// Compile-time queries over the KOMOJU catalog, as Boost.Hana sequences of method types:
//
//   static_assert(boost::hana::length(komoju::refundable_methods) == boost::hana::size_c<7>);
//   boost::hana::for_each(komoju::methods_requiring<customer_data::email>, [](auto t) { ... });
//
// Each is the catalog filtered by a trait, so it follows the catalog when a method is added.
#pragma once

#include <portone/core/method_traits.hpp>
#include <portone/komoju/catalog.hpp>

#include <boost/hana/bool.hpp>
#include <boost/hana/equal.hpp>
#include <boost/hana/filter.hpp>
#include <boost/hana/length.hpp>

namespace portone::komoju {

/// The catalog's methods whose traits satisfy `Pred`, in table order.
template <bool (*Pred)(const method_traits&)>
inline constexpr auto methods_where = boost::hana::filter(all_methods, [](auto t) {
    return boost::hana::bool_c<Pred(decltype(t)::type::traits)>;
});

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
