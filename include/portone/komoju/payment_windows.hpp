// SPDX-License-Identifier: BSL-1.0
// How long KOMOJU waits for a shopper who pays later, by kind of method: the `window` of the
// catalog's konbini, bank-transfer and PayEasy entries, which is where a method's window is read
// (method_traits::window; portone::deadline_of uses it for an order that states no deadline).
#pragma once

#include <portone/core/method_traits.hpp>

namespace portone::komoju {

// KOMOJU's default windows. The deadline is 23:59:59 Japan time of the last day (an order placed
// on 1 January at 10:00 with 3 days must be paid by 4 January 23:59:59). Merchants can change the
// number of days on KOMOJU's dashboard, so the deadline a webhook states (bank transfer's
// `payment_deadline`) wins over these.

/// Konbini: 3 days (KOMOJU help centre, articles 160 and 162, konbini "Expiry days": default 3,
/// from 1 to 59, the deadline 23:59:59 of the last day).
inline constexpr payment_window konbini_window{3, true};
/// Bank transfer: 14 days (KOMOJU help centre, articles 461 and 595: default 14, from 14 to 59;
/// KOMOJU shows the shopper a date 7 days earlier than the day it stops waiting).
inline constexpr payment_window bank_transfer_window{14, true};
/// PayEasy: KOMOJU publishes no default; 59 days, the longest its `expiry_days` accepts
/// (KOMOJU's legacy API schema: 0 to 59), so that an order is not given up while KOMOJU may
/// still take the payment.
inline constexpr payment_window pay_easy_window{59, false};

} // namespace portone::komoju
