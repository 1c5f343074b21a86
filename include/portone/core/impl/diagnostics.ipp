// SPDX-License-Identifier: BSL-1.0
// What core/diagnostics.hpp declares PORTONE_DECL (see portone/config.hpp): the run-time forms of
// the rules' sentences, built only for an error.
#pragma once

#include <portone/core/diagnostics.hpp>

namespace portone::message {

PORTONE_DECL std::string requires_field(std::string_view key, std::string_view requirement)
{
    std::string s(key);
    s += " requires ";
    s += requirement;
    return s;
}

PORTONE_DECL std::string about(std::string_view key, std::string_view text)
{
    std::string s(key);
    s += text;
    return s;
}

} // namespace portone::message
