// SPDX-License-Identifier: BSL-1.0
// A payment webhook body, as a merchant's handler treats it: parse, verify, compare with the order.
//
// Properties besides the error rules: verifying is deterministic; the signature this library
// computes over the nine signed fields (sorted by name at run time, an independent path from the
// verifier's list fixed at compile time) makes the webhook verify, is the one it carried if it
// verified, and stops matching when a signed field changes. The webhook's deadline is the bank
// transfer's payment_deadline when it reads, else an estimate after the order; a refund from the
// webhook fails with the webhook's own problems first. Base64 decodes exactly what it encodes.
#include "harness.hpp"

#include <portone/core/money.hpp>
#include <portone/komoju/dispatch.hpp>
#include <portone/protocol/crypto.hpp>
#include <portone/protocol/payment_deadline.hpp>
#include <portone/protocol/payment_webhook.hpp>
#include <portone/protocol/signature.hpp>
#include <portone/protocol/webhook_refund.hpp>

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

void check_deadline(const portone::payment_webhook& hook)
{
    using namespace std::chrono;
    const portone::timestamp ordered{sys_days(year(2024) / 10 / 1)};
    const auto deadline =
        portone::deadline_of(hook.method_key, hook.additional_payment_details, ordered);
    if (!deadline) return;
    if (deadline->estimated) {
        FUZZ_CHECK(deadline->text.empty() && deadline->at > ordered);
        return;
    }
    const auto* bank = hook.bank_transfer();
    FUZZ_CHECK(bank != nullptr && bank->payment_deadline == deadline->text);
    FUZZ_CHECK(portone::parse_timestamp(deadline->text) == deadline->at);
}

void check_refund(const portone::payment_webhook& hook)
{
    using namespace portone::literals;
    for (const auto env : {portone::environment::sandbox, portone::environment::live}) {
        const portone::errors own = portone::detail::webhook_refund_problems(hook, env);
        for (const portone::error& e : own)
            fuzz::check_error(e);
        const auto r =
            portone::refund(hook, env, {.amount = 1_yen, .description = "d", .reason = "r"});
        if (own.empty()) continue;
        FUZZ_CHECK(!r.has_value());
        FUZZ_CHECK(r.error().size() >= own.size());
        for (std::size_t i = 0; i < own.size(); ++i)
            FUZZ_CHECK(r.error()[i] == own[i]);
    }
}

void check_base64(std::string_view bytes)
{
    namespace crypto = portone::crypto;
    const std::string encoded =
        crypto::base64(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    if (!bytes.empty()) FUZZ_CHECK(crypto::decode_base64(encoded) == std::string(bytes));
    if (const auto decoded = crypto::decode_base64(bytes))
        FUZZ_CHECK_DETAIL(crypto::base64(reinterpret_cast<const unsigned char*>(decoded->data()),
                                         decoded->size()) == bytes,
                          std::string(bytes));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const portone::signer sign(secret);
    const fuzz::exact_copy body(data, size);
    check_base64(body.view());

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
    check_deadline(*hook);
    check_refund(*hook);
    return 0;
}
