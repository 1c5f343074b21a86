// SPDX-License-Identifier: BSL-1.0
// PortOne's hosted Checkout (a payment link, POST /api/paymentLink): PortOne shows the customer a
// payment page offering the methods the merchant chose, and the customer picks one there.
//
//   auto link = portone::checkout<komoju::paypay, komoju::konbini_lawson>(portone::sandbox, {
//       .merchant_order_id = "ORDER-0001", .amount = 5000_yen, .description = "Green tea",
//       .success_url = "https://shop.example/paid", .failure_url = "https://shop.example/failed",
//       .merchant_details = {.name = "Tea Shop"}});     // checked<checkout_request<...>>
//
// The offered methods (`chosen_payment_methods`) are types, so the rules about them are checked
// by the compiler, each as one error in the offending method's own words:
//
//   portone::checkout<komoju::web_money>(...)            // R7
//   error: static assertion failed: KOMOJU_WEB_MONEY cannot be offered through PortOne's hosted
//          Checkout
//   portone::checkout<komoju::credit_card>(portone::sandbox, ...)   // R6
//   error: static assertion failed: KOMOJU_CREDIT_CARD is not available in the sandbox environment
//
// When several methods break a rule, the first one is reported (fix it, and the next appears).
// The customer types their own data on PortOne's page, so the methods' required customer data
// (R1-R4) does not apply here; values that are given are checked at run time, all at once.
#pragma once

#include <portone/config.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/diagnostics.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/error.hpp>
#include <portone/core/method_catalog.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/core/money.hpp>
#include <portone/core/rules.hpp>
#include <portone/core/validation.hpp>
#include <portone/core/yen_member.hpp>
#include <portone/request/check_fields.hpp>
#include <portone/request/payment_fields.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace portone {

/// The merchant as the Checkout page shows it (PortOne's MerchantDetails).
struct merchant_details {
    std::string name{};                      ///< required
    std::optional<std::string> logo{};       ///< URL of the merchant's logo
    std::optional<std::string> back_url{};   ///< URL of the merchant's site
    std::optional<std::string> promo_code{};
    /// Yen taken off the order total, and yen of shipping added to it. PortOne requires both
    /// fields and accepts 0, which portone::yen cannot hold (it is always positive), hence plain
    /// integers, checked to be in [0, the yen maximum].
    std::int64_t promo_discount = 0;
    std::int64_t shipping_charges = 0;

    friend bool operator==(const merchant_details&, const merchant_details&) = default;
};

/// Who the link is for (PortOne's CustomerDetails); the page is pre-filled with it.
struct customer_details {
    std::optional<std::string> name{};
    std::optional<std::string> email_address{};
    std::optional<std::string> phone_number{};

    friend bool operator==(const customer_details&, const customer_details&) = default;
};

namespace member {
#define PORTONE_MEMBER_NAME checkout_amount
#define PORTONE_MEMBER_PATH "checkout_details.amount"
#define PORTONE_MEMBER_REQUIRED "the amount to charge"
#include <portone/core/detail/define_yen_member.inc>
} // namespace member

/// The merchant's data of a Checkout request. The offered methods, the environment, the channel's
/// currency and country, the key and the signature come from elsewhere (types and credentials).
struct checkout_details {
    std::string merchant_order_id{}; ///< your unique reference (validation::merchant_order_id_charset)
    yen_member<member::checkout_amount> amount; ///< required (core/yen_member.hpp)
    std::string description{};       ///< required (PortOne's Checkout page lists it so)
    std::string success_url{};
    std::string failure_url{};
    std::optional<std::string> pending_url{};
    ::portone::merchant_details merchant_details{};
    std::optional<::portone::customer_details> customer_details{};
    std::optional<::portone::billing_details> billing_details{};
    std::optional<::portone::shipping_details> shipping_details{};
    /// With items, price x quantity summed, plus shipping_charges, minus promo_discount, must equal
    /// the amount (PortOne's rule for Checkout).
    std::vector<order_item> order_details{};
    /// When the link stops accepting payments (sent in UTC as `expiry_date`); PortOne's default
    /// applies when empty.
    std::optional<std::chrono::sys_seconds> expiry_date{};

