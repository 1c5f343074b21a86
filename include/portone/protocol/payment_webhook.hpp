// PortOne's payment webhook (`payment_status`): the JSON body PortOne POSTs to the merchant when a
// payment changes state. Parse it, verify its signature, compare it with the order, then act on
// the status (docs/webhooks.md walks through a handler):
//
//   auto hook = portone::parse_payment_webhook(body);            // result<payment_webhook>
//   if (!hook) return respond(400, hook.error().message);
//   if (auto ok = portone::verify_payment_webhook(*hook, signer); !ok) return respond(401, ...);
//   const auto order = db.find(hook->merchant_order_ref);
//   if (auto e = portone::check_against_order(*hook, {order.id, order.amount}); !e.empty()) ...
//   switch (hook->status.value) { case portone::payment_status::success: ... }
//
// Every field PortOne documents for this webhook is a member, under its JSON name. Required (a
// webhook without one is rejected with errc::missing_field): the nine signed fields (amount,
// channel_key, channel_order_ref, country_code, currency, merchant_order_ref, method_name,
// order_ref, status), method_key and signature_hash. Everything else is optional. Keys PortOne
// may add later are not an error and not lost: they are kept, with their JSON values, in
// `extra_fields`, so an accepted webhook carries every field it had.
#pragma once

#include <portone/core/describe.hpp>
#include <portone/core/error.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/core/money.hpp>
#include <portone/json/read_types.hpp>
#include <portone/json/reader.hpp>
#include <portone/komoju/dispatch.hpp>
#include <portone/protocol/payment_details.hpp>
#include <portone/protocol/signature.hpp>

#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

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
    /// The method, from the catalog (method_key "KOMOJU_PAYPAY" -> its traits). A key the catalog
    /// does not know is an errc::unknown_method error at "/method_key".
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

/// What the merchant's own records say about the order a webhook reports on.
struct expected_order {
    std::string merchant_order_ref; ///< the merchant_order_id the payment was created with
    yen amount;
    std::string currency = "JPY";
};

} // namespace portone

