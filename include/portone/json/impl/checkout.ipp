// SPDX-License-Identifier: BSL-1.0
// What json/checkout.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/json/checkout.hpp>

#include <algorithm>
#include <array>

namespace portone::json::detail {

PORTONE_DECL std::string_view write_checkout_body(std::string& out, const checkout_head& head,
                                                  const checkout_details& d,
                                                  std::span<const chosen_method> methods,
                                                  const checkout_target& target,
                                                  std::string_view signature_hash)
{
    char expiry[utc_timestamp_size];
    checkout_tail tail{.expiry_date = std::nullopt,
                       .override_auto_redirect = target.override_auto_redirect,
                       .chosen_payment_methods = methods,
                       .signature_hash = signature_hash};
    if (d.expiry_date)
        tail.expiry_date = std::string_view(
            expiry, static_cast<std::size_t>(put_utc_timestamp(expiry, *d.expiry_date) - expiry));
    return append_object(out, head, d, tail);
}

// The methods are gathered in an array on the stack: a request has at most
// dynamic_checkout_request::max_methods (checked when it was made).
PORTONE_DECL std::string_view write_checkout_for(std::string& out,
                                                 const dynamic_checkout_request& request,
                                                 const checkout_target& target,
                                                 std::string_view signature_hash)
{
    std::array<chosen_method, dynamic_checkout_request::max_methods> methods;
    std::size_t n = 0;
    for (const method_traits* t : request.methods().first(
             std::min(request.methods().size(), methods.size())))
        methods[n++] = {t->channel, t->key};
    const std::string_view currency =
        request.methods().empty() ? std::string_view{} : request.methods().front()->currency;
    const checkout_head head{.portone_key = target.portone_key,
                             .currency = currency,
                             .country_code = request.country_code(),
                             .environment = to_string(request.environment()),
                             .source = target.source};
    return write_checkout_body(out, head, request.details(), std::span(methods.data(), n),
                               target, signature_hash);
}

} // namespace portone::json::detail
