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