    // The Checkout page's switches, as PortOne's Checkout Service parameter list names them.
    // The paymentLink schema lists all but default_guest_checkout, which its update-paylink
    // schema has; override_auto_redirect, which only the browser SDK acts on, is in
    // json::checkout_sdk_options. Unset: not sent, PortOne's default applies.
    std::optional<bool> show_shipping_details{};  ///< show the shipping details on the page
    std::optional<bool> show_back_button{};       ///< show a back button on the page
    std::optional<bool> default_guest_checkout{}; ///< start the page in guest checkout
    std::optional<bool> is_checkout_embed{};      ///< the page is embedded in an iframe
    std::optional<bool> notify_by_email{};        ///< PortOne notifies the customer by email
    std::optional<bool> notify_by_phone{};        ///< PortOne notifies the customer by phone

    /// Free text PortOne keeps with the link and its payments (checked like initiatePayment's).
    std::optional<std::string> user_configured_field1{};
    std::optional<std::string> user_configured_field2{};
    std::optional<std::string> user_configured_field3{};
    std::optional<std::string> user_configured_field4{};
    std::optional<std::string> user_configured_field5{};

    friend bool operator==(const checkout_details&, const checkout_details&) = default;
};

namespace detail {

/// The rules every method a Checkout request offers must keep, in the order they are checked for
/// each method: R7, R6, R8. Both checkout<Ms...>() (at compile time) and the run-time checkout()
/// check this list.
using checkout_rules = rule::list<rule::checkout_not_available, rule::sandbox_not_available,
                                  rule::currency_not_accepted<currency::jpy>>;

struct checkout_verdict {
    std::size_t rule = checkout_rules::size; ///< index in checkout_rules; size: none broken
    std::size_t index = 0;                   ///< the offending method's position in the list
};

/// The first offered method that breaks a rule, and the rule, for a Checkout in `env`.
constexpr checkout_verdict first_checkout_violation(
    std::initializer_list<const method_traits*> methods, environment env) noexcept
{
    std::size_t i = 0;
    for (const method_traits* t : methods) {
        if (const std::size_t r = checkout_rules::first_broken(*t, env); r != checkout_rules::size)
            return {r, i};
        ++i;
    }
    return {};
}

/// An integer amount of yen that may be zero (merchant_details).
PORTONE_DECL void check_non_negative_yen(std::int64_t v, std::string_view path, errors& out);

/// Every malformed value of a Checkout request. Not a template: it does not depend on the
/// offered methods, so one copy serves every checkout<...>() instantiation.
PORTONE_DECL void check_checkout_values(checkout_details& d, errors& out);

} // namespace detail

/// A checked Checkout request offering methods Ms... in environment Env. Only checkout() makes
/// one, after the compiler has accepted every method and the run-time checks every value.
template <environment_tag Env, payment_method... Ms>
class checkout_request {
public:
    using environment_type = Env;

    static constexpr portone::environment environment() noexcept { return Env::value; }
    /// The offered methods' traits, in the order given (`chosen_payment_methods`).
    static constexpr std::array<const method_traits*, sizeof...(Ms)> methods{&Ms::traits...};

    const checkout_details& details() const noexcept { return details_; }
    yen amount() const noexcept { return details_.amount; }

private:
    template <payment_method... M2, environment_tag E2>
    friend checked<checkout_request<E2, M2...>> checkout(E2, checkout_details);

    explicit checkout_request(checkout_details d) noexcept : details_(std::move(d)) {}
    checkout_details details_;
};

