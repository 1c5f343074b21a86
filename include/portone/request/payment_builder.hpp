// SPDX-License-Identifier: BSL-1.0
// Building an initiatePayment request step by step, with misuse caught by the compiler.
//
//   auto request = portone::initiate_payment<portone::komoju::bank_transfer>()
//                      .environment(portone::sandbox)
//                      .merchant_order_id("ORDER-0001")
//                      .amount(5000_yen)
//                      .description("Order ORDER-0001")
//                      .success_url("https://shop.example/paid")
//                      .failure_url("https://shop.example/failed")
//                      .billing_name("Taro").billing_surname("Yamada")
//                      .billing_phone("090-1234-5678")
//                      .build();   // portone::checked<payment_request<bank_transfer, sandbox_t>>
//
// Each step returns a builder whose type records which fields are set, so the steps are chained (a
// step called on a builder held in a variable is one error saying so; std::move(builder).step(...)
// is the way to go on from one). build() proves at compile
// time that the method's required fields are all there (R1-R4 and PortOne's own required fields),
// environment() rejects a sandbox for methods without one (R6), amount() any currency but the
// channel's (R8). An environment read from configuration is
// .environment(portone::runtime_environment(env)): build() then checks R6 at run time. Each mistake
// is one error whose message names the method key and what is wrong:
//
//   error: static assertion failed: KOMOJU_BANK_TRANSFER requires the customer's phone
//          (billing_details.billing_phone)
//
// Values (email syntax, phone digits, URLs, item totals) can only be checked at run time, so
// build() returns portone::checked<>: the request, or every problem found.
#pragma once

#include <portone/config.hpp>
#include <portone/core/diagnostics.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/error.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/core/money.hpp>
#include <portone/core/rules.hpp>
#include <portone/request/check_fields.hpp>
#include <portone/request/customer.hpp>
#include <portone/request/payment_request.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace portone {

/// The environment of a builder before environment() was called.
struct unset_environment {};

namespace detail {

/// The fields of a request being built, and the work on them that does not depend on the method.
/// Each builder step is a template (its result type records what is set), so everything that can
/// be is done here, once, out of line: the code generated per method and step is then a call and
/// a pointer move, which keeps the compile time of user code flat in the number of methods.
class payment_draft {
public:
    payment_draft() : fields_(make_fields()) {}

    using text = std::string payment_fields::*;
    using billing_text = std::optional<std::string> billing_details::*;
    using shipping_text = std::optional<std::string> shipping_details::*;

    void set(text member, std::string_view v) { set_in(*fields_, member, v); }
    void set(std::optional<std::string> payment_fields::*member, std::string_view v)
    {
        set_in(*fields_, member, v);
    }
    void set(billing_text member, std::string_view v) { set_in(*fields_, member, v); }
    void set(shipping_text member, std::string_view v) { set_in(*fields_, member, v); }
    void set_billing_address(address v) { set_billing_address_in(*fields_, std::move(v)); }
    void set_shipping_address(address v) { set_shipping_address_in(*fields_, std::move(v)); }
    void set_amount(yen v) noexcept { fields_->amount = v; }
    void add_item(order_item item) { add_item_in(*fields_, std::move(item)); }

    /// Copies from `c` exactly the customer data in `need`. For "a billing or a shipping address",
    /// the billing address is used when `c` has one.
    void set_customer_data(const customer& c, customer_data need)
    {
        set_customer_data_in(*fields_, c, need);
    }

    /// Every malformed value (presence was proven at compile time).
    errors problems() const { return problems_in(*fields_); }
    /// The same, after R6 for method `t` in the environment set at run time.
    errors problems(const method_traits& t) const { return problems_in(*fields_, t, environment_); }

    /// The environment given as a runtime_environment (unused otherwise).
    void set_environment(environment e) noexcept { environment_ = e; }
    runtime_environment environment_value() const noexcept
    {
        return runtime_environment(environment_);
    }

