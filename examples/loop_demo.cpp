// SPDX-License-Identifier: BSL-1.0
// The demo's main part: the merchant's whole loop, over real HTTP on this machine. PortOne's
// stand-in (examples/portone_stand_in, HTTPS with a certificate made at start-up) plays PortOne
// and KOMOJU; the example shop (examples/merchant) is the merchant's back end built on the
// library; a few lines here play the shopper. Each step is printed as the shop logs it.
#include "loop_demo.hpp"

#include <browser.hpp>
#include <shop.hpp>
#include <stand_in.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

namespace {

namespace bj = boost::json;
using namespace std::chrono_literals;

void heading(const char* text) { std::printf("\n== %s\n", text); }
void shopper(const std::string& text) { std::printf("   [shopper] %s\n", text.c_str()); }

struct demo {
    portone_stand_in::server& portone;
    merchant::shop& shop;
    merchant::browser& browser;
    bool ok = true;

    /// The shopper orders with a method chosen on the shop's page; the order's JSON answer.
    bj::object order(std::string_view method)
    {
        shopper("orders green tea for 5,000 yen, paying with " + std::string(method));
        const auto p = browser.post(
            shop.base_url() + "/orders",
            R"({"method":")" + std::string(method) +
                R"(","amount":"5000","description":"Green tea","email":"taro@example.jp",)"
                R"("name":"Taro","surname":"Yamada","phone":"090-1234-5678",)"
                R"("address":{"city":"Chiyoda-ku","country_code":"JP","line_1":"1-1 Chiyoda",)"
                R"("postal_code":"100-0001"}})");
        if (p.status != 201) {
            std::printf("   !! the shop answered %d: %s\n", p.status, p.body.c_str());
            ok = false;
            return {};
        }
        return bj::parse(p.body).as_object();
    }

    void pay(const bj::object& ordered, std::string_view outcome = "")
    {
        if (ordered.empty()) return;
        std::string url(ordered.at("url").as_string());
        if (!outcome.empty()) url += "?outcome=" + std::string(outcome);
        shopper("goes to KOMOJU's page: " + url);
        const auto at_komoju = browser.get(url);
        if (at_komoju.status != 303) {
            std::printf("   !! KOMOJU's page answered %d\n", at_komoju.status);
            ok = false;
            return;
        }
        shopper("is sent back to " + at_komoju.location.substr(0, 60) + "...");
        const auto back = browser.get(at_komoju.location);
        shopper("sees: " + back.body.substr(0, back.body.find('\n')));
        portone.wait_idle(10s);
    }

    std::string id(const bj::object& ordered) const
    {
        return ordered.empty() ? std::string() : std::string(ordered.at("order_id").as_string());
    }

    void expect(const bj::object& ordered, portone::payment_state state)
    {
        portone.wait_idle(10s);
        const auto o = shop.find(id(ordered));
        const bool right = o && o->state == state;
        std::printf("   -> order %s is %s%s\n", id(ordered).c_str(),
                    o ? std::string(portone::to_string(o->state)).c_str() : "missing",
                    right ? "" : "  (UNEXPECTED)");
        ok = ok && right;
    }
};

} // namespace

int run_loop_demo()
{
    portone_stand_in::config pc;
    pc.portone_key = "pk_demo";
    pc.secret_key = "sk_demo_do_not_use";
    pc.delivery.retry_delay = 50ms;
    portone_stand_in::server portone(pc);
    portone.start();

    merchant::config mc;
    mc.portone_base_url = portone.base_url();
    mc.portone_trusted_pem = portone.certificate_pem();
    mc.key = portone::portone_key("pk_demo");
    mc.secret = portone::secret_key("sk_demo_do_not_use");
    mc.environment = portone::environment::live;
    merchant::shop shop(std::move(mc));
    shop.on_log([](const std::string& line) { std::printf("   [shop] %s\n", line.c_str()); });
    shop.start();
    portone.set_webhook_urls(shop.base_url() + "/portone/webhook",
                             shop.base_url() + "/portone/refund-webhook");
    merchant::browser browser(portone.certificate_pem());
    demo d{portone, shop, browser};

    std::printf("PortOne's stand-in: %s (HTTPS, a certificate made at start-up; the shop trusts "
                "only it)\n",
                portone.base_url().c_str());

    heading("A konbini payment: instructions now, the money three days later");
    auto konbini = d.order("KOMOJU_KONBINI_LAWSON");
    d.pay(konbini);
    d.expect(konbini, portone::payment_state::pending);
    shopper("pays at Lawson with the receipt number");
    portone.complete_payment(d.id(konbini));
    d.expect(konbini, portone::payment_state::paid);

    heading("PayPay, the shop's fixed product (the typed path), then two partial refunds");
    std::printf("   [shopper] buys the shop's green tea with PayPay\n");
    const auto tea = browser.post(shop.base_url() + "/orders/tea", R"({"device":"web"})");
    const bj::object paypay = tea.status == 201 ? bj::parse(tea.body).as_object() : bj::object();
    d.ok = d.ok && tea.status == 201;
    d.pay(paypay);
    d.expect(paypay, portone::payment_state::paid);
    const std::string refunds = shop.base_url() + "/orders/" + d.id(paypay) + "/refunds";
    std::printf("   [support] refunds 200 yen, then the rest\n");
    d.ok = browser.post(refunds, R"({"amount":200,"reason":"damaged box"})").status == 201 && d.ok;
    d.ok = browser.post(refunds, R"({"amount":1000,"reason":"returned"})").status == 201 && d.ok;
    portone.wait_idle(10s);
    std::printf("   [support] tries to refund once more\n");
    const auto too_much = browser.post(refunds, R"({"amount":1})");
    std::printf("   -> the shop refuses: %s\n", too_much.body.c_str());

    heading("A card payment whose webhook PortOne delivers twice");
    portone.set_delivery_options({.twice = true});
    auto card = d.order("KOMOJU_CREDIT_CARD");
    d.pay(card);
    d.expect(card, portone::payment_state::paid);
    portone.set_delivery_options({});

    heading("A forged webhook: refused, the order does not move");
    portone.set_delivery_options({.forged_signatures = 1, .max_attempts = 1});
    auto forged = d.order("KOMOJU_MERPAY");
    d.pay(forged);
    d.expect(forged, portone::payment_state::created);
    portone.set_delivery_options({});

    heading("A bank transfer never made: released when PortOne says it expired");
    auto transfer = d.order("KOMOJU_BANK_TRANSFER");
    d.pay(transfer);
    d.expect(transfer, portone::payment_state::pending);
    portone.expire_payment(d.id(transfer));
    d.expect(transfer, portone::payment_state::expired);

    heading("The nightly reconciliation: PortOne's books against the shop's");
    const auto r = browser.post(shop.base_url() + "/reconcile", "{}");
    d.ok = d.ok && r.status == 200;

    shop.stop();
    portone.stop();
    std::printf("\n%s\n", d.ok ? "Every step went as expected." : "SOMETHING WENT WRONG.");
    return d.ok ? 0 : 1;
}
