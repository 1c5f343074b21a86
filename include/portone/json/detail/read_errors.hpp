// SPDX-License-Identifier: BSL-1.0
// The reader's errors that more than one path builds: the streaming reader
// (json/detail/reader_handler.hpp), the syntax check (syntax_checker.hpp) and the reading of an
// object_view (read_into.hpp) must word the same problem the same way, so that reading an object
// whole and reading it as it streams cannot be told apart by their errors.
#pragma once

#include <portone/config.hpp>
#include <portone/core/error.hpp>
#include <portone/json/detail/member_table.hpp>
#include <portone/json/read_types.hpp>

#include <boost/json/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace portone::json::detail {

constexpr std::string_view expected_json(value_kind k) noexcept
{
    switch (k) {
    case value_kind::string:
    case value_kind::text_conversion: return "a string";
    case value_kind::boolean: return "true or false";
    case value_kind::integer: return "an integer";
    case value_kind::amount: return "a number"; // (wrong_type_error names the unit)
    case value_kind::object:
    case value_kind::object_conversion: return "an object";
    case value_kind::array: return "an array";
    default: return "a JSON value";
    }
}

constexpr std::string_view json_type_name(json_type t) noexcept
{
    switch (t) {
    case json_type::object: return "an object";
    case json_type::array: return "an array";
    case json_type::string: return "a string";
    case json_type::number: return "a number";
    case json_type::boolean: return "a boolean";
    case json_type::null: return "null";
    }
    return "a value";
}

/// The depth the parser is given: the caller's limit, never above max_safe_depth.
constexpr std::size_t effective_depth(const read_limits& limits) noexcept
{
    return limits.max_depth < max_safe_depth ? limits.max_depth : max_safe_depth;
}

// Out of line (noinline in header-only mode too): they are rare and their code need not sit in
// the hot paths. Declared without PORTONE_DECL: they are defined `[[gnu::noinline]] PORTONE_DECL`
// in impl/read_errors.ipp, and g++ warns when an inline declaration and a noinline one meet.

error wrong_type_error(std::string where, const member_info& expected, json_type got);

/// `where` is the missing member's path; its first `object_size` bytes, the object's.
error missing_error(std::string where, std::size_t object_size);

/// What Boost.JSON's parser reported (`ec`), at `where`, in the reader's words.
error parser_error(const boost::json::error_code& ec, std::string_view body, std::string where,
                   std::size_t max_depth);

} // namespace portone::json::detail

#ifdef PORTONE_HEADER_ONLY
#include <portone/json/detail/impl/read_errors.ipp>
#endif
