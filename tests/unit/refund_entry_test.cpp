// SPDX-License-Identifier: BSL-1.0
// The ways into a refund: a method type (refund<M>), the typed request the merchant holds, the
// traits of a method known at compile time, traits known only at run time (dynamic_refund), and
// a payment webhook. (What does not compile is in tests/compile_fail and tests/static.)
#include "fixtures.hpp"

#include <portone/komoju.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <type_traits>

using namespace portone::literals;
namespace k = portone::komoju;
using portone::errc;

namespace {

portone::refund_details partial_of_5000()
{
    return {.order_ref = "2abcDEF",
            .paid = 5000_yen,
            .amount = 1200_yen,
            .description = "Partial refund",
            .reason = "damaged item"};
}

std::string body_of(const auto& refund)
{
    std::string out;
    portone::json::write_refund(out, refund);
    return out;
}

/// A payment webhook as parse_payment_webhook leaves it, with only what a refund reads.
portone::payment_webhook paid_webhook(const portone::method_traits& method)
{
    portone::payment_webhook hook;
    hook.method_key = &method;
    hook.order_ref = "2abcDEF";
    hook.amount = 5000_yen;
    hook.environment = "live";
    hook.is_refund_allowed = true;
    return hook;
}

/// The one error of a refund that must fail with exactly one.
portone::error only_error(const portone::checked<portone::dynamic_refund_request>& r)
{
    REQUIRE_FALSE(r);
    REQUIRE(r.error().size() == 1);
    return r.error()[0];
}

/// Checks that a live refund of 1200 yen from `hook` fails with exactly this error.
void check_refused(const portone::payment_webhook& hook, portone::error expected)
{
    const portone::refund_terms partial{.amount = 1200_yen, .description = "d", .reason = "r"};
    const auto e = only_error(portone::refund(hook, portone::environment::live, partial));
    CHECK(e == expected);
}

} // namespace

TEST_CASE("refund from the typed request: method and environment from its type", "[refund]")
{
    const auto request = fixtures::minimal_request<k::paypay>(portone::sandbox);
    REQUIRE(request);
    const auto r = portone::refund(*request, partial_of_5000());
    using typed = portone::refund_request<k::paypay, portone::sandbox_t>;
    static_assert(std::is_same_v<decltype(r), const portone::checked<typed>>);
    REQUIRE(r);
    CHECK(r->traits().key == "KOMOJU_PAYPAY");
    CHECK(r->environment() == portone::environment::sandbox);
    CHECK(body_of(*r) == body_of(*portone::refund<k::paypay>(portone::sandbox, partial_of_5000())));

    // The values are checked as for refund<M>: every problem at once.
    auto d = partial_of_5000();
    d.order_ref = "";
    d.amount = 5001_yen;
    const auto bad = portone::refund(*request, d);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().contains(errc::missing_field, "order_ref"));
    CHECK(bad.error().contains(errc::invalid_value, "amount"));
}

TEST_CASE("refund from the traits of a typed method: a run-time environment", "[refund]")
{
    // M::traits and a typed request's traits() keep the method in their type: R5 was checked by
    // the compiler, R6 and the values at run time.
    const auto request = fixtures::minimal_request<k::credit_card>(portone::live);
    REQUIRE(request);
    const auto r = portone::refund(request->traits(), request->environment(), partial_of_5000());
    using dynamic = portone::dynamic_refund_request;
    static_assert(std::is_same_v<decltype(r), const portone::checked<dynamic>>);
    REQUIRE(r);
    CHECK(&r->traits() == &k::credit_card::traits);
    const auto typed = portone::refund<k::credit_card>(portone::live, partial_of_5000());
    CHECK(body_of(*r) == body_of(*typed));

    const auto sandbox = only_error(
        portone::refund(k::credit_card::traits, portone::environment::sandbox, partial_of_5000()));
    CHECK(sandbox.code == errc::not_available_in_sandbox);
    CHECK(sandbox.message == "KOMOJU_CREDIT_CARD is not available in the sandbox environment");

    // dynamic_refund accepts the same, and checks the same.
    const auto same = portone::dynamic_refund(k::credit_card::traits, portone::environment::live,
                                              partial_of_5000());
    REQUIRE(same);
    CHECK(body_of(*same) == body_of(*r));
}

