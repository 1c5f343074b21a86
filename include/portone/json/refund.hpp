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

#include <portone/core/environment.hpp>
#include <portone/json/output.hpp>
#include <portone/json/string_escape.hpp>
#include <portone/request/refund_request.hpp>

#include <charconv>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace portone::json {

namespace detail {

/// The whole body. `channel` is a channel key from the catalog, still escaped like the rest: it
/// costs one scan, and the writer does not rely on where its strings come from.
[[gnu::noinline]] inline std::string_view write_refund_body(std::string& out,
                                                            const refund_request_data& r,
                                                            std::string_view channel,
                                                            environment env)
{
    constexpr std::string_view amount_key = R"({"amount":)";
    constexpr std::string_view channel_key = R"(,"channel":")";
    constexpr std::string_view description_key = R"(,"description":")";
    constexpr std::string_view environment_key = R"(,"environment":")";
    constexpr std::string_view type_key = R"(","refund_type":")";
    constexpr std::string_view reason_key = R"(","refund_reason":")";
    const std::string_view env_text = to_string(env);
    const std::string_view type_text = to_string(r.type());
    const std::size_t bound = amount_key.size() + integer_bound + channel_key.size() +
                              string_bound(channel) + description_key.size() +
                              string_bound(r.description()) + environment_key.size() +
                              env_text.size() + type_key.size() + type_text.size() +
                              reason_key.size() + string_bound(r.reason()) + 1;
    return append_bounded(out, bound, [&](char* p) {
        p = put_text(p, amount_key);
        p = put_integer(p, r.amount().minor_units());
        p = put_text(p, channel_key);
        p = write_string_tail(p, channel);
        p = put_text(p, description_key);
        p = write_string_tail(p, r.description());
        p = put_text(p, environment_key);
        p = put_text(p, env_text); // "sandbox" or "live": nothing to escape
        p = put_text(p, type_key);
        p = put_text(p, type_text); // "full" or "partial"
        p = put_text(p, reason_key);
        p = write_string_tail(p, r.reason());
        *p++ = '}';
        return p;
    });
}

} // namespace detail

/// Appends the refund JSON body of `refund` to `out` and returns a view of what was appended.
template <payment_method M, environment_tag Env>
std::string_view write_refund(std::string& out, const refund_request<M, Env>& refund)
{
    return detail::write_refund_body(out, refund, M::channel::key, Env::value);
}

/// The same for a refund whose method and environment were chosen at run time.
inline std::string_view write_refund(std::string& out, const dynamic_refund_request& refund)
{
    return detail::write_refund_body(out, refund, refund.traits().channel, refund.environment());
}

} // namespace portone::json
