// SPDX-License-Identifier: BSL-1.0
// Reading PortOne's answers to the two payment queries (request descriptors in
// protocol/http_request.hpp, errors in protocol/api_error.hpp):
//
//   GET  /api/transaction/{merchant_order_ref}/status   api::transaction_status  -> parse_transaction_status
//   POST /api/{key}/transaction-details                 api::transaction_details -> parse_transaction_details
//
//   auto r = portone::parse_transaction_details(http_status, body);
//   if (!r) return log(r.error().message);           // refusal or unreadable (api_error.hpp)
//   const portone::transaction_details& tx = r->content;
//   if (tx.status == portone::payment_status::success && tx.amount == order.amount) ...
//   if (const auto* k = tx.details_as<portone::konbini_details>()) show(k->receipt);
//
// Both answers are PortOne's envelope (api_envelope): `content`, plus the call's own
// `status_code`, `status_reason` and `message`. Fields are members under their JSON names; unknown
// keys are kept in `extra_fields`, at every level. These answers come over an authenticated TLS
// connection, so there is no signature to check (transaction-details carries a `signature_hash`,
// kept as received; PortOne does not document what it covers).
#pragma once

#include <portone/config.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/core/money.hpp>
#include <portone/json/read_types.hpp>
#include <portone/protocol/api_error.hpp>
#include <portone/protocol/payment_details.hpp>
#include <portone/protocol/payment_webhook.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace portone {

/// `content` of GET /api/transaction/{merchant_order_ref}/status. PortOne's description promises
/// "Success", "Failed" or "Pending", and its own example answers "Expired": any text is read
/// (transaction_status), an unknown one as payment_status::unknown.
struct transaction_status_content {
    std::string order_ref;                        ///< PortOne's reference (refunds use it)
    transaction_status status;
    std::optional<std::string> channel_order_ref; ///< KOMOJU's reference, once there is one
    json::extra_fields extra_fields;

    friend bool operator==(const transaction_status_content&,
                           const transaction_status_content&) = default;
};

/// `content` of POST /api/{key}/transaction-details: the payment, in the payment webhook's terms.
///
/// Required (absent: errc::missing_field at "/content/<name>"): amount, currency, order_ref,
/// merchant_order_ref, status, channel_key and method_key (a key of the catalog handed to
/// parse_transaction_details, as in the payment webhook). Everything else is optional: PortOne's
/// schema marks nothing required, and its example sends many of these fields empty ("").
struct transaction_details {
    /// Not a real default: the reader overwrites it (see payment_webhook::amount).
    yen amount = 1_yen;
    std::string currency;
    std::string order_ref;
    std::string merchant_order_ref; ///< checkout flows: see payment_link_merchant_order_ref
    transaction_status status;
    std::string channel_key;
    const method_traits* method_key = nullptr;
    std::optional<std::string> channel_order_ref;
    std::optional<std::string> country_code;
    std::optional<std::string> method_name;
    std::optional<std::string> method_sub_type;
    std::optional<std::string> channel_logo;
    std::optional<std::string> channel_name;
    std::optional<std::string> buyer_name;
    std::optional<std::string> buyer_email;
    std::optional<std::string> buyer_phone;
    std::optional<std::string> buyer_address1;
    std::optional<std::string> buyer_address2;
    std::optional<std::string> buyer_city;
    std::optional<std::string> buyer_country;
    /// "" while the payment is not final (PortOne's example): kept, with series unknown.
    std::optional<transaction_status_code> status_code;
    std::optional<std::string> status_reason;
    std::optional<std::string> status_channel_reason;
    /// PortOne's schema spells the two above in camelCase; its example does not. Either is read.
    std::optional<transaction_status_code> statusCode;
    std::optional<std::string> statusReason;
    std::optional<std::string> date;               ///< ISO 8601, as sent
    std::optional<bool> is_refund_allowed;
    std::optional<bool> is_multi_refund_allowed;   ///< false: at most one (partial) refund
    std::optional<bool> refund_completed;
    std::optional<std::string> refund_status;
    std::optional<std::string> user_agent;
    std::optional<std::string> ip_address;
    std::optional<std::string> description;
    std::optional<std::string> source;             ///< "checkout", ...
    std::optional<std::string> payment_link_ref;
    std::optional<std::string> payment_link_merchant_order_ref;
    std::optional<std::string> payment_page_ref;
    std::optional<std::string> payment_method_used;
    std::optional<std::string> merchant_name;
    std::optional<std::string> merchant_key;
    std::optional<std::string> merchant_email_address;
    std::optional<std::string> customer_name;
    std::optional<std::string> customer_email_address;
    std::optional<std::string> customer_phone_number;
    std::optional<std::string> created_by;
    std::optional<std::string> user_message;
    std::optional<bool> routing_enabled;
    std::optional<std::string> subscription_order_ref;
    std::optional<bool> is_cross_border_transaction;
    std::optional<std::string> user_configured_field1;
    std::optional<std::string> user_configured_field2;
    std::optional<std::string> user_configured_field3;
    std::optional<std::string> user_configured_field4;
    std::optional<std::string> user_configured_field5;
    std::optional<std::string> user_uuid;          ///< PayLetter only, per PortOne
    std::optional<bool> auto_refund;               ///< PayLetter only, per PortOne
    std::optional<std::string> signature_hash;     ///< kept as sent, not verified (see the top)
    /// PortOne's schema says `{"data": object}`, its example `{"data": [items]}`: kept as JSON.
    std::optional<json::raw_json> order_details;
    /// konbini / PayEasy / bank-transfer instructions, read as in the payment webhook.
    std::optional<payment_details> additional_payment_details;
    json::extra_fields extra_fields;

