// SPDX-License-Identifier: BSL-1.0
// The merchant's whole loop over real HTTP: the example shop (examples/merchant) against the
// PortOne stand-in (examples/portone_stand_in), on 127.0.0.1, with the stand-in's certificate made
// at start-up and trusted by the shop's client, for every one of the 17 methods: the order (the
// method chosen at run time, and the typed path), PortOne's answer, the shopper's redirect read
// from the shop's own request buffer, the webhooks (twice, out of order, forged), konbini payments
// made later or expiring, refunds and their webhooks, PortOne failing for a while, and the
// reconciliation pass.
#include <browser.hpp>
#include <shop.hpp>
#include <stand_in.hpp>

#include <portone/komoju.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <string_view>

using namespace std::chrono_literals;
namespace bj = boost::json;
namespace k = portone::komoju;

namespace {

constexpr std::string_view key = "pk_loop";
constexpr std::string_view secret = "sk_loop_0123456789";

/// PortOne's stand-in, the shop, and a shopper's browser that trusts the stand-in.
struct loop {
    explicit loop(portone::environment env = portone::environment::live)
    {
        portone_stand_in::config pc;
        pc.portone_key = key;
        pc.secret_key = secret;
        pc.delivery.retry_delay = 20ms;
        portone = std::make_unique<portone_stand_in::server>(pc);
        portone->start();

        merchant::config mc;
        mc.portone_base_url = portone->base_url();
        mc.portone_trusted_pem = portone->certificate_pem();
        mc.key = portone::portone_key(std::string(key));
        mc.secret = portone::secret_key(secret);
        mc.environment = env;
        mc.backoff = 10ms;
        shop = std::make_unique<merchant::shop>(std::move(mc));
        shop->start();
        portone->set_webhook_urls(shop->base_url() + "/portone/webhook",
                                  shop->base_url() + "/portone/refund-webhook");
        browser = std::make_unique<merchant::browser>(portone->certificate_pem());
    }
    ~loop()
    {
        portone->stop();
        shop->stop();
    }

    /// The shopper orders with `method` (a key: the run-time path). The shop's answer as JSON.
    bj::object order(std::string_view method, int expected_status = 201)
    {
        const std::string body = R"({"method":")" + std::string(method) +
                                 R"(","amount":"5000","description":"Green tea",)"
                                 R"("email":"taro@example.jp","name":"Taro","surname":"Yamada",)"
                                 R"("phone":"090-1234-5678","address":{"city":"Chiyoda-ku",)"
                                 R"("country_code":"JP","line_1":"1-1 Chiyoda",)"
                                 R"("postal_code":"100-0001"}})";
        const merchant::page p = browser->post(shop->base_url() + "/orders", body);
        INFO(p.body << p.failure);
        REQUIRE(p.status == expected_status);
        return bj::parse(p.body).as_object();
    }

    /// The shopper pays on PortOne's page (the stand-in's KOMOJU page) and is sent back to the
    /// shop: the shop's page for the redirect.
    merchant::page pay(const bj::object& ordered, std::string_view outcome = "")
    {
        std::string url(ordered.at("url").as_string());
        if (!outcome.empty()) url += "?outcome=" + std::string(outcome);
        const merchant::page at_komoju = browser->get(url);
        INFO(url << "\n" << at_komoju.body << at_komoju.failure);
        REQUIRE(at_komoju.status == 303);
        REQUIRE(at_komoju.location.starts_with(shop->base_url()));
        return browser->get(at_komoju.location); // the shop reads the redirect
    }

    merchant::order state(const bj::object& ordered)
    {
        REQUIRE(portone->wait_idle(10s));
        auto o = shop->find(std::string(ordered.at("order_id").as_string()));
        REQUIRE(o.has_value());
        return *o;
    }

    std::unique_ptr<portone_stand_in::server> portone;
    std::unique_ptr<merchant::shop> shop;
    std::unique_ptr<merchant::browser> browser;
};

bool waits_for_shopper(const portone::method_traits& t)
{
    return t.window.days != 0;
}

} // namespace

