// SPDX-License-Identifier: BSL-1.0
// Refund requests (POST /api/refund/{order_ref}). Only methods that support refunds compile (R5):
//
//   auto r = portone::refund<portone::komoju::paypay>(portone::live, {
//       .order_ref = "2mbZeehV4ZhkLTwVcL2fHukBg4J", .paid = 5000_yen, .amount = 1200_yen,
//       .description = "Partial refund", .reason = "damaged item"});
//
//   portone::refund<portone::komoju::konbini_lawson>(...)   // does not compile:
//   // error: static assertion failed: KOMOJU_KONBINI_LAWSON does not support refunds
//
// From the typed request the merchant holds, the method and environment come from its type, with
// the same compile-time rules: portone::refund(request, details). A method known only at run time
// goes through dynamic_refund(traits, env, details), which checks R5, R6 and R8 at run time with
// the same sentences; the traits of a method known at compile time (M::traits, request.traits(): a
// method_traits_of<M>) are held to R5 at compile time even there. From a payment webhook:
// protocol/webhook_refund.hpp.
//
// A partial amount is positive by its type (yen) and must not exceed what was paid (run time).
#pragma once

#include <portone/config.hpp>
#include <portone/core/diagnostics.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/error.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/core/money.hpp>
#include <portone/core/rules.hpp>
#include <portone/core/validation.hpp>
#include <portone/core/yen_member.hpp>
#include <portone/request/payment_request.hpp>

#include <concepts>
#include <optional>
#include <string>
#include <utility>

