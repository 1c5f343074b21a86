// SPDX-License-Identifier: BSL-1.0
// The run-time path: a payment whose method, environment and fields arrive at run time (a web
// form, a queue message). It is checked against the same method traits and rules as the
// compile-time builder, with the same sentences, and every problem is reported at once.
//
//   portone::payment_form form{.method = "KOMOJU_BANK_TRANSFER", .environment = "sandbox", ...};
//   auto request = portone::komoju::check_form(form);
//   if (!request) show(request.error());   // every problem, e.g.
//       // "KOMOJU_BANK_TRANSFER requires the customer's phone (billing_details.billing_phone)"
//       // "email \"taro@\" is not valid: ..."
#pragma once

#include <portone/config.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/error.hpp>
#include <portone/core/money.hpp>
#include <portone/core/rules.hpp>
#include <portone/komoju/dispatch.hpp>
#include <portone/request/check_fields.hpp>
#include <portone/request/payment_request.hpp>

#include <charconv>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace portone {

/// One order line as a form sends it: every value text.
struct form_item {
    std::string id{};
    std::string name{};
    std::string price{};    ///< whole yen, digits only
    std::string quantity{}; ///< digits only, at least 1
    std::string image{};    ///< optional URL
};

/// A payment as a form sends it: every value text, an empty string meaning "not given".
struct payment_form {
    std::string method{};      ///< pmt_method key, e.g. "KOMOJU_PAYPAY"
    std::string environment{}; ///< "sandbox" or "live"
    std::string merchant_order_id{};
    std::string amount{}; ///< whole yen, digits only
    std::string description{};
    std::string success_url{};
    std::string failure_url{};
    std::string pending_url{};
    std::string billing_name{};
    std::string billing_surname{};
    std::string billing_email{};
    std::string billing_phone{};
    address billing_address{};
    std::string shipping_name{};
    std::string shipping_surname{};
    std::string shipping_email{};
    std::string shipping_phone{};
    address shipping_address{};
    std::vector<form_item> items{};
};

/// Checks `fields` against the method `t` in environment `env`: every required field present
/// (same rules and sentences as the compile-time builder), the method usable in `env`, every value
/// well-formed. Returns the request or every problem.
inline checked<dynamic_payment_request> check_payment(const method_traits& t, environment env,
                                                      payment_fields fields)
{
    errors problems;
    rule_checks::collect_environment(t, env, problems);
    rule_checks::collect_missing(t, present_fields(fields) | field::environment::bit, problems);
    check_values(fields, problems);
    if (!problems.empty()) return problems;
    return dynamic_payment_request::from_checked(t, env, std::move(fields));
}

namespace detail {
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

/// Checks a form against the method its `method` key names, using `find` to look the key up
/// (e.g. komoju::find_method). Returns the request or every problem found.
template <class Find>
checked<dynamic_payment_request> check_form(const payment_form& form, Find&& find)
{
    errors problems;
    const method_traits* t = find(form.method);
    if (!t)
        problems.add(errc::unknown_method, "pmt_method",
                     {input(form.method), " is not a known payment method key"});

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
    for (std::size_t i = 0; i < form.items.size(); ++i) {
        const auto& in = form.items[i];
        const auto path = "order_details[" + std::to_string(i) + "]";
        auto price = yen::parse(in.price);
        if (!price) {
            auto e = price.error();
            e.where = path + ".price";
            problems.push_back(std::move(e));
        }
        std::int64_t quantity = 0;
        const auto* end = in.quantity.data() + in.quantity.size();
        const auto [ptr, ec] = std::from_chars(in.quantity.data(), end, quantity);
        if (in.quantity.empty() || ec != std::errc{} || ptr != end || quantity < 1) {
            problems.add(errc::invalid_value, path + ".quantity",
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

} // namespace portone

namespace portone::komoju {

/// Checks a form whose `method` is a KOMOJU method key. Returns the request or every problem.
PORTONE_DECL checked<dynamic_payment_request> check_form(const payment_form& form);

} // namespace portone::komoju

#ifdef PORTONE_HEADER_ONLY
#include <portone/request/impl/payment_form.ipp>
#endif
