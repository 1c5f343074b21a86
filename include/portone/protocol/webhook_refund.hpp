// SPDX-License-Identifier: BSL-1.0
// A refund of the payment a (verified) payment webhook reports. The webhook says which payment it
// is (`order_ref`), what it captured (`amount`) and by which method (`method_key`, known only at
// run time), so the merchant only says how much to refund and why:
//
//   auto hook = portone::parse_payment_webhook(body);      // then verify_payment_webhook
//   auto r = portone::refund(*hook, portone::environment::live,
//                            {.amount = 1200_yen, .description = "Partial refund",
//                             .reason = "damaged item"});  // checked<dynamic_refund_request>
//
// The method's rules are those of dynamic_refund, at run time, with the compiler's sentences: R5
// (errc::not_refundable, "KOMOJU_BANK_TRANSFER does not support refunds") and R6.
#pragma once

#include <portone/config.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/error.hpp>
#include <portone/core/money.hpp>
#include <portone/core/yen_member.hpp>
#include <portone/protocol/payment_webhook.hpp>
#include <portone/request/refund_request.hpp>

#include <optional>
#include <string>
#include <utility>

namespace portone {

namespace member {
#define PORTONE_MEMBER_NAME refund_terms_amount
#define PORTONE_MEMBER_PATH "refund_terms.amount"
#include <portone/core/detail/define_yen_member.inc>
} // namespace member

/// What the merchant decides about refunding a payment whose webhook they hold; the rest comes
/// from the webhook.
struct refund_terms {
    /// A partial refund's amount; empty refunds everything paid.
    std::optional<yen_member<member::refund_terms_amount>> amount{};
    std::string description{};
    std::string reason{};        ///< refund_reason
};

namespace detail {
/// What the webhook itself says against a refund in `env` (not the method's rules, not the
/// values).
PORTONE_DECL errors webhook_refund_problems(const payment_webhook& hook, environment env);
} // namespace detail

/// A refund of the payment `hook` reports: its method (`method_key`), `order_ref` and captured
/// `amount` come from the webhook, how much and why from `terms`. Verify the webhook first
/// (verify_payment_webhook), and refund only a payment that succeeded.
///
/// `env` is the environment you run in (your configuration). A webhook that carries an
/// `environment` must agree with it: PortOne does not sign that field, so it confirms your
/// configuration but does not choose where money moves (a sandbox webhook reaching a live
/// server is errc::mismatch at "/environment"; text other than "sandbox" or "live" is
/// errc::invalid_value).
///
/// Returns the request, or every problem: the method's rules at run time, as dynamic_refund
/// checks them (R5: errc::not_refundable with the compiler's sentence; R6), a webhook that says
/// `is_refund_allowed: false` (errc::not_refundable at "/is_refund_allowed"), a webhook without
/// method_key (errc::missing_field), and the values (a partial amount above what was paid, ...).
/// `is_multi_refund_allowed` cannot be checked here (earlier refunds are not in the webhook): ask
/// PortOne with api::list_refunds and check_refund_fits.
PORTONE_DECL checked<dynamic_refund_request> refund(const payment_webhook& hook, environment env,
                                                    refund_terms terms);

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/webhook_refund.ipp>
#endif
