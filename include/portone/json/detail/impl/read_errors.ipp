// SPDX-License-Identifier: BSL-1.0
// What json/detail/read_errors.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/core/validation.hpp>
#include <portone/json/detail/json_pointer.hpp>
#include <portone/json/detail/read_errors.hpp>

namespace portone::json::detail {

[[gnu::noinline]] PORTONE_DECL error wrong_type_error(std::string where,
                                                      const member_info& expected, json_type got)
{
    const bool amount = expected.kind == value_kind::amount; // "a number of yen", "... of USD"
    std::string message = compose({shown_path(where), " must be ",
                                   amount ? "a number of " : expected_json(expected.kind),
                                   amount ? expected.range->unit : "", ", not ",
                                   json_type_name(got)});
    return {errc::wrong_type, std::move(where), std::move(message)};
}

[[gnu::noinline]] PORTONE_DECL error missing_error(std::string where, std::size_t object_size)
{
    std::string message =
        compose({input(where), " is required but missing from ",
                 shown_path(std::string_view(where).substr(0, object_size))});
    return {errc::missing_field, std::move(where), std::move(message)};
}

[[gnu::noinline]] PORTONE_DECL error parser_error(const boost::json::error_code& ec,
                                                  std::string_view body, std::string where,
                                                  std::size_t max_depth)
{
    namespace bj = boost::json;
    const message_part at = shown_path(where);
    std::string message;
    errc code = errc::invalid_json;
    if (ec == bj::error::too_deep) {
        code = errc::limit_exceeded;
        message = compose({"the JSON is nested more than ",
                           decimal(static_cast<long long>(max_depth)), " levels deep at ", at});
    } else if (ec == bj::error::incomplete) {
        message = compose({"the JSON ends early (truncated?) at ", at});
    } else if (ec == bj::error::syntax && !validation::is_valid_utf8(body)) {
        // Boost.JSON reports bad UTF-8 as a syntax error; say which it was.
        message = compose({"the body is not valid UTF-8 (at ", at, ")"});
    } else {
        const std::string what = ec.message();
        message = compose({"the body is not valid JSON (", std::string_view(what), ") at ", at});
    }
    return {code, std::move(where), std::move(message)};
}

} // namespace portone::json::detail
