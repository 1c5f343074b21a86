// SPDX-License-Identifier: BSL-1.0
// What protocol/payment_lifecycle.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/payment_lifecycle.hpp>

namespace portone {

PORTONE_DECL std::string lifecycle_mermaid()
{
    std::string out = "stateDiagram-v2\n    [*] --> created\n";
    for (std::size_t s = 0; s < payment_state_count; ++s) {
        for (std::size_t c = 0; c < lifecycle_statuses.size(); ++c) {
            const lifecycle_decision& d = lifecycle_table[s][c];
            const auto from = to_string(static_cast<payment_state>(s));
            if (d.verdict == lifecycle_verdict::new_information) {
                out += "    ";
                out += from;
                out += " --> ";
                out += to_string(d.next);
                out += " : ";
                out += to_string(lifecycle_statuses[c]);
                out += " / ";
                out += to_string(d.action);
                out += '\n';
            } else if (d.verdict == lifecycle_verdict::conflict) {
                out += "    ";
                out += from;
                out += " --> ";
                out += from;
                out += " : ";
                out += to_string(lifecycle_statuses[c]);
                out += " / conflict, review\n";
            }
        }
    }
    for (const auto s : {payment_state::paid, payment_state::expired, payment_state::cancelled}) {
        out += "    ";
        out += to_string(s);
        out += " --> [*]\n";
    }
    return out;
}

} // namespace portone
