// SPDX-License-Identifier: BSL-1.0
// Misuse diagnostics: one named rule type per mistake, and the sentence fragments every message is
// made of. The messages themselves are assembled per method by detail/define_method.inc.
//
// A rule about a method (R5 to R8) is its type here and nothing else: the type says when a method
// breaks it (`broken`, a constexpr function of the method's traits and the environment), what
// error code a run-time check reports and the text of its sentence. The compiler's check asks
// `Rule::broken(M::traits, Env::value)` and calls M::reject<Rule>() (one error, in the method's
// words); the run-time check, rule_checks::collect<Rule> (core/rules.hpp), asks the same function
// and reports the same sentence. R1 to R4 (a required field left out) are rule::missing<F>, one
// rule per field, checked through the catalog of requirable fields (rule_checks::first_missing).
#pragma once

#include <portone/config.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/errc.hpp>
#include <portone/core/fields.hpp>
#include <portone/core/method_traits.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

// A macro argument as a string literal, after expansion (define_method.inc: the type's name).
#define PORTONE_DETAIL_NAME_STRING_(x) #x
#define PORTONE_DETAIL_NAME_STRING(x) PORTONE_DETAIL_NAME_STRING_(x)

// "<KEY>" + one of these.
#define PORTONE_DETAIL_TEXT_NOT_REFUNDABLE " does not support refunds"
#define PORTONE_DETAIL_TEXT_NO_SANDBOX " is not available in the sandbox environment"
#define PORTONE_DETAIL_TEXT_NOT_IN_CHECKOUT " cannot be offered through PortOne's hosted Checkout"
#define PORTONE_DETAIL_TEXT_ONLY_CURRENCY " accepts only amounts in "
#define PORTONE_DETAIL_TEXT_ENVIRONMENT_VALUE                                                   \
    ": environment() takes portone::sandbox or portone::live; for an environment read at run " \
    "time, write .environment(portone::runtime_environment(value))"
#define PORTONE_DETAIL_TEXT_BUILDER_HELD                                                         \
    ": a payment_builder step returns a new builder and leaves the one it is called on as it "   \
    "was: chain the calls, or write std::move(builder).environment(...) and keep what it returns"
#define PORTONE_DETAIL_TEXT_BUILDER_NOT_STARTED                                              \
    ": a payment starts with portone::initiate_payment<M>(), not with a payment_builder made " \
    "directly"

// "<struct>.<member>" + one of these (detail/define_yen_member.inc).
#define PORTONE_DETAIL_TEXT_TAKES_YEN                                                             \
    " takes an amount in JPY (portone::yen): write 5000_yen, or portone::yen::from(n) for a "  \
    "run-time amount"
#define PORTONE_DETAIL_TEXT_IS_REQUIRED " is required: "

// Sentences of misuses that involve no method type.
#define PORTONE_DETAIL_TEXT_RUNTIME_REFUND                                                       \
    "portone::refund needs a method known at compile time: for traits known only at run time, " \
    "write portone::dynamic_refund(traits, environment, details)"

