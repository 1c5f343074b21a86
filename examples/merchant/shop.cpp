// SPDX-License-Identifier: BSL-1.0
#include "shop.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <atomic>
#include <sys/socket.h>
#include <sys/time.h>
#include <utility>

namespace merchant {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace bj = boost::json;
namespace k = portone::komoju;
using namespace portone::literals;

// ---------------------------------------------------------------------------------------------
// The HTTP server: an acceptor thread, and a thread per connection reading requests with Beast
// (an example's simplest correct shape; a production server would use async I/O).

struct shop::server {
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor{io};
    std::thread accepting;
    std::mutex mutex;
    std::vector<std::thread> sessions;
    std::vector<std::shared_ptr<asio::ip::tcp::socket>> sockets;
    std::atomic<bool> running{false};
};

namespace {

/// `{"error": message, "where": where}`: what the shop answers when it refuses something.
std::string error_json(const portone::error& e)
{
    bj::object o;
    o["error"] = e.message;
    o["code"] = std::string(portone::to_string(e.code));
    o["where"] = e.where;
    return bj::serialize(o);
}

std::string errors_json(const portone::errors& errors)
{
    bj::array a;
    for (const auto& e : errors) a.push_back(bj::value{{"error", e.message}, {"where", e.where}});
    return bj::serialize(bj::object{{"errors", std::move(a)}});
}

/// A string member of the shop's own JSON requests ("" when absent or not a string).
std::string text_of(const bj::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

portone::shopper_device device_of(const bj::object& o)
{
    return text_of(o, "device") == "mobile" ? portone::shopper_device::mobile
                                            : portone::shopper_device::web;
}

} // namespace

shop::shop(config c)
    : config_(std::move(c)), sign_(config_.secret),
      client_(config_.portone_base_url, config_.portone_trusted_pem),
      server_(std::make_unique<server>())
{
    if (!config_.clock)
        config_.clock = [] {
            return std::chrono::time_point_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now());
        };
}

shop::~shop() { stop(); }

portone::timestamp shop::now() const { return config_.clock(); }

std::string shop::base_url() const
{
    if (!config_.public_base_url.empty()) return config_.public_base_url;
    return "http://127.0.0.1:" + std::to_string(port_);
}

void shop::start()
{
    server& s = *server_;
    const asio::ip::tcp::endpoint at(asio::ip::make_address("127.0.0.1"), config_.port);
    s.acceptor.open(at.protocol());
    s.acceptor.set_option(asio::socket_base::reuse_address(true));
    s.acceptor.bind(at);
    s.acceptor.listen();
    port_ = s.acceptor.local_endpoint().port();
    s.running = true;
    s.accepting = std::thread([this] {
        server& s = *server_;
        while (s.running) {
            auto socket = std::make_shared<asio::ip::tcp::socket>(s.io);
            boost::system::error_code ec;
            s.acceptor.accept(*socket, ec);
            if (ec || !s.running) break;
            // A stalled client must not hold its thread for ever.
            const timeval limit{10, 0};
            ::setsockopt(socket->native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
            std::lock_guard lock(s.mutex);
            s.sockets.push_back(socket);
            s.sessions.emplace_back([this, socket] {
                beast::flat_buffer buffer;
                for (;;) {
                    http::request_parser<http::string_body> parser;
                    parser.body_limit(64 * 1024); // PortOne's webhooks are about 2 KiB
                    boost::system::error_code ec;
                    http::read(*socket, buffer, parser, ec);
                    if (ec) break;
                    const auto& req = parser.get();
                    // The target is a view into Beast's buffer, not a NUL-terminated copy: the
                    // library reads only its bytes.
                    const std::string_view target(req.target().data(), req.target().size());
                    const std::string_view method(req.method_string().data(),
                                                  req.method_string().size());
                    response r = handle(method, target, req.body());
                    http::response<http::string_body> res(static_cast<http::status>(r.status),
                                                          req.version());
                    res.set(http::field::content_type, r.content_type);
                    if (!r.location.empty()) res.set(http::field::location, r.location);
                    res.keep_alive(req.keep_alive());
                    res.body() = std::move(r.body);
                    res.prepare_payload();
                    http::write(*socket, res, ec);
                    if (ec || !res.keep_alive()) break;
                }
                boost::system::error_code ignored;
                socket->shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
            });
        }
    });
    say("shop listening on " + base_url());
}

void shop::stop()
{
    server& s = *server_;
    if (!s.running.exchange(false)) return;
    // Wake the blocking accept with a connection of our own, then close everything.
    try {
        asio::io_context io;
        asio::ip::tcp::socket wake(io);
        wake.connect({asio::ip::make_address("127.0.0.1"), port_});
    } catch (const std::exception&) {
    }
    if (s.accepting.joinable()) s.accepting.join();
    boost::system::error_code ignored;
    s.acceptor.close(ignored);
    std::vector<std::thread> sessions;
    {
        std::lock_guard lock(s.mutex);
        for (auto& socket : s.sockets)
            socket->shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        sessions.swap(s.sessions);
    }
    for (auto& t : sessions) t.join();
}

void shop::say(std::string line)
{
    std::function<void(const std::string&)> f;
    {
        std::lock_guard lock(mutex_);
        log_.push_back(line);
        f = on_log_;
    }
    if (f) f(line);
}

std::vector<std::string> shop::log() const
{
    std::lock_guard lock(mutex_);
    return log_;
}

void shop::on_log(std::function<void(const std::string&)> f)
{
    std::lock_guard lock(mutex_);
    on_log_ = std::move(f);
}

std::optional<order> shop::find(const std::string& id) const
{
    std::lock_guard lock(mutex_);
    const auto it = orders_.find(id);
    if (it == orders_.end()) return std::nullopt;
    return it->second;
}

std::string shop::next_order_id()
{
    std::lock_guard lock(mutex_);
    const auto millis = now().time_since_epoch().count();
    return "ORD-" + std::to_string(millis % 100000000) + "-" + std::to_string(++counter_);
}

shop::response shop::handle(std::string_view method, std::string_view target,
                            std::string_view body)
{
    const std::string_view path = target.substr(0, target.find('?'));
    constexpr std::string_view orders = "/orders/";
    if (method == "POST" && path == "/orders") return create_order(body);
    if (method == "POST" && path == "/orders/tea") return create_tea_order(body);
    if (method == "GET" && (path == "/portone/success" || path == "/portone/failure" ||
                            path == "/portone/pending"))
        return redirect_back(target);
    if (method == "POST" && path == "/portone/webhook") return payment_webhook(body);
    if (method == "POST" && path == "/portone/refund-webhook") return refund_webhook(body);
    if (method == "POST" && path == "/reconcile") return reconcile(body);
    if (path.starts_with(orders)) {
        std::string_view rest = path.substr(orders.size());
        const auto slash = rest.find('/');
        const std::string id(rest.substr(0, slash));
        if (method == "GET" && slash == rest.npos) return show_order(id);
        if (method == "POST" && rest.substr(slash + 1) == "refunds") return refund_order(id, body);
    }
    return {404, "text/plain", "not found\n", {}};
}

// ---------------------------------------------------------------------------------------------
// Calling PortOne, as portone::advise() says.

portone::bearer_token shop::jwt() const
{
    const auto issued = std::chrono::floor<std::chrono::seconds>(now());
    auto token = portone::make_jwt(config_.key, config_.secret, issued);
    if (!token) throw std::runtime_error(token.error().message);
    return *token;
}

http_answer shop::call(const std::function<portone::result<portone::http_request>(
                           const portone::bearer_token&)>& make,
                       portone::api_call kind)
{
    bool refreshed = false;
    for (int attempt = 1;; ++attempt) {
        auto request = make(jwt());
        if (!request) return {0, {}, request.error().message};
        http_answer answer = client_.send(*request);
        if (answer.status >= 200 && answer.status < 300) return answer;
        // What went wrong, as the library reads PortOne's error bodies.
        auto failure = portone::parse_response<portone::api_status_answer>(answer.status,
                                                                           answer.body);
        if (failure) return answer; // (not reached: a non-2xx answer is a failure)
        const portone::retry_advice advice = portone::advise(failure.error(), kind);
        say("  PortOne answered HTTP " + std::to_string(answer.status) + ": " +
            std::string(portone::to_string(advice)));
        if (advice == portone::retry_advice::refresh_jwt_and_retry_once && !refreshed) {
            refreshed = true; // the next attempt signs a new JWT
            continue;
        }
        if (advice == portone::retry_advice::retry_with_backoff && attempt < 4) {
            std::this_thread::sleep_for(config_.backoff * attempt);
            continue;
        }
        return answer; // check_state_first, never_retry, wait_for_outcome: the caller decides
    }
}

// ---------------------------------------------------------------------------------------------
// Taking an order.

template <class Request>
shop::response shop::start_payment(const Request& request, const std::string& id,
                                   portone::shopper_device device)
{
    {
        std::lock_guard lock(mutex_);
        order o;
        o.id = id;
        o.method = &request.traits();
        o.amount = request.amount();
        o.created_at = now();
        o.events.push_back("created: " + std::string(request.traits().key) + ", " +
                           std::to_string(request.amount().minor_units()) + " yen");
        orders_[id] = std::move(o);
    }
    say("order " + id + ": initiatePayment " + std::string(request.traits().key) + " for " +
        std::to_string(request.amount().minor_units()) + " yen");
    // initiatePayment is authenticated by its signature, not a JWT.
    http_answer answer = call(
        [&](const portone::bearer_token&) {
            return portone::api::initiate_payment(request, config_.key, sign_);
        },
        portone::api_call::create_payment);
    auto started = portone::read_payment_started(answer.status, answer.body, device);
    if (!started) {
        const portone::api_failure& f = started.error();
        // A creation that may have reached PortOne is never simply sent again: the
        // merchant_order_id is the idempotency key, so ask PortOne what it has for it.
        if (portone::advise(f, portone::api_call::create_payment) ==
            portone::retry_advice::check_state_first) {
            const http_answer status = call(
                [&](const portone::bearer_token& t) {
                    return portone::api::transaction_status(id, config_.key, t);
                },
                portone::api_call::query);
            if (auto known = portone::parse_transaction_status(status.status, status.body)) {
                say("order " + id + ": PortOne has it after all, " + known->content.status.text);
                std::lock_guard lock(mutex_);
                orders_[id].order_ref = known->content.order_ref;
            }
        }
        say("order " + id + ": not started: " + f.message);
        return {502, "application/json", error_json(f), {}};
    }
    const portone::shopper_destination& d = started->destination;
    {
        std::lock_guard lock(mutex_);
        order& o = orders_[id];
        o.order_ref = started->answer.order_ref.value_or("");
        o.events.push_back("started: PortOne order_ref " + o.order_ref + ", shopper via " +
                           std::string(portone::to_string(d.how)));
    }
    say("order " + id + ": PortOne accepted it (order_ref " +
        started->answer.order_ref.value_or("?") + "); send the shopper by " +
        std::string(portone::to_string(d.how)) + " to " + d.url);
    bj::object out{{"order_id", id},
                   {"order_ref", started->answer.order_ref.value_or("")},
                   {"destination", std::string(portone::to_string(d.how))},
                   {"url", d.url}};
    if (d.expires_in) out["expires_in_minutes"] = d.expires_in->count();
    return {201, "application/json", bj::serialize(out), {}};
}

shop::response shop::create_order(std::string_view body)
{
    // The shop's own request format (JSON from its checkout page): the method the shopper
    // chose, the amount and the customer's data, all as text.
    boost::system::error_code ec;
    const bj::value v = bj::parse(bj::string_view(body.data(), body.size()), ec);
    if (ec || !v.is_object()) return {400, "text/plain", "the order must be a JSON object\n", {}};
    const bj::object& o = v.as_object();
    const std::string id = next_order_id();
    const std::string base = base_url();
    portone::payment_form form;
    form.method = text_of(o, "method");
    form.environment = std::string(portone::to_string(config_.environment));
    form.merchant_order_id = id;
    form.amount = text_of(o, "amount");
    form.description = text_of(o, "description");
    form.success_url = base + "/portone/success";
    form.failure_url = base + "/portone/failure";
    form.pending_url = base + "/portone/pending";
    form.billing_email = text_of(o, "email");
    form.billing_name = text_of(o, "name");
    form.billing_surname = text_of(o, "surname");
    form.billing_phone = text_of(o, "phone");
    if (const auto* a = o.if_contains("address"); a && a->is_object()) {
        const bj::object& addr = a->as_object();
        form.billing_address = {.city = text_of(addr, "city"),
                                .country_code = text_of(addr, "country_code"),
                                .line_1 = text_of(addr, "line_1"),
                                .postal_code = text_of(addr, "postal_code"),
                                .state = text_of(addr, "state")};
    }
    // The run-time path: the same rules as the compiler's, every problem at once.
    auto request = portone::check_form(form, portone::komoju::methods);
    if (!request) {
        say("order refused before PortOne: " + request.error().to_string());
        return {422, "application/json", errors_json(request.error()), {}};
    }
    return start_payment(*request, id, device_of(o));
}

shop::response shop::create_tea_order(std::string_view body)
{
    // The typed path: the product is always paid with PayPay, so the method is a type and its
    // rules are the compiler's. The environment comes from configuration, at run time.
    boost::system::error_code ec;
    const bj::value v = bj::parse(bj::string_view(body.data(), body.size()), ec);
    const bj::object empty;
    const bj::object& o = !ec && v.is_object() ? v.as_object() : empty;
    const std::string id = next_order_id();
    const std::string base = base_url();
    auto request = portone::initiate_payment<k::paypay>()
                       .environment(portone::runtime_environment(config_.environment))
                       .merchant_order_id(id)
                       .amount(1200_yen)
                       .description("Green tea, one box")
                       .success_url(base + "/portone/success")
                       .failure_url(base + "/portone/failure")
                       .build();
    if (!request) return {422, "application/json", errors_json(request.error()), {}};
    return start_payment(*request, id, device_of(o));
}

// ---------------------------------------------------------------------------------------------
// The shopper back, and PortOne's webhooks.

shop::response shop::redirect_back(std::string_view target)
{
    auto back = portone::parse_redirect(target, portone::komoju::methods);
    if (!back) {
        say("redirect refused: " + back.error().message);
        return {400, "text/plain", "This link is not valid.\n", {}};
    }
    if (auto verified = portone::verify_redirect(*back, sign_); !verified) {
        say("redirect refused: " + verified.error().message);
        return {400, "text/plain", "This link is not valid.\n", {}};
    }
    // Not authoritative (the amount is not signed, the browser may not come back): a page, never
    // a shipment. The webhook decides.
    say("shopper back for order " + back->merchant_order_ref + ": " + back->status.text +
        " (redirect verified; waiting for the webhook)");
    const bool ok = back->status == portone::payment_status::success ||
                    back->status == portone::payment_status::pending;
    return {200, "text/plain",
            ok ? "Thank you! Order " + back->merchant_order_ref + " is being confirmed.\n"
               : "The payment did not go through. You can try again.\n",
            {}};
}

std::string shop::apply(order& o, const portone::transaction_status& status,
                        const portone::payment_webhook* hook)
{
    const portone::lifecycle_decision d = portone::decide(o.state, status.value);
    std::string what = std::string(portone::to_string(d.verdict)) + " " + status.text;
    if (d.verdict == portone::lifecycle_verdict::new_information) {
        what += ": " + std::string(portone::to_string(o.state)) + " -> " +
                std::string(portone::to_string(d.next));
        o.state = d.next;
    }
    switch (d.action) {
    case portone::order_action::fulfil:
        o.fulfilled = true;
        if (hook) {
            o.paid_webhook = *hook;
            o.refunds = portone::refund_ledger::of(*hook);
        }
        what += ", fulfilled";
        break;
    case portone::order_action::await_payment:
        if (hook) {
            o.deadline = portone::deadline_of(o.method, hook->additional_payment_details,
                                              o.created_at);
            if (const auto* k = hook->konbini())
                o.instructions = "pay at " + std::string(k->method->payment_type) +
                                 ", receipt " + k->receipt.value_or("?") + ", code " +
                                 k->confirmation_code.value_or("?");
            else if (const auto* p = hook->pay_easy())
                o.instructions = "PayEasy customer " + p->customer_id.value_or("?") +
                                 ", confirmation " + p->confirmation_id.value_or("?");
            else if (const auto* b = hook->bank_transfer())
                o.instructions = "transfer to " + b->bank_name.value_or("?") + " " +
                                 b->account_number.value_or("?") + " by " +
                                 b->payment_deadline.value_or("?");
            if (!o.instructions.empty()) what += ", instructions: " + o.instructions;
            if (o.deadline)
                what += std::string(", deadline ") +
                        (o.deadline->estimated ? "estimated " : "") +
                        portone::format_timestamp(o.deadline->at);
        }
        break;
    case portone::order_action::release: what += ", released"; break;
    case portone::order_action::allow_retry: what += ", the shopper may try again"; break;
    case portone::order_action::review:
        o.needs_review = true;
        what += ", FLAGGED for review";
        break;
    case portone::order_action::query_status: what += ", ask PortOne"; break;
    case portone::order_action::none: break;
    }
    o.events.push_back(what);
    return what;
}

shop::response shop::payment_webhook(std::string_view body)
{
    auto received = portone::receive_payment_webhook(body, sign_, portone::komoju::methods);
    if (!received) {
        const int status = portone::webhook_response_status(received.error());
        say("webhook refused with HTTP " + std::to_string(status) + ": " +
            received.error().message);
        return {status, "application/json", error_json(received.error()), {}};
    }
    // From here on the answer is 2xx: PortOne signed it.
    const portone::payment_webhook& hook = received->webhook;
    for (const auto& w : received->warnings) say("  webhook warning: " + w.message);
    std::string line;
    bool query = false;
    {
        std::lock_guard lock(mutex_);
        const auto it = orders_.find(hook.merchant_order_ref);
        if (it == orders_.end()) {
            line = "webhook for an unknown order " + portone::quoted(hook.merchant_order_ref);
        } else {
            order& o = it->second;
            const std::string key = portone::delivery_key(hook);
            bool seen = false;
            for (const auto& k : o.delivery_keys) seen = seen || k == key;
            if (seen) {
                line = "webhook for " + o.id + ": redelivery of " + hook.status.text + ", ignored";
            } else {
                o.delivery_keys.push_back(key);
                if (auto problems = portone::check_against_order(hook, {o.id, o.amount});
                    !problems.empty()) {
                    o.needs_review = true;
                    line = "webhook for " + o.id + " does not match the order: " +
                           problems.to_string() + " (flagged)";
                } else {
                    if (o.order_ref.empty()) o.order_ref = hook.order_ref;
                    // Decided on the state before this webhook (apply() changes it).
                    query = portone::decide(o.state, hook.status.value).action ==
                            portone::order_action::query_status;
                    line = "webhook for " + o.id + ": " + apply(o, hook.status, &hook);
                }
            }
        }
    }
    say(line);
    if (query) say("  (a status the shop does not know: it will ask PortOne)");
    return {200, "application/json", "{\"received\":true}", {}};
}

shop::response shop::refund_webhook(std::string_view body)
{
    auto hook = portone::parse_refund_webhook(body);
    if (!hook) {
        say("refund webhook refused: " + hook.error().message);
        return {400, "application/json", error_json(hook.error()), {}};
    }
    // Unsigned: only what the authenticated refund API confirms counts.
    const http_answer listed = call(
        [&](const portone::bearer_token& t) {
            return portone::api::list_refunds(hook->payment_txn_ref, config_.key, t);
        },
        portone::api_call::query);
    auto list = portone::parse_refund_response(listed.status, listed.body);
    if (!list) {
        say("refund webhook not confirmed yet: " + list.error().message);
        return {503, "application/json", error_json(list.error()), {}}; // PortOne sends it again
    }
    if (auto problems = portone::confirm_refund_webhook(*hook, *list); !problems.empty()) {
        say("refund webhook not confirmed by PortOne: " + problems.to_string());
        return {200, "application/json", "{\"confirmed\":false}", {}};
    }
    std::string line;
    {
        std::lock_guard lock(mutex_);
        for (auto& [id, o] : orders_) {
            if (o.order_ref != hook->payment_txn_ref || !o.refunds) continue;
            o.refunds->record(*list);
            const bool counted = o.refunds->record(*hook);
            line = "refund webhook for " + id + ": " + std::to_string(hook->amount.minor_units()) +
                   " yen " + (counted ? "counted" : "already counted") + ", " +
                   std::to_string(o.refunds->left()) + " yen left to refund";
            o.events.push_back(line);
        }
    }
    if (!line.empty()) say(line);
    return {200, "application/json", "{\"confirmed\":true}", {}};
}

shop::response shop::refund_order(const std::string& id, std::string_view body)
{
    boost::system::error_code ec;
    const bj::value v = bj::parse(bj::string_view(body.data(), body.size()), ec);
    const bj::object empty;
    const bj::object& o = !ec && v.is_object() ? v.as_object() : empty;
    std::optional<portone::payment_webhook> paid;
    std::optional<portone::refund_ledger> ledger;
    {
        std::lock_guard lock(mutex_);
        const auto it = orders_.find(id);
        if (it == orders_.end()) return {404, "text/plain", "no such order\n", {}};
        if (!it->second.paid_webhook || !it->second.refunds)
            return {409, "application/json", R"({"error":"the order is not paid"})", {}};
        // One refund of an order at a time: the ledger is checked here and updated after
        // PortOne's answer, so two refunds sent at once could both pass the check.
        if (it->second.refund_in_flight)
            return {409, "application/json",
                    R"({"error":"a refund of this order is being sent; try again"})", {}};
        it->second.refund_in_flight = true;
        paid = it->second.paid_webhook;
        ledger = it->second.refunds;
    }
    const auto done = [this, &id](void*) {
        std::lock_guard lock(mutex_);
        orders_[id].refund_in_flight = false;
    };
    const std::unique_ptr<void, decltype(done)> in_flight(this, done); // released on every return
    // The refund of the payment the verified webhook reported: method, order_ref and amount from
    // it (R5 at run time, with the compiler's sentence), how much from the request.
    portone::refund_terms terms{.description = "Refund of " + id,
                                .reason = text_of(o, "reason").empty() ? "customer request"
                                                                       : text_of(o, "reason")};
    if (const auto* a = o.if_contains("amount"); a && a->is_int64()) {
        auto amount = portone::yen::from(a->as_int64());
        if (!amount) return {422, "application/json", error_json(amount.error()), {}};
        terms.amount = *amount;
    }
    auto refund = portone::refund(*paid, config_.environment, std::move(terms));
    if (!refund) {
        say("refund of " + id + " refused: " + refund.error().to_string());
        return {422, "application/json", errors_json(refund.error()), {}};
    }
    if (auto problems = ledger->check(*refund); !problems.empty()) {
        say("refund of " + id + " refused: " + problems.to_string());
        return {422, "application/json", errors_json(problems), {}};
    }
    say("refund of " + id + ": " + std::to_string(refund->amount().minor_units()) + " yen (" +
        std::string(portone::to_string(refund->type())) + ")");
    const http_answer answer = call(
        [&](const portone::bearer_token& t) {
            return portone::api::create_refund(*refund, config_.key, t);
        },
        portone::api_call::create_refund);
    auto result = portone::parse_refund_response(answer.status, answer.body);
    if (!result) {
        say("refund of " + id + " failed: " + result.error().message);
        return {502, "application/json", error_json(result.error()), {}};
    }
    std::int64_t left = 0;
    {
        std::lock_guard lock(mutex_);
        order& ord = orders_[id];
        ord.refunds->record(*result);
        left = ord.refunds->left();
        ord.events.push_back("refunded " + std::to_string(refund->amount().minor_units()) +
                             " yen, " + std::to_string(left) + " yen left");
    }
    say("refund of " + id + " done: " + std::to_string(left) + " yen left to refund");
    return {201, "application/json", bj::serialize(bj::object{{"left_to_refund", left}}), {}};
}

shop::response shop::reconcile(std::string_view)
{
    // Everything since the first order, an hour of margin on either side.
    portone::payments_query q;
    {
        std::lock_guard lock(mutex_);
        q.from = now() - std::chrono::hours(24);
        for (const auto& [id, o] : orders_) q.from = std::min(q.from, o.created_at);
    }
    q.from -= std::chrono::hours(1);
    q.to = now() + std::chrono::hours(1);
    q.environment = config_.environment;
    q.page_size = 5; // small pages, so that the walk has pages to walk
    int matched = 0, updated = 0, unknown = 0, mismatched = 0;
    std::vector<std::string> seen;
    const auto send = [&](const portone::http_request& r) {
        // fetch-all-payments only reads: plain retries are safe.
        http_answer a = call(
            [&](const portone::bearer_token&) { return portone::result<portone::http_request>(r); },
            portone::api_call::query);
        return std::pair<int, std::string>(a.status, std::move(a.body));
    };
    const auto visit = [&](const portone::payment_summary& p) {
        const std::string ref = p.merchant_order_ref.value_or("");
        std::string line;
        {
            std::lock_guard lock(mutex_);
            const auto it = orders_.find(ref);
            if (it == orders_.end()) {
                ++unknown;
                line = "reconcile: PortOne has " + portone::quoted(ref) + ", the shop does not";
            } else {
                order& o = it->second;
                seen.push_back(ref);
                ++matched;
                if (!p.amount || !p.amount->in_yen || *p.amount->in_yen != o.amount) {
                    ++mismatched;
                    o.needs_review = true;
                    line = "reconcile: " + ref + " amount differs (PortOne " +
                           (p.amount ? p.amount->text : std::string("?")) + ")";
                } else if (p.status) {
                    const auto d = portone::decide(o.state, p.status->value);
                    if (d.verdict == portone::lifecycle_verdict::new_information) {
                        ++updated;
                        line = "reconcile: " + ref + " " + apply(o, *p.status, nullptr) +
                               " (a missed webhook)";
                    }
                }
            }
        }
        if (!line.empty()) say(line);
    };
    const auto walked = portone::for_each_payment(q, config_.key, jwt(), send, visit);
    if (!walked) {
        say("reconcile failed: " + walked.error().message);
        return {502, "application/json", error_json(walked.error()), {}};
    }
    int missing = 0;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, o] : orders_) {
            bool found = false;
            for (const auto& s : seen) found = found || s == id;
            if (!found && !o.order_ref.empty()) ++missing;
        }
    }
    say("reconcile: " + std::to_string(*walked) + " payments at PortOne, " +
        std::to_string(matched) + " matched, " + std::to_string(updated) + " updated, " +
        std::to_string(mismatched) + " mismatched, " + std::to_string(unknown) +
        " unknown to the shop, " + std::to_string(missing) + " orders PortOne did not list");
    return {200, "application/json",
            bj::serialize(bj::object{{"payments", *walked},
                                     {"matched", matched},
                                     {"updated", updated},
                                     {"mismatched", mismatched},
                                     {"unknown", unknown},
                                     {"missing", missing}}),
            {}};
}

shop::response shop::show_order(const std::string& id) const
{
    const auto o = find(id);
    if (!o) return {404, "text/plain", "no such order\n", {}};
    bj::object out{{"id", o->id},
                   {"method", o->method ? std::string(o->method->key) : std::string()},
                   {"amount", o->amount.minor_units()},
                   {"state", std::string(portone::to_string(o->state))},
                   {"order_ref", o->order_ref},
                   {"fulfilled", o->fulfilled},
                   {"needs_review", o->needs_review},
                   {"instructions", o->instructions}};
    if (o->refunds) out["left_to_refund"] = o->refunds->left();
    if (o->deadline) out["deadline"] = portone::format_timestamp(o->deadline->at);
    bj::array events;
    for (const auto& e : o->events) events.push_back(bj::value(e));
    out["events"] = std::move(events);
    return {200, "application/json", bj::serialize(out), {}};
}

} // namespace merchant
