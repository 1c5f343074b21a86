// SPDX-License-Identifier: BSL-1.0
// The rules, evaluated from method traits. Each rule exists once: R5 to R8 as their type in
// portone::rule (core/diagnostics.hpp), whose constexpr `broken` says when a method breaks it;
// R1 to R4 (required fields) as first_missing below, over the requirable fields. The compile-time
// checks call them with constants and turn the first violation into the method's diagnostic; the
// run-time validation (portone::rule_checks::collect<Rule>, collect_missing) calls them with values
// and reports every violation with the same sentence and the rule's error code.
#pragma once

#include <portone/config.hpp>
#include <portone/core/diagnostics.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/error.hpp>
#include <portone/core/fields.hpp>
#include <portone/core/method_traits.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

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

// R5 to R8 are their rule types (core/diagnostics.hpp): `Rule::broken(traits, environment)` is the
// rule. The compile-time checks are where the typed API stands (the builder, refund<M>,
// checkout<Ms...>): each asks Rule::broken with constants and, when it holds, calls the method's
// reject<Rule>() there, so that the error's instantiation stack starts at the user's call and
// stays short.

// Run-time counterparts: every violation, with the same sentences.

/// The sentence of `Rule` about method `t`: the words of M::reject<Rule>() for the method M whose
/// traits `t` are ("KOMOJU_BANK_TRANSFER does not support refunds").
template <class Rule>
std::string sentence(const method_traits& t)
{
    std::string s = message::about(t.key, Rule::text);
    if constexpr (detail::is_currency_violation<Rule>) s += t.currency; // "... only amounts in JPY"
    return s;
}

/// Appends Rule's error, at `where`, when method `t` breaks it in environment `env`.
template <class Rule>
void collect(const method_traits& t, environment env, std::string_view where, errors& out)
{
    if (Rule::broken(t, env)) out.push_back({Rule::code, std::string(where), sentence<Rule>(t)});
}

/// The same for a rule that does not depend on the environment (R5, R7, R8).
template <class Rule>
    requires requires(const method_traits& t) { Rule::broken(t); }
void collect(const method_traits& t, std::string_view where, errors& out)
{
    if (Rule::broken(t)) out.push_back({Rule::code, std::string(where), sentence<Rule>(t)});
}

/// Appends one error per required field missing from `present` (R1 to R4, rule::missing<F>).
PORTONE_DECL void collect_missing(const method_traits& t, field_mask present, errors& out);

} // namespace portone::rule_checks

#ifdef PORTONE_HEADER_ONLY
#include <portone/core/impl/rules.ipp>
#endif
