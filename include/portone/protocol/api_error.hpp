// SPDX-License-Identifier: BSL-1.0
// Reading what PortOne's server APIs answer: the expected value, or PortOne's error body, or a
// typed reason why neither could be read. Sans-I/O like the request descriptors
// (protocol/http_request.hpp): your HTTP client sends the request, this header reads the answer.
//
//   auto call = portone::api::transaction_status("ORDER-0001", key, token);
//   const auto [status, body] = client.send(*call);                     // your HTTP client
//   auto r = portone::parse_transaction_status(status, body);           // api_result<...>
//   if (r) use(r->content.status);
//   else if (const auto& e = r.error(); e.refusal)                      // PortOne said no
//       log(e.refusal->status_code.text, e.refusal->reason());          //   "4054", "INVALID_..."
//   else                                                                // the body is unreadable
//       log(e.message);                                                 //   "\"/content/status\" ..."
//
// PortOne's error bodies look like this (HTTP 401, PortOne's JWT page):
//
//   {"message":"The JWT Token or header is invalid or expired!","status_code":"4054",
//    "status_reason":"INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR"}
//
// and its query results are wrapped in the same envelope, with `content` added (api_envelope).
#pragma once

#include <portone/config.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/error.hpp>
#include <portone/json/read_types.hpp>
#include <portone/json/reader.hpp>
#include <portone/protocol/payment_details.hpp>

#include <boost/system/result.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace portone {

/// PortOne's error body: why it refused a request. `status_code` is required (a body without one
/// is not an error body PortOne documents); the rest is optional, and unknown keys (such as
/// initiatePayment's `"is_success": false`) are kept in `extra_fields`.
struct api_error {
    /// "4054": its number and its series (status_series::validation for 4xxx, system for 5xxx...).
    transaction_status_code status_code;
    std::optional<std::string> status_reason; ///< "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR"
    std::optional<std::string> message;       ///< PortOne's sentence, for logs (not for customers)
    /// One of PortOne's own examples (the refund API's HTTP 400) sends the reason under this key
    /// instead of `status_reason`; reason() reads either.
    std::optional<std::string> status_message;
    json::extra_fields extra_fields;

    /// `status_reason`, else `status_message`, else "".
    std::string_view reason() const noexcept
    {
        if (status_reason) return *status_reason;
        if (status_message) return *status_message;
        return {};
    }

    friend bool operator==(const api_error&, const api_error&) = default;
};

/// PortOne's envelope around a query's result (transaction status, transaction details):
/// `{"content": {...}, "message": ..., "status_code": "2000", "status_reason": "SUCCESS"}`.
/// Only `content` is required; the envelope's status fields describe the API call, not the payment.
template <class Content>
struct api_envelope {
    Content content;
    std::optional<transaction_status_code> status_code;
    std::optional<std::string> status_reason;
    std::optional<std::string> message;
    json::extra_fields extra_fields;
};

/// Why an API call gave no value: a portone::error (code, where, message), plus the HTTP status
/// and, when PortOne refused, its error body. Exactly one of two cases:
///   - a refusal: PortOne answered with its error body, kept in `refusal` (its code, reason and
///     message). The error is errc::api_error at "/status_code", with a sentence for logs.
///   - an unreadable answer: the body is neither the expected value nor PortOne's error body (not
///     JSON, truncated, a required field missing, a wrong type, over a limit, an HTML page from a
///     proxy...). `refusal` is empty; code, where (a JSON Pointer) and message say what is wrong.
/// A plain struct on purpose: `const auto& e = r.error();` keeps it alive (result::error()
/// returns a copy), and it converts to portone::error where only that is wanted.
struct api_failure : error {
    int http_status = 0;
    std::optional<api_error> refusal;

    friend bool operator==(const api_failure&, const api_failure&) = default;
};

/// The value of an API call, or why there is none.
template <class T>
using api_result = basic_result<T, api_failure>;

