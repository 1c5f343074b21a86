// SPDX-License-Identifier: BSL-1.0
// PortOne's payment webhook (`payment_status`): the JSON body PortOne POSTs to the merchant when a
// payment changes state. A handler verifies the signature first, then reads the rest, compares it
// with the order and acts on the status (docs/webhooks.md walks through a handler):
//
//   auto received = portone::receive_payment_webhook(body, signer, portone::komoju::methods);
//   if (!received) return respond(portone::webhook_response_status(received.error()));
//   for (const auto& w : received->warnings) log(w.message);         // answer 2xx all the same
//   const portone::payment_webhook& hook = received->webhook;
//   const auto order = db.find(hook.merchant_order_ref);
//   if (auto e = portone::check_against_order(hook, {order.id, order.amount}); !e.empty()) ...
//   switch (hook.status.value) { case portone::payment_status::success: ... }
//
// parse_payment_webhook (strict: any problem is an error) and verify_payment_webhook are the two
// steps on their own.
//
// Every field PortOne documents for this webhook is a member, under its JSON name. Required (a
// webhook without one is rejected with errc::missing_field): the nine signed fields (amount,
// channel_key, channel_order_ref, country_code, currency, merchant_order_ref, method_name,
// order_ref, status), method_key and signature_hash. Everything else is optional. Keys PortOne
// may add later are not an error and not lost: they are kept, with their JSON values, in
// `extra_fields`, so an accepted webhook carries every field it had.
#pragma once

#include <portone/config.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/error.hpp>
#include <portone/core/method_catalog.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/core/money.hpp>
#include <portone/core/yen_member.hpp>
#include <portone/json/read_types.hpp>
#include <portone/json/reader.hpp>
#include <portone/protocol/payment_details.hpp>
#include <portone/protocol/signature.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace portone {

/// A payment webhook as received. String members hold the values exactly as sent (they are what
/// the signature covers).
struct payment_webhook {
    // Signed (portone::webhook_signed_fields), required.
    /// The default, 1 yen, is a placeholder and never a value read: yen cannot be zero and the
    /// reader needs a default-constructible struct. `amount` is required, so a body without it
    /// (or with null, 0, a fraction, ...) is an error of parse_payment_webhook at "/amount": a
    /// parsed webhook always holds the amount it carried. A payment_webhook built by hand keeps
    /// the placeholder until set, and its empty signature_hash fails verify_payment_webhook.
    yen amount = 1_yen;
    std::string currency;           ///< "JPY" for KOMOJU
    std::string order_ref;          ///< PortOne's reference: refunds and disputes use it
    std::string channel_order_ref;  ///< KOMOJU's reference
    std::string merchant_order_ref; ///< the merchant_order_id the payment was created with
    std::string country_code;       ///< "JP"
    transaction_status status;      ///< "Success", ... and its meaning
    std::string channel_key;        ///< "KOMOJU"
    std::string method_name;        ///< PortOne's human name of the method
    // Required, not signed.
    /// The method, from the catalog the reader was handed (method_key "KOMOJU_PAYPAY" -> its
    /// traits in komoju::methods). A key the catalog does not know is an errc::unknown_method
    /// error at "/method_key".
    const method_traits* method_key = nullptr;
    std::string signature_hash;
    // Optional.
    std::optional<std::string> method_sub_type;
    std::optional<std::string> buyer_name;
    std::optional<std::string> buyer_email;
    std::optional<std::string> buyer_phone;
    std::optional<std::string> buyer_address1;
    std::optional<std::string> buyer_address2;
    std::optional<std::string> buyer_city;
    std::optional<std::string> buyer_country;
    std::optional<transaction_status_code> status_code; ///< "2000", its number and series
    std::optional<std::string> status_reason;           ///< "SUCCESS", "INVALID_AMOUNT", ...
    std::optional<std::string> status_channel_reason;   ///< the PSP's own reason
    std::optional<std::string> created_at;              ///< as sent (UTC), not parsed
    std::optional<bool> is_refund_allowed;
    std::optional<bool> is_multi_refund_allowed;
    std::optional<std::string> user_agent;
    std::optional<std::string> description;
    std::optional<std::string> ip_address;
    std::optional<std::string> link_order_ref;   ///< checkout / payment-link flows
    std::optional<std::string> payment_link_ref;
    std::optional<std::string> source;           ///< "checkout", ...
    std::optional<std::string> payment_method_used;
    std::optional<std::string> merchant_name;
    std::optional<std::string> merchant_key;
    std::optional<std::string> merchant_email_address;
    std::optional<std::string> channel_name;
    std::optional<std::string> environment;      ///< "sandbox" or "live"
    std::optional<std::string> user_message;
    std::optional<std::string> receipt_url;
    std::optional<std::string> masked_card_number;
    std::optional<std::string> refund_status;
    std::optional<bool> is_cross_border_transaction;
    // Shapes PortOne does not pin down (or does not use for KOMOJU): kept as JSON text.
    std::optional<json::raw_json> additional_data;
    std::optional<json::raw_json> cross_border_data;   ///< {"forex_details": {...}} or {}
    std::optional<json::raw_json> installment_details; ///< {"bank_code", "interest", ...} or {}
    /// konbini / PayEasy / bank-transfer instructions, by `type`; `{}` is no_payment_details.
    std::optional<payment_details> additional_payment_details;
    /// Keys not listed above, with their values, in the order received.
    json::extra_fields extra_fields;

