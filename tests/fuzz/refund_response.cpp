// SPDX-License-Identifier: BSL-1.0
// PortOne's answer to the refund API, read as a success (HTTP 200) and as a failure (HTTP 400).
//
// Properties besides parse_response's contract (api_answer.hpp): what is left to refund is within
// the yen range, and looking a listed refund up by its id finds a refund with that id.
#include "api_answer.hpp"

#include <portone/core/money.hpp>
#include <portone/protocol/refund_response.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const fuzz::exact_copy body(data, size);

    for (const int http_status : {200, 400}) {
        const auto answer = portone::parse_refund_response(http_status, body.view());
        fuzz::check_answer(http_status, body.view(), answer);
        if (!answer) continue;

        const portone::refundable_yen left = answer->amountToRefund;
        FUZZ_CHECK(left.minor_units() >= 0 &&
                   left.minor_units() <= portone::max_minor_units<portone::currency::jpy>);
        FUZZ_CHECK(left.as_yen().has_value() == !left.is_zero());
        for (const portone::refund_record& refund : answer->refunds()) {
            FUZZ_CHECK(refund.amount.minor_units() > 0);
            if (refund.refund_id.empty()) continue;
            const portone::refund_record* found = answer->find(refund.refund_id);
            FUZZ_CHECK(found != nullptr && found->refund_id == refund.refund_id);
        }
    }
    return 0;
}
