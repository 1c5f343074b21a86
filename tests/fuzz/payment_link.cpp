// SPDX-License-Identifier: BSL-1.0
// PortOne's answer to POST /api/paymentLink (hosted Checkout), at HTTP 200 and 400.
//
// Properties besides parse_response's contract (api_answer.hpp): reading is deterministic (the
// same body gives an equal link), and unknown keys are kept once each.
#include "api_answer.hpp"

#include <portone/protocol/payment_link.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const fuzz::exact_copy body(data, size);

    for (const int http_status : {200, 400}) {
        const auto answer = portone::parse_response<portone::payment_link>(http_status, body.view());
        fuzz::check_answer(http_status, body.view(), answer);
        if (!answer) continue;

        const auto again = portone::parse_response<portone::payment_link>(http_status, body.view());
        FUZZ_CHECK(again && *again == *answer);
        std::set<std::string_view> keys;
        for (const auto& extra : answer->extra_fields) {
            FUZZ_CHECK(extra.key != "payment_link" && extra.key != "payment_link_ref");
            FUZZ_CHECK(keys.insert(extra.key).second);
        }
    }
    return 0;
}
