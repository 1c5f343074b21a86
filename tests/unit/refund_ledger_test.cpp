// SPDX-License-Identifier: BSL-1.0
// What is left to refund (protocol/refund_ledger.hpp): several partial refunds, PortOne's answers
// (which only ever lower it: a stale one changes nothing), refund webhooks counted once, never
// below zero, and the payment's is_refund_allowed / is_multi_refund_allowed.
#include "fixtures.hpp"

#include <portone/komoju.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace portone::literals;
namespace k = portone::komoju;
using portone::errc;

namespace {

portone::payment_webhook paid_webhook(const portone::method_traits* method = &k::paypay::traits)
{
    portone::payment_webhook hook;
    hook.amount = 5000_yen;
    hook.order_ref = "2abcDEF";
    hook.method_key = method;
    hook.status = portone::transaction_status::from_text("Success");
    hook.is_refund_allowed = true;
    hook.is_multi_refund_allowed = true;
    return hook;
}

portone::dynamic_refund_request partial(portone::yen amount)
{
    return *portone::dynamic_refund(k::paypay::traits, portone::environment::live,
                                    {.order_ref = "2abcDEF",
                                     .paid = 5000_yen,
                                     .amount = amount,
                                     .description = "partial",
                                     .reason = "damaged"});
}

portone::dynamic_refund_request full()
{
    return *portone::dynamic_refund(k::paypay::traits, portone::environment::live,
                                    {.order_ref = "2abcDEF",
                                     .paid = 5000_yen,
                                     .description = "full",
                                     .reason = "returned"});
}

portone::refund_response answer(const std::string& body)
{
    auto r = portone::parse_refund_response(200, body);
    INFO(body);
    REQUIRE(r.has_value());
    return *r;
}

portone::refund_webhook refund_hook(const std::string& id, int amount,
                                    const char* status = "SUCCESS")
{
    auto r = portone::parse_refund_webhook(
        R"({"refund_id":")" + id + R"(","amount":)" + std::to_string(amount) +
        R"(,"currency":"JPY","refund_status":")" + status +
        R"(","refund_type":"partial","payment_txn_ref":"2abcDEF"})");
    REQUIRE(r.has_value());
    return *r;
}

} // namespace

TEST_CASE("refund ledger: partial refunds until nothing is left")
{
    auto ledger = portone::refund_ledger::of(paid_webhook());
    CHECK(ledger.left() == 5000);
    CHECK(ledger.check(partial(1200_yen)).empty());
    CHECK(ledger.check(full()).empty());

    // PortOne's answer to the first refund: 3800 left.
    ledger.record(answer(R"({"amountToRefund":3800,"refundDetails":[{"refund_id":"r1",)"
                         R"("amount":1200,"currency":"JPY","refund_status":"SUCCESS",)"
                         R"("refund_type":"partial"}]})"));
    CHECK(ledger.left() == 3800);
    CHECK(ledger.refund_count() == 1);
    // Its webhook afterwards is the same refund: not counted twice.
    CHECK_FALSE(ledger.record(refund_hook("r1", 1200)));
    CHECK(ledger.left() == 3800);

    // A full refund now would not be "full" any more; too much is too much.
    auto e = ledger.check(full());
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == errc::invalid_value);
    e = ledger.check(partial(3801_yen));
    REQUIRE(e.size() == 1);
    CHECK(e[0].message == "refund amount 3801 yen is more than the 3800 yen left to refund");
    CHECK(ledger.check(partial(3800_yen)).empty());

    // A refund made in the dashboard, known only from its (confirmed) webhook.
    CHECK(ledger.record(refund_hook("r2", 800)));
    CHECK(ledger.left() == 3000);
    CHECK(ledger.refund_count() == 2);
    // A webhook that does not say the refund succeeded changes nothing.
    CHECK_FALSE(ledger.record(refund_hook("r3", 100, "PENDING")));
    // More refunded than was left (PortOne's figures disagreeing): never below zero.
    CHECK(ledger.record(refund_hook("r4", 9000)));
    CHECK(ledger.left() == 0);
    e = ledger.check(partial(1_yen));
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == errc::not_refundable);

    // An answer that says more is left than the ledger knows is stale: what is left only goes
    // down, so money already refunded never comes back.
    ledger.record(answer(R"({"amountToRefund":3000,"refundDetails":[]})"));
    CHECK(ledger.left() == 0);
    // ... and an answer never takes it above what was paid.
    auto fresh = portone::refund_ledger::of(paid_webhook());
    fresh.record(answer(R"({"amountToRefund":7000})"));
    CHECK(fresh.left() == 5000);
}

TEST_CASE("refund ledger: a stale answer recorded after a fresher one changes nothing")
{
    // The example shop's race, as it happened under load: the first refund's webhook is
    // confirmed with a list fetched before the second refund was made, and that list is recorded
    // after the second refund's answer. Taking its amountToRefund would bring 3800 yen back and
    // let a third refund through.
    auto ledger = portone::refund_ledger::of(paid_webhook());
    const auto first = answer(R"({"amountToRefund":3800,"refundDetails":[{"refund_id":"r1",)"
                              R"("amount":1200,"currency":"JPY","refund_status":"SUCCESS",)"
                              R"("refund_type":"partial"}]})");
    ledger.record(first);
    ledger.record(answer(R"({"amountToRefund":0,"refundDetails":[{"refund_id":"r1",)"
                         R"("amount":1200,"currency":"JPY","refund_status":"SUCCESS",)"
                         R"("refund_type":"partial"},{"refund_id":"r2","amount":3800,)"
                         R"("currency":"JPY","refund_status":"SUCCESS","refund_type":"partial"}]})"));
    CHECK(ledger.left() == 0);
    CHECK(ledger.refund_count() == 2);
    ledger.record(first); // the stale list
    CHECK_FALSE(ledger.record(refund_hook("r1", 1200)));
    CHECK(ledger.left() == 0);
    CHECK(ledger.refund_count() == 2);
    const auto e = ledger.check(partial(1_yen));
    REQUIRE(e.size() == 1);
    CHECK(e[0].message == "nothing is left to refund: the payment has been refunded in full");
}

TEST_CASE("refund ledger: what the payment and the method allow")
{
    auto hook = paid_webhook();
    hook.is_refund_allowed = false;
    auto e = portone::refund_ledger::of(hook).check(partial(100_yen));
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == errc::not_refundable);
    CHECK(e[0].where == "is_refund_allowed");

    hook = paid_webhook();
    hook.is_multi_refund_allowed = false;
    auto ledger = portone::refund_ledger::of(hook);
    CHECK(ledger.check(partial(100_yen)).empty());
    CHECK(ledger.record(refund_hook("r1", 100)));
    e = ledger.check(partial(100_yen));
    REQUIRE(e.size() == 1);
    CHECK(e[0].where == "is_multi_refund_allowed");

    // A method that does not support refunds: R5's run-time sentence.
    e = portone::refund_ledger::of(paid_webhook(&k::konbini_lawson::traits)).check(full());
    REQUIRE_FALSE(e.empty());
    CHECK(e[0].message == "KOMOJU_KONBINI_LAWSON does not support refunds");
    // Flags PortOne did not send: nothing assumed.
    hook = paid_webhook();
    hook.is_refund_allowed.reset();
    hook.is_multi_refund_allowed.reset();
    CHECK(portone::refund_ledger::of(hook).check(partial(100_yen)).empty());
}
