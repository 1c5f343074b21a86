// SPDX-License-Identifier: BSL-1.0
// The refund body (POST /api/refund/{order_ref}):
//
//   {"amount":1200,"channel":"KOMOJU","description":"...","environment":"live",
//    "refund_type":"partial","refund_reason":"..."}
//
// PortOne's schema lists every field as required, and says `amount` is ignored for a full refund;
// a full refund therefore sends the amount paid, which is what it refunds. `channel` is the
// method's channel key. Typed and dynamic refunds share one writer: nothing in the body depends on
// the method type beyond its channel key, so there is no per-method code.
#pragma once

#include <portone/config.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/money.hpp>
#include <portone/json/describe.hpp>
#include <portone/json/output.hpp>
#include <portone/request/refund_request.hpp>

#include <string>
#include <string_view>

namespace portone::json {

namespace detail {

/// The body as PortOne's schema lists it, in its order: each member name is its JSON key
/// (PORTONE_DESCRIBE after it), so the keys are compile-time literals of the generic writer
/// (json/describe.hpp). The texts view the request's own strings: nothing is copied. Every text is
/// escaped, even the channel key and the two enumerations, which never need it: a scan of a few
/// bytes, and the writer does not rely on where its strings come from.
struct refund_body {
    yen amount;
    std::string_view channel;
    std::string_view description;
    std::string_view environment;   ///< "sandbox" or "live"
    std::string_view refund_type;   ///< "full" or "partial"
    std::string_view refund_reason;
};

} // namespace detail
} // namespace portone::json

// Here, before the writer below uses it (the description must exist where it is first needed).
namespace portone::json::detail {
PORTONE_DESCRIBE(refund_body, amount, channel, description, environment, refund_type,
                 refund_reason);
} // namespace portone::json::detail

namespace portone::json {
namespace detail {

/// The whole body, for every method (json/impl/refund.ipp).
PORTONE_DECL std::string_view write_refund_body(std::string& out, const refund_request_data& r,
                                                std::string_view channel, environment env);

} // namespace detail

/// Appends the refund JSON body of `refund` to `out` and returns a view of what was appended.
/// Allocates nothing when `out` has the capacity.
template <payment_method M, environment_tag Env>
std::string_view write_refund(std::string& out, const refund_request<M, Env>& refund)
{
    return detail::write_refund_body(out, refund, M::channel::key, Env::value);
}

/// The same for a refund whose method and environment were chosen at run time.
PORTONE_DECL std::string_view write_refund(std::string& out, const dynamic_refund_request& refund);

} // namespace portone::json

#ifdef PORTONE_HEADER_ONLY
#include <portone/json/impl/refund.ipp>
#endif