namespace portone {

/// Full or partial, as PortOne's `refund_type` spells it.
enum class refund_type { full, partial };

constexpr std::string_view to_string(refund_type t) noexcept
{
    return t == refund_type::full ? "full" : "partial";
}

namespace member {
// clang-format off
#define PORTONE_MEMBER_NAME refund_paid
#define PORTONE_MEMBER_PATH "refund_details.paid"
#define PORTONE_MEMBER_REQUIRED "the amount the payment captured"
#include <portone/core/detail/define_yen_member.inc>

#define PORTONE_MEMBER_NAME refund_amount
#define PORTONE_MEMBER_PATH "refund_details.amount"
#include <portone/core/detail/define_yen_member.inc>
// clang-format on
} // namespace member

/// What the merchant says about a refund. The amounts are yen: another currency, a number, or
/// no `paid` at all does not compile, with a sentence naming the member (core/yen_member.hpp).
struct refund_details {
    std::string order_ref{};        ///< PortOne's order_ref of the payment (from the webhook)
    yen_member<member::refund_paid> paid; ///< what the payment captured; required
    /// A partial refund's amount; empty for a full refund.
    std::optional<yen_member<member::refund_amount>> amount{};
    std::string description{};
    std::string reason{};           ///< refund_reason
};

/// A checked refund: the method is refundable, the amount fits the payment.
class refund_request_data {
public:
    const std::string& order_ref() const noexcept { return d_.order_ref; }
    refund_type type() const noexcept { return d_.amount ? refund_type::partial : refund_type::full; }
    /// What is refunded: the partial amount, or everything that was paid.
    yen amount() const noexcept { return d_.amount.value_or(d_.paid); }
    yen paid() const noexcept { return d_.paid; }
    const std::string& description() const noexcept { return d_.description; }
    const std::string& reason() const noexcept { return d_.reason; }

protected:
    explicit refund_request_data(refund_details d) : d_(std::move(d)) {}
    refund_details d_;
};

/// A refund for method M in environment Env.
template <payment_method M, environment_tag Env>
class refund_request : public refund_request_data {
public:
    using method = M;
    static constexpr const method_traits_of<M>& traits() noexcept { return M::traits; }
    static constexpr portone::environment environment() noexcept { return Env::value; }

private:
    template <payment_method M2, environment_tag E2>
    friend checked<refund_request<M2, E2>> refund(E2, refund_details);
    using refund_request_data::refund_request_data;
};

/// A refund whose method and environment were chosen at run time.
class dynamic_refund_request : public refund_request_data {
public:
    const method_traits& traits() const noexcept { return *traits_; }
    portone::environment environment() const noexcept { return environment_; }

private:
    friend checked<dynamic_refund_request> dynamic_refund(const method_traits&,
                                                          portone::environment, refund_details);
    dynamic_refund_request(const method_traits& t, portone::environment e, refund_details d)
        : refund_request_data(std::move(d)), traits_(&t), environment_(e) {}
    const method_traits* traits_;
    portone::environment environment_;
};

namespace detail {
/// The value checks both refund paths share.
PORTONE_DECL void check_refund_values(const refund_details& d, errors& out);
} // namespace detail

/// A refund for method M. Does not compile if M does not support refunds (R5) or has no sandbox
/// and Env is sandbox (R6); run-time problems (amount above what was paid, empty reason) are
/// returned, all of them.
template <payment_method M, environment_tag Env>
checked<refund_request<M, Env>> refund(Env, refund_details d)
{
    if constexpr (rule::refund_not_supported::broken(M::traits))
        M::template reject<rule::refund_not_supported>();
    else if constexpr (rule::sandbox_not_available::broken(M::traits, Env::value))
        M::template reject<rule::sandbox_not_available>();
    errors problems;
    detail::check_refund_values(d, problems);
    if (!problems.empty()) return problems;
    return refund_request<M, Env>(std::move(d));
}

/// A refund of the payment `request` started: its method and environment are those of the
/// request's type, so R5 and R6 are checked at compile time, as for refund<M>(env, details).
template <payment_method M, environment_tag Env>
checked<refund_request<M, Env>> refund(const payment_request<M, Env>&, refund_details d)
{
    return refund<M>(Env{}, std::move(d));
}

/// A refund whose method is only known at run time (a method_traits from the catalog, e.g.
/// komoju::find_method or a webhook's method_key): R5 (errc::not_refundable), R6
/// (errc::not_available_in_sandbox) and R8 (errc::unsupported_currency at "amount": a method of a
/// channel whose currency is not the yen of refund_details) are checked at run time, with the
/// compiler's sentences, and reported with every malformed value.
PORTONE_DECL checked<dynamic_refund_request> dynamic_refund(const method_traits& t, environment env,
                                                            refund_details d);

/// The traits of a method known at compile time (M::traits, or a typed request's traits()):
/// R5 does not wait for run time. A method without refunds does not compile; R6 and the values
/// are checked at run time, the environment being a value.
template <payment_method M>
checked<dynamic_refund_request> dynamic_refund(const method_traits_of<M>& t, environment env,
                                               refund_details d)
{
    if constexpr (rule::refund_not_supported::broken(M::traits))
        M::template reject<rule::refund_not_supported>();
    return dynamic_refund(static_cast<const method_traits&>(t), env, std::move(d));
}

/// The same under refund's name: `refund(M::traits, env, details)` and
/// `refund(request.traits(), request.environment(), details)` are checked like refund<M>.
template <payment_method M>
checked<dynamic_refund_request> refund(const method_traits_of<M>& t, environment env,
                                       refund_details d)
{
    if constexpr (rule::refund_not_supported::broken(M::traits))
        M::template reject<rule::refund_not_supported>();
    return dynamic_refund(static_cast<const method_traits&>(t), env, std::move(d));
}

/// A refund of a typed request whose environment was read at run time (runtime_environment): R5
/// at compile time, R6 at run time, as for refund(M::traits, env, details).
template <payment_method M>
checked<dynamic_refund_request> refund(const payment_request<M, runtime_environment>& request,
                                       refund_details d)
{
    return refund(M::traits, request.environment(), std::move(d));
}

/// Traits known only at run time go through dynamic_refund, whose name says that R5 and R6 are
/// then checked at run time.
template <std::same_as<method_traits> T>
checked<dynamic_refund_request> refund(const T& t, environment env, refund_details d)
{
    static_assert(detail::dependent_false<T>, PORTONE_DETAIL_TEXT_RUNTIME_REFUND);
    return dynamic_refund(static_cast<const method_traits&>(t), env, std::move(d));
}

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/request/impl/refund_request.ipp>
#endif
