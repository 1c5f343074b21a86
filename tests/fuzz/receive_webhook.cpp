// SPDX-License-Identifier: BSL-1.0
// A payment webhook body through receive_payment_webhook: the signed fields read leniently and
// verified first, then the rest strictly, its problems set aside as warnings.
//
// Random bodies rarely carry a signature that verifies, so besides receiving the body as it is,
// the target runs the strict-then-set-aside reading (detail::read_verified) on every body whose
// signed fields read, as if its signature had verified. Properties: the verified fields are
// exactly the lenient reading's; every warning follows the error rules and names a top-level
// member that is not signed; a member set aside is empty in the webhook and its JSON is kept in
// extra_fields; when the strict reading accepts the body there is no warning and the webhook is
// parse_payment_webhook's; a body that does not verify yields only an error.
#include "harness.hpp"

#include <portone/komoju/dispatch.hpp>
#include <portone/protocol/payment_webhook.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

const portone::secret_key secret("PORTONE_SECRET");

void check_verified(const portone::verified_payment_webhook& v,
                    const portone::detail::signed_payment_webhook& s)
{
    const portone::payment_webhook& w = v.webhook;
    FUZZ_CHECK(w.amount == s.amount && w.currency == s.currency && w.order_ref == s.order_ref);
    FUZZ_CHECK(w.channel_order_ref == s.channel_order_ref);
    FUZZ_CHECK(w.merchant_order_ref == s.merchant_order_ref && w.country_code == s.country_code);
    FUZZ_CHECK(w.status == s.status && w.channel_key == s.channel_key);
    FUZZ_CHECK(w.method_name == s.method_name && w.signature_hash == s.signature_hash);
    for (const portone::error& warning : v.warnings) {
        fuzz::check_error(warning);
        const std::string key = portone::detail::top_key(warning.where);
        FUZZ_CHECK_DETAIL(!portone::detail::is_verified_field(key), warning.where);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const fuzz::exact_copy body(data, size);
    static const portone::signer sign(secret);

    const auto received =
        portone::receive_payment_webhook(body.view(), sign, portone::komoju::methods);
    const auto lenient = portone::json::read<portone::detail::signed_payment_webhook>(body.view());
    if (!received) {
        fuzz::check_error(received.error());
    } else {
        // It verified: its signed fields read, and the answer is 2xx.
        FUZZ_CHECK(lenient.has_value());
        check_verified(*received, *lenient);
        FUZZ_CHECK(portone::verify_payment_webhook(received->webhook, sign).has_value());
    }
    if (!lenient) {
        FUZZ_CHECK(!received);
        return 0;
    }

    // As if it had verified.
    const auto strict = portone::parse_payment_webhook(body.view(), portone::komoju::methods);
    portone::verified_payment_webhook v;
    if (strict) {
        v.webhook = *strict;
    } else {
        portone::detail::read_verified(body.view(), {}, portone::komoju::methods, *lenient, v);
        FUZZ_CHECK(!v.warnings.empty());
        // A member a warning is about is kept, as JSON, whenever the body has it.
        const auto members = portone::json::read<portone::detail::all_members>(body.view());
        for (const portone::error& warning : v.warnings) {
            const std::string key = portone::detail::top_key(warning.where);
            if (key.empty() || !members || members->members.find(key) == nullptr) continue;
            FUZZ_CHECK_DETAIL(v.webhook.extra_fields.find(key) != nullptr, warning.where);
        }
    }
    check_verified(v, *lenient);
    return 0;
}
