// SPDX-License-Identifier: BSL-1.0
// What request/refund_request.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/request/refund_request.hpp>

namespace portone::detail {

PORTONE_DECL void check_refund_values(const refund_details& d, errors& out)
{
    if (d.order_ref.empty())
        out.push_back({errc::missing_field, "order_ref", "a refund needs the payment's order_ref"});
    else if (d.order_ref.find_first_not_of(validation::merchant_order_id_charset) !=
                 std::string::npos ||
             d.order_ref.size() > 64)
        out.push_back({errc::invalid_value, "order_ref",
                       "order_ref " + portone::quoted(d.order_ref) +
                           " may contain only A-Z, a-z, 0-9, '-', '_' and '.' (at most 64)"});
    else if (d.order_ref == "." || d.order_ref == "..")
        // The order_ref becomes a path segment (/api/refund/{order_ref}), where "." and ".." would
        // address another resource; PortOne's references are never dots alone.
        out.push_back(
            {errc::invalid_value, "order_ref",
             "order_ref " + portone::quoted(d.order_ref) + " is not a PortOne order reference"});
    if (d.amount && *d.amount > d.paid)
        out.push_back({errc::invalid_value, "amount",
                       "refund amount " + std::to_string(d.amount->minor_units()) +
                           " JPY is more than the " + std::to_string(d.paid.minor_units()) +
                           " JPY paid"});
    validation::check_text(d.description, "description", "refund description", out);
    validation::check_text(d.reason, "refund_reason", "refund reason", out);
}

} // namespace portone::detail

namespace portone {

PORTONE_DECL checked<dynamic_refund_request> dynamic_refund(const method_traits& t, environment env,
                                                            refund_details d)
{
    errors problems;
    rule_checks::collect<rule::refund_not_supported>(t, "channel", problems);
    rule_checks::collect<rule::sandbox_not_available>(t, env, "environment", problems);
    // R8: refund_details holds its amount in yen (see check_payment).
    rule_checks::collect<rule::currency_not_accepted<currency::jpy>>(t, "amount", problems);
    detail::check_refund_values(d, problems);
    if (!problems.empty()) return problems;
    return dynamic_refund_request(t, env, std::move(d));
}

} // namespace portone
