// SPDX-License-Identifier: BSL-1.0
// The library against the stand-in: every request the library builds is sent to the stand-in,
// which checks it as PortOne would with code of its own (no portone:: code), and everything the
// stand-in sends back (answers, redirects, webhooks) is read and verified by the library. Where
// the two disagree (a catalog entry, a signature, a field, a shape), a test here fails.
#include "http_client.hpp"

#include <portone/komoju.hpp>
#include <stand_in.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

using namespace portone::literals;
using namespace std::chrono_literals;
namespace k = portone::komoju;

namespace {

const std::string key_text = "pk_agreement";
const std::string secret_text = "sk_agreement_0123456789";

struct agreement {
    http_test::webhook_receiver merchant;
    portone_stand_in::server portone{[this] {
        portone_stand_in::config c;
        c.portone_key = key_text;
        c.secret_key = secret_text;
        c.webhook_url = merchant.url("/webhook");
        c.refund_webhook_url = merchant.url("/refund-webhook");
        c.delivery.retry_delay = 20ms;
        return c;
    }()};
    const portone::portone_key key{key_text};
    const portone::secret_key secret{secret_text};
    const portone::signer sign{secret};
    const portone::crypto::hmac_sha256 mac{secret};

    agreement() { portone.start(); }

    http_test::reply send(const portone::http_request& r)
    {
        http_test::header_list h;
        for (const auto& x : r.headers) h.emplace_back(x.name, x.value);
        return http_test::https_call(portone.port(), portone.certificate_pem(),
                                     portone::to_string(r.method), r.target, h, r.body);
    }

    http_test::reply send(const portone::result<portone::http_request>& r)
    {
        INFO((r ? "" : r.error().message));
        REQUIRE(r.has_value());
        return send(*r);
    }

    portone::bearer_token token()
    {
        auto t = portone::make_jwt(key, mac);
        REQUIRE(t.has_value());
        return *t;
    }

    /// A payment through the library's run-time path, with exactly the customer data the
    /// library's catalog says the method requires; the shopper's visit; what PortOne answered.
    portone::payment_started pay(const portone::method_traits& t, const std::string& id,
                                 bool visit = true)
    {
        using cd = portone::customer_data;
        portone::payment_form form{.method = std::string(t.key),
                                   .environment = t.sandbox ? "sandbox" : "live",
                                   .merchant_order_id = id,
                                   .amount = "5000",
                                   .description = "Green tea, 2 boxes",
                                   .success_url = "https://shop.example/paid",
                                   .failure_url = "https://shop.example/failed"};
        if (portone::contains(t.required, cd::email)) form.billing_email = "taro@example.jp";
        if (portone::contains(t.required, cd::name)) form.billing_name = "太郎";
        if (portone::contains(t.required, cd::surname)) form.billing_surname = "山田";
        if (portone::contains(t.required, cd::phone)) form.billing_phone = "090-1234-5678";
        if (portone::contains(t.required, cd::address))
            form.billing_address = {.city = "千代田区",
                                    .country_code = "JP",
                                    .line_1 = "千代田1-1",
                                    .postal_code = "100-0001",
                                    .state = "東京都"};
        auto request = portone::check_form(form, portone::komoju::methods);
        INFO((request ? "" : request.error().to_string()));
        REQUIRE(request.has_value());
        const http_test::reply r = send(portone::api::initiate_payment(*request, key, sign));
        INFO(r.status << " " << r.body);
        auto started =
            portone::read_payment_started(r.status, r.body, portone::shopper_device::web);
        INFO((started ? "" : started.error().message));
        REQUIRE(started.has_value());
        if (visit) {
            const std::string& url = started->destination.url;
            REQUIRE(url.rfind(portone.base_url(), 0) == 0);
            const http_test::reply v =
                http_test::https_call(portone.port(), portone.certificate_pem(), "GET",
                                      url.substr(portone.base_url().size()));
            REQUIRE(v.status == 303);
            auto back = portone::parse_redirect(*v.header("location"), portone::komoju::methods);
            INFO(*v.header("location") << "\n" << (back ? "" : back.error().message));
            REQUIRE(back.has_value());
            CHECK(portone::verify_redirect(*back, sign).has_value());
            CHECK(back->merchant_order_ref == id);
            CHECK(back->method_key == &t);
        }
        return std::move(*started);
    }

    std::vector<portone::verified_payment_webhook> webhooks()
    {
        REQUIRE(portone.wait_idle(10s));
        std::vector<portone::verified_payment_webhook> out;
        for (const auto& r : merchant.requests()) {
            if (r.target != "/webhook") continue;
            auto received =
                portone::receive_payment_webhook(r.body, sign, portone::komoju::methods);
            INFO(r.body << "\n" << (received ? "" : received.error().message));
            REQUIRE(received.has_value());
            for (const auto& w : received->warnings) FAIL_CHECK(w.message);
            out.push_back(std::move(*received));
        }
        return out;
    }
};

} // namespace

