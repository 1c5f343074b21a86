// SPDX-License-Identifier: BSL-1.0
// PortOne's answer to initiatePayment, and the one decision a merchant makes from it: where to send
// the shopper, or why not.
//
//   auto call = portone::api::initiate_payment(*request, key, sign);   // protocol/http_request.hpp
//   const auto [http_status, body] = client.send(*call);                // your HTTP client
//   auto started = portone::read_payment_started(http_status, body, portone::shopper_device::web);
//   if (!started) return show_error(started.error());                  // refusal or unreadable
//   save(order, started->answer.order_ref);                             // PortOne's reference
//   switch (started->destination.how) {
//   case portone::destination_kind::redirect:                           // a page of KOMOJU's
//   case portone::destination_kind::deep_link: return redirect(started->destination.url);
//   case portone::destination_kind::qr_code:   return show_qr(started->destination.url,
//                                                             *started->destination.expires_in);
//   }
//
// PortOne's schema (payment_openapispec.yaml, 200 and 401) marks no field required and documents
// none of the choices: its example has all three of redirect_url, deep_link and qrcode_url, its
// description of redirect_url is a copy of another field's, and `expiry_in_minutes` is a JSON
// string ("20"). The rules below are the library's: documented in docs/merchant-guide.md.
#pragma once

#include <portone/config.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/error.hpp>
#include <portone/json/read_types.hpp>
#include <portone/protocol/api_error.hpp>
#include <portone/protocol/payment_details.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace portone {

/// A number of minutes that PortOne sends as text (`expiry_in_minutes`: "20"): the text as sent,
/// and the duration it says. A JSON number is accepted too, in case PortOne ever sends one.
struct minutes_text {
    std::string text;                            ///< as sent, without the quotes
    std::optional<std::chrono::minutes> minutes; ///< nullopt for "" (no expiry given)

    friend bool operator==(const minutes_text&, const minutes_text&) = default;
};

/// PortOne's answer to initiatePayment. Every member is optional, as in PortOne's schema; the
/// failure answer (HTTP 401, or `is_success: false`) has `is_success`, `message`, `status_code`
/// and `status_reason`.
struct initiate_payment_answer {
    std::optional<bool> is_success;
    /// Where to send the shopper's browser: KOMOJU's page for the method (or PortOne's result
    /// page for card payments).
    std::optional<std::string> redirect_url;
    /// A link that opens the method's app on a phone (PayPay, ...), when there is one.
    std::optional<std::string> deep_link;
    /// An image of a QR code the shopper scans with a phone, and how long it stays valid.
    std::optional<std::string> qrcode_url;
    std::optional<minutes_text> expiry_in_minutes;
    std::optional<std::string> order_ref;          ///< PortOne's reference: refunds use it
    std::optional<std::string> channel_order_ref;  ///< KOMOJU's reference
    std::optional<std::string> merchant_order_ref; ///< your merchant_order_id
    std::optional<std::string> message;
    std::optional<json::raw_json> additional_data; ///< `null` in PortOne's example: kept as JSON
    std::optional<transaction_status_code> status_code;  ///< in failure answers
    std::optional<std::string> status_reason;            ///< in failure answers
    json::extra_fields extra_fields;
};

/// How to send the shopper on.
enum class destination_kind {
    redirect,  ///< send the browser to `url` (HTTP 303 or a link)
    deep_link, ///< open `url` on the phone: it starts the payment app
    qr_code,   ///< show the image at `url`; the shopper scans it with a phone before it expires
};

constexpr std::string_view to_string(destination_kind k) noexcept
{
    switch (k) {
    case destination_kind::redirect: return "redirect";
    case destination_kind::deep_link: return "deep link";
    case destination_kind::qr_code: return "QR code";
    }
    return "redirect";
}

/// Where the shopper is: what decides between a deep link, a redirect and a QR code.
enum class shopper_device {
    web,    ///< a browser on a computer: redirect, else a QR code to scan with a phone
    mobile, ///< a phone (browser or app): the deep link, else the redirect
};

struct shopper_destination {
    destination_kind how = destination_kind::redirect;
    std::string url;
    /// For a QR code: how long it stays valid, when PortOne says so (expiry_in_minutes).
    std::optional<std::chrono::minutes> expires_in;
    /// For a deep link: the redirect URL too, to fall back on when the app is not installed
    /// (empty if PortOne gave none).
    std::string fallback_url;

    friend bool operator==(const shopper_destination&, const shopper_destination&) = default;
};

/// A payment PortOne accepted: its answer (references) and where to send the shopper.
struct payment_started {
    initiate_payment_answer answer;
    shopper_destination destination;
};

namespace detail {

inline bool given(const std::optional<std::string>& s) noexcept
{
    return s && !s->empty();
}

} // namespace detail

/// Where to send the shopper, as the answer allows, for `device`:
///   - web: redirect_url; else qrcode_url (with its expiry); else deep_link;
///   - mobile: deep_link (with redirect_url as its fallback); else redirect_url; else qrcode_url.
/// An empty string counts as absent. No URL at all is errc::missing_field at "/redirect_url".
PORTONE_DECL result<shopper_destination> destination_of(const initiate_payment_answer& a,
                                                        shopper_device device);

} // namespace portone

// `expiry_in_minutes`: "20" (or 20); "" is no expiry (a method without a QR code), null is absent.
template <>
struct portone::json::conversion<portone::minutes_text> {
    static constexpr conversion_source source = conversion_source::any_value;
    PORTONE_DECL static result<minutes_text> convert(std::string_view json, std::string_view where);
    /// As PortOne sends it: a string ("20", or "" for no expiry).
    static std::string_view to_json(const minutes_text& m) noexcept { return m.text; }
};

namespace portone {
PORTONE_DESCRIBE(initiate_payment_answer, is_success, redirect_url, deep_link, qrcode_url,
                 expiry_in_minutes, order_ref, channel_order_ref, merchant_order_ref, message,
                 additional_data, status_code, status_reason, extra_fields);

/// Reads PortOne's answer to initiatePayment. A failure is an api_failure (api_error.hpp): a
/// non-2xx answer (PortOne answers a refused request with HTTP 401 and its error body), and also
/// a 2xx answer that says `"is_success": false` or carries a failing status_code, which is a
/// refusal with PortOne's message and code, never a payment.
PORTONE_DECL api_result<initiate_payment_answer>
parse_initiate_payment_answer(int http_status, std::string_view body,
                              const json::read_limits& limits = {});

/// The one call after initiatePayment: PortOne's answer read, and where to send the shopper on
/// `device` (destination_of), or why not: PortOne refused the payment, the answer is unreadable,
/// or it gives no URL (errc::missing_field at "/redirect_url").
PORTONE_DECL api_result<payment_started> read_payment_started(int http_status,
                                                             std::string_view body,
                                                             shopper_device device,
                                                             const json::read_limits& limits = {});

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/payment_answer.ipp>
#endif
