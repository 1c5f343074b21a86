// SPDX-License-Identifier: BSL-1.0
// What protocol/refund_ledger.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/refund_ledger.hpp>

#include <algorithm>

namespace portone {

PORTONE_DECL errors refund_ledger::check(const refund_request_data& refund) const
{
    errors out;
    if (permissions_.method != nullptr)
        rule_checks::collect<rule::refund_not_supported>(*permissions_.method, "channel", out);
    if (permissions_.is_refund_allowed == false)
        out.add(errc::not_refundable, "is_refund_allowed",
                {"PortOne says this payment cannot be refunded (is_refund_allowed is false)"});
    if (permissions_.is_multi_refund_allowed == false && count_ > 0)
        out.add(errc::not_refundable, "is_multi_refund_allowed",
                {"this payment allows one refund, and it has had it "
                 "(is_multi_refund_allowed is false)"});
    if (left_ == 0) {
        out.add(errc::not_refundable, "amount",
                {"nothing is left to refund: the payment has been refunded in full"});
    } else if (refund.type() == refund_type::full && left_ != paid_.minor_units()) {
        out.add(errc::invalid_value, "amount",
                {"a full refund of ", decimal(paid_.minor_units()), " yen, but only ",
                 decimal(left_), " yen are left to refund: refund those as a partial refund"});
    } else if (refund.amount().minor_units() > left_) {
        out.add(errc::invalid_value, "amount",
                {"refund amount ", decimal(refund.amount().minor_units()),
                 " yen is more than the ", decimal(left_), " yen left to refund"});
    }
    return out;
}

PORTONE_DECL void refund_ledger::record(const refund_response& answer)
{
    const std::int64_t answered =
        std::min(answer.amountToRefund.minor_units(), paid_.minor_units());
    if (answered < left_) left_ = answered;
    for (const refund_record& r : answer.refunds()) remember(r);
    // The list is every refund of the payment: at least that many were made.
    if (count_ < answer.refunds().size()) count_ = answer.refunds().size();
}

PORTONE_DECL bool refund_ledger::record(const refund_webhook& confirmed)
{
    if (confirmed.refund_status != refund_state::success) return false;
    if (!remember(confirmed)) return false;
    ++count_;
    left_ -= confirmed.amount.minor_units();
    if (left_ < 0) left_ = 0;
    return true;
}

PORTONE_DECL bool refund_ledger::remember(const refund_record& r)
{
    std::string id = !r.refund_id.empty() ? "id:" + r.refund_id
                     : r.psp_refund_id    ? "psp:" + *r.psp_refund_id
                                          : std::string();
    if (!id.empty()) {
        for (const std::string& seen : seen_)
            if (seen == id) return false;
        seen_.push_back(std::move(id));
    }
    return true;
}

} // namespace portone
