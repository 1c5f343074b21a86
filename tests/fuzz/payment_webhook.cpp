// SPDX-License-Identifier: BSL-1.0
// A payment webhook body, as a merchant's handler treats it: parse, verify, compare with the order.
//
// Properties besides the error rules: verifying is deterministic; the signature this library
// computes over the nine signed fields (sorted by name at run time, an independent path from the
// verifier's list fixed at compile time) makes the webhook verify, is the one it carried if it
// verified, and stops matching when a signed field changes.
#include "harness.hpp"

#include <portone/core/money.hpp>
#include <portone/komoju/dispatch.hpp>
#include <portone/protocol/payment_webhook.hpp>
#include <portone/protocol/signature.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

// The unit tests' secret: the seed corpus's webhooks carry signatures made with it, so that the
// fuzzer starts from bodies that verify.
const portone::secret_key secret("PORTONE_SECRET");

void check_verification(const portone::payment_webhook& hook, const portone::signer& sign)
{
    const auto first = portone::verify_payment_webhook(hook, sign);
    const auto second = portone::verify_payment_webhook(hook, sign);
    FUZZ_CHECK(first.has_value() == second.has_value());
    if (!first) {
        fuzz::check_error(first.error());
        fuzz::check_same_error(first.error(), second.error());
        FUZZ_CHECK(first.error().code == portone::errc::invalid_signature);
    }

    const portone::amount_text amount(hook.amount);
    const portone::signed_field fields[] = {
        {"status", hook.status.text},        {"order_ref", hook.order_ref},
        {"method_name", hook.method_name},   {"merchant_order_ref", hook.merchant_order_ref},
        {"currency", hook.currency},         {"country_code", hook.country_code},
        {"channel_order_ref", hook.channel_order_ref},
        {"channel_key", hook.channel_key},   {"amount", amount.view()}};
    portone::payment_webhook resigned = hook;
    resigned.signature_hash = sign.sign(fields);
    FUZZ_CHECK(portone::verify_payment_webhook(resigned, sign).has_value());
    if (first) FUZZ_CHECK(resigned.signature_hash == hook.signature_hash);

    resigned.order_ref += '.';
    const auto tampered = portone::verify_payment_webhook(resigned, sign);
    FUZZ_CHECK(!tampered.has_value());
    fuzz::check_error(tampered.error());
}

void check_order_comparison(const portone::payment_webhook& hook)
{
    using namespace portone::literals;
    // Its own order: nothing differs. Another one: every field differs, each reported.
    const portone::expected_order own{hook.merchant_order_ref, hook.amount, hook.currency};
    FUZZ_CHECK(portone::check_against_order(hook, own).empty());
    const portone::yen other_amount = hook.amount == 1_yen ? 2_yen : 1_yen;
    const portone::expected_order other{hook.merchant_order_ref + "-other", other_amount,
                                        hook.currency + "-other"};
    const portone::errors differences = portone::check_against_order(hook, other);
    fuzz::check_errors(differences);
    FUZZ_CHECK(differences.size() == 3);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const portone::signer sign(secret);
    const fuzz::exact_copy body(data, size);

    const auto hook = portone::parse_payment_webhook(body.view(), portone::komoju::methods);
    if (!hook) {
        fuzz::check_error(hook.error());
        return 0;
    }
    FUZZ_CHECK(hook->method_key != nullptr);
    if (const portone::konbini_details* konbini = hook->konbini())
        FUZZ_CHECK(konbini->method == hook->method_key);
    check_verification(*hook, sign);
    check_order_comparison(*hook);
    return 0;
}
