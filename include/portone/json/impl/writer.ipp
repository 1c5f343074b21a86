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
    // As deep as the text can be: syntax_error stops at its depth limit and calls what it has
    // seen JSON, so a smaller limit would pass unclosed text. (The reader applies its own limit
    // when the text is read again.)
    auto e = syntax_error(text, text.size() + 1, {});
    if (!e) return std::nullopt;
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

PORTONE_DECL error integer_too_large(std::string_view where, std::uint64_t value)
{
    const std::string digits = std::to_string(value);
    return {errc::invalid_value, std::string(where),
            compose({shown_path(where), " is ", std::string_view(digits),
                     ", above the largest integer JSON is read into (9223372036854775807)"})};
}

} // namespace portone::json::detail