TEST_CASE("loop: every method, ordered, paid, refunded where it can be, reconciled")
{
    loop l;
    for (const portone::method_traits* t : k::all_traits) {
        INFO(t->key);
        const bj::object ordered = l.order(t->key);
        CHECK(ordered.at("destination").as_string() == "redirect");
        const merchant::page back = l.pay(ordered);
        CHECK(back.status == 200);
        CHECK(back.body.starts_with("Thank you!"));
        merchant::order o = l.state(ordered);
        if (waits_for_shopper(*t)) {
            // Konbini, PayEasy, bank transfer: instructions now, the money days later.
            CHECK(o.state == portone::payment_state::pending);
            CHECK_FALSE(o.instructions.empty());
            REQUIRE(o.deadline.has_value());
            CHECK_FALSE(o.fulfilled);
            l.portone->complete_payment(o.order_ref);
            o = l.state(ordered);
        }
        CHECK(o.state == portone::payment_state::paid);
        CHECK(o.fulfilled);
        CHECK_FALSE(o.needs_review);

        // Refunds: two partial ones for a method that allows them; R5's sentence otherwise.
        const std::string refunds =
            l.shop->base_url() + "/orders/" + o.id + "/refunds";
        if (t->refundable) {
            auto r = l.browser->post(refunds, R"({"amount":1200,"reason":"damaged"})");
            INFO(r.body);
            REQUIRE(r.status == 201);
            CHECK(bj::parse(r.body).at("left_to_refund").as_int64() == 3800);
            r = l.browser->post(refunds, R"({"amount":3800})");
            REQUIRE(r.status == 201);
            CHECK(bj::parse(r.body).at("left_to_refund").as_int64() == 0);
            r = l.browser->post(refunds, R"({"amount":1})");
            CHECK(r.status == 422);
            CHECK(r.body.find("nothing is left to refund") != std::string::npos);
            o = l.state(ordered); // the refund webhooks, confirmed and counted once
            REQUIRE(o.refunds.has_value());
            CHECK(o.refunds->left() == 0);
            CHECK(o.refunds->refund_count() == 2);
        } else {
            const auto r = l.browser->post(refunds, R"({"amount":100})");
            CHECK(r.status == 422);
            CHECK(r.body.find(std::string(t->key) + " does not support refunds") !=
                  std::string::npos);
        }
    }
    // Every webhook was answered 2xx, once each.
    for (const auto& d : l.portone->deliveries()) {
        INFO(d.kind << " " << d.status << " " << d.response_body << d.error);
        CHECK(d.http_status == 200);
        CHECK(d.attempt == 1);
    }
    // Reconciliation: PortOne's books and the shop's agree, page after page.
    const auto r = l.browser->post(l.shop->base_url() + "/reconcile", "{}");
    REQUIRE(r.status == 200);
    const bj::value summary = bj::parse(r.body);
    CHECK(summary.at("payments").as_int64() == 17);
    CHECK(summary.at("matched").as_int64() == 17);
    CHECK(summary.at("mismatched").as_int64() == 0);
    CHECK(summary.at("unknown").as_int64() == 0);
    CHECK(summary.at("missing").as_int64() == 0);
}

TEST_CASE("loop: the typed path, and a sandbox the method does not have")
{
    loop sandbox(portone::environment::sandbox);
    const merchant::page p = sandbox.browser->post(sandbox.shop->base_url() + "/orders/tea", "{}");
    INFO(p.body);
    REQUIRE(p.status == 201);
    const bj::object ordered = bj::parse(p.body).as_object();
    CHECK(sandbox.pay(ordered).status == 200);
    const auto o = sandbox.state(ordered);
    CHECK(o.method == &k::paypay::traits);
    CHECK(o.state == portone::payment_state::paid);

    // R6 at run time, with the compiler's sentence, before anything reaches PortOne.
    const auto refused = sandbox.order("KOMOJU_CREDIT_CARD", 422);
    CHECK(refused.at("errors").as_array()[0].at("error").as_string() ==
          "KOMOJU_CREDIT_CARD is not available in the sandbox environment");
}

