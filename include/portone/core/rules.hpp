// SPDX-License-Identifier: BSL-1.0
// The rules, evaluated from method traits. Each rule exists once, as a constexpr function over a
// method_traits value; the compile-time checks call it with constants and turn the first
// violation into the method's diagnostic, the run-time validation calls it with values and reports
// every violation with the same sentence. (The functions are in portone::rule_checks; the
// violations the compiler reports are the tag types of portone::rule, core/diagnostics.hpp.)
#pragma once

#include <portone/core/diagnostics.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/error.hpp>
#include <portone/core/fields.hpp>
#include <portone/core/method_traits.hpp>

#include <cstddef>
#include <optional>

namespace portone::rule_checks {

inline constexpr std::size_t none = static_cast<std::size_t>(-1);

/// Whether method traits `t` require requirable field `f`.
constexpr bool is_required(const method_traits& t, const requirable_field& f) noexcept
{
    return f.satisfies == customer_data::none || contains(t.required, f.satisfies);
}

/// Index (into requirable_fields) of the first required field not in `present`, or `none`.
constexpr std::size_t first_missing(const method_traits& t, field_mask present) noexcept
{
    for (std::size_t i = 0; i < requirable_field_count; ++i) {
        const auto& f = requirable_fields[i];
        if (is_required(t, f) && (present & f.satisfied_by) == 0) return i;
    }
    return none;
}

/// Whether a method with traits `t` may be used in environment `e` (R6).
constexpr bool environment_allowed(const method_traits& t, environment e) noexcept
{
    return e == environment::live || t.sandbox;
}

// The compile-time checks are where the typed API stands (the builder's build(), refund<M>,
// checkout<Ms...>): each asks the function above with constants and, on a violation, calls the
// method's reject<rule::...>() there, so that the error's instantiation stack starts at the
// user's call and stays short.

// Run-time counterparts: every violation, with the same sentences.

/// Appends one error per required field missing from `present`.
inline void collect_missing(const method_traits& t, field_mask present, errors& out)
{
    for (const auto& f : requirable_fields)
        if (is_required(t, f) && (present & f.satisfied_by) == 0)
            out.push_back({errc::missing_field, std::string(f.path),
                           message::requires_field(t.key, f.requirement)});
}

/// Appends an error if `t` cannot be offered through hosted Checkout (R7).
inline void collect_checkout(const method_traits& t, std::string where, errors& out)
{
    if (!t.checkout)
        out.push_back({errc::not_available_in_checkout, std::move(where),
                       message::about(t.key, message::not_in_checkout)});
}

/// Appends an error if `t` does not support refunds (R5).
inline void collect_refundable(const method_traits& t, errors& out)
{
    if (!t.refundable)
        out.push_back({errc::not_refundable, "channel", message::about(t.key, message::not_refundable)});
}

/// Appends an error if `t` cannot be used in environment `e`.
inline void collect_environment(const method_traits& t, environment e, errors& out)
{
    if (!environment_allowed(t, e))
        out.push_back({errc::not_available_in_sandbox, "environment",
                       message::about(t.key, message::no_sandbox)});
}

} // namespace portone::rule_checks
