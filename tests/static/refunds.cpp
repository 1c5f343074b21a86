// SPDX-License-Identifier: BSL-1.0
// Which refund entry a call reaches, decided by types: the traits of a method known at compile time
// carry it (method_traits_of<M>), a typed request gives its method and environment, and traits
// known only at run time take dynamic_refund. Only well-formed calls are asked here, in unevaluated
// requires-expressions that never instantiate a body; the calls that stop with R5's sentence are
// compile-fail tests.
#include <portone/komoju.hpp>

#include <concepts>
#include <type_traits>

namespace {

using namespace portone;
namespace k = portone::komoju;

// M::traits names M in its type, and converts to the run-time view.
static_assert(std::is_same_v<decltype(k::paypay::traits), const method_traits_of<k::paypay>>);
static_assert(std::is_base_of_v<method_traits, method_traits_of<k::paypay>>);
static_assert(!std::is_same_v<method_traits_of<k::paypay>, method_traits_of<k::merpay>>);
static_assert(std::is_convertible_v<const method_traits_of<k::paypay>&, const method_traits&>);
// So does a typed request's, and a typed refund's.
static_assert(std::is_same_v<decltype(payment_request<k::konbini_lawson, live_t>::traits()),
                             const method_traits_of<k::konbini_lawson>&>);
static_assert(std::is_same_v<decltype(refund_request<k::paypay, live_t>::traits()),
                             const method_traits_of<k::paypay>&>);
// The catalog's run-time table still holds plain pointers to the same objects.
static_assert(k::all_traits[12] == &k::paypay::traits);

using checked_dynamic = checked<dynamic_refund_request>;

/// What refund(request, details) gives for a typed request, when it is well-formed.
template <class M, class Env>
concept refund_from_request = requires(const payment_request<M, Env>& r, refund_details d) {
    { portone::refund(r, d) } -> std::same_as<checked<refund_request<M, Env>>>;
};
/// What refund / dynamic_refund give for the traits of a method known at compile time.
template <class M>
concept refund_from_traits = requires(refund_details d) {
    { portone::refund(M::traits, environment::live, d) } -> std::same_as<checked_dynamic>;
    { portone::dynamic_refund(M::traits, environment::live, d) } -> std::same_as<checked_dynamic>;
};

// For every refundable method, in each environment it has, each way in is well-formed and gives
// the request type above. (For the others each of them is one R5 error: compile-fail refund.*,
// refund_traits.*, refund_request.*.)
template <class M>
constexpr bool refund_entries_fit()
{
    if constexpr (is_refundable_v<M>)
        return refund_from_request<M, live_t> &&
               (!has_sandbox_v<M> || refund_from_request<M, sandbox_t>) && refund_from_traits<M>;
    else
        return true;
}
static_assert([] {
    bool all = true;
    k::for_each_method([&](auto m) { all = all && refund_entries_fit<decltype(m)>(); });
    return all;
}());

// Traits known only at run time: dynamic_refund, and the webhook's method_key.
static_assert(requires(const method_traits& t, refund_details d) {
    { portone::dynamic_refund(t, environment::sandbox, d) } -> std::same_as<checked_dynamic>;
});
static_assert(requires(const payment_webhook& hook, refund_terms terms) {
    { portone::refund(hook, environment::live, terms) } -> std::same_as<checked_dynamic>;
});

} // namespace
