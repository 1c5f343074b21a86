// SPDX-License-Identifier: BSL-1.0
// What json/detail/member_table.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/json/detail/member_table.hpp>

namespace portone::json::detail {

// Constructed, then moved in: constructing a string is cheaper than assign()'s general replace
// (_M_replace), for short and long strings alike.
[[gnu::noinline]] PORTONE_DECL void store_text(std::string& member, std::string_view text)
{
    member = std::string(text.data(), text.size());
}

} // namespace portone::json::detail
