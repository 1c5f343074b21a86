// SPDX-License-Identifier: BSL-1.0
// A strict local stand-in for PortOne (KOMOJU channel): an HTTPS server on 127.0.0.1 that plays
// PortOne's documented side, so that a merchant back end can run the whole payment loop (create,
// redirect, webhooks, refunds, queries, reconciliation) over real HTTP without the network.
//
//   portone_stand_in::server portone({.portone_key = "pk", .secret_key = "sk",
//                                     .webhook_url = "http://127.0.0.1:8080/portone/webhook"});
//   portone.start();                                   // throws std::runtime_error on failure
//   trust_only(portone.certificate_pem());             // a fresh self-signed certificate
//   call(portone.base_url() + "/api/initiatePayment", ...);
//   portone.wait_idle(std::chrono::seconds(5));        // webhooks delivered (or given up)
//   for (const auto& d : portone.deliveries()) ...     // what the merchant answered
//
// It is an independent oracle: it does not use the library (no portone:: code). It parses with
// Boost.JSON's DOM, signs and checks with OpenSSL's EVP_MAC, encodes forms as Go's
// url.Values.Encode does, and keeps its own table of the 17 KOMOJU methods, so that a mistake in
// the library is caught here rather than repeated. What it checks, and the error it answers for
// each refusal, is in README.md next to this file.
//
// This header includes no Asio or Beast: the network code is in one translation unit.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace portone_stand_in {

using time_point = std::chrono::system_clock::time_point;

/// How webhooks are delivered: globally (config::delivery, server::set_delivery_options) or for
/// one payment. PortOne documents no retry policy, ordering or de-duplication; these options
/// make the stand-in do what a real deployment may see.
struct delivery_options {
    /// Deliver every webhook twice (the same body, one after the other).
    bool twice = false;
    /// Hold a payment's webhooks until its status is final (Success, Failed, Expired, Cancelled),
    /// then deliver them newest first: Success before Pending.
    bool reverse_order = false;
    /// Sign the next N payment webhooks with another key (a valid-looking Base64 HMAC-SHA256 that
    /// does not verify with the merchant's secret). Counted down as they are produced.
    int forged_signatures = 0;
    /// Attempts per delivery: one more after each answer that is not 2xx or no answer at all.
    int max_attempts = 3;
    std::chrono::milliseconds retry_delay{200};
    /// Connect + send + answer, per attempt.
    std::chrono::milliseconds timeout{5000};
};

struct config {
    std::string portone_key = "pk_stand_in";
    std::string secret_key = "sk_stand_in";
    /// Where payment webhooks (payment_status) are POSTed: http:// or https:// on a loopback host
    /// (127.0.0.1, localhost, [::1]); other hosts are refused, so the stand-in never reaches out.
    /// Empty: none are sent (each is still recorded, with an error).
    std::string webhook_url;
    /// Where refund webhooks (refund_status) are POSTed. Same rules.
    std::string refund_webhook_url;
    /// PEM certificate(s) trusted for https:// webhook URLs (the merchant's self-signed one).
    std::string merchant_ca_pem;
    /// 0: an ephemeral port.
    std::uint16_t port = 0;
    /// When not empty, the certificate's PEM is also written to this file at start().
    std::string cert_file;
    /// The merchant, as PortOne names it in webhooks and lists.
    std::string merchant_id = "6539";
    std::string merchant_name = "Stand-in Shop";
    std::string merchant_email = "merchant@example.jp";
    /// The clock for JWT checks, timestamps and deadlines (default: the system clock).
    std::function<time_point()> clock;
    /// How far a JWT's iat may be in the future and its exp in the past (PortOne documents none;
    /// a token the merchant made 100 s before should not fail on a small clock difference).
    std::chrono::seconds jwt_leeway{30};
    delivery_options delivery;
    /// One line per request answered and per delivery attempt (never a body, never the secret).
    std::function<void(std::string_view line)> log;
};

/// The API endpoints a fault can be injected into.
enum class endpoint {
    any,                      ///< the next requests to any /api/ endpoint
    initiate_payment,         ///< POST /api/initiatePayment
    auth_token,               ///< POST /api/merchant/auth-token
    refund,                   ///< POST /api/refund/{order_ref}
    refund_list,              ///< GET /api/refund/{order_ref}
    transaction_status,       ///< GET /api/transaction/{merchant_order_ref}/status
    transaction_details,      ///< POST /api/{key}/transaction-details
    fetch_all_payments,       ///< POST /api/merchant/{key}/fetch-all-payments
    payment_link,             ///< POST /api/paymentLink
    payment_link_status,      ///< the three GET .../paymentLink/.../status and fetch-status
    payment_link_cancel,      ///< PUT /api/paymentLink/{ref}/status/{status}
    komoju_page,              ///< GET /komoju/pay/{order_ref} (the shopper's visit)
};

/// The names used over HTTP: "*", "initiatePayment", "auth-token", "refund", "refund-list",
/// "transaction-status", "transaction-details", "fetch-all-payments", "paymentLink",
/// "paymentLink-status", "paymentLink-cancel", "komoju-pay".
std::string_view to_string(endpoint e) noexcept;
std::optional<endpoint> endpoint_from_string(std::string_view name) noexcept;

