// SPDX-License-Identifier: BSL-1.0
// PortOne's refund webhook (`refund_status`): the JSON body PortOne POSTs to the merchant when a
// refund's status changes, whether the refund was made through the API or in the dashboard.
//
//   auto hook = portone::parse_refund_webhook(body);              // result<refund_webhook>
//   if (!hook) return respond(400, hook.error().message);
//   // Not signed (below): confirm it with an authenticated call before acting on it.
//   auto call = portone::api::list_refunds(hook->payment_txn_ref, key, token);
//   auto listed = portone::parse_refund_response(status, body_of(send(*call)));
//   if (!listed) return respond(503, listed.error().message);    // PortOne retries later
//   if (auto e = portone::confirm_refund_webhook(*hook, *listed); !e.empty()) ...
//
// No signature: PortOne documents a `signature_hash` and the fields it covers for the payment
// webhook, but for the refund webhook it documents neither a signature field nor a way to verify
// one, and its example carries none. This library does not guess a field list. Anyone who knows
// the webhook URL can POST a refund webhook, so treat it as a hint that something changed and
// trust what the authenticated refund API says (confirm_refund_webhook). If a `signature_hash`
// key does arrive, it is kept in `extra_fields`, unverified.
#pragma once

#include <portone/config.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/error.hpp>
#include <portone/core/money.hpp>
#include <portone/json/read_types.hpp>
#include <portone/json/reader.hpp>
#include <portone/protocol/refund_response.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace portone {

/// A refund webhook as received: the refund_record fields (refund_id, amount, currency,
/// refund_status, refund_type required; refund_date, psp_refund_id, refund_reason, merchant_id
/// optional), plus the payment it belongs to. Unknown keys are kept in `extra_fields`.
struct refund_webhook : refund_record {
    /// The payment's PortOne `order_ref` (required): what api::list_refunds takes.
    std::string payment_txn_ref;
    std::optional<std::string> description;
    std::optional<std::string> payment_channel; ///< "KOMOJU"
    /// PortOne's human name of the method ("Alipay wallet via KOMOJU"), not a method key.
    std::optional<std::string> payment_method;

    friend bool operator==(const refund_webhook&, const refund_webhook&) = default;
};

PORTONE_DESCRIBE(refund_webhook, refund_id, amount, currency, refund_status, refund_type,
                 payment_txn_ref, refund_date, psp_refund_id, refund_reason, merchant_id,
                 description, payment_channel, payment_method, extra_fields);

/// Reads a refund webhook body. Fails with the first problem: errc::invalid_json, wrong_type,
/// missing_field, duplicate_key, limit_exceeded, invalid_value (a refund_type other than "full" or
/// "partial", a fractional amount) or an amount error, each at its JSON Pointer. There is no
/// signature to verify (see the top of this file): call confirm_refund_webhook next.
PORTONE_DECL result<refund_webhook> parse_refund_webhook(std::string_view body,
                                                         const json::read_limits& limits = {});

/// Compares an (unauthenticated) refund webhook with PortOne's authenticated list of the
/// payment's refunds (api::list_refunds(hook.payment_txn_ref) read by parse_refund_response).
/// The refund is looked up by refund_id, or by psp_refund_id when refund_id is empty (one of
/// PortOne's examples has an empty refund_id). Every difference is an errc::mismatch error at the
/// webhook's field: a refund the list does not have ("/refund_id", or "/psp_refund_id"), or
/// another amount, currency, refund_status or refund_type. A different refund_status may also
/// mean the refund moved on since the webhook was sent. Either way, act on what `listed` says;
/// empty means it confirms the webhook.
PORTONE_DECL errors confirm_refund_webhook(const refund_webhook& hook,
                                           const refund_response& listed);

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/refund_webhook.ipp>
#endif
