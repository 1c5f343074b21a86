// SPDX-License-Identifier: BSL-1.0
// The HTTP requests of PortOne's APIs, as plain descriptors: method, target, headers and body. The
// library stays sans-I/O; send a descriptor with any HTTP client, to portone::api_host:
//
//   auto token = portone::make_jwt(key, mac, now);                   // protocol/jwt.hpp
//   auto call = portone::api::create_refund(*refund, key, *token);   // result<http_request>
//   if (call) client.send(call->method, call->url(), call->headers, call->body);
//
// Server APIs carry `X-Portone-Client-Key: <PortOne key>` and `Authorization: Bearer <JWT>`;
// initiatePayment carries the key only (its body's signature_hash authenticates it). Requests
// with a body say `Content-Type: application/json`.
//
// Values taken from the caller that end up in a path segment (an order reference, the key) are
// percent-encoded with RFC 3986's segment characters (pchar), so '/', '?', '#', '%', spaces and
// control bytes cannot change the target; an empty, "." or ".." segment, which would address
// another resource even when encoded, is an error. A header value with a control character (which
// could start another header) is an error too. The secret key never appears in a descriptor: only
// the JWT signed with it, and signatures.
#pragma once

#include <portone/config.hpp>
#include <portone/core/credentials.hpp>
#include <portone/core/error.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/json/checkout.hpp>
#include <portone/json/output.hpp>
#include <portone/json/refund.hpp>
#include <portone/json/string_escape.hpp>
#include <portone/protocol/jwt.hpp>
#include <portone/protocol/signature.hpp>
#include <portone/protocol/signed_request.hpp>
#include <portone/request/checkout_request.hpp>
#include <portone/request/refund_request.hpp>


#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portone {

/// PortOne's API host (sandbox and live alike: the environment is a body field).
inline constexpr std::string_view api_host = "https://api.portone.cloud";

enum class http_method { get, post, put };

/// "GET", "POST" or "PUT".
constexpr std::string_view to_string(http_method m) noexcept
{
    switch (m) {
    case http_method::get: return "GET";
    case http_method::post: return "POST";
    case http_method::put: return "PUT";
    }
    return "GET";
}

struct http_header {
    std::string name;
    std::string value;

    friend bool operator==(const http_header&, const http_header&) = default;
};

/// One request to PortOne: send `method` to url() (api_host + target) with these headers and body.
struct http_request {
    http_method method = http_method::get;
    std::string target;                ///< origin-form: "/api/refund/2mbZ...", percent-encoded
    std::vector<http_header> headers;  ///< in sending order
    std::string body;                  ///< empty for GET
    /// True when the body holds the PortOne Secret Key (api::auth_token is the only such call):
    /// never log such a body.
    bool body_has_secret = false;

    /// api_host followed by the target.
    std::string url() const
    {
        std::string u(api_host);
        u += target;
        return u;
    }

    /// The value of the header called `name` (ASCII case-insensitive, as HTTP compares names),
    /// or nullptr.
    const std::string* header(std::string_view name) const noexcept
    {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
        for (const auto& h : headers) {
            if (h.name.size() != name.size()) continue;
            std::size_t i = 0;
            while (i < name.size() && lower(h.name[i]) == lower(name[i])) ++i;
            if (i == name.size()) return &h.value;
        }
        return nullptr;
    }
};

namespace detail {

/// Appends "/" and `segment` percent-encoded as an RFC 3986 path segment. `what` names the value
/// in the error.
PORTONE_DECL bool append_path_segment(std::string& target, std::string_view segment,
                                      std::string_view what, errors& out);

/// A header value must not contain control characters: CR or LF would end the header and start
/// another one (header injection), and PortOne's keys and tokens never contain any.
PORTONE_DECL bool check_header_value(std::string_view value, std::string_view what, errors& out);

/// A path from fixed parts and encoded segments: {"/api/refund", segment} etc.
struct path_part {
    std::string_view text;
    bool segment = false;     ///< taken from the caller: encode and check it
    std::string_view what{};  ///< its name, for the error
};

/// Builds a request: target from `parts`, the key header, the bearer token when given, the
/// content type when there is a body. Every problem is collected; the first is returned.
PORTONE_DECL result<http_request> make_http_request(http_method method,
                                                    std::initializer_list<path_part> parts,
                                                    const portone_key& key,
                                                    const bearer_token* token, std::string body);

/// {"order_ref":"..."}
PORTONE_DECL std::string order_ref_body(std::string_view order_ref);

} // namespace detail

