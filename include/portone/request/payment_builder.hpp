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
// Each step returns a builder whose type records which fields are set. build() proves at compile
// time that the method's required fields are all there (R1-R4 and PortOne's own required fields),
// environment() rejects a sandbox for methods without one (R6), amount() any currency but the
// channel's (R8). Each mistake is one error whose message names the method key and what is wrong:
//
//   error: static assertion failed: KOMOJU_BANK_TRANSFER requires the customer's phone
//          (billing_details.billing_phone)
//
// Values (email syntax, phone digits, URLs, item totals) can only be checked at run time, so
// build() returns portone::checked<>: the request, or every problem found.
#pragma once

#include <portone/core/diagnostics.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/error.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/core/money.hpp>
#include <portone/core/rules.hpp>
#include <portone/request/check_fields.hpp>
#include <portone/request/customer.hpp>
#include <portone/request/payment_request.hpp>

#include <string>
#include <type_traits>
#include <utility>

namespace portone {

/// The environment of a builder before environment() was called.
struct unset_environment {};

template <payment_method M, class Env = unset_environment, field_mask Given = 0>
class payment_builder {
public:
    using method = M;

    payment_builder() = default;

    /// sandbox or live. A sandbox for a method without one does not compile (R6).
    template <environment_tag E>
    auto environment(E) &&
    {
        if constexpr (!rules::environment_allowed(M::traits, E::value))
            M::template reject<rule::sandbox_not_available>();
        return std::move(*this).template next<field::environment, E>();
    }

    /// Your unique reference for this payment (see validation::merchant_order_id_charset).
    auto merchant_order_id(std::string v) &&
    {
        fields_.merchant_order_id = std::move(v);
        return std::move(*this).template next<field::merchant_order_id>();
    }

    /// The amount, in the channel's currency; another currency does not compile (R8).
    template <currency_tag C>
    auto amount(money<C> v) &&
    {
        if constexpr (!std::is_same_v<C, currency_of_t<M>>)
            M::template reject<rule::currency_not_accepted<C>>();
        else
            fields_.amount = v;
        return std::move(*this).template next<field::amount>();
    }

    /// Anything but a money value: write 5000_yen, or yen::from(n) for a run-time amount.
    template <class T>
        requires(!detail::is_money_v<T>)
    auto amount(T) &&
    {
        static_assert(detail::dependent_false<T>,
                      "amount() takes a portone::money value: write 5000_yen (using namespace "
                      "portone::literals), or portone::yen::from(n) for a run-time amount");
        return std::move(*this).template next<field::amount>();
    }

    auto description(std::string v) &&
    {
        fields_.description = std::move(v);
        return std::move(*this).template next<field::description>();
    }
    /// Where PortOne sends the shopper after a successful payment.
    auto success_url(std::string v) &&
    {
        fields_.success_url = std::move(v);
        return std::move(*this).template next<field::success_url>();
    }
    /// Where PortOne sends the shopper after a failed payment.
    auto failure_url(std::string v) &&
    {
        fields_.failure_url = std::move(v);
        return std::move(*this).template next<field::failure_url>();
    }
    /// Where PortOne sends the shopper while the payment is pending (optional).
    auto pending_url(std::string v) &&
    {
        fields_.pending_url = std::move(v);
        return std::move(*this).template next<field::pending_url>();
    }

    // The customer, as billed: KOMOJU reads its required customer data from here.

    auto billing_email(std::string v) &&
    {
        billing().billing_email = std::move(v);
        return std::move(*this).template next<field::billing_email>();
    }
    /// Given (and middle) names.
    auto billing_name(std::string v) &&
    {
        billing().billing_name = std::move(v);
        return std::move(*this).template next<field::billing_name>();
    }
    /// Family name.
    auto billing_surname(std::string v) &&
    {
        billing().billing_surname = std::move(v);
        return std::move(*this).template next<field::billing_surname>();
    }
    auto billing_phone(std::string v) &&
    {
        billing().billing_phone = std::move(v);
        return std::move(*this).template next<field::billing_phone>();
    }
    auto billing_address(address v) &&
    {
        billing().billing_address = std::move(v);
        return std::move(*this).template next<field::billing_address>();
    }

    // Where the goods go.

