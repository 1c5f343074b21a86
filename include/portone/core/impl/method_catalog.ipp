// SPDX-License-Identifier: BSL-1.0
// What core/method_catalog.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/core/method_catalog.hpp>

#include <string>

namespace portone {

PORTONE_DECL result<const method_traits*> method_catalog::by_key(std::string_view key,
                                                                 std::string_view where) const
{
    if (const method_traits* t = find(key)) return t;
    return unknown_key(key, where);
}

PORTONE_DECL error method_catalog::unknown_key(std::string_view key, std::string_view where) const
{
    return {errc::unknown_method, std::string(where),
            compose({input(key), " is not a ", name, " payment method key"})};
}

} // namespace portone