TEST_CASE("agreement: the 17 methods, as the library builds them, are accepted and paid")
{
    agreement a;
    int n = 0;
    for (const portone::method_traits* t : k::all_traits) {
        INFO(t->key);
        const auto started = a.pay(*t, "AGREE-" + std::to_string(++n));
        CHECK(started.destination.how == portone::destination_kind::redirect);
        CHECK(started.answer.order_ref.has_value());
    }
    const auto hooks = a.webhooks();
    // One webhook per immediate method; a store or bank payment sends Pending.
    REQUIRE(hooks.size() == k::all_traits.size());
    for (const auto& h : hooks) {
        const portone::payment_webhook& w = h.webhook;
        INFO(w.merchant_order_ref);
        CHECK(portone::check_against_order(w, {w.merchant_order_ref, 5000_yen}).empty());
        REQUIRE(w.method_key);
        const bool deferred = w.method_key->kind == portone::method_kind::konbini ||
                              w.method_key->kind == portone::method_kind::pay_easy ||
                              w.method_key->kind == portone::method_kind::bank_transfer;
        CHECK(w.status == (deferred ? portone::payment_status::pending
                                    : portone::payment_status::success));
        CHECK(w.is_refund_allowed == w.method_key->refundable);
        if (w.method_key->kind == portone::method_kind::konbini) {
            REQUIRE(w.konbini());
            CHECK(w.konbini()->method == w.method_key);
        }
        if (w.method_key->kind == portone::method_kind::bank_transfer) {
            REQUIRE(w.bank_transfer());
            CHECK(w.bank_transfer()->payment_deadline.has_value());
        }
        if (w.method_key->kind == portone::method_kind::pay_easy) CHECK(w.pay_easy());
    }
}

TEST_CASE("agreement: what the library refuses and what it accepts from the stand-in's webhooks")
{
    agreement a;
    portone_stand_in::delivery_options forged;
    forged.forged_signatures = 1;
    a.portone.set_delivery_options(forged);
    a.pay(*k::find_method("KOMOJU_PAYPAY"), "AGREE-FORGED");
    a.pay(*k::find_method("KOMOJU_PAYPAY"), "AGREE-GOOD");
    REQUIRE(a.portone.wait_idle(10s));
    const auto got = a.merchant.requests();
    REQUIRE(got.size() == 2);
    const auto forged_hook =
        portone::receive_payment_webhook(got[0].body, a.sign, portone::komoju::methods);
    REQUIRE_FALSE(forged_hook.has_value());
    CHECK(forged_hook.error().code == portone::errc::invalid_signature);
    CHECK(portone::webhook_response_status(forged_hook.error()) == 401);
    CHECK(portone::receive_payment_webhook(got[1].body, a.sign, portone::komoju::methods)
              .has_value());
}

TEST_CASE("agreement: refunds, their answers and their webhooks")
{
    agreement a;
    const auto started = a.pay(*k::find_method("KOMOJU_PAYPAY"), "AGREE-REFUND");
    const std::string order_ref = *started.answer.order_ref;
    const auto token = a.token();

    auto refund = portone::refund<k::paypay>(portone::sandbox, {.order_ref = order_ref,
                                                                 .paid = 5000_yen,
                                                                 .amount = 1200_yen,
                                                                 .description = "Partial refund",
                                                                 .reason = "damaged item"});
    REQUIRE(refund.has_value());
    http_test::reply r = a.send(portone::api::create_refund(*refund, a.key, token));
    auto answer = portone::parse_refund_response(r.status, r.body);
    INFO(r.body);
    REQUIRE(answer.has_value());
    CHECK(answer->amountToRefund == 3800_yen);

    r = a.send(portone::api::list_refunds(order_ref, a.key, token));
    auto listed = portone::parse_refund_response(r.status, r.body);
    REQUIRE(listed.has_value());
    CHECK(listed->refunds().size() == 1);
    auto too_much = portone::refund<k::paypay>(portone::sandbox, {.order_ref = order_ref,
                                                                   .paid = 5000_yen,
                                                                   .amount = 3801_yen,
                                                                   .description = "More",
                                                                   .reason = "damaged item"});
    REQUIRE(too_much.has_value());
    CHECK_FALSE(portone::check_refund_fits(*too_much, *listed).empty());
    // The library's check and the stand-in agree: PortOne refuses it too.
    r = a.send(portone::api::create_refund(*too_much, a.key, token));
    auto refused = portone::parse_refund_response(r.status, r.body);
    REQUIRE_FALSE(refused.has_value());
    REQUIRE(refused.error().refusal.has_value());
    CHECK(refused.error().refusal->status_code.number == 4041);

    REQUIRE(a.portone.wait_idle(10s));
    for (const auto& q : a.merchant.requests()) {
        if (q.target != "/refund-webhook") continue;
        auto hook = portone::parse_refund_webhook(q.body);
        INFO(q.body << (hook ? "" : hook.error().message));
        REQUIRE(hook.has_value());
        CHECK(hook->payment_txn_ref == order_ref);
        CHECK(portone::confirm_refund_webhook(*hook, *listed).empty());
    }
}

