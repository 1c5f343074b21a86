// SPDX-License-Identifier: BSL-1.0
// Run-time checks of a payment's field values, shared by both request paths: which fields are
// present (for the method's requirements), whether each present value is well-formed, and whether
// the order items add up to the amount.
#pragma once

#include <portone/config.hpp>
#include <portone/core/error.hpp>
#include <portone/core/fields.hpp>
#include <portone/core/validation.hpp>
#include <portone/request/payment_fields.hpp>

#include <string>
#include <string_view>

namespace portone {

/// The presence mask of `f`: one portone::field bit per non-empty field.
PORTONE_DECL field_mask present_fields(const payment_fields& f) noexcept;

namespace detail {
PORTONE_DECL void check_optional_text(const std::optional<std::string>& v, std::string_view path,
                                      std::string_view what, errors& out);

/// An address must say where: line_1, city, postal_code and country_code; Japanese postal codes
/// must have the Japanese shape.
PORTONE_DECL void check_address(const address& a, std::string_view path, errors& out);

/// Checked a * b + acc for non-negative operands; false on overflow.
PORTONE_DECL bool add_product(std::int64_t& acc, std::int64_t a, std::int64_t b) noexcept;

/// The order items: their own values, and (PortOne's rule) that they add up to the amount.
PORTONE_DECL void check_order_details(const payment_fields& f, errors& out);
} // namespace detail

/// Appends an error for every present value that is malformed. Missing values are not reported
/// here (the method's requirements decide which are needed: rule_checks::collect_missing).
PORTONE_DECL void check_values(const payment_fields& f, errors& out);

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/request/impl/check_fields.ipp>
#endif
