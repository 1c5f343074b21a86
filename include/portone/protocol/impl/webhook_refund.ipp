// SPDX-License-Identifier: BSL-1.0
// What protocol/webhook_refund.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/webhook_refund.hpp>

namespace portone::detail {

PORTONE_DECL errors webhook_refund_problems(const payment_webhook& hook, environment env)
{
    errors out;
    if (hook.method_key == nullptr)
        out.add(errc::missing_field, "/method_key", {"the webhook has no method_key"});
    if (hook.is_refund_allowed == false)
        out.add(errc::not_refundable, "/is_refund_allowed",
                {"PortOne does not allow a refund of this payment (is_refund_allowed is false)"});
    if (hook.environment) {
        const std::optional<environment> said = environment_from_string(*hook.environment);
        if (!said)
            out.add(errc::invalid_value, "/environment",
                    {"the webhook's environment ", input(*hook.environment),
                     " is neither \"sandbox\" nor \"live\""});
        else if (*said != env)
            out.add(errc::mismatch, "/environment",
                    {"the webhook is from the ", to_string(*said),
                     " environment, but the refund is for ", to_string(env)});
    }
    return out;
}

} // namespace portone::detail

namespace portone {

PORTONE_DECL checked<dynamic_refund_request> refund(const payment_webhook& hook, environment env,
                                                    refund_terms terms)
{
    errors problems = detail::webhook_refund_problems(hook, env);
    refund_details d{.order_ref = hook.order_ref,
                     .paid = hook.amount,
                     .amount = terms.amount,
                     .description = std::move(terms.description),
                     .reason = std::move(terms.reason)};
    if (hook.method_key == nullptr) {
        detail::check_refund_values(d, problems);
        return problems;
    }
    checked<dynamic_refund_request> r = dynamic_refund(*hook.method_key, env, std::move(d));
    if (problems.empty()) return r;
    if (!r) problems.insert(problems.end(), r.error().begin(), r.error().end());
    return problems;
}

} // namespace portone
