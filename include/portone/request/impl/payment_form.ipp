// SPDX-License-Identifier: BSL-1.0
// What request/payment_form.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/request/payment_form.hpp>

#include <charconv>
#include <string>

namespace portone {

namespace detail {

// A form's "not given" (an empty string) as an absent value.
inline std::optional<std::string> given(const std::string& s)
{
    if (s.empty()) return std::nullopt;
    return s;
}
inline std::optional<address> given(const address& a)
{
    address out{};
    const auto copy = [](const std::optional<std::string>& from, std::optional<std::string>& to) {
        if (from && !from->empty()) to = from;
    };
    copy(a.city, out.city);
    copy(a.country_code, out.country_code);
    copy(a.country_name, out.country_name);
    copy(a.locale, out.locale);
    copy(a.line_1, out.line_1);
    copy(a.line_2, out.line_2);
    copy(a.postal_code, out.postal_code);
    copy(a.state, out.state);
    if (out == address{}) return std::nullopt;
    return out;
}
} // namespace detail

PORTONE_DECL checked<dynamic_payment_request> check_form(const payment_form& form,
                                                         const method_catalog& methods)
{
    errors problems;
    const method_traits* t = methods.find(form.method);
    if (!t) problems.push_back(methods.unknown_key(form.method, "pmt_method"));

    const auto env = environment_from_string(form.environment);
    if (!env)
        problems.add(errc::invalid_value, "environment",
                     {"environment must be \"sandbox\" or \"live\", got ",
                      input(form.environment)});

    payment_fields f;
    f.merchant_order_id = form.merchant_order_id;
    f.description = form.description;
    f.success_url = form.success_url;
    f.failure_url = form.failure_url;
    f.pending_url = detail::given(form.pending_url);
    if (!form.amount.empty()) {
        if (auto a = yen::parse(form.amount)) f.amount = *a;
        else problems.push_back(a.error());
    }

    billing_details b{detail::given(form.billing_name), detail::given(form.billing_surname),
                      detail::given(form.billing_email), detail::given(form.billing_phone),
                      detail::given(form.billing_address)};
    if (b != billing_details{}) f.billing_details = std::move(b);
    shipping_details s{detail::given(form.shipping_name), detail::given(form.shipping_surname),
                       detail::given(form.shipping_email), detail::given(form.shipping_phone),
                       detail::given(form.shipping_address)};
    if (s != shipping_details{}) f.shipping_details = std::move(s);

    bool items_ok = true;
    detail::member_paths path_of;
    for (std::size_t i = 0; i < form.items.size(); ++i) {
        const auto& in = form.items[i];
        path_of.under("order_details", i);
        auto price = yen::parse(in.price);
        if (!price) {
            auto e = price.error();
            e.where = path_of("price");
            problems.push_back(std::move(e));
        }
        std::int64_t quantity = 0;
        const auto* end = in.quantity.data() + in.quantity.size();
        const auto [ptr, ec] = std::from_chars(in.quantity.data(), end, quantity);
        if (in.quantity.empty() || ec != std::errc{} || ptr != end || quantity < 1) {
            problems.add(errc::invalid_value, path_of("quantity"),
                         {"item quantity must be a whole number of at least 1, got ",
                          input(in.quantity)});
            items_ok = false;
        }
        if (price && items_ok)
            f.order_details.push_back({in.id, in.name, *price, quantity, detail::given(in.image)});
        else items_ok = false;
    }
    if (!items_ok) f.order_details.clear(); // no total check against a partial list

    if (t && env) {
        auto checked_request = check_payment(*t, *env, std::move(f));
        if (problems.empty()) return checked_request;
        if (!checked_request) {
            const auto more = checked_request.error(); // result::error() returns a copy
            problems.insert(problems.end(), more.begin(), more.end());
        }
        return problems;
    }
    // Without a method (or environment) the requirements are unknown; still report bad values.
    check_values(f, problems);
    return problems;
}

PORTONE_DECL checked<dynamic_payment_request> check_payment(const method_traits& t, environment env,
                                                            payment_fields fields)
{
    errors problems;
    rule_checks::collect<rule::sandbox_not_available>(t, env, "environment", problems);
    // R8: payment_fields holds its amount in yen, so a method of a channel that takes another
    // currency (a catalog handed in at run time may have one) cannot be paid with it.
    rule_checks::collect<rule::currency_not_accepted<currency::jpy>>(t, "amount", problems);
    rule_checks::collect_missing(t, present_fields(fields) | field::environment::bit, problems);
    check_values(fields, problems);
    if (!problems.empty()) return problems;
    return dynamic_payment_request::from_checked(t, env, std::move(fields));
}

} // namespace portone
