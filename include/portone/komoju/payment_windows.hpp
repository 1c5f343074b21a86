// SPDX-License-Identifier: BSL-1.0
// How long KOMOJU waits for a shopper who pays later, by kind of method (payment_deadline.hpp
// uses it for an order that states no deadline). Apart from channel.hpp so that what includes
// the catalog does not pay for <chrono>.
#pragma once

#include <portone/core/method_traits.hpp>

#include <chrono>
#include <optional>

namespace portone::komoju {

/// How long KOMOJU waits for a shopper who pays later (konbini, bank transfer, PayEasy), by
/// default: the deadline is 23:59:59 Japan time of the last day (an order placed on 1 January
/// at 10:00 with 3 days must be paid by 4 January 23:59:59). Merchants can change the number of
/// days on KOMOJU's dashboard, so the deadline a webhook states (bank transfer's
/// `payment_deadline`) wins over these.
struct payment_window {
    std::chrono::days days;
    /// Whether KOMOJU publishes this default. For PayEasy it publishes none: the window below is
    /// the longest KOMOJU's `expiry_days` accepts, so that an order is not given up while KOMOJU
    /// may still take the payment.
    bool published;
};

/// The default window of a method kind, or nullopt for methods paid on the spot (card, wallets,
/// BNPL, prepaid), which have no waiting time.
///   - konbini: 3 days (KOMOJU help centre, articles 160 and 162, konbini "Expiry days": default
///     3, from 1 to 59, the deadline 23:59:59 of the last day);
///   - bank transfer: 14 days (KOMOJU help centre, articles 461 and 595: default 14, from 14 to
///     59; KOMOJU shows the shopper a date 7 days earlier than the day it stops waiting);
///   - PayEasy: not published; 59 days (KOMOJU's legacy API schema: `expiry_days` 0 to 59).
constexpr std::optional<payment_window> default_payment_window(method_kind kind) noexcept
{
    switch (kind) {
    case method_kind::konbini: return payment_window{std::chrono::days(3), true};
    case method_kind::bank_transfer: return payment_window{std::chrono::days(14), true};
    case method_kind::pay_easy: return payment_window{std::chrono::days(59), false};
    default: return std::nullopt;
    }
}

} // namespace portone::komoju
