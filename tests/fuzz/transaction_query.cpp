// SPDX-License-Identifier: BSL-1.0
// PortOne's answers to the two payment queries, transaction status and transaction details: the
// same body is given to both readers (they share the envelope), as a success and as a failure.
//
// Properties besides parse_response's contract (api_answer.hpp): details name a catalog method,
// and konbini instructions name the store of that method, as in the payment webhook.
#include "api_answer.hpp"

#include <portone/komoju/dispatch.hpp>
#include <portone/protocol/transaction_query.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const fuzz::exact_copy body(data, size);

    for (const int http_status : {200, 404}) {
        const auto status = portone::parse_transaction_status(http_status, body.view());
        fuzz::check_answer(http_status, body.view(), status);

        const auto details =
            portone::parse_transaction_details(http_status, body.view(), portone::komoju::methods);
        // parse_response's contract, except where the body reads but its konbini details name
        // another store than method_key's: then exactly that mismatch.
        const portone::json::read_context context{&portone::komoju::methods};
        const auto direct = portone::json::read<portone::transaction_details_response>(
            body.view(), {}, {}, context);
        const auto mismatch =
            direct && fuzz::is_success_status(http_status) &&
                    !(direct->status_code && portone::detail::is_refusal_code(*direct->status_code))
                ? portone::detail::store_problem(direct->content.method_key,
                                                 direct->content.additional_payment_details,
                                                 "/content")
                : std::nullopt;
        if (mismatch) {
            FUZZ_CHECK(!details.has_value());
            if (!details)
                FUZZ_CHECK(static_cast<const portone::error&>(details.error()) == *mismatch);
            continue;
        }
        fuzz::check_answer(http_status, body.view(), details, context);
        if (!details) continue;
        const portone::transaction_details& tx = details->content;
        FUZZ_CHECK(tx.method_key != nullptr);
        FUZZ_CHECK(tx.amount.minor_units() > 0);
        if (const auto* konbini = tx.details_as<portone::konbini_details>())
            FUZZ_CHECK(konbini->method == tx.method_key &&
                       konbini->method->kind == portone::method_kind::konbini);
    }
    return 0;
}