    auto shipping_name(std::string v) &&
    {
        shipping().shipping_name = std::move(v);
        return std::move(*this).template next<>();
    }
    auto shipping_surname(std::string v) &&
    {
        shipping().shipping_surname = std::move(v);
        return std::move(*this).template next<>();
    }
    auto shipping_email(std::string v) &&
    {
        shipping().shipping_email = std::move(v);
        return std::move(*this).template next<>();
    }
    auto shipping_phone(std::string v) &&
    {
        shipping().shipping_phone = std::move(v);
        return std::move(*this).template next<>();
    }
    auto shipping_address(address v) &&
    {
        shipping().shipping_address = std::move(v);
        return std::move(*this).template next<field::shipping_address>();
    }

    /// Sets exactly the customer data method M requires, taken from `c`, and nothing else (data
    /// minimisation). An empty value in `c` is reported by build() as an invalid value. For
    /// "a billing or a shipping address", the billing address is used when `c` has one.
    auto required_customer_data(const customer& c) &&
    {
        constexpr customer_data need = M::traits.required;
        if constexpr (contains(need, customer_data::email)) billing().billing_email = c.email;
        if constexpr (contains(need, customer_data::name)) billing().billing_name = c.name;
        if constexpr (contains(need, customer_data::surname)) billing().billing_surname = c.surname;
        if constexpr (contains(need, customer_data::phone)) billing().billing_phone = c.phone;
        if constexpr (contains(need, customer_data::address)) {
            if (c.billing_address || !c.shipping_address)
                billing().billing_address = c.billing_address.value_or(address{});
            else
                shipping().shipping_address = *c.shipping_address;
        }
        return std::move(*this).template next_mask<required_mask(need)>();
    }

    /// Appends one line to order_details. With items, their total must equal the amount.
    auto order_item(portone::order_item item) &&
    {
        fields_.order_details.push_back(std::move(item));
        return std::move(*this).template next<field::order_details>();
    }

    /// user_configured_field1 ... user_configured_field5: free text PortOne keeps with the payment.
    template <int N>
    auto user_configured_field(std::string v) &&
    {
        static_assert(N >= 1 && N <= 5, "PortOne has user_configured_field1 to user_configured_field5");
        if constexpr (N == 1) fields_.user_configured_field1 = std::move(v);
        if constexpr (N == 2) fields_.user_configured_field2 = std::move(v);
        if constexpr (N == 3) fields_.user_configured_field3 = std::move(v);
        if constexpr (N == 4) fields_.user_configured_field4 = std::move(v);
        if constexpr (N == 5) fields_.user_configured_field5 = std::move(v);
        return std::move(*this).template next<>();
    }

    /// Finishes the request. A required field that was never set does not compile (R1-R4); a
    /// malformed value is reported at run time, together with every other one.
    checked<payment_request<M, Env>> build() &&
    {
        constexpr std::size_t missing = rules::first_missing(M::traits, Given);
        if constexpr (missing != rules::none)
            M::template reject<rule::missing<requirable_field_t<missing>>>();
        errors problems;
        check_values(fields_, problems);
        if (!problems.empty()) return problems;
        return payment_request<M, Env>(std::move(fields_));
    }

    /// The fields set so far.
    const payment_fields& fields() const noexcept { return fields_; }

private:
    template <payment_method, class, field_mask>
    friend class payment_builder;

    explicit payment_builder(payment_fields f) : fields_(std::move(f)) {}

    template <field_mask Add>
    payment_builder<M, Env, (Given | Add)> next_mask() &&
    {
        return payment_builder<M, Env, (Given | Add)>(std::move(fields_));
    }

    /// The presence bits that customer data `need` fills.
    static constexpr field_mask required_mask(customer_data need)
    {
        field_mask m = 0;
        for (const auto& f : requirable_fields)
            if (f.satisfies != customer_data::none && contains(need, f.satisfies))
                m |= f.satisfied_by;
        return m;
    }

    template <class F>
    static constexpr field_mask field_bit = [] {
        if constexpr (std::is_void_v<F>) return field_mask{0};
        else return F::bit;
    }();

    template <class F = void, class E = Env>
    payment_builder<M, E, (Given | field_bit<F>)> next() &&
    {
        return payment_builder<M, E, (Given | field_bit<F>)>(std::move(fields_));
    }

    billing_details& billing()
    {
        if (!fields_.billing_details) fields_.billing_details.emplace();
        return *fields_.billing_details;
    }
    shipping_details& shipping()
    {
        if (!fields_.shipping_details) fields_.shipping_details.emplace();
        return *fields_.shipping_details;
    }

    payment_fields fields_;
};

/// Starts an initiatePayment request for method M (a type from the catalog, e.g.
/// portone::komoju::paypay).
template <payment_method M>
payment_builder<M> initiate_payment()
{
    return {};
}

} // namespace portone
