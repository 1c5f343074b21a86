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

#include <cstddef>
#include <string>
#include <string_view>

namespace portone {

/// The presence mask of `f`: one portone::field bit per non-empty field.
PORTONE_DECL field_mask present_fields(const payment_fields& f) noexcept;

namespace detail {

/// The paths of the members of one object, "base.leaf", written one after the other into one
/// string (an address's lines, an order item's members): a path is built only where a check
/// runs, and the list's items reuse the same string.
class member_paths {
public:
    member_paths() = default;
    explicit member_paths(std::string_view base) { under(base); }
    /// From now on, paths under `base` ("billing_details.billing_address").
    PORTONE_DECL void under(std::string_view base);
    /// ... under element `index` of the array `array` ("order_details[2]").
    PORTONE_DECL void under(std::string_view array, std::size_t index);
    /// "base.leaf", valid until the next call.
    PORTONE_DECL const std::string& operator()(std::string_view leaf);
    /// The base itself ("order_details[2]"), valid until the next call.
    std::string_view base() const noexcept
    {
        return std::string_view(path_).substr(0, base_size_ == 0 ? 0 : base_size_ - 1);
    }

private:
    std::string path_;
    std::size_t base_size_ = 0;
};

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