    /// The konbini instructions, or nullptr.
    const konbini_details* konbini() const noexcept { return details<konbini_details>(); }
    /// The PayEasy instructions, or nullptr.
    const pay_easy_details* pay_easy() const noexcept { return details<pay_easy_details>(); }
    /// The bank-transfer instructions, or nullptr.
    const bank_transfer_details* bank_transfer() const noexcept
    {
        return details<bank_transfer_details>();
    }

private:
    template <class D>
    const D* details() const noexcept
    {
        return additional_payment_details ? std::get_if<D>(&*additional_payment_details) : nullptr;
    }
};

namespace member {
// clang-format off
#define PORTONE_MEMBER_NAME expected_order_amount
#define PORTONE_MEMBER_PATH "expected_order.amount"
#define PORTONE_MEMBER_REQUIRED "the amount of the order"
#include <portone/core/detail/define_yen_member.inc>
// clang-format on
} // namespace member

/// What the merchant's own records say about the order a webhook reports on.
struct expected_order {
    std::string merchant_order_ref; ///< the merchant_order_id the payment was created with
    /// In yen: another currency, a number or nothing is one error naming this member.
    yen_member<member::expected_order_amount> amount;
    std::string currency = "JPY";
};

} // namespace portone

namespace portone::detail {
/// The error for a method key read with no catalog to look it up in (json::read<T> called
/// directly on a struct with a method key, without a read_context).
PORTONE_DECL error no_method_catalog(std::string_view key, std::string_view where);
} // namespace portone::detail

// `method_key`: a key of the catalog the caller handed the reader (json::read_context), or an
// error.
template <>
struct portone::json::conversion<const portone::method_traits*> {
    static constexpr conversion_source source = conversion_source::string;
    static result<const method_traits*> convert(std::string_view text, std::string_view where,
                                               const read_context& context)
    {
        if (context.methods == nullptr) return portone::detail::no_method_catalog(text, where);
        return context.methods->by_key(text, where);
    }
    /// The key ("" for a null pointer, which no read gives and the reader refuses).
    static std::string_view to_json(const method_traits* t) noexcept
    {
        return t != nullptr ? t->key : std::string_view();
    }
};

namespace portone::detail {

/// Calls `f(std::type_identity<D>{})` for each alternative D of payment_details that a `type`
/// names (those with a type_name: konbini, PayEasy, bank transfer), in order, until one returns
/// true; whether one did. The variant is the list: a new details struct needs no code here.
template <class F>
bool any_details_struct(F&& f)
{
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
        return ([&]<class D>(std::type_identity<D> d) {
            if constexpr (requires { D::type_name; }) return f(d);
            else return false;
        }(std::type_identity<std::variant_alternative_t<I, payment_details>>{}) ||
                ...);
    }(std::make_index_sequence<std::variant_size_v<payment_details>>{});
}