// `method_key`: a key of the KOMOJU catalog, or an error.
template <>
struct portone::json::conversion<const portone::method_traits*> {
    static constexpr conversion_source source = conversion_source::string;
    static result<const method_traits*> convert(std::string_view text, std::string_view where)
    {
        return komoju::method_by_key(text, where);
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

[[gnu::noinline]] inline error unknown_store(std::string_view store, std::string_view where)
{
    std::string stores; // from the catalog, so the message follows it
    for (const method_traits* t : komoju::all_traits) {
        if (t->kind != method_kind::konbini) continue;
        if (!stores.empty()) stores += ", ";
        stores += t->store;
    }
    return {errc::unknown_method, std::string(where) + "/store",
            compose({input(store), " is not a KOMOJU konbini store (",
                     std::string_view(stores), ")"})};
}

/// What the reader adds to a details struct once its members are read, whichever way: konbini's
/// `method`, from its store (an unknown store is an error at `where`/store). Nothing for others.
inline std::optional<error> complete(konbini_details& details, std::string_view where)
{
    details.method = komoju::find_konbini_store(details.store);
    if (details.method == nullptr) return unknown_store(details.store, where);
    return std::nullopt;
}
template <class Details>
std::optional<error> complete(Details&, std::string_view)
{
    return std::nullopt;
}

/// Details read from an object read whole, completed, in the variant (built in place: the
/// structs are a dozen strings each).
template <class Details>
result<payment_details> read_details(const json::object_view& object, std::string_view where)
{
    auto r = json::read<Details>(object, where);
    if (!r) return r.error();
    if (auto e = complete(*r, where)) return std::move(*e);
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
    // A template only so that the reader is instantiated where webhooks are read.
    template <class = void>
    static result<payment_details> convert(const object_view& object, std::string_view where);

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
    /// names it, and completing it succeeds (for konbini, a known store). (A template, like
    /// `convert`, so that the std::visit is compiled only where webhooks are read.)
    template <class = void>
    static bool streamed(payment_details& value)
    {
        return std::visit(
            []<class D>(D& details) {
                if constexpr (requires { D::type_name; })
                    return details.type == D::type_name &&
                           !portone::detail::complete(details, {}).has_value();
                else
                    return false;
            },
            value);
    }
};

PORTONE_DESCRIBE(portone::payment_webhook, amount, currency, order_ref, channel_order_ref,
                 merchant_order_ref, country_code, status, channel_key, method_name, method_key,
                 signature_hash, method_sub_type, buyer_name, buyer_email, buyer_phone,
                 buyer_address1, buyer_address2, buyer_city, buyer_country, status_code,
                 status_reason, status_channel_reason, created_at, is_refund_allowed,
                 is_multi_refund_allowed, user_agent, description, ip_address, link_order_ref,
                 payment_link_ref, source, payment_method_used, merchant_name, merchant_key,
                 merchant_email_address, channel_name, environment, user_message, receipt_url,
                 masked_card_number, refund_status, is_cross_border_transaction, additional_data,
                 cross_border_data, installment_details, additional_payment_details,
                 extra_fields);

namespace portone {

namespace detail {

/// A konbini `store` that is not the store of the webhook's `method_key` (store "lawson" with
/// KOMOJU_KONBINI_FAMILY_MART, or with a method that is not a konbini at all): errc::mismatch at
/// "/additional_payment_details/store", naming both. (A template so that only the translation
/// units that read webhooks compile it.)
template <class = void>
[[gnu::noinline]] error store_mismatch(std::string_view store, const method_traits* method_key)
{
    const std::string_view key = method_key != nullptr ? method_key->key : std::string_view();
    error e{errc::mismatch, "/additional_payment_details/store", {}};
    if (method_key != nullptr && method_key->kind == method_kind::konbini)
        e.message = compose({"the konbini store ", input(store), " does not match method_key ",
                             input(key), ", whose store is ", input(method_key->store)});
    else
        e.message = compose({"the konbini store ", input(store), " does not match method_key ",
                             input(key), ", which is not a konbini method"});
    return e;
}

} // namespace detail

/// Reads a payment webhook body. Fails with the first problem: errc::invalid_json, wrong_type,
/// missing_field, duplicate_key, limit_exceeded, unknown_method, or an amount error
/// (amount_not_positive, amount_too_large, invalid_value), each at its JSON Pointer; then, once
/// the body is read, errc::mismatch at "/additional_payment_details/store" if konbini details
/// name another store than `method_key`'s. Does not verify the signature: call
/// verify_payment_webhook next.
///
/// (A template only so that the JSON parser is compiled in the translation units that call it;
/// as a plain inline function it would cost every includer about 30 MB of compiler memory.)
template <class = void>
result<payment_webhook> parse_payment_webhook(std::string_view body,
                                              const json::read_limits& limits = {})
{
    result<payment_webhook> hook = json::read<payment_webhook>(body, limits);
    if (hook) {
        // The store's method is set by the reader (an unknown store is already an error), and
        // method_key is required: both are catalog entries, compared by address.
        const konbini_details* konbini = hook->konbini();
        if (konbini != nullptr && konbini->method != hook->method_key)
            hook = result<payment_webhook>(
                boost::system::in_place_error,
                detail::store_mismatch(konbini->store, hook->method_key));
    }
    return hook; // the only return: the webhook is built in place, never moved
}

/// Checks `hook`'s signature_hash against its nine signed fields: the amount as PortOne prints it
/// ("5000"), the others exactly as received. Fails with errc::invalid_signature at
/// "/signature_hash", saying why (empty, not Base64, not an HMAC-SHA256, or not matching).
///
/// (A template only so that the signing code is compiled in the translation units that call it.)
template <class = void>
result<void> verify_payment_webhook(const payment_webhook& hook, const signer& sign)
{
    const amount_text amount(hook.amount);
    return detail::check_signature<webhook_signed_fields>(
        sign,
        {amount.view(), hook.channel_key, hook.channel_order_ref, hook.country_code,
         hook.currency, hook.merchant_order_ref, hook.method_name, hook.order_ref,
         hook.status.text},
        hook.signature_hash, "/signature_hash");
}

/// Compares a (verified) webhook with the merchant's order, as PortOne asks merchants to: the
/// order reference, the amount and the currency. Every difference is an errc::mismatch error
/// naming the field; none means the webhook is about this order, for this amount.
///
/// `merchant_order_ref` is the signed field compared. In checkout and payment-link flows PortOne
/// may put its own reference there and the merchant's in `link_order_ref`, which is not signed;
/// look the order up by `link_order_ref` there if you must, but compare the amount all the same.
[[gnu::noinline]] inline errors check_against_order(const payment_webhook& hook,
                                                    const expected_order& order)
{
    errors out;
    if (hook.merchant_order_ref != order.merchant_order_ref)
        out.add(errc::mismatch, "/merchant_order_ref",
                {"the webhook is for order ", input(hook.merchant_order_ref), ", not ",
                 input(order.merchant_order_ref)});
    if (hook.amount != order.amount)
        out.add(errc::mismatch, "/amount",
                {"the webhook reports ", decimal(hook.amount.minor_units()),
                 " yen, but the order is for ", decimal(order.amount.minor_units()), " yen"});
    if (hook.currency != order.currency)
        out.add(errc::mismatch, "/currency",
                {"the webhook's currency is ", input(hook.currency), ", not ",
                 input(order.currency)});
    return out;
}

} // namespace portone

template <class>
portone::result<portone::payment_details>
portone::json::conversion<portone::payment_details>::convert(const object_view& object,
                                                             std::string_view where)
{
    if (object.members.empty()) return payment_details(no_payment_details{});
    const object_member* type_member = object.find("type");
    if (type_member != nullptr && type_member->type != json_type::string &&
        type_member->type != json_type::null) {
        // Not a string: the error of any string member, from the reader.
        return read<portone::detail::payment_details_type>(object, where).error();
    }
    const std::string_view type =
        type_member != nullptr && type_member->type == json_type::string ? type_member->text
                                                                         : "";
    std::optional<result<payment_details>> known;
    portone::detail::any_details_struct([&]<class D>(std::type_identity<D>) {
        if (type != D::type_name) return false;
        known.emplace(portone::detail::read_details<D>(object, where));
        return true;
    });
    if (known) return std::move(*known);
    return payment_details(other_payment_details{std::string(type), raw_json{compact_text(object)}});
}
