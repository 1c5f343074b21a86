// SPDX-License-Identifier: BSL-1.0
// What json/refund.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/json/refund.hpp>

namespace portone::json {

PORTONE_DECL std::string_view detail::write_refund_body(std::string& out,
                                                        const refund_request_data& r,
                                                        std::string_view channel, environment env)
{
    const refund_body body{.amount = r.amount(),
                           .channel = channel,
                           .description = r.description(),
                           .environment = to_string(env),
                           .refund_type = to_string(r.type()),
                           .refund_reason = r.reason()};
    return append_object(out, body);
}

PORTONE_DECL std::string_view write_refund(std::string& out, const dynamic_refund_request& refund)
{
    return detail::write_refund_body(out, refund, refund.traits().channel, refund.environment());
}

} // namespace portone::json
