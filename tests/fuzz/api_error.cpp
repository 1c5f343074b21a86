// SPDX-License-Identifier: BSL-1.0
// PortOne's error body, read on its own (parse_api_error) and as the answer to a call
// (parse_response<T>) at a success, a client-error and a server-error status.
//
// T is an answer with one required member, so that most error bodies are not a T and a 2xx
// answer takes parse_response's refusal path (PortOne reporting a failure with HTTP 200).
#include "api_answer.hpp"

#include <portone/core/describe.hpp>
#include <portone/protocol/api_error.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace fuzz_answer {
struct created {
    std::string reference;
    portone::json::extra_fields extra_fields;
};
} // namespace fuzz_answer
namespace fuzz_answer {
PORTONE_DESCRIBE(created, reference, extra_fields);
} // namespace fuzz_answer

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const fuzz::exact_copy body(data, size);

    const auto error_body = portone::parse_api_error(body.view());
    if (error_body) {
        // reason() is status_reason, else status_message, else nothing.
        const std::string_view reason = error_body->reason();
        if (error_body->status_reason) FUZZ_CHECK(reason == *error_body->status_reason);
        else if (error_body->status_message) FUZZ_CHECK(reason == *error_body->status_message);
        else FUZZ_CHECK(reason.empty());
    } else {
        fuzz::check_error(error_body.error());
    }

    for (const int http_status : {200, 401, 503}) {
        const auto answer = portone::parse_response<fuzz_answer::created>(http_status, body.view());
        fuzz::check_answer(http_status, body.view(), answer);
    }
    return 0;
}
