// SPDX-License-Identifier: BSL-1.0
// What protocol/api_error.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/api_error.hpp>

namespace portone {
namespace detail {

PORTONE_DECL api_failure refused(int http_status, api_error body)
{
    const std::string_view reason = body.reason();
    const std::string_view comma = reason.empty() ? "" : ", ";
    const std::string_view colon = body.message ? ": " : "";
    api_failure f;
    f.code = errc::api_error;
    f.where = "/status_code";
    f.message = compose({"PortOne refused the request (HTTP ", decimal(http_status),
                         ", status_code ", input(body.status_code.text), ", ",
                         to_string(body.status_code.series), comma,
                         reason.empty() ? message_part("") : input(reason), ")", colon,
                         body.message ? input(*body.message) : message_part("")});
    f.http_status = http_status;
    f.refusal = std::move(body);
    return f;
}

PORTONE_DECL api_failure unreadable(int http_status, error problem)
{
    if (!is_success_http_status(http_status))
        problem.message = compose({"PortOne answered HTTP ", decimal(http_status),
                                   " without a readable error body: ",
                                   std::string_view(problem.message)});
    api_failure f;
    static_cast<error&>(f) = std::move(problem);
    f.http_status = http_status;
    return f;
}

} // namespace detail

PORTONE_DECL result<api_error> parse_api_error(std::string_view body,
                                               const json::read_limits& limits)
{
    return json::read<api_error>(body, limits);
}

} // namespace portone
