// SPDX-License-Identifier: BSL-1.0
// Reading PortOne's answer to the refund API. Both calls answer with the same shape:
//
//   POST /api/refund/{order_ref}   api::create_refund -> parse_refund_response
//   GET  /api/refund/{order_ref}   api::list_refunds  -> parse_refund_response
//
//   {"amountToRefund": 3800,                           <- what is left to refund (may be 0)
//    "refundDetails": [{"refund_id": "...", "amount": 1200, "currency": "JPY",
//                       "refund_status": "SUCCESS", "refund_type": "partial", ...}]}
//
// (camelCase outside, snake_case inside: PortOne's spelling, kept as the member names.) Every
// refund of the payment is listed, not only the one just created.
//
//   auto r = portone::parse_refund_response(http_status, body);
//   if (!r) return log(r.error().message);             // refusal or unreadable (api_error.hpp)
//   for (const portone::refund_record& x : r->refunds()) ...
//
// Before a refund, check_refund_fits() compares it with what is left (from api::list_refunds).
#pragma once

#include <portone/config.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/error.hpp>
#include <portone/core/money.hpp>
#include <portone/json/read_types.hpp>
#include <portone/protocol/api_error.hpp>
#include <portone/request/refund_request.hpp>

#include <charconv>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace portone {

/// What a `refund_status` means. PortOne documents a single value, "SUCCESS"; any other text is
/// `unknown` (not an error): do not treat the money as returned, ask again with api::list_refunds.
enum class refund_state { success, unknown };

/// A `refund_status` as received: its meaning, and its text exactly as sent.
struct refund_status_text {
    refund_state value = refund_state::unknown;
    std::string text;

    static refund_status_text from_text(std::string_view text)
    {
        return {text == "SUCCESS" ? refund_state::success : refund_state::unknown,
                std::string(text)};
    }

    friend bool operator==(const refund_status_text&, const refund_status_text&) = default;
    friend bool operator==(const refund_status_text& s, refund_state v) noexcept
    {
        return s.value == v;
    }
};

/// An amount of yen that may be zero: what is left to refund once everything was refunded.
/// Never negative, never above portone::max_minor_units<currency::jpy> (the reader checks).
class refundable_yen {
public:
    constexpr refundable_yen() noexcept = default;

    /// Checked: 0 <= minor_units <= the yen maximum.
    PORTONE_DECL static result<refundable_yen> from(std::int64_t minor_units,
                                                    std::string_view where = "amount");

    constexpr std::int64_t minor_units() const noexcept { return units_; }
    /// True when nothing is left.
    constexpr bool is_zero() const noexcept { return units_ == 0; }
    /// The amount as yen, or nullopt when it is zero (yen is never zero).
    PORTONE_DECL std::optional<yen> as_yen() const noexcept;

    friend constexpr bool operator==(refundable_yen, refundable_yen) = default;
    friend constexpr std::strong_ordering operator<=>(refundable_yen, refundable_yen) = default;
    friend constexpr bool operator==(refundable_yen a, yen b) noexcept
    {
        return a.units_ == b.minor_units();
    }
    friend constexpr std::strong_ordering operator<=>(refundable_yen a, yen b) noexcept
    {
        return a.units_ <=> b.minor_units();
    }

private:
    constexpr explicit refundable_yen(std::int64_t units) noexcept : units_(units) {}
    std::int64_t units_ = 0;
};

/// One refund of a payment, as PortOne lists it (`refundDetails[]`; the refund webhook carries
/// the same fields and more).
///
/// Required (absent: errc::missing_field): refund_id, amount, currency, refund_status and
/// refund_type, the fields every one of PortOne's examples has and that say what was refunded.
/// The rest is optional.
struct refund_record {
    /// PortOne's reference of the refund. PortOne's own example answer has it empty ("").
    std::string refund_id;
    /// Not a real default: the reader overwrites it (yen cannot be zero).
    yen amount = 1_yen;
    std::string currency;               ///< "JPY" for KOMOJU
    refund_status_text refund_status;   ///< "SUCCESS", and its meaning
    /// "full" or "partial" exactly (PortOne's enum); any other text is errc::invalid_value.
    portone::refund_type refund_type = portone::refund_type::full;
    std::optional<std::string> refund_date;   ///< as sent: PortOne's examples use two formats
    std::optional<std::string> psp_refund_id; ///< KOMOJU's reference of the refund
    std::optional<std::string> refund_reason;
    std::optional<std::string> merchant_id;
    json::extra_fields extra_fields;

    friend bool operator==(const refund_record&, const refund_record&) = default;
};

