// SPDX-License-Identifier: BSL-1.0
// JSON text the reader produces rather than stores as it came: values kept whole (raw_json,
// extra_fields, an object_view handed to a conversion) are compact JSON, their strings escaped
// again by the writer's escaper (json/string_escape.hpp), so that what is kept is always valid
// JSON whatever escapes the body used.
#pragma once

#include <portone/config.hpp>
#include <portone/json/read_types.hpp>
#include <portone/json/string_escape.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace portone::json {

namespace detail {

/// Appends `s` as a JSON string (quoted, escaped) to `out`.
template <class String>
void append_json_string(String& out, std::string_view s)
{
    const std::size_t old = out.size();
    out.resize(old + string_bound(s));
    out[old] = '"';
    char* end = write_string_tail(out.data() + old + 1, s);
    out.resize(static_cast<std::size_t>(end - out.data()));
}

} // namespace detail

/// A member's value as compact JSON text (as raw_json keeps it).
PORTONE_DECL std::string compact_text(const object_member& m);

/// An object read whole as compact JSON text (as raw_json keeps it): the text it was read from,
/// without whitespace, strings re-escaped.
PORTONE_DECL std::string compact_text(const object_view& object);

} // namespace portone::json

#ifdef PORTONE_HEADER_ONLY
#include <portone/json/detail/impl/raw_text.ipp>
#endif