/// The error for a konbini `store` (at `where`/store) that is not in `catalog` (nullptr: none was
/// given); the message lists the stores the catalog has.
PORTONE_DECL error unknown_store(std::string_view store, std::string_view where,
                                 const method_catalog* catalog);

/// What the reader adds to a details struct once its members are read, whichever way: konbini's
/// `method`, from its store in the reader's catalog (an unknown store is an error at
/// `where`/store). Nothing for others.
PORTONE_DECL std::optional<error> complete(konbini_details& details, std::string_view where,
                                           const json::read_context& context);
template <class Details>
std::optional<error> complete(Details&, std::string_view, const json::read_context&)
{
    return std::nullopt;
}

/// Details read from an object read whole, completed, in the variant (built in place: the
/// structs are a dozen strings each).
template <class Details>
result<payment_details> read_details(const json::object_view& object, std::string_view where,
                                     const json::read_context& context)
{
    auto r = json::read<Details>(object, where, context);
    if (!r) return r.error();
    if (auto e = complete(*r, where, context)) return std::move(*e);
    return result<payment_details>(boost::system::in_place_value, std::in_place_type<Details>,
                                   std::move(*r));
}

} // namespace portone::detail

// `additional_payment_details`: its struct depends on its `type`, which PortOne sends last, so it
// cannot be chosen from the object itself while streaming. The method_key read before it
// (PortOne sends it earlier) tells which struct to expect, though: the reader streams the
// object straight into that guess, and `streamed` then checks it against the `type` read. When
// there is no guess (no method_key yet, a method without details), the reader reads the object
// whole, once (json::object_view: its members, strings unescaped, and its compact text), and
// `convert` fills the struct `type` names from those members (json::read<T>(const object_view&))
// without parsing anything again. A wrong guess, or any error, has the body read again that
// way, so both give the same result and the same errors.
template <>
struct portone::json::conversion<portone::payment_details> {
    static constexpr conversion_source source = conversion_source::object;
    PORTONE_DECL static result<payment_details> convert(const object_view& object,
                                                        std::string_view where,
                                                        const read_context& context);

    /// `{}` for no details, the object kept whole for a type this library does not know, or the
    /// struct of the type.
    using written = std::variant<raw_json_view, const konbini_details*, const pay_easy_details*,
                                 const bank_transfer_details*>;
    static written to_json(const payment_details& d) noexcept
    {
        return std::visit(
            []<class D>(const D& details) -> written {
                if constexpr (std::is_same_v<D, no_payment_details>) return raw_json_view{"{}"};
                else if constexpr (std::is_same_v<D, other_payment_details>)
                    return raw_json_view{details.json.text};
                else return &details;
            },
            d);
    }

    /// The details struct of the owner's method_key (payment_webhook, transaction_details),
    /// emplaced into `value`, or none.
    template <class Owner>
    static streamed_object stream(const Owner& owner, payment_details& value)
    {
        streamed_object guess;
        if constexpr (requires {
                          { owner.method_key } -> std::convertible_to<const method_traits*>;
                      }) {
            if (owner.method_key == nullptr) return guess;
            portone::detail::any_details_struct([&]<class D>(std::type_identity<D>) {
                if (owner.method_key->kind != D::method_kind_of) return false;
                guess = stream_into(value.emplace<D>());
                return true;
            });
        }
        return guess;
    }

    /// Whether the struct streamed into is what `convert` makes of the same object: its `type`
    /// names it, and completing it succeeds (for konbini, a known store).
    PORTONE_DECL static bool streamed(payment_details& value, const read_context& context);
};

