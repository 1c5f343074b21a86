// SPDX-License-Identifier: BSL-1.0
// What PortOne reports about a payment, shared by the payment webhook (payment_webhook.hpp) and
// the success/failure redirect (redirect.hpp): the transaction status, the status code and its
// series, the KOMOJU `additional_payment_details` (what a konbini, PayEasy or bank-transfer
// customer needs in order to pay), and the signature check both messages use.
//
// Only types and small functions live here (json/read_types.hpp, not the parser): reading
// additional_payment_details needs the JSON parser and is in payment_webhook.hpp, so that the
// redirect does not pull the parser in.
#pragma once

#include <portone/config.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/error.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/json/read_types.hpp>
#include <portone/protocol/crypto.hpp>
#include <portone/protocol/signature.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace portone {

/// A transaction's `status`. PortOne shows five values (Initiated, Pending, Success, Failed,
/// Expired). `cancelled` is KOMOJU's: its dashboard event payment.cancelled is one of the five
/// PortOne's KOMOJU page asks merchants to enable, and PortOne does not say how it reports it;
/// "Cancelled" (or "Canceled") is read as this value should it arrive. PortOne documents no
/// state machine, so any other text is `unknown`, which is not an error: see
/// protocol/payment_lifecycle.hpp for what to do with each.
enum class payment_status { initiated, pending, success, failed, expired, cancelled, unknown };

constexpr std::string_view to_string(payment_status s) noexcept
{
    switch (s) {
    case payment_status::initiated: return "Initiated";
    case payment_status::pending: return "Pending";
    case payment_status::success: return "Success";
    case payment_status::failed: return "Failed";
    case payment_status::expired: return "Expired";
    case payment_status::cancelled: return "Cancelled";
    case payment_status::unknown: return "unknown";
    }
    return "unknown";
}

/// True for the statuses after which a payment does not change any more: Success, Expired and
/// Cancelled. Failed is not final: KOMOJU lets the shopper try again ("payment may be
/// re-attempted", its payment.failed event), so a Success may follow. A refund is reported
/// separately (`refund_status`, the refund webhook).
constexpr bool is_final(payment_status s) noexcept
{
    return s == payment_status::success || s == payment_status::expired ||
           s == payment_status::cancelled;
}

namespace detail {
constexpr bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char x = (a[i] >= 'A' && a[i] <= 'Z') ? char(a[i] - 'A' + 'a') : a[i];
        const char y = (b[i] >= 'A' && b[i] <= 'Z') ? char(b[i] - 'A' + 'a') : b[i];
        if (x != y) return false;
    }
    return true;
}
} // namespace detail

/// A `status` as received: its meaning, and its text exactly as sent (the signature covers the
/// text, so it is kept verbatim even when the value is unknown).
struct transaction_status {
    payment_status value = payment_status::unknown;
    std::string text;

    /// The status `text` means. PortOne writes "Success"; other cases ("SUCCESS") are accepted
    /// too, since the meaning does not depend on case (the signature still checks the exact text).
    PORTONE_DECL static transaction_status from_text(std::string_view text);

    friend bool operator==(const transaction_status&, const transaction_status&) = default;
    friend bool operator==(const transaction_status& s, payment_status p) noexcept
    {
        return s.value == p;
    }
};

/// The series of a `status_code` (PortOne's error-code table): the thousands digit.
enum class status_series {
    unknown = 0,          ///< not a number, or a series PortOne does not document
    pending = 1000,       ///< not final yet
    success = 2000,
    validation = 4000,    ///< the request was invalid (4001 INVALID_REQUEST_DATA, ...)
    system = 5000,        ///< PortOne or PSP system error
    bank_or_card = 6000,  ///< refused by the bank or card issuer
    customer = 7000,      ///< customer errors (7000 ERROR_CREATING_CUSTOMER)
    psp = 8000,           ///< other PSP errors (8001 PAYMENT_AUTHORIZATION_ERROR...)
};