TEST_CASE("dynamic_refund: R5 and R6 at run time, with the compiler's sentences", "[refund]")
{
    for (const portone::method_traits* t : k::all_traits) {
        INFO(t->key);
        const auto r =
            portone::dynamic_refund(*t, portone::environment::sandbox, partial_of_5000());
        CHECK(r.has_value() == (t->refundable && t->sandbox));
        if (!t->refundable) {
            REQUIRE_FALSE(r);
            CHECK(r.error()[0].code == errc::not_refundable);
            CHECK(r.error()[0].message == std::string(t->key) + " does not support refunds");
        } else if (!t->sandbox) {
            REQUIRE_FALSE(r);
            CHECK(r.error()[0].code == errc::not_available_in_sandbox);
        }
    }
}

TEST_CASE("refund from a payment webhook", "[refund][webhook]")
{
    const portone::refund_terms partial{
        .amount = 1200_yen, .description = "Partial refund", .reason = "damaged item"};

    SECTION("order_ref, the amount paid and the method come from the webhook")
    {
        const auto r = portone::refund(paid_webhook(k::paypay::traits), portone::environment::live,
                                       partial);
        REQUIRE(r);
        CHECK(&r->traits() == &k::paypay::traits);
        CHECK(r->environment() == portone::environment::live);
        CHECK(r->order_ref() == "2abcDEF");
        CHECK(r->paid() == 5000_yen);
        CHECK(r->type() == portone::refund_type::partial);
        const auto typed = portone::refund<k::paypay>(portone::live, partial_of_5000());
        CHECK(body_of(*r) == body_of(*typed));

        const auto full = portone::refund(paid_webhook(k::paypay::traits),
                                          portone::environment::live,
                                          {.description = "Full refund", .reason = "cancelled"});
        REQUIRE(full);
        CHECK(full->type() == portone::refund_type::full);
        CHECK(full->amount() == 5000_yen);
    }

    SECTION("a webhook without an environment takes the one given")
    {
        auto hook = paid_webhook(k::merpay::traits);
        hook.environment.reset();
        const auto r = portone::refund(hook, portone::environment::sandbox, partial);
        REQUIRE(r);
        CHECK(r->environment() == portone::environment::sandbox);
    }

    SECTION("R5 at run time: the compiler's sentence, errc::not_refundable")
    {
        check_refused(paid_webhook(k::bank_transfer::traits),
                      {errc::not_refundable, "channel",
                       "KOMOJU_BANK_TRANSFER does not support refunds"});
    }

    SECTION("R6 at run time")
    {
        auto hook = paid_webhook(k::paidy::traits);
        hook.environment = "sandbox";
        const auto r = portone::refund(hook, portone::environment::sandbox, partial);
        REQUIRE_FALSE(r);
        CHECK(r.error().contains(errc::not_refundable, "channel")); // Paidy: no refunds either
        CHECK(r.error().contains(errc::not_available_in_sandbox, "environment"));
    }

    SECTION("is_refund_allowed: false is refused; absent is not")
    {
        auto hook = paid_webhook(k::paypay::traits);
        hook.is_refund_allowed = false;
        check_refused(hook, {errc::not_refundable, "/is_refund_allowed",
                             "PortOne does not allow a refund of this payment "
                             "(is_refund_allowed is false)"});
        hook.is_refund_allowed.reset();
        CHECK(portone::refund(hook, portone::environment::live, partial).has_value());
    }

    SECTION("the webhook's environment must agree with the one given")
    {
        auto hook = paid_webhook(k::paypay::traits);
        hook.environment = "sandbox";
        check_refused(hook, {errc::mismatch, "/environment",
                             "the webhook is from the sandbox environment, but the refund is for "
                             "live"});
        hook.environment = "Live";
        check_refused(hook, {errc::invalid_value, "/environment",
                             "the webhook's environment \"Live\" is neither \"sandbox\" nor "
                             "\"live\""});
    }

    SECTION("every problem at once, values included")
    {
        auto hook = paid_webhook(k::konbini_lawson::traits);
        hook.is_refund_allowed = false;
        hook.order_ref = "";
        const auto r = portone::refund(hook, portone::environment::live,
                                       {.amount = 5001_yen, .description = "d", .reason = "r"});
        REQUIRE_FALSE(r);
        CHECK(r.error().contains(errc::not_refundable, "/is_refund_allowed"));
        CHECK(r.error().contains(errc::not_refundable, "channel"));
        CHECK(r.error().contains(errc::missing_field, "order_ref"));
        CHECK(r.error().contains(errc::invalid_value, "amount"));
        CHECK(r.error().size() == 4);
    }

    SECTION("a webhook built by hand without method_key")
    {
        auto hook = paid_webhook(k::paypay::traits);
        hook.method_key = nullptr;
        check_refused(hook, {errc::missing_field, "/method_key", "the webhook has no method_key"});
    }
}
