// SPDX-License-Identifier: BSL-1.0
// What core/diagnostics.hpp declares PORTONE_DECL (see portone/config.hpp): the run-time forms of
// the rules' sentences, built only for an error.
#pragma once

#include <portone/core/diagnostics.hpp>
#include <portone/core/error.hpp>

namespace portone::message {

PORTONE_DECL std::string requires_field(std::string_view key, std::string_view requirement)
{
    return compose({key, " requires ", requirement});
}

PORTONE_DECL std::string about(std::string_view key, std::string_view text)
{
    return compose({key, text});
}

} // namespace portone::message
