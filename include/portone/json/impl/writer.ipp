// SPDX-License-Identifier: BSL-1.0
// What json/writer.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/json/detail/json_pointer.hpp>
#include <portone/json/detail/syntax_checker.hpp>
#include <portone/json/read_types.hpp>
#include <portone/json/writer.hpp>

namespace portone::json::detail {

PORTONE_DECL std::optional<error> raw_text_problem(std::string_view text, std::string_view where)
{
    // Any depth is JSON here (syntax_error says so of a body that is only too deep); the reader
    // applies its own limit when the text is read again.
    auto e = syntax_error(text, read_limits{}.max_depth, {});
    if (!e)
        return std::nullopt;
    return error{errc::invalid_json, std::string(where),
                 compose({shown_path(where), " holds text that is not one JSON value: ",
                          std::string_view(e->message)})};
}

PORTONE_DECL error duplicate_extra_key(std::string_view where)
{
    return {errc::duplicate_key, std::string(where),
            compose({shown_path(where),
                     " is an extra field with the key of a member, or of another extra field"})};
}

} // namespace portone::json::detail