/// A Checkout request offering methods Ms... (at least one, all of one channel). Does not compile
/// if a method cannot be offered through Checkout (R7), has no sandbox while Env is sandbox (R6),
/// or does not accept yen (R8); malformed values are returned, all of them.
template <payment_method... Ms, environment_tag Env>
checked<checkout_request<Env, Ms...>> checkout(Env, checkout_details d)
{
    static_assert(sizeof...(Ms) > 0,
                  "portone::checkout<Methods...>: name at least one payment method to offer");
    if constexpr (sizeof...(Ms) > 0) {
        using first = typename detail::first_of<Ms...>::type;
        static_assert((std::is_same_v<typename Ms::channel, typename first::channel> && ...),
                      "portone::checkout<Methods...>: the methods must all be of one channel");
        constexpr detail::checkout_verdict v =
            detail::first_checkout_violation({&Ms::traits...}, Env::value);
        if constexpr (v.rule != detail::checkout_rules::size) {
            // One method, one rule: exactly one diagnostic, in that method's words.
            using M = typename detail::nth_of<v.index, Ms...>::type;
            M::template reject<detail::checkout_rules::at<v.rule>>();
        }
    }
    errors problems;
    detail::check_checkout_values(d, problems);
    if (!problems.empty()) return problems;
    return checkout_request<Env, Ms...>(std::move(d));
}

/// A Checkout request whose offered methods are chosen at run time (read from configuration, or
/// picked per shop): the same rules as checkout<Ms...>(), checked when it is made, with the same
/// sentences. Only checkout() makes one.
class dynamic_checkout_request {
public:
    /// At most this many methods (each is offered once: more than a channel has; KOMOJU has 17).
    /// The JSON writers gather the list in an array of this size, not on the heap.
    static constexpr std::size_t max_methods = 32;

    portone::environment environment() const noexcept { return env_; }
    /// The offered methods' traits, in the order given (`chosen_payment_methods`).
    std::span<const method_traits* const> methods() const noexcept { return methods_; }
    /// The channel's country (`country_code`), e.g. "JP".
    std::string_view country_code() const noexcept { return country_code_; }
    const checkout_details& details() const noexcept { return details_; }
    yen amount() const noexcept { return details_.amount; }

private:
    friend checked<dynamic_checkout_request> checkout(portone::environment,
                                                      std::span<const std::string_view>,
                                                      checkout_details, const method_catalog&);

    dynamic_checkout_request(portone::environment env, std::vector<const method_traits*> methods,
                             checkout_details d, std::string_view country_code) noexcept
        : env_(env), methods_(std::move(methods)), details_(std::move(d)),
          country_code_(country_code)
    {
    }

    portone::environment env_;
    std::vector<const method_traits*> methods_;
    checkout_details details_;
    std::string_view country_code_; // the catalog's country: a constant of the channel
};

/// A Checkout request offering the methods whose keys are `method_keys` in `methods` (e.g.
/// komoju::methods, whose country becomes the request's country_code). Returns the request or
/// every problem: unknown or repeated keys, no method at all, methods of different channels, and
/// each method that breaks R7 (not in Checkout), R6 (no sandbox) or R8 (not in yen), worded as
/// the compiler words them for checkout<Ms...>(), plus every malformed value.
PORTONE_DECL checked<dynamic_checkout_request> checkout(portone::environment env,
                                                        std::span<const std::string_view> method_keys,
                                                        checkout_details d,
                                                        const method_catalog& methods);

PORTONE_DESCRIBE(merchant_details, name, logo, back_url, promo_code, promo_discount,
                 shipping_charges);
PORTONE_DESCRIBE(customer_details, name, email_address, phone_number);
// expiry_date is not described: the JSON writer formats it (json/checkout.hpp).
PORTONE_DESCRIBE(checkout_details, merchant_order_id, amount, description, success_url, failure_url,
                 pending_url, merchant_details, customer_details, billing_details, shipping_details,
                 order_details, show_shipping_details, show_back_button, default_guest_checkout,
                 is_checkout_embed, notify_by_email, notify_by_phone, user_configured_field1,
                 user_configured_field2, user_configured_field3, user_configured_field4,
                 user_configured_field5);
} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/request/impl/checkout_request.ipp>
#endif
