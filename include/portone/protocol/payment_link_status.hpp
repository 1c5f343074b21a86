// SPDX-License-Identifier: BSL-1.0
// A hosted Checkout payment link after it was created (protocol/payment_link.hpp): its status and
// the payments made through it, and cancelling it.
//
//   GET /api/merchant/{key}/paymentLink/{merchant_order_id}/status   api::payment_link_status
//   GET /api/paymentLink/{payment_link_ref}/fetch-status             api::payment_link_fetch_status
//   PUT /api/paymentLink/{payment_link_ref}/status/cancelled         api::cancel_payment_link
//
//   auto r = portone::parse_payment_link_status(http_status, body);
//   if (r && r->content.status == portone::link_state::success) ...
//
// PortOne writes this answer in camelCase (`merchantOrderRef`, `transactionsList`), unlike its
// other answers; the members keep its spelling. Its description promises "Success", "Deleted" or
// "Created"; other texts are link_state::unknown, not an error.
#pragma once

#include <portone/config.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/error.hpp>
#include <portone/json/read_types.hpp>
#include <portone/protocol/api_error.hpp>
#include <portone/protocol/http_request.hpp>
#include <portone/protocol/payment_details.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portone {

/// What a payment link's `status` means.
enum class link_state { created, success, deleted, cancelled, expired, unknown };

/// A link's status as sent, and its meaning (ASCII case is ignored for the meaning).
struct link_status_text {
    link_state value = link_state::unknown;
    std::string text;

    PORTONE_DECL static link_status_text from_text(std::string_view text);

    friend bool operator==(const link_status_text&, const link_status_text&) = default;
    friend bool operator==(const link_status_text& s, link_state v) noexcept
    {
        return s.value == v;
    }
};

/// One payment made through a link (`transactionsList[]`).
struct link_transaction {
    std::optional<std::string> merchantOrderRef;
    std::optional<std::string> channelOrderRef;
    std::optional<transaction_status> status;
    std::optional<transaction_status_code> statusCode;
    std::optional<std::string> statusReason;
    std::optional<std::string> createdAt;
    json::extra_fields extra_fields;
};

/// `content` of the link status answers.
struct payment_link_state {
    link_status_text status;                                  ///< required
    std::optional<std::string> paymentLinkRef;
    std::optional<std::string> merchantOrderRef;
    std::optional<std::vector<link_transaction>> transactionsList;
    json::extra_fields extra_fields;
};

/// An answer with nothing but the call's status (cancelling a link).
struct api_status_answer {
    std::optional<transaction_status_code> status_code;
    std::optional<std::string> status_reason;
    std::optional<std::string> message;
    json::extra_fields extra_fields;
};

} // namespace portone

template <>
struct portone::json::conversion<portone::link_status_text> {
    static constexpr conversion_source source = conversion_source::string;
    static result<link_status_text> convert(std::string_view text, std::string_view)
    {
        return link_status_text::from_text(text);
    }
    static std::string_view to_json(const link_status_text& s) noexcept { return s.text; }
};

namespace portone {
PORTONE_DESCRIBE(link_transaction, merchantOrderRef, channelOrderRef, status, statusCode,
                 statusReason, createdAt, extra_fields);
PORTONE_DESCRIBE(payment_link_state, status, paymentLinkRef, merchantOrderRef, transactionsList,
                 extra_fields);
PORTONE_DESCRIBE(api_status_answer, status_code, status_reason, message, extra_fields);

using payment_link_status_response = api_envelope<payment_link_state>;

namespace api {

/// GET /api/merchant/{key}/paymentLink/{merchant_order_id}/status: a link by your own order id.
PORTONE_DECL result<http_request> payment_link_status(std::string_view merchant_order_id,
                                                      const portone_key& key,
                                                      const bearer_token& token);

/// GET /api/paymentLink/{payment_link_ref}/fetch-status: a link by PortOne's reference.
PORTONE_DECL result<http_request> payment_link_fetch_status(std::string_view payment_link_ref,
                                                            const portone_key& key,
                                                            const bearer_token& token);

/// PUT /api/paymentLink/{payment_link_ref}/status/cancelled: cancels a link (the only status
/// PortOne lets a merchant set). Its answer: parse_api_status.
PORTONE_DECL result<http_request> cancel_payment_link(std::string_view payment_link_ref,
                                                      const portone_key& key,
                                                      const bearer_token& token);

} // namespace api

/// Reads the answer of the link status calls; errors in `content` are at "/content/...".
PORTONE_DECL api_result<payment_link_status_response>
parse_payment_link_status(int http_status, std::string_view body,
                          const json::read_limits& limits = {});

/// Reads an answer that is only the call's status (cancel_payment_link).
PORTONE_DECL api_result<api_status_answer> parse_api_status(int http_status, std::string_view body,
                                                           const json::read_limits& limits = {});

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/payment_link_status.ipp>
#endif
