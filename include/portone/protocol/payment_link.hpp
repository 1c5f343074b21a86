// SPDX-License-Identifier: BSL-1.0
// Reading PortOne's answer to POST /api/paymentLink (api::create_payment_link, hosted Checkout),
// an object with the link's reference and its URL:
//
//   {"payment_link_ref": "2Lk7TeaShop0001",
//    "payment_link": "https://checkout.portone.cloud?ref=2Lk7TeaShop0001"}
//
//   auto r = portone::parse_response<portone::payment_link>(http_status, body);
//   if (!r) return log(r.error().message);           // refusal or unreadable (api_error.hpp)
//   redirect_shopper_to(r->payment_link);
//   save(order, r->payment_link_ref);                // the payment webhook's payment_link_ref
//
// The shape is PortOne's OpenAPI schema for the call's 200 answer (its two properties); both are
// required here, since an answer without them gives no page to send the shopper to. Unknown keys
// are kept in `extra_fields`. A refusal (the schema's 401 example: `is_success` false, a
// status_code and a status_reason) is PortOne's error body, read as api_error.
#pragma once

#include <portone/core/describe.hpp>
#include <portone/json/read_types.hpp>
#include <portone/protocol/api_error.hpp>

#include <string>

namespace portone {

/// A payment link PortOne created.
struct payment_link {
    /// PortOne's reference of the link; the payment webhook and transaction details carry it as
    /// `payment_link_ref`.
    std::string payment_link_ref;
    /// The hosted Checkout page's URL: send the shopper there. Kept as received (not checked).
    std::string payment_link;
    json::extra_fields extra_fields;

    friend bool operator==(const portone::payment_link&, const portone::payment_link&) = default;
};

} // namespace portone

// No reader function of its own: parse_response<payment_link> (api_error.hpp) is one, compiled
// only where it is called.
namespace portone {
PORTONE_DESCRIBE(payment_link, payment_link_ref, payment_link, extra_fields);
} // namespace portone
