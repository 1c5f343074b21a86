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
#include <portone/core/method_traits.hpp>
#include <portone/core/money.hpp>
#include <portone/core/validation.hpp>
#include <portone/komoju/dispatch.hpp>
#include <portone/protocol/payment_details.hpp>
#include <portone/protocol/signature.hpp>

#include <concepts>
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
    /// The method, when `method_key` is present; nullptr when it is not. An unknown key is an
    /// errc::unknown_method error.
    const method_traits* method_key = nullptr;
    /// Every other parameter (message, buyer_*, channel_key, lang, ...), in order.
    std::vector<query_param> other_params;

    /// The value of another parameter, or nullptr.
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

/// A redirect amount: digits, optionally followed by a zero fraction ("5000", "5000.00").
PORTONE_DECL result<yen> redirect_amount(std::string_view text);

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
/// errc::missing_field (a required parameter is absent), duplicate_key (a parameter is repeated),
/// unknown_method, invalid_value or an amount error (a malformed value; also a key or value that
/// is not UTF-8 once decoded), limit_exceeded (over `limits`), invalid_value with an empty `where`
/// (not a URL or query: a byte RFC 3986 does not allow there, or a '%' not followed by two hex
/// digits). A fragment ('#...') is ignored; empty parameters ("a=1&&b=2") are skipped.
/// Reads only the bytes of `url_or_query`: a view into a larger buffer (the request line of an
/// HTTP request) is fine, and nothing after it is ever read. Does not verify the signature:
/// call verify_redirect next.
/// (`Result`: leave the default; a template so that it is compiled only where it is called.)
template <class Result = redirect_result>
result<Result> parse_redirect(std::string_view url_or_query, const redirect_limits& limits = {})
{
    if (url_or_query.size() > limits.max_bytes)
        return detail::redirect_over_limit("the redirect URL is ", url_or_query.size(), " bytes",
                                           limits.max_bytes);
    const result<std::string_view> query = detail::redirect_query(url_or_query);
    if (!query) return query.error();

    // The parameters this struct has members for; the first five are required.
    constexpr std::string_view known[] = {
        "channel_order_ref", "merchant_order_ref", "order_ref", "status", "signature_hash",
        "amount", "currency", "link_order_ref", "status_code", "status_reason", "method_key"};
    constexpr std::size_t known_count = sizeof known / sizeof known[0];
    constexpr std::size_t required_count = 5;

    std::size_t count = 0;
    detail::for_each_param(*query, [&](std::string_view, std::string_view, bool) {
        ++count;
        return true;
    });
    if (count > limits.max_params)
        return detail::redirect_over_limit("the redirect has ", count, " parameters",
                                           limits.max_params);

    Result out;
    bool seen[known_count] = {};
    const auto read = [&](std::string_view encoded_key,
                          std::string_view encoded_value) -> std::optional<error> {
        std::string key = detail::form_decoded(encoded_key);
        std::string value = detail::form_decoded(encoded_value);
        // Percent-encoding can carry any byte; like the JSON reader, accept only text.
        if (!validation::is_valid_utf8(key))
            return detail::redirect_error(errc::invalid_value, "",
                                          {"a redirect parameter name is not valid UTF-8 once "
                                           "decoded: ",
                                           input(key)});
        if (!validation::is_valid_utf8(value))
            return detail::redirect_error(errc::invalid_value, key,
                                          {"the redirect parameter ", input(key),
                                           " is not valid UTF-8 once decoded: ", input(value)});
        std::size_t i = 0;
        while (i < known_count && key != known[i]) ++i;
        if (i == known_count) {
            out.other_params.push_back({std::move(key), std::move(value)});
            return std::nullopt;
        }
        // A repeated signed parameter could be read one way here and another way by whatever
        // computed the signature; refuse it.
        if (seen[i])
            return detail::redirect_error(errc::duplicate_key, key,
                                          {"the parameter ", input(key), " appears twice"});
        seen[i] = true;
        switch (i) {
        case 0: out.channel_order_ref = std::move(value); break;
        case 1: out.merchant_order_ref = std::move(value); break;
        case 2: out.order_ref = std::move(value); break;
        case 3: out.status = transaction_status::from_text(value); break;
        case 4: out.signature_hash = std::move(value); break;
        case 5: {
            auto amount = detail::redirect_amount(value);
            if (!amount) return amount.error();
            out.amount = *amount;
            break;
        }
        case 6: out.currency = std::move(value); break;
        case 7: out.link_order_ref = std::move(value); break;
        case 8: out.status_code = transaction_status_code::from_text(value); break;
        case 9: out.status_reason = std::move(value); break;
        default: {
            auto method = komoju::method_by_key(value, "method_key");
            if (!method) return method.error();
            out.method_key = *method;
            break;
        }
        }
        return std::nullopt;
    };
    std::optional<error> failure;
    detail::for_each_param(*query, [&](std::string_view key, std::string_view value, bool) {
        failure = read(key, value);
        return !failure;
    });
    if (failure) return std::move(*failure);
    for (std::size_t i = 0; i < required_count; ++i)
        if (!seen[i])
            return detail::redirect_error(errc::missing_field, known[i],
                                          {"the redirect has no ", known[i], " parameter"});
    return out;
}

/// Checks the redirect's `signature_hash` against its four signed parameters (channel_order_ref,
/// merchant_order_ref, order_ref, status). An errc::invalid_signature error says whether it was
/// empty, not Base64, or did not match.
/// (`Redirect` is redirect_result: a template so that it is compiled only where it is called.)
template <class Redirect>
    requires std::same_as<Redirect, redirect_result>
result<void> verify_redirect(const Redirect& r, const signer& sign)
{
    const signed_field fields[] = {{"channel_order_ref", r.channel_order_ref},
                                   {"merchant_order_ref", r.merchant_order_ref},
                                   {"order_ref", r.order_ref},
                                   {"status", r.status.text}};
    return detail::check_signature(sign, fields, r.signature_hash, "signature_hash");
}

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/redirect.ipp>
#endif
