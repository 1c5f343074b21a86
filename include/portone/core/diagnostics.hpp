// SPDX-License-Identifier: BSL-1.0
// Misuse diagnostics: one named rule type per mistake, and the sentence fragments every message is
// made of. The messages themselves are assembled per method by detail/define_method.inc.
#pragma once

#include <portone/core/fields.hpp>

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
} // namespace detail

/// The rules a request can break. Each is a type so that diagnostics print it and tests can name it.
namespace rule {
/// Field F (a portone::field tag) is required by the method or by PortOne and was not set.
template <class F>
struct missing {};
/// A refund of a method that does not support refunds (R5).
struct refund_not_supported {};
/// A sandbox request for a method that has no sandbox (R6).
struct sandbox_not_available {};
/// Offering a method through hosted Checkout that Checkout does not offer (R7).
struct checkout_not_available {};
/// An amount in currency C for a channel that does not accept C (R8).
template <class C>
struct currency_not_accepted {};
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

inline std::string requires_field(std::string_view key, std::string_view requirement)
{
    std::string s(key);
    s += " requires ";
    s += requirement;
    return s;
}
inline std::string about(std::string_view key, std::string_view text)
{
    std::string s(key);
    s += text;
    return s;
}
} // namespace message

} // namespace portone
