// SPDX-License-Identifier: BSL-1.0
// The two JSON documents of hosted Checkout, written from a checked request (typed
// checkout_request or dynamic_checkout_request):
//
// 1. The paymentLink body (POST /api/paymentLink, sent by your server; json::write_checkout):
//
//   {"portone_key":"...","currency":"JPY","country_code":"JP","environment":"sandbox",
//    "source":"api","merchant_order_id":"...","amount":5000,...,"merchant_details":{...},
//    "chosen_payment_methods":[{"payment_channel":"KOMOJU","payment_method":"KOMOJU_PAYPAY"}],
//    "signature_hash":"..."}
//
// `source` is "api" (PortOne: "'default', 'api' or 'checkout'": the link is created by the
// merchant's server). `chosen_payment_methods`, `customer_details`, `default_guest_checkout` and
// `merchant_details.logo` are not in PortOne's OpenAPI schema for this call; its Checkout pages
// and its update-paylink schema document them (docs/checkout.md, "Fields PortOne's schema lacks"). The whole body is written from struct descriptions (json/describe.hpp):
// the merchant's checkout_details between the fields that come from types and credentials,
// absent optional fields omitted; `expiry_date` is UTC, YYYY-MM-DDTHH:MM:SS.000Z as in PortOne's
// example. The signature_hash covers the same six values as initiatePayment's
// (portone::signer::payment_signature; PortOne's paymentLink schema points to that algorithm).
//
// 2. The web SDK payload (json::write_checkout_sdk_payload): the object your page passes to
// `portone.checkoutService.checkout(...)` in the browser, after
// `new window.PortOne({portOneKey, jwtToken})`. Written from the same parts and descriptions;
// what differs, and where it comes from:
//   - no `portone_key`, and no JWT: the SDK takes both in its constructor (PortOne's Checkout
//     Service page, "Sample code"; its parameter list has no key).
//   - `source` is "checkout": that list marks `source` required with the same three values as
//     the paymentLink schema, and "checkout" is the one that names this path ("api" is the
//     server's). PortOne does not say which value the SDK expects: an inference.
//   - `signature_hash` is still there (required in that list; the page notes a whitelisted
//     domain may skip it). Compute it on your server: the secret key never goes to the browser.
//   - `override_auto_redirect` (checkout_sdk_options) may be added: only that page lists it (the
//     SDK redirects the shopper to the link unless told not to); the paymentLink schema has not.
//   - everything else is the same as in the paymentLink body, `customer_details` and
//     `chosen_payment_methods` included, although the Checkout Service list names neither (the
//     SDK creates the same payment link; whether it passes these two on is not documented).
#pragma once

#include <portone/config.hpp>
#include <portone/core/credentials.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/core/utc_timestamp.hpp>
#include <portone/json/describe.hpp>
#include <portone/json/output.hpp>
#include <portone/request/checkout_request.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace portone::json {

namespace detail {

using portone::detail::put_utc_timestamp; // core/utc_timestamp.hpp (the year: checked by checkout())
using portone::detail::utc_timestamp_size;

/// One entry of `chosen_payment_methods`.
struct chosen_method {
    std::string_view payment_channel;
    std::string_view payment_method;
};

/// The `chosen_payment_methods` of a checkout_request<Env, Ms...>, computed at compile time.
template <payment_method... Ms>
inline constexpr std::array<chosen_method, sizeof...(Ms)> chosen_methods{
    {{Ms::channel::key, Ms::traits.key}...}};

/// The body is one object made of three described parts, in this order: what comes before the
/// merchant's fields, the merchant's fields (checkout_details, described with it), and what comes
/// after them. Member names are the JSON keys; the texts view the caller's data (nothing is
/// copied) and are all escaped, catalog constants included: a scan of a few bytes, and the writer
/// does not rely on where its strings come from. The paymentLink body and the SDK payload are
/// both written from these parts; where they differ, a member is empty (and omitted) in one.
struct checkout_head {
    std::optional<std::string_view> portone_key; ///< paymentLink only
    std::string_view currency;
    std::string_view country_code;
    std::string_view environment; ///< "sandbox" or "live"
    std::string_view source;      ///< "api" (paymentLink) or "checkout" (SDK)
};

struct checkout_tail {
    /// checkout_details::expiry_date, formatted by put_utc_timestamp beforehand: the generic
    /// writer knows no date format (and the member stays undescribed in checkout_details).
    std::optional<std::string_view> expiry_date;
    std::optional<bool> override_auto_redirect; ///< SDK only (checkout_sdk_options)
    std::span<const chosen_method> chosen_payment_methods;
    std::string_view signature_hash;
};

} // namespace detail
} // namespace portone::json