/// Factories for each API call. Each returns the descriptor, or the first problem with the values
/// it was given (errc::invalid_value): a path segment that is empty, "." or "..", an empty key or
/// token, or one with a control character.
namespace api {

/// POST /api/initiatePayment: the request's JSON, signed by `sign` (typed or dynamic request).
template <class Request>
    requires requires(const Request& r) {
        r.fields();
        r.amount();
    }
result<http_request> initiate_payment(const Request& request, const portone_key& key,
                                      const signer& sign)
{
    std::string body;
    write_signed_initiate_payment(body, request, key, sign);
    return detail::make_http_request(http_method::post, {{"/api/initiatePayment"}}, key, nullptr,
                                     std::move(body));
}

/// The signature_hash of a Checkout request: PortOne's six payment-request fields.
template <environment_tag Env, payment_method... Ms>
std::string checkout_signature(const checkout_request<Env, Ms...>& request,
                               const portone_key& key, const signer& sign)
{
    using channel = typename portone::detail::first_of<Ms...>::type::channel;
    const auto& d = request.details();
    return sign.payment_request_signature(key, d.amount, channel::currency::code, d.failure_url,
                                          d.merchant_order_id, d.success_url);
}

/// The same for a Checkout whose methods were chosen at run time.
PORTONE_DECL std::string checkout_signature(const dynamic_checkout_request& request,
                                            const portone_key& key, const signer& sign);

/// POST /api/paymentLink: a hosted Checkout page offering the request's methods (typed, or
/// chosen at run time). Its answer: parse_response<payment_link> (protocol/payment_link.hpp).
template <class Checkout>
    requires requires(std::string& out, const Checkout& c, const portone_key& k) {
        json::write_checkout(out, c, k, std::string_view{});
    }
result<http_request> create_payment_link(const Checkout& request, const portone_key& key,
                                         const bearer_token& token, const signer& sign)
{
    std::string body;
    json::write_checkout(body, request, key, checkout_signature(request, key, sign));
    return detail::make_http_request(http_method::post, {{"/api/paymentLink"}}, key, &token,
                                     std::move(body));
}

/// POST /api/refund/{order_ref}: a refund (typed or dynamic).
template <class Refund>
    requires requires(std::string& out, const Refund& r) { json::write_refund(out, r); }
result<http_request> create_refund(const Refund& refund, const portone_key& key,
                                   const bearer_token& token)
{
    std::string body;
    json::write_refund(body, refund);
    return detail::make_http_request(http_method::post,
                                     {{"/api/refund"}, {refund.order_ref(), true, "order_ref"}},
                                     key, &token, std::move(body));
}

/// GET /api/refund/{order_ref}: every refund of a payment, and the amount left to refund.
PORTONE_DECL result<http_request> list_refunds(std::string_view order_ref, const portone_key& key,
                                               const bearer_token& token);

/// GET /api/transaction/{merchant_order_ref}/status: a payment's status, by your own reference.
PORTONE_DECL result<http_request> transaction_status(std::string_view merchant_order_ref,
                                                     const portone_key& key,
                                                     const bearer_token& token);

/// POST /api/{key}/transaction-details with {"order_ref": ...}: a payment's details, by
/// PortOne's reference.
PORTONE_DECL result<http_request> transaction_details(std::string_view order_ref,
                                                      const portone_key& key,
                                                      const bearer_token& token);

} // namespace api
} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/http_request.ipp>
#endif
