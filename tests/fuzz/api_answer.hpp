// SPDX-License-Identifier: BSL-1.0
// The contract of parse_response (api_error.hpp), checked on any answer: what the HTTP status
// and the body decide, restated from the two readers it is made of (read<T> and the error body)
// and from T's own status_code.
#pragma once

#include "harness.hpp"

#include <portone/json/reader.hpp>
#include <portone/protocol/api_error.hpp>

#include <string>
#include <string_view>

namespace fuzz {

inline bool is_success_status(int http_status)
{
    return http_status >= 200 && http_status <= 299;
}

/// `answer` is what parse_response<T> (or a reader built on it) gave for `body` at `http_status`;
/// `context` is what that reader handed json::read (the method catalog, for method keys).
template <class T>
void check_answer(int http_status, std::string_view body, const portone::api_result<T>& answer,
                  const portone::json::read_context& context = {})
{
    const auto as_error_body = portone::parse_api_error(body);
    if (!as_error_body) check_error(as_error_body.error());

    if (is_success_status(http_status)) {
        // A 2xx answer is a value exactly when the body reads as T and T's own top-level
        // status_code (where T has one) is not a failing code; with one, it is that refusal.
        const auto direct = portone::json::read<T>(body, {}, {}, context);
        if constexpr (requires { direct->status_code->series; }) {
            if (direct && direct->status_code &&
                portone::detail::is_refusal_code(*direct->status_code)) {
                FUZZ_CHECK(!answer.has_value());
                if (answer) return;
                const portone::api_failure failure = answer.error();
                check_error(failure);
                FUZZ_CHECK(failure.http_status == http_status);
                FUZZ_CHECK(failure.refusal &&
                           failure.refusal->status_code.text == direct->status_code->text);
                FUZZ_CHECK(failure.code == portone::errc::api_error &&
                           failure.where == "/status_code");
                return;
            }
        }
        FUZZ_CHECK(answer.has_value() == direct.has_value());
        if (answer) return;
        const portone::api_failure failure = answer.error();
        FUZZ_CHECK(failure.http_status == http_status);
        check_error(failure);
        if (failure.refusal) {
            // A failure reported with HTTP 200 is PortOne's error body with a failing code.
            FUZZ_CHECK(as_error_body && *as_error_body == *failure.refusal);
            FUZZ_CHECK(portone::detail::is_refusal_code(failure.refusal->status_code));
            FUZZ_CHECK(failure.code == portone::errc::api_error && failure.where == "/status_code");
        } else {
            // Otherwise the problem is T's, told as read<T> tells it.
            check_same_error(failure, direct.error());
        }
        return;
    }

    // Any other status is a failure, whatever the body says.
    FUZZ_CHECK(!answer.has_value());
    const portone::api_failure failure = answer.error();
    FUZZ_CHECK(failure.http_status == http_status);
    check_error(failure);
    FUZZ_CHECK(failure.refusal.has_value() == as_error_body.has_value());
    if (failure.refusal) {
        FUZZ_CHECK(*failure.refusal == *as_error_body);
        FUZZ_CHECK(failure.code == portone::errc::api_error && failure.where == "/status_code");
        return;
    }
    const portone::error why = as_error_body.error();
    FUZZ_CHECK(failure.code == why.code);
    FUZZ_CHECK(failure.where == why.where);
    // The error body's problem, after a sentence saying the call had failed anyway.
    FUZZ_CHECK_DETAIL(failure.message.starts_with("PortOne answered HTTP ") &&
                          failure.message.ends_with(why.message),
                      failure.message);
}

} // namespace fuzz
