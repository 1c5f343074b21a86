// SPDX-License-Identifier: BSL-1.0
// What core/rules.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/core/rules.hpp>

namespace portone::rule_checks {

PORTONE_DECL void collect_missing(const method_traits& t, field_mask present, errors& out)
{
    for (const auto& f : requirable_fields)
        if (is_required(t, f) && (present & f.satisfied_by) == 0)
            out.push_back({errc::missing_field, std::string(f.path),
                           message::requires_field(t.key, f.requirement)});
}

} // namespace portone::rule_checks
