// A checked initiatePayment request: the method and environment as types, the fields as values.
// Only payment_builder::build() creates one, after proving at compile time that every field the
// method requires is present and checking at run time that every value is well-formed.
#pragma once

#include <portone/core/environment.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/request/payment_fields.hpp>

#include <utility>

namespace portone {

template <payment_method M, class Env, field_mask Given>
class payment_builder;

/// A request whose method M and environment Env are known at compile time.
template <payment_method M, class Env>
class payment_request {
public:
    using method = M;
    using environment_type = Env;

    /// The method's traits (key, kind, ...).
    static constexpr const method_traits& traits() noexcept { return M::traits; }
    /// sandbox or live.
    static constexpr portone::environment environment() noexcept { return Env::value; }

    const payment_fields& fields() const noexcept { return fields_; }
    /// The amount; present by construction.
    yen amount() const noexcept { return *fields_.amount; }

private:
    template <payment_method, class, field_mask>
    friend class payment_builder;

    explicit payment_request(payment_fields f) : fields_(std::move(f)) {}
    payment_fields fields_;
};

/// A request whose method and environment were chosen at run time (see payment_form.hpp). It was
/// checked against the same traits and rules as payment_request.
class dynamic_payment_request {
public:
    const method_traits& traits() const noexcept { return *traits_; }
    portone::environment environment() const noexcept { return environment_; }
    const payment_fields& fields() const noexcept { return fields_; }
    yen amount() const noexcept { return *fields_.amount; }

    /// Used by the run-time validation only: the arguments must already have passed it.
    static dynamic_payment_request from_checked(const method_traits& t, portone::environment e,
                                                payment_fields f)
    {
        return dynamic_payment_request(t, e, std::move(f));
    }

private:
    dynamic_payment_request(const method_traits& t, portone::environment e, payment_fields f)
        : traits_(&t), environment_(e), fields_(std::move(f)) {}
    const method_traits* traits_;
    portone::environment environment_;
    payment_fields fields_;
};

} // namespace portone