namespace portone {
PORTONE_DESCRIBE(payment_webhook, amount, currency, order_ref, channel_order_ref,
                 merchant_order_ref, country_code, status, channel_key, method_name, method_key,
                 signature_hash, method_sub_type, buyer_name, buyer_email, buyer_phone,
                 buyer_address1, buyer_address2, buyer_city, buyer_country, status_code,
                 status_reason, status_channel_reason, created_at, is_refund_allowed,
                 is_multi_refund_allowed, user_agent, description, ip_address, link_order_ref,
                 payment_link_ref, source, payment_method_used, merchant_name, merchant_key,
                 merchant_email_address, channel_name, environment, user_message, receipt_url,
                 masked_card_number, refund_status, is_cross_border_transaction, additional_data,
                 cross_border_data, installment_details, additional_payment_details, extra_fields);

namespace detail {

/// A konbini `store` that is not the store of the webhook's `method_key` (store "lawson" with
/// KOMOJU_KONBINI_FAMILY_MART, or with a method that is not a konbini at all): errc::mismatch at
/// `at` + "/additional_payment_details/store", naming both.
PORTONE_DECL error store_mismatch(std::string_view store, const method_traits* method_key,
                                  std::string_view at = {});

/// The strict reading's one check across members, for a payment webhook and for PortOne's
/// transaction details alike (see parse_payment_webhook): konbini details name the store of
/// `method_key`. The store's method is set by the reader (an unknown store is already an error
/// there), and both are catalog entries, compared by address. `at`: the JSON Pointer of the
/// object holding both ("/content" in an answer's envelope).
PORTONE_DECL std::optional<error> store_problem(const method_traits* method_key,
                                                const std::optional<payment_details>& details,
                                                std::string_view at = {});
PORTONE_DECL std::optional<error> store_problem(const payment_webhook& hook);

} // namespace detail

/// Reads a payment webhook body, strictly. Fails with the first problem: errc::invalid_json,
/// wrong_type, missing_field, duplicate_key, limit_exceeded, unknown_method, or an amount error
/// (amount_not_positive, amount_too_large, invalid_value), each at its JSON Pointer; then, once
/// the body is read, errc::mismatch at "/additional_payment_details/store" if konbini details
/// name another store than `method_key`'s. Method keys and konbini stores are looked up in
/// `methods` (komoju::methods for KOMOJU). Does not verify the signature: call
/// verify_payment_webhook next.
///
/// A handler that acts on webhooks should call receive_payment_webhook instead: it verifies the
/// signature first and never refuses a verified webhook for a problem outside the signed fields
/// (an unknown method_key, a konbini store it does not know, ...), which this function does.
PORTONE_DECL result<payment_webhook> parse_payment_webhook(std::string_view body,
                                                           const method_catalog& methods,
                                                           const json::read_limits& limits = {});

namespace detail {

/// Checks a webhook's signature_hash against its nine signed fields (`Fields`: payment_webhook,
/// or the signed part read alone).
template <class Fields>
result<void> check_webhook_signature(const Fields& f, const signer& sign)
{
    const amount_text amount(f.amount);
    return check_signature<webhook_signed_fields>(
        sign,
        {amount.view(), f.channel_key, f.channel_order_ref, f.country_code, f.currency,
         f.merchant_order_ref, f.method_name, f.order_ref, f.status.text},
        f.signature_hash, "/signature_hash");
}

} // namespace detail

/// Checks `hook`'s signature_hash against its nine signed fields: the amount as PortOne prints it
/// ("5000"), the others exactly as received. Fails with errc::invalid_signature at
/// "/signature_hash", saying why (empty, not Base64, not an HMAC-SHA256, or not matching).
PORTONE_DECL result<void> verify_payment_webhook(const payment_webhook& hook, const signer& sign);

/// Compares a (verified) webhook with the merchant's order, as PortOne asks merchants to: the
/// order reference, the amount and the currency. Every difference is an errc::mismatch error
/// naming the field; none means the webhook is about this order, for this amount.
///
/// `merchant_order_ref` is the signed field compared. In checkout and payment-link flows PortOne
/// may put its own reference there and the merchant's in `link_order_ref`, which is not signed;
/// look the order up by `link_order_ref` there if you must, but compare the amount all the same.
PORTONE_DECL errors check_against_order(const payment_webhook& hook,
                                       const expected_order& order);

/// A payment webhook whose signature verified, and what reading the rest of it strictly found
/// wrong (receive_payment_webhook).
struct verified_payment_webhook {
    /// The webhook. Its nine signed fields and signature_hash are what the signature covers.
    /// Every other member is what the strict reading (parse_payment_webhook) makes of it, except
    /// the top-level members named in `warnings`: those are left empty (`method_key` nullptr,
    /// optionals empty) and their JSON is kept in `webhook.extra_fields`, under their own key.
    payment_webhook webhook;
    /// What the strict reading refused, one error per top-level member (its code, JSON Pointer
    /// and message; safe to log): an unknown method_key or konbini store, a value of the wrong
    /// type, konbini details that name another store than method_key's... Empty when the strict
    /// reading accepts the whole body. Log them; do not refuse the webhook for them.
    errors warnings;
};

namespace detail {

/// What receive_payment_webhook reads first: the nine signed fields and the signature, with
/// every other key skipped unread (checked as JSON only).
struct signed_payment_webhook {
    yen amount = 1_yen; // (never a value read: `amount` is required, as in payment_webhook)
    std::string currency;
    std::string order_ref;
    std::string channel_order_ref;
    std::string merchant_order_ref;
    std::string country_code;
    transaction_status status;
    std::string channel_key;
    std::string method_name;
    std::string signature_hash;
};

/// Every top-level member of a body, as JSON text, in order.
struct all_members {
    json::extra_fields members;
};

} // namespace detail
} // namespace portone