    const payment_fields& fields() const noexcept { return *fields_; }
    fields_ptr release() noexcept { return std::move(fields_); }

private:
    // The work itself, out of line. Each takes the fields, not the draft: a draft lives in a
    // builder temporary, and a temporary whose address reached an out-of-line function could
    // not be proven empty after the move into the next step's builder, so every step of every
    // chain kept a cleanup for every earlier temporary.
    PORTONE_DECL static void set_in(payment_fields& f, text member, std::string_view v);
    PORTONE_DECL static void set_in(payment_fields& f,
                                    std::optional<std::string> payment_fields::*member,
                                    std::string_view v);
    PORTONE_DECL static void set_in(payment_fields& f, billing_text member, std::string_view v);
    PORTONE_DECL static void set_in(payment_fields& f, shipping_text member, std::string_view v);
    PORTONE_DECL static void set_billing_address_in(payment_fields& f, address v);
    PORTONE_DECL static void set_shipping_address_in(payment_fields& f, address v);
    PORTONE_DECL static void add_item_in(payment_fields& f, order_item item);
    PORTONE_DECL static void set_customer_data_in(payment_fields& f, const customer& c,
                                                  customer_data need);
    PORTONE_DECL static errors problems_in(const payment_fields& f);
    PORTONE_DECL static errors problems_in(const payment_fields& f, const method_traits& t,
                                           environment e);

    static billing_details& billing_of(payment_fields& f)
    {
        if (!f.billing_details) f.billing_details.emplace();
        return *f.billing_details;
    }
    static shipping_details& shipping_of(payment_fields& f)
    {
        if (!f.shipping_details) f.shipping_details.emplace();
        return *f.shipping_details;
    }

    // On the heap so that each step, which returns a builder of a new type, moves one pointer.
    fields_ptr fields_;
    environment environment_ = environment::live;
};

/// Whether a builder's type claims environment Env that method M does not have (R6).
template <payment_method M, class Env>
constexpr bool breaks_r6() noexcept
{
    if constexpr (environment_tag<Env>)
        return rule::sandbox_not_available::broken(M::traits, Env::value);
    else return false;
}

} // namespace detail

template <payment_method M, class Env = unset_environment, field_mask Given = 0>
class payment_builder {
public:
    using method = M;

    /// Not a way to start: initiate_payment<M>() is. A builder made directly would carry, in its
    /// type, fields and an environment that no step set or checked, so this does not compile:
    /// with R6's sentence when Env is a sandbox M does not have, otherwise with a sentence that
    /// says to call initiate_payment<M>(). (Public, so that the error is that sentence.)
    payment_builder()
    {
        if constexpr (detail::breaks_r6<M, Env>())
            M::template reject<rule::sandbox_not_available>();
        else
            M::template reject<rule::builder_not_started>();
    }

    /// sandbox or live. A sandbox for a method without one does not compile (R6).
    template <environment_tag E>
    auto environment(E) &&
    {
        if constexpr (rule::sandbox_not_available::broken(M::traits, E::value))
            M::template reject<rule::sandbox_not_available>();
        return payment_builder<M, E, (Given | field::environment::bit)>(std::move(draft_));
    }

    /// An environment read at run time: R6 is checked by build(), at run time, with the same
    /// sentence (errc::not_available_in_sandbox at "environment"). The request's environment()
    /// is this value.
    auto environment(runtime_environment e) &&
    {
        draft_.set_environment(e.value());
        return payment_builder<M, runtime_environment, (Given | field::environment::bit)>(
            std::move(draft_));
    }

    /// Anything else (the enum value portone::environment::sandbox, a string): one error that
    /// says what to write.
    template <class T>
        requires(!environment_tag<T> && !std::is_same_v<T, runtime_environment>)
    auto environment(T) &&
    {
        M::template reject<rule::environment_value>();
        return std::move(*this).environment(runtime_environment(portone::environment::live));
    }
    template <class A>
    auto environment(A&& a) const& { return held().environment(std::forward<A>(a)); }

    /// Your unique reference for this payment (see validation::merchant_order_id_charset).
    auto merchant_order_id(std::string_view v) &&
    {
        draft_.set(&payment_fields::merchant_order_id, v);
        return with<field::merchant_order_id::bit>(std::move(draft_));
    }
    auto merchant_order_id(std::string_view v) const& { return held().merchant_order_id(v); }

    /// The amount, in the channel's currency; another currency does not compile (R8).
    template <currency_tag C>
    auto amount(money<C> v) &&
    {
        if constexpr (rule::currency_not_accepted<C>::broken(M::traits))
            M::template reject<rule::currency_not_accepted<C>>();
        else
            draft_.set_amount(v);
        return with<field::amount::bit>(std::move(draft_));
    }