constexpr std::string_view to_string(status_series s) noexcept
{
    switch (s) {
    case status_series::unknown: return "unknown";
    case status_series::pending: return "pending";
    case status_series::success: return "success";
    case status_series::validation: return "validation error";
    case status_series::system: return "system error";
    case status_series::bank_or_card: return "bank or card error";
    case status_series::customer: return "customer error";
    case status_series::psp: return "PSP error";
    }
    return "unknown";
}

/// A `status_code` as received ("2000", a JSON string in PortOne's samples): its number and series,
/// and its text. Informational (the signature does not cover it), so text that is not a number is
/// kept with series `unknown` rather than rejected.
struct transaction_status_code {
    std::string text;
    std::optional<int> number;           ///< nullopt unless `text` is 1 to 9 ASCII digits
    status_series series = status_series::unknown;

    PORTONE_DECL static transaction_status_code from_text(std::string_view text);

    friend bool operator==(const transaction_status_code&,
                           const transaction_status_code&) = default;
};

// additional_payment_details: sent by PortOne for konbini, PayEasy and bank-transfer payments
// (PortOne's KOMOJU page), selected by its `type`. The fields are those of PortOne's examples;
// they are optional (PortOne does not say which are always there) except konbini's `store`, which
// says where to pay. Unknown keys are kept in `extra_fields`.

// Each struct names its `type` (type_name) and the kind of method it comes with (method_kind_of):
// the reader chooses the struct by either (payment_webhook.hpp), from these two alone.

/// `"type": "konbini"`: how to pay at a convenience store.
struct konbini_details {
    static constexpr std::string_view type_name = "konbini";
    static constexpr method_kind method_kind_of = method_kind::konbini;

    std::string type;                               ///< "konbini"
    std::optional<std::string> confirmation_code;
    std::optional<std::string> email;
    std::optional<std::string> instructions_url;   ///< KOMOJU's page with the instructions
    std::optional<std::string> receipt;            ///< the payment (receipt) number
    std::string store;                              ///< KOMOJU's store code, "family-mart"
    std::optional<std::string> wellnet_wallet_url;
    json::extra_fields extra_fields;
    /// Not a JSON key: the konbini method of `store` (KOMOJU_KONBINI_FAMILY_MART for
    /// "family-mart"), set by the reader from the catalog it was handed. An unknown store is an
    /// error, so it is never nullptr in a parsed webhook.
    const method_traits* method = nullptr;

    friend bool operator==(const konbini_details&, const konbini_details&) = default;
};

/// `"type": "pay_easy"`: the numbers to enter at an ATM or in online banking.
struct pay_easy_details {
    static constexpr std::string_view type_name = "pay_easy";
    static constexpr method_kind method_kind_of = method_kind::pay_easy;

    std::string type; ///< "pay_easy"
    std::optional<std::string> bank_id;
    std::optional<std::string> confirmation_id;
    std::optional<std::string> customer_id;
    std::optional<std::string> email;
    std::optional<std::string> instructions_url;
    std::optional<std::string> payment_url;
    json::extra_fields extra_fields;

    friend bool operator==(const pay_easy_details&, const pay_easy_details&) = default;
};

/// `"type": "bank_transfer"`: the account to transfer to, and by when.
struct bank_transfer_details {
    static constexpr std::string_view type_name = "bank_transfer";
    static constexpr method_kind method_kind_of = method_kind::bank_transfer;

    std::string type; ///< "bank_transfer"
    std::optional<std::string> account_branch_name;
    std::optional<std::string> account_name;
    std::optional<std::string> account_number;
    std::optional<std::string> account_type;     ///< e.g. 普通預金 (ordinary deposit)
    std::optional<std::string> bank_name;
    std::optional<std::string> email;
    std::optional<std::string> instructions_url;
    std::optional<std::string> order_id;
    std::optional<std::string> payment_deadline; ///< ISO 8601 with offset, as sent
    json::extra_fields extra_fields;

