// SPDX-License-Identifier: BSL-1.0
// The yen members of the structs users fill in by hand are yen in every use: built from yen, read
// as yen, written as JSON integers, and compared as yen. (Dollars, numbers and left-out members
// are compile-fail tests: member.*.)
#include <portone/komoju.hpp>

#include <cstdint>
#include <type_traits>

namespace {

using namespace portone;
using namespace portone::literals;

using paid_t = decltype(refund_details::paid);
using checkout_amount_t = decltype(checkout_details::amount);
using price_t = decltype(order_item::price);
using partial_t = decltype(refund_details::amount);

// Each is a yen, converts from one and back, and is money to the JSON writers.
template <class T>
constexpr bool reads_as_yen = std::is_base_of_v<yen, T> && std::is_convertible_v<yen, T> &&
                              std::is_convertible_v<T, yen> && portone::detail::is_money_v<T>;
static_assert(reads_as_yen<paid_t> && reads_as_yen<checkout_amount_t> && reads_as_yen<price_t>);
static_assert(reads_as_yen<partial_t::value_type>);
static_assert(reads_as_yen<decltype(refund_terms::amount)::value_type>);
// Distinct members are distinct types (their errors name them), and one converts into another
// through yen.
static_assert(!std::is_same_v<paid_t, checkout_amount_t>);
static_assert(std::is_convertible_v<paid_t, partial_t>);
static_assert(std::is_constructible_v<partial_t, decltype(refund_terms::amount)>);

// Read as yen, at compile time.
static_assert(paid_t(5000_yen).minor_units() == 5000);
static_assert(paid_t(5000_yen) == 5000_yen && price_t(1200_yen) < 5000_yen);
static_assert(std::is_same_v<decltype(paid_t(1_yen).minor_units()), std::int64_t>);

// Designated initializers as before.
static_assert(requires {
    refund_details{.order_ref = "2abc", .paid = 5000_yen, .amount = 1200_yen};
    order_item{.name = "Tea", .price = 1200_yen, .quantity = 2};
    refund_terms{.amount = 1200_yen};
    refund_terms{};
});

} // namespace