    /// The additional_payment_details alternative D (konbini_details, pay_easy_details,
    /// bank_transfer_details, ...), or nullptr: `tx.details_as<portone::konbini_details>()`.
    template <class D>
    const D* details_as() const noexcept
    {
        return additional_payment_details ? std::get_if<D>(&*additional_payment_details) : nullptr;
    }
};

using transaction_status_response = api_envelope<transaction_status_content>;
using transaction_details_response = api_envelope<transaction_details>;

PORTONE_DESCRIBE(transaction_status_content, order_ref, status, channel_order_ref, extra_fields);
PORTONE_DESCRIBE(transaction_details, amount, currency, order_ref, merchant_order_ref, status,
                 channel_key, method_key, channel_order_ref, country_code, method_name,
                 method_sub_type, channel_logo, channel_name, buyer_name, buyer_email, buyer_phone,
                 buyer_address1, buyer_address2, buyer_city, buyer_country, status_code,
                 status_reason, status_channel_reason, statusCode, statusReason, date,
                 is_refund_allowed, is_multi_refund_allowed, refund_completed, refund_status,
                 user_agent, ip_address, description, source, payment_link_ref,
                 payment_link_merchant_order_ref, payment_page_ref, payment_method_used,
                 merchant_name, merchant_key, merchant_email_address, customer_name,
                 customer_email_address, customer_phone_number, created_by, user_message,
                 routing_enabled, subscription_order_ref, is_cross_border_transaction,
                 user_configured_field1, user_configured_field2, user_configured_field3,
                 user_configured_field4, user_configured_field5, user_uuid, auto_refund,
                 signature_hash, order_details, additional_payment_details, extra_fields);

/// Reads the answer to api::transaction_status (see parse_response in api_error.hpp for how the
/// HTTP status and PortOne's error bodies are handled). Errors in `content` are at
/// "/content/...".
PORTONE_DECL api_result<transaction_status_response>
parse_transaction_status(int http_status, std::string_view body,
                         const json::read_limits& limits = {});

/// Reads the answer to api::transaction_details. A transaction PortOne does not know is a
/// refusal: HTTP 400, status_code "4096" (INVALID_REFERENCE). Method keys and konbini stores are
/// looked up in `methods` (komoju::methods for KOMOJU), and konbini details must name the store
/// of method_key (errc::mismatch at "/content/additional_payment_details/store"), as in a payment
/// webhook.
PORTONE_DECL api_result<transaction_details_response>
parse_transaction_details(int http_status, std::string_view body, const method_catalog& methods,
                          const json::read_limits& limits = {});

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/transaction_query.ipp>
#endif