TEST_CASE("agreement: status, details, reconciliation and PortOne's own token")
{
    agreement a;
    const auto started = a.pay(*k::find_method("KOMOJU_KONBINI_LAWSON"), "AGREE-Q1");
    a.pay(*k::find_method("KOMOJU_MERPAY"), "AGREE-Q2");
    a.pay(*k::find_method("KOMOJU_PAYPAY"), "AGREE-Q3", false);

    // PortOne's token (auth-token) rather than one signed here.
    http_test::reply r = a.send(portone::api::auth_token(a.key, a.secret));
    auto issued = portone::parse_auth_token(r.status, r.body);
    REQUIRE(issued.has_value());
    CHECK(issued->content.lifetime() == std::chrono::hours(6));
    const portone::bearer_token token = issued->content.bearer();

    r = a.send(portone::api::transaction_status("AGREE-Q1", a.key, token));
    auto status = portone::parse_transaction_status(r.status, r.body);
    INFO(r.body);
    REQUIRE(status.has_value());
    CHECK(status->content.status == portone::payment_status::pending);

    r = a.send(portone::api::transaction_details(*started.answer.order_ref, a.key, token));
    auto details = portone::parse_transaction_details(r.status, r.body, portone::komoju::methods);
    INFO(r.body << (details ? "" : details.error().message));
    REQUIRE(details.has_value());
    CHECK(details->content.amount == 5000_yen);
    const auto* konbini = details->content.details_as<portone::konbini_details>();
    REQUIRE(konbini);
    CHECK(konbini->method == k::find_method("KOMOJU_KONBINI_LAWSON"));

    r = a.send(portone::api::transaction_status("AGREE-NONE", a.key, token));
    auto missing = portone::parse_transaction_status(r.status, r.body);
    REQUIRE_FALSE(missing.has_value());
    REQUIRE(missing.error().refusal.has_value());
    CHECK(missing.error().refusal->status_code.number == 4096);

    // Every payment of the period, two a page.
    const auto now =
        std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    portone::payment_pages pages({.from = now - std::chrono::hours(1),
                                  .to = now + std::chrono::hours(1),
                                  .environment = portone::environment::sandbox,
                                  .page_size = 2});
    std::vector<std::string> seen;
    int requests = 0;
    while (auto call = pages.next_request(a.key, token)) {
        REQUIRE(++requests <= 3);
        r = a.send(*call);
        auto page = pages.take(r.status, r.body);
        INFO(r.body << (page ? "" : page.error().message));
        REQUIRE(page.has_value());
        for (const auto& p : page->payments()) seen.push_back(*p.merchant_order_ref);
    }
    CHECK(seen.size() == 3);
}

TEST_CASE("agreement: a payment link from the library's Checkout request")
{
    agreement a;
    auto link = portone::checkout<k::paypay, k::konbini_lawson>(
        portone::sandbox, {.merchant_order_id = "AGREE-LINK",
                           .amount = 5000_yen,
                           .description = "Green tea",
                           .success_url = "https://shop.example/paid",
                           .failure_url = "https://shop.example/failed",
                           .merchant_details = {.name = "Tea Shop"}});
    REQUIRE(link.has_value());
    const auto token = a.token();
    http_test::reply r = a.send(portone::api::create_payment_link(*link, a.key, token, a.sign));
    auto created = portone::parse_response<portone::payment_link>(r.status, r.body);
    INFO(r.body);
    REQUIRE(created.has_value());

    r = a.send(portone::api::payment_link_fetch_status(created->payment_link_ref, a.key, token));
    auto state = portone::parse_payment_link_status(r.status, r.body);
    INFO(r.body);
    REQUIRE(state.has_value());
    CHECK(state->content.status == portone::link_state::created);

    r = a.send(portone::api::cancel_payment_link(created->payment_link_ref, a.key, token));
    auto cancelled = portone::parse_api_status(r.status, r.body);
    REQUIRE(cancelled.has_value());
    r = a.send(portone::api::payment_link_status("AGREE-LINK", a.key, token));
    state = portone::parse_payment_link_status(r.status, r.body);
    REQUIRE(state.has_value());
    CHECK(state->content.status == portone::link_state::cancelled);
}