namespace portone {

namespace detail {
template <class...>
inline constexpr bool violated = false;

/// The first type of a pack (the pack is never empty where this is used).
template <class T, class... Ts>
struct first_of {
    using type = T;
};

/// The I-th type of a pack. Recursion instead of std::tuple_element: no <tuple> instantiation.
template <std::size_t I, class T, class... Ts>
struct nth_of : nth_of<I - 1, Ts...> {};
template <class T, class... Ts>
struct nth_of<0, T, Ts...> {
    using type = T;
};
} // namespace detail

/// The rules a request can break. Each is a type so that diagnostics print it and tests can name it.
namespace rule {
/// Field F (a portone::field tag) is required by the method or by PortOne and was not set
/// (R1 to R4, and PortOne's own required fields).
template <class F>
struct missing {
    static constexpr errc code = errc::missing_field;
};
/// A refund of a method that does not support refunds (R5).
struct refund_not_supported {
    static constexpr errc code = errc::not_refundable;
    static constexpr std::string_view text = PORTONE_DETAIL_TEXT_NOT_REFUNDABLE;
    static constexpr bool broken(const method_traits& t, environment = environment::live) noexcept
    {
        return !t.refundable;
    }
};
/// A sandbox request for a method that has no sandbox (R6).
struct sandbox_not_available {
    static constexpr errc code = errc::not_available_in_sandbox;
    static constexpr std::string_view text = PORTONE_DETAIL_TEXT_NO_SANDBOX;
    static constexpr bool broken(const method_traits& t, environment e) noexcept
    {
        return e == environment::sandbox && !t.sandbox;
    }
};
/// Offering a method through hosted Checkout that Checkout does not offer (R7).
struct checkout_not_available {
    static constexpr errc code = errc::not_available_in_checkout;
    static constexpr std::string_view text = PORTONE_DETAIL_TEXT_NOT_IN_CHECKOUT;
    static constexpr bool broken(const method_traits& t, environment = environment::live) noexcept
    {
        return !t.checkout;
    }
};
/// An amount in currency C for a channel that does not accept C (R8). The sentence ends with the
/// currency the method accepts.
template <class C>
struct currency_not_accepted {
    static constexpr errc code = errc::unsupported_currency;
    static constexpr std::string_view text = PORTONE_DETAIL_TEXT_ONLY_CURRENCY;
    static constexpr bool broken(const method_traits& t, environment = environment::live) noexcept
    {
        return t.currency != C::code;
    }
};

/// Rules checked together, in order (each with broken(traits, environment)).
template <class... Rules>
struct list {
    static constexpr std::size_t size = sizeof...(Rules);

    /// The index of the first rule `t` breaks in `e`, or `size`.
    static constexpr std::size_t first_broken(const method_traits& t, environment e) noexcept
    {
        std::size_t i = 0;
        (void)((!Rules::broken(t, e) && ++i) && ...);
        return i;
    }

    /// The index of rule R in the list.
    template <class R>
    static constexpr std::size_t index_of = [] {
        std::size_t i = 0;
        (void)((!std::is_same_v<R, Rules> && ++i) && ...);
        return i;
    }();

    /// The rule at index I.
    template <std::size_t I>
    using at = typename detail::nth_of<I, Rules...>::type;

    /// Calls f(std::type_identity<R>{}) for each rule R, in order.
    template <class F>
    static constexpr void for_each(F&& f)
    {
        (f(std::type_identity<Rules>{}), ...);
    }
};
/// A yen member of a plain struct (core/yen_member.hpp) given money in another currency, or a
/// number.
struct member_not_yen {};
/// A required yen member of a plain struct left out.
struct member_missing {};
/// payment_builder::environment() given something other than portone::sandbox, portone::live or
/// a runtime_environment (the enum value portone::environment::sandbox, a string, ...).
struct environment_value {};
/// A payment_builder step called on a builder held in a variable (an lvalue): the step returns a
/// new builder, and the one in the variable stays as it was.
struct builder_held {};
/// A payment_builder constructed directly instead of by initiate_payment<M>(): its type could
/// claim fields (and an environment) that no step set or checked.
struct builder_not_started {};
} // namespace rule

namespace detail {
template <class V>
inline constexpr bool is_currency_violation = false;
template <class C>
inline constexpr bool is_currency_violation<rule::currency_not_accepted<C>> = true;
} // namespace detail

/// Run-time forms of the same sentences ("<key>" + text), for validation of requests whose method is
/// chosen at run time.
namespace message {
inline constexpr std::string_view not_refundable = PORTONE_DETAIL_TEXT_NOT_REFUNDABLE;
inline constexpr std::string_view no_sandbox = PORTONE_DETAIL_TEXT_NO_SANDBOX;
inline constexpr std::string_view not_in_checkout = PORTONE_DETAIL_TEXT_NOT_IN_CHECKOUT;
inline constexpr std::string_view only_currency = PORTONE_DETAIL_TEXT_ONLY_CURRENCY;

/// "<key> requires <requirement>".
[[gnu::cold]] PORTONE_DECL std::string requires_field(std::string_view key,
                                                      std::string_view requirement);
/// "<key>" + text.
[[gnu::cold]] PORTONE_DECL std::string about(std::string_view key, std::string_view text);
} // namespace message

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/core/impl/diagnostics.ipp>
#endif