    /// Anything but a money value: write 5000_yen, or yen::from(n) for a run-time amount.
    template <class T>
        requires(!detail::is_money_v<T>)
    auto amount(T) &&
    {
        static_assert(detail::dependent_false<T>,
                      "amount() takes a portone::money value: write 5000_yen (using namespace "
                      "portone::literals), or portone::yen::from(n) for a run-time amount");
        return with<field::amount::bit>(std::move(draft_));
    }
    template <class A>
    auto amount(A&& a) const& { return held().amount(std::forward<A>(a)); }

    auto description(std::string_view v) &&
    {
        draft_.set(&payment_fields::description, v);
        return with<field::description::bit>(std::move(draft_));
    }
    auto description(std::string_view v) const& { return held().description(v); }
    /// Where PortOne sends the shopper after a successful payment.
    auto success_url(std::string_view v) &&
    {
        draft_.set(&payment_fields::success_url, v);
        return with<field::success_url::bit>(std::move(draft_));
    }
    auto success_url(std::string_view v) const& { return held().success_url(v); }
    /// Where PortOne sends the shopper after a failed payment.
    auto failure_url(std::string_view v) &&
    {
        draft_.set(&payment_fields::failure_url, v);
        return with<field::failure_url::bit>(std::move(draft_));
    }
    auto failure_url(std::string_view v) const& { return held().failure_url(v); }
    /// Where PortOne sends the shopper while the payment is pending (optional).
    auto pending_url(std::string_view v) &&
    {
        draft_.set(&payment_fields::pending_url, v);
        return with<field::pending_url::bit>(std::move(draft_));
    }
    auto pending_url(std::string_view v) const& { return held().pending_url(v); }

    // The customer, as billed: KOMOJU reads its required customer data from here.

    auto billing_email(std::string_view v) &&
    {
        draft_.set(&billing_details::billing_email, v);
        return with<field::billing_email::bit>(std::move(draft_));
    }
    auto billing_email(std::string_view v) const& { return held().billing_email(v); }
    /// Given (and middle) names.
    auto billing_name(std::string_view v) &&
    {
        draft_.set(&billing_details::billing_name, v);
        return with<field::billing_name::bit>(std::move(draft_));
    }
    auto billing_name(std::string_view v) const& { return held().billing_name(v); }
    /// Family name.
    auto billing_surname(std::string_view v) &&
    {
        draft_.set(&billing_details::billing_surname, v);
        return with<field::billing_surname::bit>(std::move(draft_));
    }
    auto billing_surname(std::string_view v) const& { return held().billing_surname(v); }
    auto billing_phone(std::string_view v) &&
    {
        draft_.set(&billing_details::billing_phone, v);
        return with<field::billing_phone::bit>(std::move(draft_));
    }
    auto billing_phone(std::string_view v) const& { return held().billing_phone(v); }
    auto billing_address(address v) &&
    {
        draft_.set_billing_address(std::move(v));
        return with<field::billing_address::bit>(std::move(draft_));
    }
    auto billing_address(address v) const& { return held().billing_address(std::move(v)); }

    // Where the goods go.

    auto shipping_name(std::string_view v) &&
    {
        draft_.set(&shipping_details::shipping_name, v);
        return std::move(*this);
    }
    auto shipping_name(std::string_view v) const& { return held().shipping_name(v); }
    auto shipping_surname(std::string_view v) &&
    {
        draft_.set(&shipping_details::shipping_surname, v);
        return std::move(*this);
    }
    auto shipping_surname(std::string_view v) const& { return held().shipping_surname(v); }
    auto shipping_email(std::string_view v) &&
    {
        draft_.set(&shipping_details::shipping_email, v);
        return std::move(*this);
    }
    auto shipping_email(std::string_view v) const& { return held().shipping_email(v); }
    auto shipping_phone(std::string_view v) &&
    {
        draft_.set(&shipping_details::shipping_phone, v);
        return std::move(*this);
    }
    auto shipping_phone(std::string_view v) const& { return held().shipping_phone(v); }
    auto shipping_address(address v) &&
    {
        draft_.set_shipping_address(std::move(v));
        return with<field::shipping_address::bit>(std::move(draft_));
    }
    auto shipping_address(address v) const& { return held().shipping_address(std::move(v)); }

