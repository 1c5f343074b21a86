// SPDX-License-Identifier: BSL-1.0
// What json/detail/json_pointer.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/json/detail/json_pointer.hpp>

namespace portone::json::detail {

PORTONE_DECL message_part shown_path(std::string_view path) noexcept
{
    return path.empty() ? message_part("the body") : input(path);
}

} // namespace portone::json::detail
