// SPDX-License-Identifier: BSL-1.0
// What protocol/refund_webhook.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/refund_webhook.hpp>

namespace portone {

PORTONE_DECL result<refund_webhook> parse_refund_webhook(std::string_view body,
                                                         const json::read_limits& limits)
{
    return json::read<refund_webhook>(body, limits);
}

PORTONE_DECL errors confirm_refund_webhook(const refund_webhook& hook,
                                           const refund_response& listed)
{
    errors out;
    const bool by_psp_id = hook.refund_id.empty() && hook.psp_refund_id;
    const std::string_view id = by_psp_id ? *hook.psp_refund_id : hook.refund_id;
    const refund_record* found = by_psp_id ? listed.find_by_psp_refund_id(id) : listed.find(id);
    if (found == nullptr) {
        out.add(errc::mismatch, by_psp_id ? "/psp_refund_id" : "/refund_id",
                {"PortOne lists no refund ", input(id), " for payment ",
                 input(hook.payment_txn_ref)});
        return out;
    }
    if (found->amount != hook.amount)
        out.add(errc::mismatch, "/amount",
                {"the webhook reports ", decimal(hook.amount.minor_units()),
                 " yen, PortOne lists ", decimal(found->amount.minor_units()), " yen"});
    if (found->currency != hook.currency)
        out.add(errc::mismatch, "/currency",
                {"the webhook's currency is ", input(hook.currency), ", PortOne lists ",
                 input(found->currency)});
    if (found->refund_status.text != hook.refund_status.text)
        out.add(errc::mismatch, "/refund_status",
                {"the webhook's refund_status is ", input(hook.refund_status.text),
                 ", PortOne lists ", input(found->refund_status.text)});
    if (found->refund_type != hook.refund_type)
        out.add(errc::mismatch, "/refund_type",
                {"the webhook's refund_type is ", to_string(hook.refund_type), ", PortOne lists ",
                 to_string(found->refund_type)});
    return out;
}

} // namespace portone
