// SPDX-License-Identifier: BSL-1.0
// The rules as constant expressions: which field the builder reports first for each method, which
// environments each method accepts. (The diagnostics themselves are proven by the compile-fail
// tests; these check the decisions behind them without failing the build.)
#include <portone/komoju.hpp>

namespace {

using namespace portone;
namespace k = portone::komoju;

constexpr field_mask base = field::environment::bit | field::merchant_order_id::bit |
                            field::amount::bit | field::description::bit |
                            field::success_url::bit | field::failure_url::bit;

template <class F>
constexpr bool first_missing_is(const method_traits& t, field_mask present)
{
    const auto i = rule_checks::first_missing(t, present);
    return i != rule_checks::none && requirable_fields[i].satisfied_by == F::bit;
}

// Nothing given: the environment is reported first, for every method.
static_assert(first_missing_is<field::environment>(k::paypay::traits, 0));
// PortOne's fields given: each method asks for its own customer data, in checking order.
static_assert(rule_checks::first_missing(k::paypay::traits, base) == rule_checks::none);
static_assert(rule_checks::first_missing(k::web_money::traits, base) == rule_checks::none);
static_assert(first_missing_is<field::billing_email>(k::credit_card::traits, base));
static_assert(first_missing_is<field::billing_name>(k::bank_transfer::traits, base));
static_assert(first_missing_is<field::billing_phone>(
    k::bank_transfer::traits, base | field::billing_name::bit | field::billing_surname::bit));
static_assert(first_missing_is<field::billing_email>(k::konbini_seicomart::traits, base));
static_assert(first_missing_is<field::billing_or_shipping_address>(
    k::paidy::traits, base | field::billing_name::bit | field::billing_surname::bit));
// Either address satisfies Paidy.
static_assert(rule_checks::first_missing(k::paidy::traits, base | field::billing_name::bit |
                                                         field::billing_surname::bit |
                                                         field::shipping_address::bit) == rule_checks::none);
static_assert(rule_checks::first_missing(k::paidy::traits, base | field::billing_name::bit |
                                                         field::billing_surname::bit |
                                                         field::billing_address::bit) == rule_checks::none);
// A shipping email does not count as the customer's email (KOMOJU reads billing_details).
static_assert(first_missing_is<field::billing_email>(k::konbini_lawson::traits, base));

// R5 to R8, each its rule type's `broken`, over the whole catalog: what the seed's table says.
using r6 = rule::sandbox_not_available;
static_assert(!r6::broken(k::paypay::traits, environment::sandbox));
static_assert(r6::broken(k::credit_card::traits, environment::sandbox));
static_assert(!r6::broken(k::credit_card::traits, environment::live));
static_assert(r6::broken(k::paidy::traits, environment::sandbox));
static_assert([] {
    for (const method_traits* t : k::all_traits) {
        if (rule::refund_not_supported::broken(*t) == t->refundable) return false;       // R5
        if (r6::broken(*t, environment::sandbox) == t->sandbox) return false;            // R6
        if (r6::broken(*t, environment::live)) return false;
        if (rule::checkout_not_available::broken(*t) == t->checkout) return false;       // R7
        if (rule::currency_not_accepted<currency::jpy>::broken(*t)) return false;        // R8
        if (!rule::currency_not_accepted<currency::usd>::broken(*t)) return false;
    }
    return true;
}());
// A list checks its rules in order and names the first one broken.
using r7_r6 = rule::list<rule::checkout_not_available, r6>;
static_assert(r7_r6::first_broken(k::web_money::traits, environment::sandbox) == 0);
static_assert(r7_r6::first_broken(k::credit_card::traits, environment::sandbox) == 1);
static_assert(r7_r6::first_broken(k::credit_card::traits, environment::live) == r7_r6::size);
static_assert(r7_r6::index_of<r6> == 1);
static_assert(std::is_same_v<r7_r6::at<0>, rule::checkout_not_available>);

// The compile-time builder tracks presence in its type.
using builder = decltype(initiate_payment<k::paypay>().merchant_order_id("x"));
static_assert(std::is_same_v<builder, payment_builder<k::paypay, unset_environment,
                                                      field::merchant_order_id::bit>>);

// An environment read at run time: the environment is set in the builder's type, its value is
// kept by the request (environment() is no constant), and R6 waits for build().
static_assert(!environment_tag<runtime_environment>);
static_assert(runtime_environment(environment::sandbox).value() == environment::sandbox);
constexpr runtime_environment configured(environment::live);
using runtime_builder = decltype(initiate_payment<k::credit_card>().environment(configured));
static_assert(std::is_same_v<runtime_builder, payment_builder<k::credit_card, runtime_environment,
                                                              field::environment::bit>>);
using runtime_request = payment_request<k::credit_card, runtime_environment>;
static_assert(std::is_same_v<decltype(std::declval<runtime_builder>()
                                          .merchant_order_id("x")
                                          .amount(std::declval<yen>())
                                          .description("d")
                                          .success_url("u")
                                          .failure_url("u")
                                          .billing_email("e")
                                          .billing_name("n")
                                          .billing_surname("s")
                                          .build()),
                             checked<runtime_request>>);
static_assert(requires(const runtime_request& r) {
    { r.environment() } -> std::same_as<environment>;
});
template <class R>
concept constant_environment = requires { R::environment(); };
static_assert(!constant_environment<runtime_request>);
static_assert(constant_environment<payment_request<k::credit_card, live_t>>);
static_assert(payment_request<k::credit_card, live_t>::environment() == environment::live);
// Its refund: R5 still at compile time, the environment a value.
static_assert(requires(const runtime_request& r, refund_details d) {
    { portone::refund(r, d) } -> std::same_as<checked<dynamic_refund_request>>;
});

// Literals.
using namespace portone::literals;
static_assert((5000_yen).minor_units() == 5000);
static_assert((1'000_yen).minor_units() == 1000);
static_assert((9'999'999_yen).minor_units() == max_minor_units<currency::jpy>);
// What the literal operator receives, and what it makes of it (each non-decimal kind is one error
// with its own sentence: compile-fail amount.*_literal).
using portone::detail::amount_literal_kind;
using portone::detail::read_amount_literal;
static_assert(read_amount_literal<'1', '\'', '0', '0', '0'>().value == 1000);
using kind = amount_literal_kind;
static_assert(read_amount_literal<'1', '5', '0', '0', '.', '5'>().kind == kind::fraction);
static_assert(read_amount_literal<'1', 'e', '3'>().kind == kind::fraction);
static_assert(read_amount_literal<'0', 'x', '1', 'e'>().kind == kind::not_decimal);
static_assert(read_amount_literal<'0', 'b', '1'>().kind == kind::not_decimal);
static_assert(read_amount_literal<'0', '1', '0'>().kind == kind::not_decimal); // octal
static_assert(read_amount_literal<'0'>().kind == kind::decimal); // and then not positive
// Too large for any integer: saturated, so that the maximum's rule reports it.
static_assert(read_amount_literal<'9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9',
                                  '9', '9', '9', '9', '9', '9', '9'>().value == INT64_MAX);

} // namespace
