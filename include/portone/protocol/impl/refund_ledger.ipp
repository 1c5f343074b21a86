// SPDX-License-Identifier: BSL-1.0
// What protocol/refund_ledger.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/refund_ledger.hpp>

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

} // namespace portone
