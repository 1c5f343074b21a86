// SPDX-License-Identifier: BSL-1.0
// What json/detail/syntax_checker.hpp declares PORTONE_DECL (see portone/config.hpp), with the
// parser's instantiation for it.
#pragma once

#include <portone/json/detail/json_pointer.hpp>
#include <portone/json/detail/read_errors.hpp>
#include <portone/json/detail/syntax_checker.hpp>

#include <boost/json/basic_parser_impl.hpp>

namespace portone::json::detail {

PORTONE_DECL bool syntax_checker::on_key_part(string_view s, std::size_t, error_code&)
{
    if (!in_key_) frames_.back().key.clear();
    in_key_ = true;
    frames_.back().key.append(s.data(), s.size());
    return true;
}

PORTONE_DECL bool syntax_checker::on_key(string_view s, std::size_t n, error_code& ec)
{
    on_key_part(s, n, ec);
    in_key_ = false;
    return true;
}

PORTONE_DECL std::string syntax_checker::path(std::string_view prefix) const
{
    std::string p(prefix);
    for (const frame& f : frames_) {
        if (f.array && f.count > 0) append_pointer_index(p, f.count - 1);
        else if (!f.array && f.has_key) append_pointer_token(p, f.key);
    }
    return p;
}

PORTONE_DECL void syntax_checker::value_begins()
{
    if (frames_.empty()) return;
    frame& f = frames_.back();
    if (f.array) ++f.count;
    else f.has_key = true;
}

PORTONE_DECL bool syntax_checker::scalar_part()
{
    if (!in_scalar_) value_begins();
    in_scalar_ = true;
    return true;
}

PORTONE_DECL bool syntax_checker::scalar_ends()
{
    if (!in_scalar_) value_begins();
    in_scalar_ = false;
    return true;
}

[[gnu::noinline]] PORTONE_DECL std::optional<error> syntax_error(std::string_view body,
                                                                 std::size_t max_depth,
                                                                 std::string_view prefix)
{
    boost::json::parse_options options;
    options.max_depth = max_depth;
    boost::json::basic_parser<syntax_checker> parser(options);
    boost::json::error_code ec;
    const std::size_t used = parser.write_some(false, body.data(), body.size(), ec);
    if (ec == boost::json::error::too_deep) return std::nullopt; // JSON, only too deep
    if (ec) return parser_error(ec, body, parser.handler().path(prefix), max_depth);
    if (used != body.size())
        return error{errc::invalid_json, std::string(prefix),
                     compose({"the body has data after the JSON value, at byte ",
                              decimal(static_cast<long long>(used))})};
    return std::nullopt;
}

} // namespace portone::json::detail
