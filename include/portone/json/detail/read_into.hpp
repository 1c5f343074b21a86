// SPDX-License-Identifier: BSL-1.0
// The reader's entry into Boost.JSON's parser, behind a non-template interface: a body, the
// limits, and the table of the struct to read into (member_table.hpp). json::read<T> only looks
// up T's table and calls these, so the parser (basic_parser_impl.hpp) and the SAX handler are
// compiled in impl/read_into.ipp alone: once per program with portone::compiled, and in
// header-only mode once per translation unit however many types it reads.
#pragma once

#include <portone/config.hpp>
#include <portone/core/error.hpp>
#include <portone/json/detail/member_table.hpp>
#include <portone/json/read_types.hpp>

#include <optional>
#include <string_view>

namespace portone::json::detail {

/// Reads `body` into `object` (described by `info`). `prefix` is the body's JSON Pointer in a
/// larger document, the start of every error's `where`; `context` goes to the conversions.
///
/// With `read_again` (not nullptr), object conversions may stream their object into the struct
/// they guess (member_info::stream). If reading fails after a guess, or a guess was wrong,
/// `*read_again` is set and nothing is reported: the caller must reset `object` and read again
/// without `read_again`, which reads every such object whole and reports exactly what it finds.
/// Failing inputs are thus read twice; well-formed ones whose guesses are right, once.
PORTONE_DECL std::optional<error> read_into(std::string_view body, const read_limits& limits,
                                            const read_context& context,
                                            const object_info& info, void* object,
                                            std::string_view prefix,
                                            bool* read_again = nullptr);

/// Reads an object already read whole (object_view) into `out`, as read_into would read its
/// text: same member types, same errors in the same order. Strings, booleans, nulls, raw values
/// and text conversions are taken from the views; if a member needs the parser (a number, a
/// nested struct or array, an object conversion), the object's text is read again instead, which
/// gives the same result by construction.
PORTONE_DECL std::optional<error> read_members(const object_view& object, const object_info& info,
                                               void* out, std::string_view at,
                                               const read_context& context);

} // namespace portone::json::detail

#ifdef PORTONE_HEADER_ONLY
#include <portone/json/detail/impl/read_into.ipp>
#endif