    friend bool operator==(const bank_transfer_details&, const bank_transfer_details&) = default;
};

/// A `type` this library does not know (or none): kept whole, not an error.
struct other_payment_details {
    std::string type;   ///< "" if the object had no `type`
    json::raw_json json; ///< the whole object, as compact JSON text

    friend bool operator==(const other_payment_details&, const other_payment_details&) = default;
};

/// `{}`: the method has no additional details (cards, wallets).
struct no_payment_details {
    friend bool operator==(no_payment_details, no_payment_details) = default;
};

/// The `additional_payment_details` of a payment, by type.
using payment_details = std::variant<no_payment_details, konbini_details, pay_easy_details,
                                     bank_transfer_details, other_payment_details>;

namespace detail {

/// additional_payment_details' `type` alone, read first to choose the struct.
struct payment_details_type {
    std::optional<std::string> type;
};

/// What is wrong with `signature` (at `where`), which did not match: empty, not Base64, not a
/// SHA-256 MAC, or simply not the right one. Says it from the signature alone, which is public;
/// only the comparison that came before involved the expected value (in constant time). A valid
/// message thus costs no Base64 decoding: a matching signature is the Base64 of a 32-byte MAC.
PORTONE_DECL error signature_problem(std::string_view signature, std::string_view where);

/// The result of a signature check: nothing, what is wrong with the signature, or that OpenSSL
/// could not compute the MAC (then nothing was checked: not the sender's fault, and not a reason
/// to reject the message for good).
PORTONE_DECL result<void> signature_result(signature_check check, std::string_view signature,
                                           std::string_view where);

/// Checks `signature` (the message's `signature_hash`, at `where`) against `fields`, in any
/// order, and says what is wrong with it (signature_problem).
PORTONE_DECL result<void> check_signature(const signer& sign,
                                          std::span<const signed_field> fields,
                                          std::string_view signature, std::string_view where);

/// The same for the fields `Names` lists (webhook_signed_fields, ...), `values` in its order:
/// the list is checked at compile time, so nothing is sorted or checked at run time.
template <const auto& Names>
result<void> check_signature(const signer& sign, const signed_values<Names>& values,
                             std::string_view signature, std::string_view where)
{
    return signature_result(sign.check<Names>(values, signature), signature, where);
}

} // namespace detail
} // namespace portone

// Reading the status fields from JSON strings (json/reader.hpp): the text is kept, never rejected.
template <>
struct portone::json::conversion<portone::transaction_status> {
    static constexpr conversion_source source = conversion_source::string;
    static result<transaction_status> convert(std::string_view text, std::string_view)
    {
        return transaction_status::from_text(text);
    }
    static std::string_view to_json(const transaction_status& s) noexcept { return s.text; }
};

template <>
struct portone::json::conversion<portone::transaction_status_code> {
    static constexpr conversion_source source = conversion_source::string;
    static result<transaction_status_code> convert(std::string_view text, std::string_view)
    {
        return transaction_status_code::from_text(text);
    }
    static std::string_view to_json(const transaction_status_code& s) noexcept { return s.text; }
};

namespace portone {
PORTONE_DESCRIBE(konbini_details, type, confirmation_code, email, instructions_url, receipt, store,
                 wellnet_wallet_url, extra_fields);
PORTONE_DESCRIBE(pay_easy_details, type, bank_id, confirmation_id, customer_id, email,
                 instructions_url, payment_url, extra_fields);
PORTONE_DESCRIBE(bank_transfer_details, type, account_branch_name, account_name, account_number,
                 account_type, bank_name, email, instructions_url, order_id, payment_deadline,
                 extra_fields);
} // namespace portone
namespace portone::detail {
PORTONE_DESCRIBE(payment_details_type, type);
} // namespace portone::detail

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/payment_details.ipp>
#endif