    /// Sets exactly the customer data method M requires, taken from `c`, and nothing else (data
    /// minimisation). An empty value in `c` is reported by build() as an invalid value. For
    /// "a billing or a shipping address", the billing address is used when `c` has one.
    auto required_customer_data(const customer& c) &&
    {
        constexpr customer_data need = M::traits.required;
        draft_.set_customer_data(c, need);
        return with<required_mask(need)>(std::move(draft_));
    }
    auto required_customer_data(const customer& c) const&
    {
        return held().required_customer_data(c);
    }

    /// Appends one line to order_details. With items, their total must equal the amount.
    auto order_item(portone::order_item item) &&
    {
        draft_.add_item(std::move(item));
        return with<field::order_details::bit>(std::move(draft_));
    }
    auto order_item(portone::order_item item) const& { return held().order_item(std::move(item)); }

    /// user_configured_field1 ... user_configured_field5: free text PortOne keeps with the payment.
    template <int N>
    auto user_configured_field(std::string_view v) &&
    {
        static_assert(N >= 1 && N <= 5, "PortOne has user_configured_field1 to user_configured_field5");
        constexpr std::optional<std::string> payment_fields::*members[] = {
            &payment_fields::user_configured_field1, &payment_fields::user_configured_field2,
            &payment_fields::user_configured_field3, &payment_fields::user_configured_field4,
            &payment_fields::user_configured_field5};
        if constexpr (N >= 1 && N <= 5) draft_.set(members[N - 1], v);
        return std::move(*this);
    }
    template <int N>
    auto user_configured_field(std::string_view v) const&
    {
        return held().template user_configured_field<N>(v);
    }

    /// Finishes the request. A required field that was never set does not compile (R1-R4); a
    /// malformed value is reported at run time, together with every other one.
    checked<payment_request<M, Env>> build() &&
    {
        constexpr std::size_t missing = rule_checks::first_missing(M::traits, Given);
        if constexpr (missing != rule_checks::none)
            M::template reject<rule::missing<requirable_field_t<missing>>>();
        if constexpr (std::is_same_v<Env, runtime_environment>) {
            if (auto problems = draft_.problems(M::traits); !problems.empty()) return problems;
            return payment_request<M, Env>(draft_.release(), draft_.environment_value());
        } else {
            if (auto problems = draft_.problems(); !problems.empty()) return problems;
            return payment_request<M, Env>(draft_.release(), Env{});
        }
    }

    /// Called on a builder held in a variable: see held().
    checked<payment_request<M, Env>> build() const&
    {
        held();
        return errors{};
    }

    /// The fields set so far.
    const payment_fields& fields() const noexcept { return draft_.fields(); }

private:
    template <payment_method, class, field_mask>
    friend class payment_builder;
    template <payment_method M2>
    friend payment_builder<M2> initiate_payment();

    explicit payment_builder(detail::payment_draft d) noexcept : draft_(std::move(d)) {}

    /// A step called on a builder held in a variable (each step's const& overload): a step returns
    /// a new builder, whose type records what it set, so it cannot change this one. One error,
    /// rule::builder_held, that says to chain the calls; the step then goes on as if chained, so
    /// that its result has the type the chain would have and nothing fails after it (build()
    /// returns no request: with steps whose results were dropped, the builder is incomplete).
    constexpr payment_builder&& held() const
    {
        M::template reject<rule::builder_held>();
        return std::move(const_cast<payment_builder&>(*this));
    }

    /// The builder with the fields in `Add` marked as set.
    template <field_mask Add>
    using with = payment_builder<M, Env, (Given | Add)>;

    /// The presence bits that customer data `need` fills.
    static constexpr field_mask required_mask(customer_data need)
    {
        field_mask m = 0;
        for (const auto& f : requirable_fields)
            if (f.satisfies != customer_data::none && contains(need, f.satisfies))
                m |= f.satisfied_by;
        return m;
    }

    detail::payment_draft draft_;
};

/// Starts an initiatePayment request for method M (a type from the catalog, e.g.
/// portone::komoju::paypay).
template <payment_method M>
payment_builder<M> initiate_payment()
{
    return payment_builder<M>(detail::payment_draft());
}

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/request/impl/payment_builder.ipp>
#endif
