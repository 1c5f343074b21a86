// SPDX-License-Identifier: BSL-1.0
// Reconciliation: every payment PortOne has for the merchant over a period, page by page
// (POST /api/merchant/{key}/fetch-all-payments), to compare with the merchant's own books.
//
//   portone::payment_pages pages({.from = yesterday, .to = today,
//                                 .environment = portone::environment::live});
//   while (auto call = pages.next_request(key, token)) {           // nullopt: every page read
//       if (!*call) return report(call->error());
//       const auto [http_status, body] = client.send(**call);      // your HTTP client
//       auto page = pages.take(http_status, body);                  // the page, or why not
//       if (!page) return retry_later(page.error());                // the same page next time
//       for (const portone::payment_summary& p : page->payments()) compare(p, books);
//   }
//
// or, with a function that sends a request and returns {HTTP status, body}:
//
//   auto done = portone::for_each_payment(query, key, token, send, [&](const auto& p) { ... });
//
// PortOne's schema has no status or method filter (only the period and the environment), wraps
// the page in `body` rather than `content`, types its counters as numbers, and does not say how
// the last page is known: the walk stops at `total_pages`, at an empty page, or at a page with
// fewer payments than asked for, whichever comes first. The payments are every channel's, not
// only KOMOJU's: `method_key` is kept as text here, and amounts may have a fraction (THB 100.50).
#pragma once

#include <portone/config.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/error.hpp>
#include <portone/core/money.hpp>
#include <portone/json/read_types.hpp>
#include <portone/protocol/api_error.hpp>
#include <portone/protocol/http_request.hpp>
#include <portone/protocol/payment_deadline.hpp>
#include <portone/protocol/payment_details.hpp>
#include <portone/protocol/payment_webhook.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portone {

/// An amount as PortOne writes it in a list of every channel's payments: the number as sent, and
/// its value in yen when it is a whole, positive number of yen within portone::yen's range.
struct listed_amount {
    std::string text;       ///< the JSON number, as written ("5000", "100.5")
    std::optional<portone::yen> in_yen; ///< nullopt: a fraction, zero, or out of yen's range

    friend bool operator==(const listed_amount&, const listed_amount&) = default;
};

/// One payment of fetch-all-payments (PortOne's `MerchantTransactionsContent`; every member
/// optional, as there). Unknown keys are kept in `extra_fields`.
struct payment_summary {
    std::optional<listed_amount> amount;
    std::optional<std::string> currency;
    std::optional<std::string> order_ref;
    std::optional<std::string> channel_order_ref;
    std::optional<std::string> merchant_order_ref;
    std::optional<transaction_status> status;
    std::optional<transaction_status_code> status_code;
    std::optional<std::string> status_reason;
    std::optional<std::string> status_channel_reason;
    std::optional<std::string> channel_key;     ///< "KOMOJU", or another channel's
    std::optional<std::string> method_key;      ///< as sent: not only KOMOJU's keys
    std::optional<std::string> method_name;
    std::optional<std::string> method_sub_type;
    std::optional<std::string> created_at;      ///< "2024-12-11T09:00:13.466197Z"
    std::optional<bool> is_refund_allowed;
    std::optional<bool> is_multi_refund_allowed;
    std::optional<bool> refund_completed;
    std::optional<std::string> link_order_ref;
    std::optional<std::string> payment_link_ref;
    std::optional<std::string> payment_link_merchant_order_ref;
    std::optional<std::string> source;
    std::optional<std::string> remit_status;    ///< "UNSETTLED", ...
    std::optional<std::string> recon_status;
    std::optional<std::string> description;
    json::extra_fields extra_fields;

    /// created_at as a time point, when it is there and readable.
    std::optional<timestamp> created() const noexcept
    {
        if (!created_at) return std::nullopt;
        return parse_timestamp(*created_at);
    }
};

/// A page of fetch-all-payments. PortOne types the counters as JSON numbers: they are read as
/// integers (5.0 is 5; a fraction is an error).
struct payments_page {
    std::optional<std::vector<payment_summary>> content;
    std::optional<std::int64_t> total_elements;
    std::optional<std::int64_t> total_pages;
    std::optional<std::int64_t> size;
    std::optional<std::int64_t> page;
    std::optional<std::int64_t> number_of_elements;
    json::extra_fields extra_fields;

    std::span<const payment_summary> payments() const noexcept
    {
        if (!content) return {};
        return *content;
    }
};

/// The answer of fetch-all-payments: the page under `body`, and the call's status. PortOne's
/// example spells the reason `status_message`, its schema `status_reason`: either is read.
struct payments_page_answer {
    payments_page body;
    std::optional<transaction_status_code> status_code;
    std::optional<std::string> status_reason;
    std::optional<std::string> status_message;
    std::optional<std::string> message;
    json::extra_fields extra_fields;
};

