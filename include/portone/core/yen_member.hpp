// SPDX-License-Identifier: BSL-1.0
// A yen member of a struct users fill in by hand (refund_details.paid, checkout_details.amount,
// order_item.price, ...): a portone::yen in every use, whose mistakes are one error that names
// the member, since no method is involved:
//
//   portone::refund_details d{.order_ref = ref, .paid = 5000_yen};        // as a yen
//   d.paid.minor_units();                                                // reads as a yen
//   portone::refund_details d{.order_ref = ref, .paid = 5000};
//   // error: static assertion failed: refund_details.paid takes an amount in JPY
//   //        (portone::yen): write 5000_yen, or portone::yen::from(n) for a run-time amount
//   portone::refund_details d{.order_ref = ref};
//   // error: static assertion failed: refund_details.paid is required: the amount the payment
//   //        captured
//
// Each member is a tag type made by detail/define_yen_member.inc (where its messages are
// written out), next to the struct that has the member.
#pragma once

#include <portone/core/diagnostics.hpp>
#include <portone/core/money.hpp>

#include <type_traits>

namespace portone {

/// A yen held by struct member `Member` (a tag from define_yen_member.inc). It converts from and
/// to yen and reads like one (minor_units(), comparisons, the JSON writers). Another currency, a
/// number, or nothing at all (a required member left out of a designated initializer) does not
/// compile, with the member's own sentence.
template <class Member>
class yen_member : public yen {
public:
    constexpr yen_member(yen v) noexcept : yen(v) {}

    /// Left out, or `{}`: there is no amount to default to.
    yen_member() : yen(placeholder) { Member::template reject<rule::member_missing>(); }

    /// Money in another currency, or a number.
    template <class T>
        requires(std::is_arithmetic_v<T> ||
                 (detail::is_money_v<T> && !std::is_base_of_v<yen, T>))
    yen_member(T) : yen(placeholder)
    {
        Member::template reject<rule::member_not_yen>();
    }

private:
    static constexpr yen placeholder = money_constant<::portone::currency::jpy, 1>::value;
};

namespace detail {
template <class Member>
inline constexpr bool is_money_v<yen_member<Member>> = true;
} // namespace detail

} // namespace portone
