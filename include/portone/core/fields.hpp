// SPDX-License-Identifier: BSL-1.0
// Field identities as tag types.
//
// A tag names one PortOne request field: its bit in a presence mask (the request builder tracks
// which fields were set in its type), its JSON path, and what it is in words. Tags rather than
// strings because compilers print tag types readably in diagnostics (g++ 12 and clang 14 both
// show `portone::rule::missing<portone::field::billing_phone>`), where string template arguments
// print as byte lists on clang 14.
//
// The words live in PORTONE_DETAIL_REQUIRES_* macros because a C++20 static_assert message must
// be a string literal: the compile-time diagnostic and the run-time validation message are pasted
// together from the same literal, so they cannot drift apart.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>

// "<KEY> requires " + one of these.
#define PORTONE_DETAIL_REQUIRES_environment "an environment, sandbox or live (environment)"
#define PORTONE_DETAIL_REQUIRES_merchant_order_id "a merchant order id (merchant_order_id)"
#define PORTONE_DETAIL_REQUIRES_amount "an amount (amount)"
#define PORTONE_DETAIL_REQUIRES_description "a description (description)"
#define PORTONE_DETAIL_REQUIRES_success_url "a success URL (success_url)"
#define PORTONE_DETAIL_REQUIRES_failure_url "a failure URL (failure_url)"
#define PORTONE_DETAIL_REQUIRES_billing_email "the customer's email (billing_details.billing_email)"
#define PORTONE_DETAIL_REQUIRES_billing_name "the customer's name (billing_details.billing_name)"
#define PORTONE_DETAIL_REQUIRES_billing_surname                                                    \
    "the customer's surname (billing_details.billing_surname)"
#define PORTONE_DETAIL_REQUIRES_billing_phone "the customer's phone (billing_details.billing_phone)"
#define PORTONE_DETAIL_REQUIRES_billing_or_shipping_address                                        \
    "a billing or a shipping address (billing_details.billing_address or "                         \
    "shipping_details.shipping_address)"

// Every field a method or PortOne can require, in the order a request is checked. X(KEY, name).
#define PORTONE_DETAIL_REQUIRABLE_FIELDS(X, KEY)                                                   \
    X(KEY, environment)                                                                            \
    X(KEY, merchant_order_id)                                                                      \
    X(KEY, amount)                                                                                 \
    X(KEY, description)                                                                            \
    X(KEY, success_url)                                                                            \
    X(KEY, failure_url)                                                                            \
    X(KEY, billing_email)                                                                          \
    X(KEY, billing_name)                                                                           \
    X(KEY, billing_surname)                                                                        \
    X(KEY, billing_phone)                                                                          \
    X(KEY, billing_or_shipping_address)

namespace portone {

/// One bit per request field; the builder's type carries the set of fields given so far.
using field_mask = std::uint32_t;

/// Customer data a payment method can require (the seed's "Miscellaneous Details").
enum class customer_data : std::uint8_t {
    none = 0,
    email = 1 << 0,   ///< billing_details.billing_email
    name = 1 << 1,    ///< billing_details.billing_name (given and middle names)
    surname = 1 << 2, ///< billing_details.billing_surname
    phone = 1 << 3,   ///< billing_details.billing_phone
    address = 1 << 4, ///< billing_details.billing_address or shipping_details.shipping_address
};
constexpr customer_data operator|(customer_data a, customer_data b) noexcept
{
    return customer_data(std::uint8_t(a) | std::uint8_t(b));
}
constexpr bool contains(customer_data set, customer_data one) noexcept
{
    return (std::uint8_t(set) & std::uint8_t(one)) != 0;
}

namespace field {

namespace detail {
template <field_mask Bit, customer_data Needs = customer_data::none>
struct tag {
    static constexpr field_mask bit = Bit;
    /// Which customer_data requirement this field satisfies (none: PortOne requires it always).
    static constexpr customer_data satisfies = Needs;
};
} // namespace detail

// clang-format off
struct environment       : detail::tag<1u << 0>  { static constexpr std::string_view path = "environment"; };
struct merchant_order_id : detail::tag<1u << 1>  { static constexpr std::string_view path = "merchant_order_id"; };
struct amount            : detail::tag<1u << 2>  { static constexpr std::string_view path = "amount"; };
struct description       : detail::tag<1u << 3>  { static constexpr std::string_view path = "description"; };
struct success_url       : detail::tag<1u << 4>  { static constexpr std::string_view path = "success_url"; };
struct failure_url       : detail::tag<1u << 5>  { static constexpr std::string_view path = "failure_url"; };
struct pending_url       : detail::tag<1u << 6>  { static constexpr std::string_view path = "pending_url"; };
struct billing_email     : detail::tag<1u << 7,  customer_data::email>   { static constexpr std::string_view path = "billing_details.billing_email"; };
struct billing_name      : detail::tag<1u << 8,  customer_data::name>    { static constexpr std::string_view path = "billing_details.billing_name"; };
struct billing_surname   : detail::tag<1u << 9,  customer_data::surname> { static constexpr std::string_view path = "billing_details.billing_surname"; };
struct billing_phone     : detail::tag<1u << 10, customer_data::phone>   { static constexpr std::string_view path = "billing_details.billing_phone"; };
struct billing_address   : detail::tag<1u << 11> { static constexpr std::string_view path = "billing_details.billing_address"; };
struct shipping_address  : detail::tag<1u << 12> { static constexpr std::string_view path = "shipping_details.shipping_address"; };
struct order_details     : detail::tag<1u << 13> { static constexpr std::string_view path = "order_details"; };
/// Not a wire field: the requirement "a billing or a shipping address" (Paidy), met by either.
struct billing_or_shipping_address
    : detail::tag<billing_address::bit | shipping_address::bit, customer_data::address> {
    static constexpr std::string_view path = "billing_details.billing_address";
};
// clang-format on

} // namespace field

/// A field that a method or PortOne may require, with the words used when it is missing.
struct requirable_field {
    field_mask satisfied_by;   ///< present if any of these bits is set
    customer_data satisfies;   ///< none: required for every method
    std::string_view path;     ///< where the error points
    std::string_view requirement; ///< "<method key> requires " + this
};

#define PORTONE_DETAIL_REQUIRABLE_INFO(KEY, name)                                                  \
    requirable_field{field::name::bit, field::name::satisfies, field::name::path,                  \
                     PORTONE_DETAIL_REQUIRES_##name},

/// Every requirable field, in checking order (the same order as PORTONE_DETAIL_REQUIRABLE_FIELDS).
inline constexpr requirable_field requirable_fields[] = {
    PORTONE_DETAIL_REQUIRABLE_FIELDS(PORTONE_DETAIL_REQUIRABLE_INFO, _)};
#undef PORTONE_DETAIL_REQUIRABLE_INFO

inline constexpr std::size_t requirable_field_count = std::size(requirable_fields);

namespace detail {
#define PORTONE_DETAIL_REQUIRABLE_TYPE(KEY, name) , field::name
template <class Ignored, class... Fs>
struct requirable_types {
    template <std::size_t I>
    using at = std::tuple_element_t<I, std::tuple<Fs...>>;
};
using requirable_field_types =
    requirable_types<void PORTONE_DETAIL_REQUIRABLE_FIELDS(PORTONE_DETAIL_REQUIRABLE_TYPE, _)>;
#undef PORTONE_DETAIL_REQUIRABLE_TYPE
} // namespace detail

/// The tag type of requirable field number I.
template <std::size_t I>
using requirable_field_t = detail::requirable_field_types::template at<I>;

} // namespace portone