/// What to list: payments created in [from, to] in one environment, `page_size` a page.
struct payments_query {
    timestamp from;
    timestamp to;
    portone::environment environment = portone::environment::live;
    std::int64_t page_size = 100;
};

/// `t` as PortOne's example writes times: RFC 3339 in UTC with milliseconds
/// ("2022-12-11T09:05:35.803Z"); an empty string if its year is not one of RFC 3339's four-digit
/// years (0000 to 9999), which fetch_all_payments refuses.
PORTONE_DECL std::string format_timestamp(timestamp t);

namespace api {

/// POST /api/merchant/{key}/fetch-all-payments: page `page` (1-based) of `query`.
PORTONE_DECL result<http_request> fetch_all_payments(const payments_query& query, std::int64_t page,
                                                     const portone_key& key,
                                                     const bearer_token& token);

} // namespace api

} // namespace portone

// A listed amount: any JSON number, kept as written; its yen value when it is one.
template <>
struct portone::json::conversion<portone::listed_amount> {
    static constexpr conversion_source source = conversion_source::any_value;
    PORTONE_DECL static result<listed_amount> convert(std::string_view json,
                                                      std::string_view where);
    /// The number as it was written.
    static raw_json_view to_json(const listed_amount& a) noexcept { return {a.text}; }
};

namespace portone {
PORTONE_DESCRIBE(payment_summary, amount, currency, order_ref, channel_order_ref,
                 merchant_order_ref, status, status_code, status_reason, status_channel_reason,
                 channel_key, method_key, method_name, method_sub_type, created_at,
                 is_refund_allowed, is_multi_refund_allowed, refund_completed, link_order_ref,
                 payment_link_ref, payment_link_merchant_order_ref, source, remit_status,
                 recon_status, description, extra_fields);
PORTONE_DESCRIBE(payments_page, content, total_elements, total_pages, size, page,
                 number_of_elements, extra_fields);
PORTONE_DESCRIBE(payments_page_answer, body, status_code, status_reason, status_message, message,
                 extra_fields);

/// Reads the answer to api::fetch_all_payments (see parse_response for refusals). Errors in the
/// page are at "/body/...".
PORTONE_DECL api_result<payments_page_answer>
parse_payments_page(int http_status, std::string_view body, const json::read_limits& limits = {});

/// Walks every page of a query: next_request() gives the request for the next page, take()
/// reads its answer and moves on. A failed page is asked for again by the next next_request().
class payment_pages {
public:
    /// A walk that asks for at most `max_pages` pages (a bound against an answer that never
    /// says it is the last).
    explicit payment_pages(payments_query query, std::int64_t max_pages = 100'000) noexcept
        : query_(query), max_pages_(max_pages)
    {
    }

    /// The request for the next page, or nullopt once every page has been read.
    std::optional<result<http_request>> next_request(const portone_key& key,
                                                     const bearer_token& token) const
    {
        if (done_) return std::nullopt;
        return api::fetch_all_payments(query_, next_page_, key, token);
    }

    /// Reads the answer to the request next_request() gave. On success the walk moves to the
    /// next page (or ends); on failure it stays, so that the same page is asked for again.
    PORTONE_DECL api_result<payments_page> take(int http_status, std::string_view body);

    bool done() const noexcept { return done_; }
    /// The page the next request asks for (1-based).
    std::int64_t next_page() const noexcept { return next_page_; }
    /// Payments read so far.
    std::int64_t payments_read() const noexcept { return seen_; }

private:
    payments_query query_;
    std::int64_t max_pages_;
    std::int64_t next_page_ = 1;
    std::int64_t seen_ = 0;
    bool done_ = false;
};

/// Every payment of `query`, handed to `visit` in PortOne's order: `send(const http_request&)`
/// sends a request and returns a pair {HTTP status, body} (0 when nothing came back). Stops at
/// the first failure and returns it (the pages before it were visited); success when every page
/// was read.
template <class Send, class Visit>
api_result<std::int64_t> for_each_payment(const payments_query& query, const portone_key& key,
                                          const bearer_token& token, Send&& send, Visit&& visit)
{
    payment_pages pages(query);
    while (auto call = pages.next_request(key, token)) {
        if (!*call) return detail::unreadable(0, call->error());
        const auto [http_status, body] = send(**call);
        auto page = pages.take(http_status, body);
        if (!page) return std::move(page).error();
        for (const payment_summary& p : page->payments()) visit(p);
    }
    return pages.payments_read();
}

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/reconciliation.ipp>
#endif
