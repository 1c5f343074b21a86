// SPDX-License-Identifier: BSL-1.0
// What request/checkout_request.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/core/utc_timestamp.hpp>
#include <portone/request/checkout_request.hpp>

#include <algorithm>

namespace portone::detail {

PORTONE_DECL void check_non_negative_yen(std::int64_t v, std::string_view path, errors& out)
{
    if (v < 0 || v > max_minor_units<currency::jpy>)
        out.add(errc::invalid_value, path,
                {path, " must be between 0 and ", decimal(max_minor_units<currency::jpy>),
                 " JPY, got ", decimal(v)});
}

PORTONE_DECL void check_checkout_values(checkout_details& d, errors& out)
{
    namespace v = validation;
    v::check_merchant_order_id(d.merchant_order_id, "merchant_order_id", out);
    v::check_text(d.description, "description", "description", out);
    v::check_url(d.success_url, "success_url", out);
    v::check_url(d.failure_url, "failure_url", out);
    if (d.pending_url) v::check_url(*d.pending_url, "pending_url", out);

    const auto& m = d.merchant_details;
    v::check_text(m.name, "merchant_details.name", "merchant name", out);
    if (m.logo) v::check_url(*m.logo, "merchant_details.logo", out);
    if (m.back_url) v::check_url(*m.back_url, "merchant_details.back_url", out);
    if (m.promo_code) v::check_text(*m.promo_code, "merchant_details.promo_code", "promo code", out);
    check_non_negative_yen(m.promo_discount, "merchant_details.promo_discount", out);
    check_non_negative_yen(m.shipping_charges, "merchant_details.shipping_charges", out);

    if (const auto& c = d.customer_details) {
        if (c->name) v::check_text(*c->name, "customer_details.name", "customer name", out);
        if (c->email_address) v::check_email(*c->email_address, "customer_details.email_address", out);
        if (c->phone_number) v::check_phone(*c->phone_number, "customer_details.phone_number", out);
    }

    // Billing, shipping, items and the user-configured fields are initiatePayment's: their checks
    // are borrowed by swapping them into a payment_fields and back (no copies). Its amount stays
    // empty, so the initiatePayment item total (items == amount) is skipped; Checkout's own rule
    // follows.
    payment_fields borrowed;
    const auto swap_borrowed = [&] {
        std::swap(borrowed.billing_details, d.billing_details);
        std::swap(borrowed.shipping_details, d.shipping_details);
        std::swap(borrowed.order_details, d.order_details);
        std::swap(borrowed.user_configured_field1, d.user_configured_field1);
        std::swap(borrowed.user_configured_field2, d.user_configured_field2);
        std::swap(borrowed.user_configured_field3, d.user_configured_field3);
        std::swap(borrowed.user_configured_field4, d.user_configured_field4);
        std::swap(borrowed.user_configured_field5, d.user_configured_field5);
    };
    swap_borrowed();
    const std::size_t before = out.size();
    check_values(borrowed, out);
    bool items_ok = true; // a malformed item (e.g. quantity 0) has no meaningful total
    for (std::size_t i = before; i < out.size(); ++i)
        if (std::string_view(out[i].where).starts_with("order_details")) items_ok = false;
    swap_borrowed();

    if (items_ok && !d.order_details.empty()) {
        std::int64_t total = 0;
        bool fits = true;
        for (const auto& item : d.order_details)
            fits = fits && add_product(total, item.price.minor_units(), item.quantity);
        fits = fits && !__builtin_add_overflow(total, m.shipping_charges, &total) &&
               !__builtin_sub_overflow(total, m.promo_discount, &total);
        if (!fits)
            out.add(errc::amount_too_large, "order_details", {"order items overflow when added up"});
        else if (total != d.amount.minor_units())
            out.add(errc::amount_mismatch, "order_details",
                    {"order items plus shipping minus discount add up to ", decimal(total),
                     " JPY but the amount is ", decimal(d.amount.minor_units()), " JPY"});
    }

    if (d.expiry_date) {
        // Written as YYYY-MM-DDTHH:MM:SS.000Z (core/utc_timestamp.hpp): four-digit years only,
        // and none before the epoch.
        if (!in_four_digit_years(*d.expiry_date, 1970))
            out.add(errc::invalid_value, "expiry_date",
                    {"expiry_date must be between the years 1970 and 9999"});
    }
}

} // namespace portone::detail

namespace portone {

PORTONE_DECL checked<dynamic_checkout_request> checkout(portone::environment env,
                                                        std::span<const std::string_view> method_keys,
                                                        checkout_details d,
                                                        const method_catalog& methods)
{
    errors problems;
    std::vector<const method_traits*> offered;
    offered.reserve(method_keys.size());
    if (method_keys.empty())
        problems.add(errc::missing_field, "chosen_payment_methods",
                     {"a Checkout request must offer at least one payment method"});
    // Every offered method needs its path ("chosen_payment_methods[i]") at hand, though only an
    // error uses it: one string, rewritten in place for each.
    detail::member_paths paths;
    for (std::size_t i = 0; i < method_keys.size(); ++i) {
        paths.under("chosen_payment_methods", i);
        const std::string_view where = paths.base();
        const method_traits* t = methods.find(method_keys[i]);
        if (!t) {
            problems.push_back(methods.unknown_key(method_keys[i], where));
            continue;
        }
        if (std::find(offered.begin(), offered.end(), t) != offered.end()) {
            problems.add(errc::invalid_value, where, {t->key, " is offered more than once"});
            continue;
        }
        if (offered.size() == dynamic_checkout_request::max_methods) { // a catalog this large
            problems.add(errc::invalid_value, where,
                         {"a Checkout request offers at most ",
                          decimal(dynamic_checkout_request::max_methods), " methods"});
            continue;
        }
        if (!offered.empty() && t->channel != offered.front()->channel)
            problems.add(errc::invalid_value, where,
                         {"the offered methods must all be of one channel: ", t->key,
                          " is not a ", offered.front()->channel, " method"});
        detail::checkout_rules::for_each([&]<class Rule>(std::type_identity<Rule>) {
            rule_checks::collect<Rule>(*t, env, where, problems); // R7, R6, R8
        });
        offered.push_back(t);
    }
    detail::check_checkout_values(d, problems);
    if (!problems.empty()) return problems;
    return dynamic_checkout_request(env, std::move(offered), std::move(d), methods.country);
}

} // namespace portone