// Here, before the writer below uses them (a description must exist where it is first needed).
namespace portone::json::detail {
PORTONE_DESCRIBE(chosen_method, payment_channel, payment_method);
PORTONE_DESCRIBE(checkout_head, portone_key, currency, country_code, environment, source);
PORTONE_DESCRIBE(checkout_tail, expiry_date, override_auto_redirect, chosen_payment_methods,
                 signature_hash);
} // namespace portone::json::detail

namespace portone::json {

/// What the browser SDK's checkout call takes besides the link's own fields.
struct checkout_sdk_options {
    /// `override_auto_redirect`: whether the SDK, instead of sending the shopper to the link it
    /// created, hands the answer to your page (PortOne's iframe set-up sends it false with
    /// `is_checkout_embed` true). Not sent when unset.
    std::optional<bool> override_auto_redirect{};
};

namespace detail {

/// What differs between the two documents written from one Checkout request.
struct checkout_target {
    std::optional<std::string_view> portone_key;
    std::string_view source;
    std::optional<bool> override_auto_redirect;
};

/// The whole document, for every request type (the offered methods arrive as a list).
PORTONE_DECL std::string_view write_checkout_body(std::string& out, const checkout_head& head,
                                                  const checkout_details& d,
                                                  std::span<const chosen_method> methods,
                                                  const checkout_target& target,
                                                  std::string_view signature_hash);

/// A typed request: channel, currency and methods come from its types.
template <environment_tag Env, payment_method... Ms>
std::string_view write_checkout_for(std::string& out, const checkout_request<Env, Ms...>& request,
                                    const checkout_target& target,
                                    std::string_view signature_hash)
{
    using channel = typename portone::detail::first_of<Ms...>::type::channel;
    const checkout_head head{.portone_key = target.portone_key,
                             .currency = channel::currency::code,
                             .country_code = channel::country,
                             .environment = to_string(Env::value),
                             .source = target.source};
    return write_checkout_body(out, head, request.details(), chosen_methods<Ms...>, target,
                               signature_hash);
}

/// A request whose methods were chosen at run time.
PORTONE_DECL std::string_view write_checkout_for(std::string& out,
                                                 const dynamic_checkout_request& request,
                                                 const checkout_target& target,
                                                 std::string_view signature_hash);

/// A checkout_request<...> or a dynamic_checkout_request.
template <class Checkout>
concept checkout_writable = requires(std::string& out, const Checkout& request) {
    write_checkout_for(out, request, checkout_target{}, std::string_view{});
};

} // namespace detail

/// Appends the paymentLink JSON body of `request` (typed, or with methods chosen at run time) to
/// `out`, with the merchant's PortOne key and the request's signature_hash. Returns a view of the
/// appended text. Allocates nothing when `out` has the capacity.
template <detail::checkout_writable Checkout>
std::string_view write_checkout(std::string& out, const Checkout& request, const portone_key& key,
                                std::string_view signature_hash)
{
    return detail::write_checkout_for(
        out, request,
        {.portone_key = key.value(), .source = "api", .override_auto_redirect = std::nullopt},
        signature_hash);
}

/// Appends the object your page hands to the browser SDK, `portone.checkoutService.checkout(...)`
/// (see the top of this file for how it differs from the paymentLink body), with the request's
/// signature_hash computed on your server (api::checkout_signature). Returns a view of the
/// appended text. Allocates nothing when `out` has the capacity.
template <detail::checkout_writable Checkout>
std::string_view write_checkout_sdk_payload(std::string& out, const Checkout& request,
                                            std::string_view signature_hash,
                                            const checkout_sdk_options& options = {})
{
    return detail::write_checkout_for(
        out, request,
        {.portone_key = std::nullopt,
         .source = "checkout",
         .override_auto_redirect = options.override_auto_redirect},
        signature_hash);
}

} // namespace portone::json

#ifdef PORTONE_HEADER_ONLY
#include <portone/json/impl/checkout.ipp>
#endif
