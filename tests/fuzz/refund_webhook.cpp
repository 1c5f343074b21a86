// SPDX-License-Identifier: BSL-1.0
// A refund webhook body (unsigned: the handler confirms it against PortOne's refund list).
//
// Properties besides the error rules: a webhook whose refund PortOne lists unchanged is confirmed
// (no difference); one PortOne does not list is exactly one mismatch; one PortOne lists with
// another amount is reported at "/amount".
#include "harness.hpp"

#include <portone/protocol/refund_response.hpp>
#include <portone/protocol/refund_webhook.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace portone::literals;
    const fuzz::exact_copy body(data, size);

    const auto hook = portone::parse_refund_webhook(body.view());
    if (!hook) {
        fuzz::check_error(hook.error());
        return 0;
    }
    FUZZ_CHECK(hook->refund_type == portone::refund_type::full ||
               hook->refund_type == portone::refund_type::partial);

    // The webhook is confirmed by id, or by psp_refund_id when its refund_id is empty; with
    // neither, PortOne's list cannot be searched.
    const bool identified = !hook->refund_id.empty() ||
                            (hook->psp_refund_id && !hook->psp_refund_id->empty());

    portone::refund_response listed;
    listed.refundDetails.emplace();
    const portone::errors nothing_listed = portone::confirm_refund_webhook(*hook, listed);
    fuzz::check_errors(nothing_listed);
    FUZZ_CHECK(nothing_listed.size() == 1);

    listed.refundDetails->push_back(*hook);
    const portone::errors same = portone::confirm_refund_webhook(*hook, listed);
    if (identified) {
        FUZZ_CHECK(same.empty());
        listed.refundDetails->back().amount = hook->amount == 1_yen ? 2_yen : 1_yen;
        const portone::errors other_amount = portone::confirm_refund_webhook(*hook, listed);
        fuzz::check_errors(other_amount);
        FUZZ_CHECK(other_amount.size() == 1 && other_amount.front().where == "/amount");
    } else {
        fuzz::check_errors(same);
    }
    return 0;
}