enum class fault_kind {
    bad_gateway, ///< HTTP 502 with an HTML body, as a proxy in front of PortOne answers
    expired_jwt, ///< HTTP 401, 4054 INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR, whatever the token
    drop,        ///< read the request, answer nothing, close the connection (after `hang`)
};

/// "bad_gateway", "expired_jwt", "drop".
std::string_view to_string(fault_kind k) noexcept;
std::optional<fault_kind> fault_kind_from_string(std::string_view name) noexcept;

/// One delivery attempt of a webhook, and what the merchant answered.
struct delivery {
    std::uint64_t id = 0;         ///< the webhook's number: its copies and retries share it
    std::string kind;             ///< "payment_status" or "refund_status"
    std::string url;
    std::string order_ref;        ///< the payment's (PortOne's reference)
    std::string status;           ///< the webhook's `status`, or `refund_status` for refunds
    std::string refund_id;        ///< refund webhooks only
    int copy = 1;                 ///< 2: the second copy of a `twice` delivery
    int attempt = 1;
    bool forged = false;          ///< signed with another key on purpose
    std::string body;             ///< what was sent
    int http_status = 0;          ///< 0: no answer (connection refused, timeout, TLS failure, ...)
    std::string response_body;
    std::string error;            ///< why there was no answer
    time_point at{};
};

struct refund_info {
    std::string refund_id;
    std::string psp_refund_id;
    std::int64_t amount = 0;
    std::string refund_type;      ///< "full" or "partial"
    std::string refund_reason;
    std::string description;
    std::string refund_date;      ///< RFC 3339, UTC
};

/// A payment as the stand-in holds it.
struct payment_info {
    std::string order_ref;
    std::string channel_order_ref;
    std::string merchant_order_ref;
    std::string method_key;
    std::string environment;
    std::int64_t amount = 0;
    std::string status;           ///< Initiated, Pending, Success, Failed, Cancelled, Expired
    std::string status_code;
    std::string status_reason;
    std::string created_at;       ///< RFC 3339, UTC
    std::optional<std::string> deadline; ///< konbini, PayEasy, bank transfer: RFC 3339, +09:00
    std::string additional_payment_details; ///< JSON text; "{}" for other methods
    std::int64_t refunded = 0;
    std::vector<refund_info> refunds;
    bool is_multi_refund_allowed = true;
    std::string payment_link_ref; ///< when paid through a payment link
    std::string redirect_url;     ///< the stand-in's KOMOJU page for it
};

/// What a control call could not do: `http_status` is what /_control/ answers for it (404: no
/// such payment, 409: not in a state that allows it, 400: a bad value).
class control_error : public std::runtime_error {
public:
    control_error(int http_status, const std::string& what)
        : std::runtime_error(what), http_status_(http_status) {}
    int http_status() const noexcept { return http_status_; }

private:
    int http_status_;
};

class core;
class network;

/// The stand-in. Every member function is thread-safe. The control calls (complete_payment and
/// below) are also served over HTTPS under /_control/ (README.md), for another process.
class server {
public:
    explicit server(config c = {});
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// Generates the certificate, listens on 127.0.0.1 and starts the I/O and delivery threads.
    void start();
    /// Stops listening and answering; webhooks not yet delivered are dropped. Idempotent.
    void stop();
    std::uint16_t port() const;
    /// "https://127.0.0.1:<port>"
    std::string base_url() const;
    /// The certificate (ECDSA P-256, CN 127.0.0.1, SAN IP:127.0.0.1 and DNS:localhost, valid one
    /// day), made at start(): a client should trust exactly this.
    std::string certificate_pem() const;

    // Control.
    /// A konbini / PayEasy / bank-transfer payment (or any Pending one): the shopper paid at the
    /// store. Pending -> Success, and its webhook. `ref`: the order_ref or merchant_order_ref.
    void complete_payment(std::string_view ref);
    /// The deadline passed: Initiated or Pending -> Expired, and its webhook.
    void expire_payment(std::string_view ref);
    /// Expires every Pending payment whose deadline is before the clock; returns how many.
    int expire_overdue();
    /// Delivers the webhooks held back for a payment by `reverse_order`, newest first.
    void release_held(std::string_view ref);
    void set_delivery_options(const delivery_options& options);
    void set_delivery_options(std::string_view ref, const delivery_options& options);
    /// is_multi_refund_allowed for one payment (true by default).
    void set_multi_refund_allowed(std::string_view ref, bool allowed);
    void set_webhook_urls(std::string payment_webhook_url, std::string refund_webhook_url);
    /// The next `count` requests to `where` get `kind` instead of an answer.
    void inject_fault(endpoint where, fault_kind kind, int count = 1,
                      std::chrono::milliseconds hang = std::chrono::milliseconds(0));
    void clear_faults();
    /// Moves the stand-in's clock (JWT checks, timestamps, deadlines) by `by`.
    void advance_clock(std::chrono::seconds by);
    time_point now() const;

    std::vector<delivery> deliveries() const;
    std::vector<payment_info> payments() const;
    std::optional<payment_info> payment(std::string_view ref) const;
    /// Waits until no webhook is queued or being delivered (held ones do not count); false if
    /// `timeout` passed first.
    bool wait_idle(std::chrono::milliseconds timeout) const;

private:
    std::unique_ptr<core> core_;
    std::unique_ptr<network> net_;
};

} // namespace portone_stand_in
