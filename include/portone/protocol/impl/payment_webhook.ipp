// SPDX-License-Identifier: BSL-1.0
// What protocol/payment_webhook.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/payment_webhook.hpp>

PORTONE_DECL portone::result<portone::payment_details>
portone::json::conversion<portone::payment_details>::convert(const object_view& object,
                                                             std::string_view where,
                                                             const read_context& context)
{
    if (object.members.empty()) return payment_details(no_payment_details{});
    const object_member* type_member = object.find("type");
    if (type_member != nullptr && type_member->type != json_type::string &&
        type_member->type != json_type::null) {
        // Not a string: the error of any string member, from the reader.
        return read<portone::detail::payment_details_type>(object, where, context).error();
    }
    const std::string_view type =
        type_member != nullptr && type_member->type == json_type::string ? type_member->text
                                                                         : "";
    std::optional<result<payment_details>> known;
    portone::detail::any_details_struct([&]<class D>(std::type_identity<D>) {
        if (type != D::type_name) return false;
        known.emplace(portone::detail::read_details<D>(object, where, context));
        return true;
    });
    if (known) return std::move(*known);
    return payment_details(other_payment_details{std::string(type), raw_json{compact_text(object)}});
}

PORTONE_DECL bool portone::json::conversion<portone::payment_details>::streamed(
    payment_details& value, const read_context& context)
{
    return std::visit(
        [&]<class D>(D& details) {
            if constexpr (requires { D::type_name; })
                return details.type == D::type_name &&
                       !portone::detail::complete(details, {}, context).has_value();
            else
                return false;
        },
        value);
}