// api_result::value() finds this by argument-dependent lookup: it throws error_exception, like
// portone::result.
[[noreturn]] inline void throw_exception_from_error(const api_failure& f,
                                                    const boost::source_location&)
{
    throw error_exception(errors{error(f)});
}

namespace detail {

constexpr bool is_success_http_status(int status) noexcept
{
    return status >= 200 && status <= 299;
}

/// Whether a status_code found in a 2xx body says the call failed: a number outside the success
/// and pending series.
constexpr bool is_refusal_code(const transaction_status_code& code) noexcept
{
    return code.number && code.series != status_series::success &&
           code.series != status_series::pending;
}

/// PortOne's error body, from an answer that carries the call's status at its top level.
template <class Answer>
api_error refusal_in(const Answer& a)
{
    api_error e;
    e.status_code = a.status_code.value_or(transaction_status_code{});
    if constexpr (requires { e.status_reason = a.status_reason; }) e.status_reason = a.status_reason;
    if constexpr (requires { e.message = a.message; }) e.message = a.message;
    if constexpr (requires { e.status_message = a.status_message; })
        e.status_message = a.status_message;
    return e;
}

/// PortOne refused: its body, and a sentence saying so.
PORTONE_DECL api_failure refused(int http_status, api_error body);

/// The answer could not be read: `problem` says why. For a non-2xx answer the message says that
/// the error body was unreadable, so that a log line shows the call had failed anyway.
PORTONE_DECL api_failure unreadable(int http_status, error problem);

} // namespace detail
PORTONE_DESCRIBE(api_error, status_code, status_reason, message, status_message, extra_fields);
} // namespace portone

// A class template: its instances are described by a partial specialization (core/describe.hpp).
template <class Content>
struct portone::describe::description<portone::api_envelope<Content>> {
    using members = member_list<PORTONE_DETAIL_DESCRIBE_EACH(portone::api_envelope<Content>,
                                                             content, status_code, status_reason,
                                                             message, extra_fields)>;
};

namespace portone {

/// Reads PortOne's error body on its own (when you already know the call failed).
PORTONE_DECL result<api_error> parse_api_error(std::string_view body,
                                               const json::read_limits& limits = {});

/// Reads the answer to an API call, given its HTTP status and body:
///   - 2xx: the body is read as T (a described struct). A failing status_code (outside the 1xxx
///     and 2xxx series), in T's own top-level `status_code` or in PortOne's error body when the
///     body is not a T, is a refusal: a failure reported with HTTP 200 is still a failure.
///   - anything else: a failure. The body is read as PortOne's error body (a refusal); if it is
///     not one, the failure is unreadable and says why.
/// The HTTP status decides whether the call succeeded; the body only tells more. `context` goes
/// to T's conversions (a method catalog for answers with method keys). Never throws (except
/// std::bad_alloc).
template <describe::described T>
api_result<T> parse_response(int http_status, std::string_view body,
                             const json::read_limits& limits = {},
                             const json::read_context& context = {})
{
    if (detail::is_success_http_status(http_status)) {
        auto value = json::read<T>(body, limits, {}, context);
        if (value) {
            // The answer's own status_code (the call's, at the top level) can say it failed.
            if constexpr (requires { value->status_code->series; }) {
                if (value->status_code && detail::is_refusal_code(*value->status_code))
                    return detail::refused(http_status, detail::refusal_in(*value));
            }
            return std::move(*value);
        }
        auto refusal = json::read<api_error>(body, limits);
        if (refusal && detail::is_refusal_code(refusal->status_code))
            return detail::refused(http_status, std::move(*refusal));
        return detail::unreadable(http_status, std::move(value).error());
    }
    auto refusal = json::read<api_error>(body, limits);
    if (refusal) return detail::refused(http_status, std::move(*refusal));
    return detail::unreadable(http_status, std::move(refusal).error());
}

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/api_error.ipp>
#endif
