// SPDX-License-Identifier: BSL-1.0
// What is left to refund of a payment, kept up to date from what PortOne says, so that a refund
// is checked before it is sent and several partial refunds never add up to more than was paid:
//
//   portone::refund_ledger ledger = portone::refund_ledger::of(hook);    // the paid webhook
//   if (auto problems = ledger.check(*refund); !problems.empty()) return report(problems);
//   auto answer = portone::parse_refund_response(http_status, body);     // after the call
//   if (answer) ledger.record(*answer);                                   // PortOne's figure
//   ...
//   if (confirmed) ledger.record(refund_hook);                            // a refund webhook
//
// PortOne's `amountToRefund` (the refund API's answers) lowers what is left and never raises it,
// so that an answer recorded late (out of order) cannot bring back money already refunded. A
// refund webhook, which carries no signature, is recorded only once confirmed
// (confirm_refund_webhook) and only once per refund, whichever of the two reported it first.
// What is left is never below zero.
#pragma once

#include <portone/config.hpp>
#include <portone/core/error.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/core/money.hpp>
#include <portone/core/rules.hpp>
#include <portone/protocol/payment_webhook.hpp>
#include <portone/protocol/refund_response.hpp>
#include <portone/protocol/refund_webhook.hpp>
#include <portone/request/refund_request.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portone {

/// What the payment allows, as PortOne reports it (payment webhook, transaction details,
/// fetch-all-payments items) and as the method allows.
struct refund_permissions {
    /// The method supports refunds (R5): method_traits::refundable. nullptr method: unknown.
    const method_traits* method = nullptr;
    /// `is_refund_allowed`: nullopt when PortOne did not say.
    std::optional<bool> is_refund_allowed;
    /// `is_multi_refund_allowed`: false means one refund at most ("only a single refund or no
    /// partial refunds", PortOne's payment webhook page); nullopt when PortOne did not say.
    std::optional<bool> is_multi_refund_allowed;
};

class refund_ledger {
public:
    refund_ledger(yen paid, refund_permissions permissions) noexcept
        : paid_(paid), left_(paid.minor_units()), permissions_(permissions)
    {
    }

    /// The ledger of the payment a verified webhook reports (its amount, method and flags).
    template <class Webhook>
    static refund_ledger of(const Webhook& hook)
    {
        return refund_ledger(hook.amount, {hook.method_key, hook.is_refund_allowed,
                                           hook.is_multi_refund_allowed});
    }

    yen paid() const noexcept { return paid_; }
    /// What is left to refund, in yen (0 once refunded in full).
    std::int64_t left() const noexcept { return left_; }
    /// The refunds counted so far.
    std::size_t refund_count() const noexcept { return count_; }
    const refund_permissions& permissions() const noexcept { return permissions_; }

    /// Every reason `refund` cannot be sent now, with the sentences of the run-time rules:
    /// errc::not_refundable when the method does not support refunds (R5's sentence), when
    /// PortOne says is_refund_allowed false, when a payment that allows one refund already has
    /// one, or when nothing is left; errc::invalid_value at "amount" when the refund is more than
    /// what is left, or is a "full" refund of a payment already partly refunded.
    PORTONE_DECL errors check(const refund_request_data& refund) const;

    /// PortOne's answer to a refund call (create or list): what is left is its amountToRefund,
    /// and its refunds are the ones counted.
    ///
    /// What is left only goes down. Answers arrive out of order: a list fetched to confirm the
    /// first refund's webhook can be recorded after the second refund's answer, and taking its
    /// amountToRefund then would bring back money already refunded (and let a third refund
    /// through). So an answer that says more is left than the ledger knows is taken as stale. (A
    /// refund that failed after it was counted is not given back either: ask PortOne, or start a
    /// new ledger from a fresh list.)
    PORTONE_DECL void record(const refund_response& answer);

    /// A refund webhook, confirmed against PortOne's list (confirm_refund_webhook): counted once,
    /// and only if it says the refund succeeded. Returns whether it changed the ledger.
    PORTONE_DECL bool record(const refund_webhook& confirmed);

private:
    /// Remembers a refund by refund_id, else psp_refund_id; whether it was not seen before (a
    /// refund with neither cannot be told apart from another: it is always new).
    PORTONE_DECL bool remember(const refund_record& r);

    yen paid_;
    std::int64_t left_;
    refund_permissions permissions_;
    std::size_t count_ = 0;
    std::vector<std::string> seen_;
};

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/refund_ledger.ipp>
#endif
