// SPDX-License-Identifier: BSL-1.0
// PortOne's other answers, each at HTTP 200 and 401: initiatePayment's answer and where it sends
// the shopper, a fetch-all-payments page, a payment link's status, the auth-token, a bare status
// answer; and the timestamps those answers carry.
//
// Properties besides the error rules: the pure readers keep parse_response's contract
// (api_answer.hpp); initiatePayment's answer is a payment only when the body reads and neither says
// `"is_success": false` nor carries a failing status_code, and then a destination is one of its
// non-empty URLs, and read_payment_started is that answer with its web destination; a page's walk
// (payment_pages) never asks for page 0 nor goes back, and each listed payment's created() is its
// created_at read; a timestamp that reads prints (format_timestamp) as text that reads as the
// same instant.
#include "api_answer.hpp"

#include <portone/protocol/auth_token.hpp>
#include <portone/protocol/payment_answer.hpp>
#include <portone/protocol/payment_deadline.hpp>
#include <portone/protocol/payment_link_status.hpp>
#include <portone/protocol/reconciliation.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace {

void check_initiate_payment_answer(int http_status, std::string_view body)
{
    const auto answer = portone::parse_initiate_payment_answer(http_status, body);
    const auto plain = portone::json::read<portone::initiate_payment_answer>(body);
    if (!answer) {
        fuzz::check_error(answer.error());
        return;
    }
    FUZZ_CHECK(fuzz::is_success_status(http_status) && plain.has_value());
    FUZZ_CHECK(answer->is_success != false);
    for (const auto device : {portone::shopper_device::web, portone::shopper_device::mobile}) {
        const auto d = portone::destination_of(*answer, device);
        if (!d) {
            fuzz::check_error(d.error());
            continue;
        }
        FUZZ_CHECK(!d->url.empty());
        FUZZ_CHECK(d->url == answer->redirect_url || d->url == answer->deep_link ||
                   d->url == answer->qrcode_url);
    }
    // read_payment_started is the answer and its web destination, together.
    const auto started =
        portone::read_payment_started(http_status, body, portone::shopper_device::web);
    const auto web = portone::destination_of(*answer, portone::shopper_device::web);
    FUZZ_CHECK(started.has_value() == web.has_value());
    if (!started) {
        fuzz::check_error(started.error());
        return;
    }
    FUZZ_CHECK(started->destination.url == web->url && started->destination.how == web->how);
    FUZZ_CHECK(started->answer.redirect_url == answer->redirect_url);
}

void check_timestamp(std::string_view text)
{
    const auto t = portone::parse_timestamp(text);
    if (!t) return;
    using namespace std::chrono;
    const auto day = floor<days>(*t);
    const int y = static_cast<int>(year_month_day(day).year());
    if (y < 0 || y > 9999) return; // format_timestamp prints four-digit years
    const std::string printed = portone::format_timestamp(*t);
    const auto again = portone::parse_timestamp(printed);
    FUZZ_CHECK_DETAIL(again && *again == *t, printed);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const fuzz::exact_copy input(data, size);
    const std::string_view body = input.view();
    for (const int http_status : {200, 401}) {
        check_initiate_payment_answer(http_status, body);
        fuzz::check_answer(http_status, body, portone::parse_payments_page(http_status, body));
        fuzz::check_answer(http_status, body,
                           portone::parse_payment_link_status(http_status, body));
        fuzz::check_answer(http_status, body, portone::parse_auth_token(http_status, body));
        fuzz::check_answer(http_status, body, portone::parse_api_status(http_status, body));
    }
    portone::payment_pages pages({});
    const auto page = pages.take(200, body);
    if (page) FUZZ_CHECK(pages.done() || pages.next_page() == 2);
    else FUZZ_CHECK(!pages.done() && pages.next_page() == 1);
    // Each listed payment's created() is its created_at read as a timestamp.
    if (page && page->content)
        for (const portone::payment_summary& p : *page->content)
            FUZZ_CHECK(p.created() ==
                       (p.created_at ? portone::parse_timestamp(*p.created_at) : std::nullopt));
    check_timestamp(body);
    return 0;
}
