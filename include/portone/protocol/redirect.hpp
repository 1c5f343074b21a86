// SPDX-License-Identifier: BSL-1.0
// The redirect back to the merchant: after a payment, PortOne sends the customer's browser to the
// success_url or failure_url with the result in the query string. Parse it, verify its signature
// (four fields), then show the customer a page; do not fulfil the order from it:
//
//   auto back = portone::parse_redirect(request_target);   // "/paid?order_ref=...&status=..."
//   if (!back || !portone::verify_redirect(*back, signer)) return show_error_page();
//   show_thank_you_page(back->merchant_order_ref, back->status.value);
//
// The redirect is not authoritative: the signature does not cover the amount, currency or status
// code, and the customer's browser may never arrive (closed tab, lost connection) or arrive twice.
// The webhook, or PortOne's status API, is the source of truth for the payment; see
// docs/webhooks.md.
#pragma once

#include <portone/config.hpp>
#include <portone/core/error.hpp>
#include <portone/core/method_catalog.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/core/money.hpp>
#include <portone/core/validation.hpp>
#include <portone/protocol/payment_details.hpp>
#include <portone/protocol/signature.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portone {

/// One query parameter, percent-decoded ('+' is a space).
struct query_param {
    std::string key;
    std::string value;

    friend bool operator==(const query_param&, const query_param&) = default;
};

/// The query parameters PortOne appends to the success or failure URL, decoded. Values are kept
/// exactly as decoded: the signed ones are what the signature covers.
struct redirect_result {
    // Signed (portone::redirect_signed_fields), required.
    std::string channel_order_ref;
    std::string merchant_order_ref;
    std::string order_ref;
    transaction_status status;
    // Required, not signed.
    std::string signature_hash;
    // Optional, not signed: informative only.
    std::optional<yen> amount;
    std::optional<std::string> currency;
    std::optional<std::string> link_order_ref;
    std::optional<transaction_status_code> status_code;
    std::optional<std::string> status_reason;
    /// The method, when `method_key` is present; nullptr when it is not. A key the catalog handed
    /// to parse_redirect does not know is an errc::unknown_method error.
    const method_traits* method_key = nullptr;
    /// Every other parameter (message, buyer_*, channel_key, lang, ...), in order.
    std::vector<query_param> other_params;

    /// The first value of another parameter (all of them are in other_params), or nullptr.
    const std::string* param(std::string_view key) const noexcept
    {
        for (const auto& p : other_params)
            if (p.key == key) return &p.value;
        return nullptr;
    }

    friend bool operator==(const redirect_result&, const redirect_result&) = default;
};

/// Longest redirect URL or query accepted by parse_redirect by default, in bytes.
inline constexpr std::size_t max_redirect_size = 16 * 1024;

/// What parse_redirect accepts. The defaults are far above what PortOne sends (about twenty
/// parameters, well under 2 KB) and well below what would let one request tie up a server.
struct redirect_limits {
    std::size_t max_bytes = max_redirect_size; ///< the whole URL or query, before decoding
    std::size_t max_params = 256;              ///< parameters, known and unknown
};

namespace detail {

PORTONE_DECL error redirect_error(errc code, std::string_view where,
                                  std::initializer_list<message_part> parts);

/// "the redirect has 300 parameters, more than the limit of 256"
PORTONE_DECL error redirect_over_limit(std::string_view what, std::size_t count,
                                       std::string_view unit, std::size_t limit);

/// The query of a redirect URL, request target or bare query: a view into `text`, without its
/// '?' and without the fragment ('#' and what follows). Every byte is checked here, and nothing
/// outside `text` is ever read: Boost.URL 1.81's parse_query reads a view that is not
/// NUL-terminated up to the next NUL byte (past its end, for a request target inside an HTTP
/// request buffer), and its URL parsers trip an assertion on some malformed input, so they are
/// not given the input at all.
PORTONE_DECL result<std::string_view> redirect_query(std::string_view text);

/// Calls `f(key, value, has_value)` for each `key=value` of a well-formed query, in order,
/// still percent-encoded, until it returns false. Empty parameters ("a=1&&b=2") are not
/// parameters: skipped, as Go's url.ParseQuery does.
template <class F>
void for_each_param(std::string_view query, F&& f)
{
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view param = query.substr(0, amp);
        query = amp == query.npos ? std::string_view() : query.substr(amp + 1);
        if (param.empty()) continue;
        const std::size_t eq = param.find('=');
        if (!f(param.substr(0, eq), eq == param.npos ? std::string_view() : param.substr(eq + 1),
               eq != param.npos))
            return;
    }
}

/// A percent-encoded query key or value, decoded ('+' is a space) by Boost.URL. The text is
/// well-formed (redirect_query checked it), so decoding cannot fail.
PORTONE_DECL std::string form_decoded(std::string_view encoded);

} // namespace detail

/// Reads the redirect's parameters from the URL PortOne redirected to ("https://shop.example/paid?
/// order_ref=..."), the request target ("/paid?order_ref=..."), or the bare query string
/// ("order_ref=..."). Fails with the first problem, `where` naming the parameter:
/// errc::missing_field (a required parameter is absent), duplicate_key (a parameter this struct
/// has a member for is repeated; others may repeat, and are all kept in other_params),
/// unsupported_currency (an amount with a `currency` other than JPY: `amount` is yen),
/// unknown_method (a method_key not in `methods`, e.g. komoju::methods), invalid_value or an
/// amount error (a malformed value; also a key or value that is not UTF-8 once decoded),
/// limit_exceeded (over `limits`), invalid_value with an empty `where` (not a URL or query: a
/// byte RFC 3986 does not allow there, or a '%' not followed by two hex digits). A fragment
/// ('#...') is ignored; empty parameters ("a=1&&b=2") are skipped. Reads only the bytes of
/// `url_or_query`: a view into a larger buffer (the request line of an HTTP request) is fine, and
/// nothing after it is ever read. Does not verify the signature: call verify_redirect next.
PORTONE_DECL result<redirect_result> parse_redirect(std::string_view url_or_query,
                                                   const method_catalog& methods,
                                                   const redirect_limits& limits = {});

/// Checks the redirect's `signature_hash` against its four signed parameters (channel_order_ref,
/// merchant_order_ref, order_ref, status). An errc::invalid_signature error says whether it was
/// empty, not Base64, or did not match.
PORTONE_DECL result<void> verify_redirect(const redirect_result& r, const signer& sign);

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/redirect.ipp>
#endif