namespace portone {
namespace detail {

PORTONE_DECL error no_method_catalog(std::string_view key, std::string_view where)
{
    return {errc::unknown_method, std::string(where),
            compose({"the method key ", input(key),
                     " cannot be looked up: the reader was given no method catalog "
                     "(json::read_context::methods)"})};
}

PORTONE_DECL error unknown_store(std::string_view store, std::string_view where,
                                 const method_catalog* catalog)
{
    if (catalog == nullptr)
        return {errc::unknown_method, std::string(where) + "/store",
                compose({"the konbini store ", input(store),
                         " cannot be looked up: the reader was given no method catalog "
                         "(json::read_context::methods)"})};
    std::string stores; // from the catalog, so the message follows it
    for (const method_traits* t : catalog->methods) {
        if (t->kind != method_kind::konbini) continue;
        if (!stores.empty()) stores += ", ";
        stores += t->store;
    }
    return {errc::unknown_method, std::string(where) + "/store",
            compose({input(store), " is not a ", catalog->name, " konbini store (",
                     std::string_view(stores), ")"})};
}

PORTONE_DECL std::optional<error> complete(konbini_details& details, std::string_view where,
                                           const json::read_context& context)
{
    const method_catalog* catalog = context.methods;
    details.method = catalog != nullptr ? catalog->find_store(details.store) : nullptr;
    if (details.method == nullptr) return unknown_store(details.store, where, catalog);
    return std::nullopt;
}

PORTONE_DECL error store_mismatch(std::string_view store, const method_traits* method_key,
                                  std::string_view at)
{
    const std::string_view key = method_key != nullptr ? method_key->key : std::string_view();
    error e{errc::mismatch, std::string(at) + "/additional_payment_details/store", {}};
    if (method_key != nullptr && method_key->kind == method_kind::konbini)
        e.message = compose({"the konbini store ", input(store), " does not match method_key ",
                             input(key), ", whose store is ", input(method_key->store)});
    else
        e.message = compose({"the konbini store ", input(store), " does not match method_key ",
                             input(key), ", which is not a konbini method"});
    return e;
}

PORTONE_DECL std::optional<error> store_problem(const method_traits* method_key,
                                                const std::optional<payment_details>& details,
                                                std::string_view at)
{
    const konbini_details* konbini = details ? std::get_if<konbini_details>(&*details) : nullptr;
    if (konbini != nullptr && konbini->method != method_key)
        return store_mismatch(konbini->store, method_key, at);
    return std::nullopt;
}

PORTONE_DECL std::optional<error> store_problem(const payment_webhook& hook)
{
    return store_problem(hook.method_key, hook.additional_payment_details);
}

} // namespace detail

PORTONE_DECL result<payment_webhook> parse_payment_webhook(std::string_view body,
                                                           const method_catalog& methods,
                                                           const json::read_limits& limits)
{
    result<payment_webhook> hook = json::read<payment_webhook>(body, limits, {}, {&methods});
    if (hook) {
        if (auto problem = detail::store_problem(*hook))
            hook = result<payment_webhook>(boost::system::in_place_error, std::move(*problem));
    }
    return hook; // the only return: the webhook is built in place, never moved
}

PORTONE_DECL result<void> verify_payment_webhook(const payment_webhook& hook, const signer& sign)
{
    return detail::check_webhook_signature(hook, sign);
}

PORTONE_DECL errors check_against_order(const payment_webhook& hook,
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

namespace detail {

PORTONE_DECL std::string top_key(std::string_view pointer)
{
    std::string key;
    if (pointer.empty() || pointer[0] != '/') return key;
    pointer.remove_prefix(1);
    for (std::size_t i = 0; i < pointer.size() && pointer[i] != '/'; ++i) {
        if (pointer[i] == '~' && i + 1 < pointer.size()) {
            key += pointer[i + 1] == '1' ? '/' : '~';
            ++i;
        } else {
            key += pointer[i];
        }
    }
    return key;
}

PORTONE_DECL void read_verified(std::string_view body, const json::read_limits& limits,
                                const method_catalog& methods,
                                const signed_payment_webhook& verified,
                                verified_payment_webhook& out)
{
    payment_webhook& hook = out.webhook;
    const auto all = json::read<all_members>(body, limits);
    std::vector<std::string> set_aside;
    const auto is_set_aside = [&](std::string_view key) {
        for (const auto& k : set_aside)
            if (k == key) return true;
        return false;
    };
    // A member that is set aside no longer has to be there (method_key is required).
    json::detail::object_info info = json::detail::object_table<payment_webhook>::info;
    bool read = false;
    while (all && !read) {
        std::string text = "{";
        for (const json::extra_field& m : all->members) {
            if (is_set_aside(m.key)) continue;
            if (text.size() > 1) text += ',';
            json::detail::append_json_string(text, m.key);
            text += ':';
            text += m.value.text;
        }
        text += '}';
        hook = payment_webhook();
        const json::read_context context{&methods};
        std::optional<error> problem =
            json::detail::read_into(text, limits, context, info, &hook, {});
        read = !problem;
        if (read) {
            problem = store_problem(hook);
            if (problem) hook.additional_payment_details.reset();
        }
        if (!problem) break;
        const std::string key = top_key(problem->where);
        out.warnings.push_back(std::move(*problem));
        const json::detail::member_info* member = info.find(key);
        // A member can be set aside if the body has it, or if it is a member the body lacks
        // (a required one: it stops being required, and the rest is read again).
        if (key.empty() || is_verified_field(key) || is_set_aside(key) ||
            (all->members.find(key) == nullptr && member == nullptr))
            break; // not a member that can be set aside: keep the signed fields only (below)
        set_aside.push_back(key);
        if (member != nullptr) {
            const auto i = static_cast<std::size_t>(member - info.members);
            info.required[i / 64] &= ~(std::uint64_t(1) << (i % 64));
        }
    }
    if (!read) hook = payment_webhook(); // nothing but the signed fields could be read
    // What was set aside (or, with nothing read, every unsigned member) goes to extra_fields, so
    // that nothing is dropped.
    if (all) {
        for (const json::extra_field& m : all->members) {
            const bool kept = read ? is_set_aside(m.key) : !is_verified_field(m.key);
            if (kept && hook.extra_fields.find(m.key) == nullptr) hook.extra_fields.push_back(m);
        }
    } else {
        out.warnings.push_back(all.error());
    }
    // The verified values, whatever the strict reading made of them.
    hook.amount = verified.amount;
    hook.currency = verified.currency;
    hook.order_ref = verified.order_ref;
    hook.channel_order_ref = verified.channel_order_ref;
    hook.merchant_order_ref = verified.merchant_order_ref;
    hook.country_code = verified.country_code;
    hook.status = verified.status;
    hook.channel_key = verified.channel_key;
    hook.method_name = verified.method_name;
    hook.signature_hash = verified.signature_hash;
}

} // namespace detail

PORTONE_DECL result<verified_payment_webhook>
receive_payment_webhook(std::string_view body, const signer& sign, const method_catalog& methods,
                        const json::read_limits& limits)
{
    const auto verified = json::read<detail::signed_payment_webhook>(body, limits);
    if (!verified) return verified.error();
    if (auto ok = detail::check_webhook_signature(*verified, sign); !ok) return ok.error();
    result<verified_payment_webhook> out(boost::system::in_place_value);
    if (auto hook = parse_payment_webhook(body, methods, limits)) out->webhook = std::move(*hook);
    else detail::read_verified(body, limits, methods, *verified, *out);
    return out;
}

} // namespace portone