namespace portone::detail {
PORTONE_DESCRIBE(signed_payment_webhook, amount, currency, order_ref, channel_order_ref,
                 merchant_order_ref, country_code, status, channel_key, method_name,
                 signature_hash);
PORTONE_DESCRIBE(all_members, members);
} // namespace portone::detail

namespace portone {
namespace detail {

/// The first reference token of a JSON Pointer, unescaped ("/additional_payment_details/store"
/// -> "additional_payment_details"); empty for "".
PORTONE_DECL std::string top_key(std::string_view pointer);

/// Whether `key` is one of the fields receive_payment_webhook read and verified first.
constexpr bool is_verified_field(std::string_view key) noexcept
{
    for (std::string_view name : webhook_signed_fields)
        if (key == name) return true;
    return key == "signature_hash";
}

/// The strict reading of a verified body that parse_payment_webhook refused, done again member
/// by member: each time it fails, the top-level member it failed on is set aside (a warning,
/// its JSON kept in extra_fields) and the others are read again, until the rest reads. Only
/// bodies whose signature verified get here, so the cost (one read per member set aside) is
/// never an attacker's to choose.
PORTONE_DECL void read_verified(std::string_view body, const json::read_limits& limits,
                                const method_catalog& methods,
                                const signed_payment_webhook& verified,
                                verified_payment_webhook& out);

} // namespace detail

/// Reads a payment webhook body the way a handler should: the signature first, then the rest.
///
///  1. The nine signed fields and signature_hash are read (every other key is only checked to be
///     JSON), and the signature is verified over them. Failing that, there is nothing to act on:
///     the error says why (errc::invalid_json, missing_field, wrong_type, duplicate_key,
///     limit_exceeded for a body that cannot be read; invalid_signature; crypto_failure when
///     OpenSSL failed and nothing was checked). webhook_response_status(error) is the HTTP status
///     to answer with.
///  2. The whole body is read as parse_payment_webhook reads it. What that strict reading refuses
///     outside the signed fields (a method_key from another channel, a konbini store the catalog
///     does not know, a value of an unexpected type, konbini details that disagree with
///     method_key) does not reject the verified webhook: each is a warning, its member is left
///     empty and its JSON kept in extra_fields. Answer 2xx to every verified webhook, and log the
///     warnings.
///
/// A verified webhook still has to be compared with the order (check_against_order).
PORTONE_DECL result<verified_payment_webhook>
receive_payment_webhook(std::string_view body, const signer& sign, const method_catalog& methods,
                        const json::read_limits& limits = {});

/// The HTTP status a webhook handler answers with when receive_payment_webhook (or
/// parse_payment_webhook / verify_payment_webhook) gives an error: 401 for a signature that does
/// not verify, 500 when OpenSSL failed and nothing was checked (so that PortOne sends the webhook
/// again), 400 for a body that cannot be read. A verified webhook is answered with 2xx.
constexpr int webhook_response_status(const error& e) noexcept
{
    if (e.code == errc::invalid_signature) return 401;
    if (e.code == errc::crypto_failure) return 500;
    return 400;
}

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/payment_webhook.ipp>
#endif
