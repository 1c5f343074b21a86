// SPDX-License-Identifier: BSL-1.0
// What json/string_escape.hpp declares PORTONE_DECL (see portone/config.hpp): the strings that need
// escaping, through Boost.JSON's serializer.
#pragma once

#include <portone/json/string_escape.hpp>

#include <boost/json/serializer.hpp>

namespace portone::json::detail {

PORTONE_DECL char* write_escaped_string_tail(char* p, std::string_view s) noexcept
{
    // Boost.JSON writes the quoted string; it never suspends because the region holds the worst
    // case (string_bound), so it does not allocate. Its opening quote overwrites ours.
    boost::json::serializer sr;
    sr.reset(s);
    const auto written = sr.read(p - 1, 6 * s.size() + 2);
    return p - 1 + written.size();
}

} // namespace portone::json::detail