/// The answer of both refund calls.
struct refund_response {
    /// What is left to refund: 0 once the payment is refunded in full. A JSON number; a negative,
    /// fractional or too large one is an error at "/amountToRefund".
    refundable_yen amountToRefund;
    /// Every refund of the payment, in PortOne's order. `null` or absent: none.
    std::optional<std::vector<refund_record>> refundDetails;
    json::extra_fields extra_fields;

    /// The refunds (empty when PortOne sent none).
    PORTONE_DECL std::span<const refund_record> refunds() const noexcept;
    /// The refund with this refund_id, or nullptr. An empty id finds nothing (PortOne's example
    /// answer has a refund with an empty refund_id: it cannot be told apart by it).
    PORTONE_DECL const refund_record* find(std::string_view refund_id) const noexcept;
    /// The refund with this psp_refund_id (KOMOJU's reference), or nullptr.
    PORTONE_DECL const refund_record*
    find_by_psp_refund_id(std::string_view psp_refund_id) const noexcept;

    friend bool operator==(const refund_response&, const refund_response&) = default;

private:
    template <class Id>
    const refund_record* find_by(Id refund_record::*member, std::string_view id) const noexcept
    {
        if (id.empty()) return nullptr;
        for (const refund_record& r : refunds())
            if (r.*member == id) return &r;
        return nullptr;
    }
};

namespace detail {

/// What a compact JSON value is, from its first byte, for "must be X, not Y" messages.
constexpr std::string_view json_type_name(std::string_view json) noexcept
{
    const char c = json.empty() ? ' ' : json.front();
    return c == '"'   ? "a string"
           : c == '{' ? "an object"
           : c == '[' ? "an array"
           : c == 't' || c == 'f' ? "a boolean"
           : c == 'n' ? "null"
                      : "a number";
}

/// Reads a JSON number (as written) into a refundable_yen: not negative, not above the yen
/// maximum, whole. A zero fraction or an exponent (3800.0, 3.8e3) is still a whole number.
PORTONE_DECL result<refundable_yen> read_refundable_yen(std::string_view json,
                                                        std::string_view where);

} // namespace detail
} // namespace portone

// `refund_status`: any text, kept.
template <>
struct portone::json::conversion<portone::refund_status_text> {
    static constexpr conversion_source source = conversion_source::string;
    PORTONE_DECL static result<refund_status_text> convert(std::string_view text,
                                                           std::string_view where);
    static std::string_view to_json(const refund_status_text& s) noexcept { return s.text; }
};

// `refund_type`: PortOne's enum, "full" or "partial".
template <>
struct portone::json::conversion<portone::refund_type> {
    static constexpr conversion_source source = conversion_source::string;
    PORTONE_DECL static result<refund_type> convert(std::string_view text,
                                                    std::string_view where);
    static std::string_view to_json(refund_type t) noexcept { return to_string(t); }
};

// `amountToRefund`: any JSON value, so that a string is a wrong_type error rather than a match.
template <>
struct portone::json::conversion<portone::refundable_yen> {
    static constexpr conversion_source source = conversion_source::any_value;
    PORTONE_DECL static result<refundable_yen> convert(std::string_view json,
                                                       std::string_view where);
    static std::int64_t to_json(refundable_yen y) noexcept { return y.minor_units(); }
};

namespace portone {
PORTONE_DESCRIBE(refund_record, refund_id, amount, currency, refund_status, refund_type,
                 refund_date, psp_refund_id, refund_reason, merchant_id, extra_fields);
PORTONE_DESCRIBE(refund_response, amountToRefund, refundDetails, extra_fields);

/// Reads the answer to api::create_refund or api::list_refunds (see parse_response in
/// api_error.hpp for the HTTP status and PortOne's error bodies: a refund PortOne will not make,
/// such as 4070 INVALID_PAYMENT_REQUEST_REFUND_NOT_ALLOWED or 4081 PARTIAL_REFUND_NOT_ALLOWED,
/// is a refusal). Errors in a refund are at "/refundDetails/<index>/<field>".
PORTONE_DECL api_result<refund_response>
parse_refund_response(int http_status, std::string_view body, const json::read_limits& limits = {});

/// Checks a refund against what PortOne says is left to refund (`listed`, the answer of
/// api::list_refunds for the same payment), before sending it. Every problem is returned:
///   - errc::not_refundable at "amount": nothing is left.
///   - errc::invalid_value at "amount": a partial refund above what is left, or a full refund of
///     a payment that was already partly refunded (what a "full" refund would then return is not
///     documented; refund what is left as a partial refund instead).
/// Empty: the refund fits. Whether the payment allows several refunds at all is the payment's
/// `is_multi_refund_allowed` (payment webhook, transaction details).
PORTONE_DECL errors check_refund_fits(const refund_request_data& refund,
                                     const refund_response& listed);

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/refund_response.ipp>
#endif
