// SPDX-License-Identifier: BSL-1.0
// An example merchant back end: a shop's HTTP server that takes payments through PortOne's
// KOMOJU channel with portone-komoju, end to end. It is the code a merchant writes; the library
// builds and reads every message, Boost.Beast carries them.
//
//   POST /orders                   a payment for the method the shopper chose (run-time path:
//                                  the method key arrives in a form), sent to PortOne; answers
//                                  where to send the shopper (redirect, deep link, QR code)
//   POST /orders/tea               the shop's one fixed product, paid with PayPay (typed path:
//                                  the method is a type, its rules checked by the compiler)
//   GET  /portone/success|failure|pending
//                                  the shopper back from PortOne: the signed redirect, read from
//                                  the request target as Beast hands it over, verified, a page
//   POST /portone/webhook          PortOne's payment webhook: signature first, then the rest;
//                                  applied through the lifecycle (duplicates, stale, conflicts)
//   POST /portone/refund-webhook   PortOne's refund webhook: unsigned, so confirmed with the
//                                  refund API before it counts
//   POST /orders/{id}/refunds      a (partial) refund of a paid order
//   POST /reconcile                every payment PortOne has for the period, compared with the
//                                  orders (missed webhooks applied, differences reported)
//   GET  /orders/{id}              the order as the shop sees it (JSON)
//
// Calls to PortOne follow portone::advise(): a refused JWT is re-signed once, a failure that may
// have happened after PortOne acted (a payment or refund creation) is checked with a status query
// before anything is sent again, and only reads are retried with back-off.
#pragma once

#include "portone_client.hpp"

#include <portone/komoju.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace merchant {

struct config {
    std::string portone_base_url = "https://api.portone.cloud";
    std::string portone_trusted_pem;   ///< empty: the system's certificate store
    portone::portone_key key{""};
    portone::secret_key secret{""};
    portone::environment environment = portone::environment::sandbox;
    /// Where shoppers and PortOne reach this server ("https://shop.example"); empty: derived
    /// from the port it listens on ("http://127.0.0.1:<port>").
    std::string public_base_url;
    unsigned short port = 0; ///< 0: any free port on 127.0.0.1
    /// The time (deadlines, JWTs); the system clock by default.
    std::function<portone::timestamp()> clock;
    /// How long to wait between retries of a read (advise: retry_with_backoff).
    std::chrono::milliseconds backoff = std::chrono::milliseconds(50);
};

/// An order as the shop keeps it.
struct order {
    std::string id;                                ///< merchant_order_id
    const portone::method_traits* method = nullptr;
    portone::yen amount = *portone::yen::from(1); ///< (yen has no zero: set when created)
    portone::timestamp created_at{};
    portone::payment_state state = portone::payment_state::created;
    std::string order_ref;                         ///< PortOne's, once known
    std::vector<std::string> delivery_keys;        ///< webhooks taken in
    std::optional<portone::payment_deadline> deadline;
    std::optional<portone::refund_ledger> refunds; ///< once paid
    std::optional<portone::payment_webhook> paid_webhook;
    std::string instructions;                      ///< konbini / PayEasy / bank transfer
    bool fulfilled = false;
    bool needs_review = false;
    bool refund_in_flight = false; ///< a refund call is out (one at a time)
    std::vector<std::string> events;               ///< what happened, one line each
};

class shop {
public:
    explicit shop(config c);
    ~shop();
    shop(const shop&) = delete;
    shop& operator=(const shop&) = delete;

    /// Listens on 127.0.0.1 and serves on background threads.
    void start();
    void stop();
    unsigned short port() const noexcept { return port_; }
    /// How shoppers and PortOne reach the shop ("http://127.0.0.1:<port>").
    std::string base_url() const;

    /// A copy of the order, for tests and the demo.
    std::optional<order> find(const std::string& id) const;
    /// Every line the shop logged, in order.
    std::vector<std::string> log() const;
    /// Called with each line as it is logged (the demo prints them).
    void on_log(std::function<void(const std::string&)> f);

private:
    struct server;
    struct response {
        int status = 200;
        std::string content_type = "application/json";
        std::string body;
        std::string location;
    };

    response handle(std::string_view method, std::string_view target, std::string_view body);

    response create_order(std::string_view body);
    response create_tea_order(std::string_view body);
    response redirect_back(std::string_view target);
    response payment_webhook(std::string_view body);
    response refund_webhook(std::string_view body);
    response refund_order(const std::string& id, std::string_view body);
    response reconcile(std::string_view body);
    response show_order(const std::string& id) const;

    /// Sends a PortOne call made by `make` (given a fresh JWT), following advise() for `kind`.
    /// The answer, and the failure as the library reads it when there is one.
    http_answer call(const std::function<portone::result<portone::http_request>(
                         const portone::bearer_token&)>& make,
                     portone::api_call kind);
    portone::bearer_token jwt() const;
    template <class Request>
    response start_payment(const Request& request, const std::string& id,
                           portone::shopper_device device);
    /// Applies a status PortOne reported (webhook, status query, reconciliation) to an order,
    /// under the lock. What happened, for the log.
    std::string apply(order& o, const portone::transaction_status& status,
                      const portone::payment_webhook* hook);
    void say(std::string line);
    std::string next_order_id();
    portone::timestamp now() const;

    config config_;
    portone::signer sign_;
    portone_client client_;
    unsigned short port_ = 0;
    std::unique_ptr<server> server_;
    mutable std::mutex mutex_;
    std::map<std::string, order, std::less<>> orders_;
    std::vector<std::string> log_;
    std::function<void(const std::string&)> on_log_;
    unsigned long counter_ = 0;
};

} // namespace merchant