TEST_CASE("loop: webhooks twice, out of order, forged; a konbini payment that expires")
{
    loop l;
    // Twice: the second copy is a redelivery, answered 200, not fulfilled again.
    l.portone->set_delivery_options({.twice = true});
    bj::object ordered = l.order("KOMOJU_PAYPAY");
    l.pay(ordered);
    auto o = l.state(ordered);
    CHECK(o.state == portone::payment_state::paid);
    CHECK(o.delivery_keys.size() == 1);
    int copies = 0;
    for (const auto& d : l.portone->deliveries())
        if (d.order_ref == o.order_ref) {
            ++copies;
            CHECK(d.http_status == 200);
        }
    CHECK(copies == 2);

    // Out of order: a konbini payment's Success arrives before its Pending. The order is paid
    // and stays paid; the late Pending is stale.
    l.portone->set_delivery_options({.reverse_order = true});
    ordered = l.order("KOMOJU_KONBINI_LAWSON");
    l.pay(ordered);
    o = l.state(ordered);
    l.portone->complete_payment(o.order_ref);
    o = l.state(ordered);
    CHECK(o.state == portone::payment_state::paid);
    bool stale_seen = false;
    for (const auto& e : o.events) stale_seen = stale_seen || e.starts_with("stale Pending");
    CHECK(stale_seen);

    // Forged: refused with 401, and PortOne's retries too; the order does not move.
    l.portone->set_delivery_options({.forged_signatures = 100, .max_attempts = 2});
    ordered = l.order("KOMOJU_MERPAY");
    l.pay(ordered);
    o = l.state(ordered);
    CHECK(o.state == portone::payment_state::created);
    int refused = 0;
    for (const auto& d : l.portone->deliveries())
        if (d.order_ref == o.order_ref) {
            CHECK(d.forged);
            CHECK(d.http_status == 401);
            ++refused;
        }
    CHECK(refused == 2);

    // A konbini payment the shopper never makes: released when PortOne says Expired.
    l.portone->set_delivery_options({});
    ordered = l.order("KOMOJU_KONBINI_FAMILY_MART");
    l.pay(ordered);
    o = l.state(ordered);
    CHECK(o.state == portone::payment_state::pending);
    l.portone->expire_payment(o.order_ref);
    o = l.state(ordered);
    CHECK(o.state == portone::payment_state::expired);
    CHECK_FALSE(o.fulfilled);
    // A failed card payment keeps the order open for another attempt.
    ordered = l.order("KOMOJU_PAYPAY");
    const auto back = l.pay(ordered, "failed");
    CHECK(back.body.starts_with("The payment did not go through"));
    CHECK(l.state(ordered).state == portone::payment_state::failed);
}

TEST_CASE("loop: PortOne failing for a while, and a webhook that never arrived")
{
    loop l;
    bj::object ordered = l.order("KOMOJU_AU_PAY");
    l.pay(ordered);
    auto o = l.state(ordered);
    REQUIRE(o.state == portone::payment_state::paid);

    // The JWT refused once (4054): the shop signs a new one and the refund goes through.
    l.portone->inject_fault(portone_stand_in::endpoint::refund,
                            portone_stand_in::fault_kind::expired_jwt, 1);
    auto r = l.browser->post(l.shop->base_url() + "/orders/" + o.id + "/refunds",
                             R"({"amount":500})");
    INFO(r.body);
    CHECK(r.status == 201);

    // A refund whose answer is lost (the gateway answers 502): never sent twice blindly.
    l.portone->inject_fault(portone_stand_in::endpoint::refund,
                            portone_stand_in::fault_kind::bad_gateway, 1);
    r = l.browser->post(l.shop->base_url() + "/orders/" + o.id + "/refunds", R"({"amount":500})");
    CHECK(r.status == 502);
    const auto held = l.portone->payment(o.order_ref);
    REQUIRE(held.has_value());
    CHECK(held->refunds.size() == 1); // the 502 came before PortOne acted; nothing doubled

    // A payment whose webhook never reached the shop: the reconciliation pass finds it, with
    // fetch-all-payments failing once on the way (retried with back-off).
    l.portone->set_webhook_urls(l.shop->base_url() + "/nowhere",
                                l.shop->base_url() + "/portone/refund-webhook");
    l.portone->set_delivery_options({.max_attempts = 1});
    ordered = l.order("KOMOJU_RAKUTEN_PAY");
    l.pay(ordered);
    o = l.state(ordered);
    CHECK(o.state == portone::payment_state::created);
    l.portone->inject_fault(portone_stand_in::endpoint::fetch_all_payments,
                            portone_stand_in::fault_kind::bad_gateway, 1);
    r = l.browser->post(l.shop->base_url() + "/reconcile", "{}");
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(bj::parse(r.body).at("updated").as_int64() == 1);
    o = l.state(ordered);
    CHECK(o.state == portone::payment_state::paid);
}
