// SPDX-License-Identifier: BSL-1.0
// A checked initiatePayment request: the method and environment as types, the fields as values.
// Only payment_builder::build() creates one, after proving at compile time that every field the
// method requires is present and checking at run time that every value is well-formed.
#pragma once

#include <portone/config.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/request/payment_fields.hpp>

#include <memory>
#include <utility>

namespace portone {

namespace detail {
/// Owns a heap payment_fields. The deleter calls one shared function (impl/payment_request.ipp)
/// rather than deleting in place: payment_fields has ~40 members, and an inlined destructor would
/// be copied into the destructor of every builder step of every method (each step is a type of
/// its own), which costs compile time and code size.
struct fields_deleter {
    void operator()(payment_fields* p) const noexcept { destroy(p); }
    PORTONE_DECL static void destroy(payment_fields* p) noexcept;
};
using fields_ptr = std::unique_ptr<payment_fields, fields_deleter>;

/// A new heap payment_fields, default-constructed or copied (one shared function each, for the
/// same reason).
PORTONE_DECL fields_ptr make_fields();
PORTONE_DECL fields_ptr make_fields(const payment_fields& from);
PORTONE_DECL fields_ptr make_fields(payment_fields&& from);

/// The fields of a checked request, kept on the heap: moving a request (into a result, out of a
/// function) moves one pointer instead of ~40 members, which keeps the code generated per method
/// small. Copies are deep. A moved-from request may only be assigned to or destroyed.
class request_fields {
public:
    explicit request_fields(fields_ptr f) noexcept : fields_(std::move(f)) {}
    request_fields(const request_fields& other) : fields_(make_fields(*other.fields_)) {}
    request_fields& operator=(const request_fields& other)
    {
        if (this != &other) fields_ = make_fields(*other.fields_);
        return *this;
    }
    request_fields(request_fields&&) noexcept = default;
    request_fields& operator=(request_fields&&) noexcept = default;
    ~request_fields() = default;

    const payment_fields& get() const noexcept { return *fields_; }

private:
    fields_ptr fields_;
};
} // namespace detail

template <payment_method M, class Env, field_mask Given>
class payment_builder;

namespace detail {
/// Where a typed request keeps its environment: in its type (sandbox_t, live_t: environment() is
/// a constant) or, for a runtime_environment, in the request.
template <class Env>
class environment_of {
public:
    /// sandbox or live.
    static constexpr portone::environment environment() noexcept { return Env::value; }

protected:
    constexpr explicit environment_of(Env) noexcept {}
};
template <>
class environment_of<runtime_environment> {
public:
    /// sandbox or live, as given to the builder (R6 was checked by build()).
    constexpr portone::environment environment() const noexcept { return value_; }

protected:
    constexpr explicit environment_of(runtime_environment e) noexcept : value_(e.value()) {}

private:
    portone::environment value_;
};
} // namespace detail

/// A request whose method M is known at compile time, and its environment too (Env is sandbox_t
/// or live_t), or read at run time (Env is runtime_environment).
template <payment_method M, class Env>
class payment_request : public detail::environment_of<Env> {
public:
    using method = M;
    using environment_type = Env;

    /// The method's traits (key, kind, ...), as a method_traits_of<M>: the method stays known at
    /// compile time where they are passed on (portone::refund checks R5 on them).
    static constexpr const method_traits_of<M>& traits() noexcept { return M::traits; }

    const payment_fields& fields() const noexcept { return fields_.get(); }
    /// The amount; present by construction.
    yen amount() const noexcept { return *fields().amount; }

private:
    template <payment_method, class, field_mask>
    friend class payment_builder;

    payment_request(detail::fields_ptr f, Env env) noexcept
        : detail::environment_of<Env>(env), fields_(std::move(f))
    {
    }
    detail::request_fields fields_;
};

/// A request whose method and environment were chosen at run time (see payment_form.hpp). It was
/// checked against the same traits and rules as payment_request.
class dynamic_payment_request {
public:
    const method_traits& traits() const noexcept { return *traits_; }
    portone::environment environment() const noexcept { return environment_; }
    const payment_fields& fields() const noexcept { return fields_.get(); }
    yen amount() const noexcept { return *fields().amount; }

    /// Used by the run-time validation only: the arguments must already have passed it.
    static dynamic_payment_request from_checked(const method_traits& t, portone::environment e,
                                                payment_fields f)
    {
        return dynamic_payment_request(t, e, std::move(f));
    }

private:
    dynamic_payment_request(const method_traits& t, portone::environment e, payment_fields f)
        : traits_(&t), environment_(e), fields_(detail::make_fields(std::move(f))) {}
    const method_traits* traits_;
    portone::environment environment_;
    detail::request_fields fields_;
};

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/request/impl/payment_request.ipp>
#endif
