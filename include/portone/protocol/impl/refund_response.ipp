// SPDX-License-Identifier: BSL-1.0
// What protocol/refund_response.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/json/detail/whole_number.hpp>
#include <portone/protocol/refund_response.hpp>

namespace portone {

PORTONE_DECL result<refundable_yen> refundable_yen::from(std::int64_t minor_units,
                                                        std::string_view where)
{
    if (minor_units < 0)
        return error{errc::amount_not_positive, std::string(where),
                     compose({where, " cannot be negative, got ", decimal(minor_units)})};
    if (minor_units > max_minor_units<currency::jpy>)
        return error{errc::amount_too_large, std::string(where),
                     compose({where, " is above the maximum of ",
                              decimal(max_minor_units<currency::jpy>), " yen, got ",
                              decimal(minor_units)})};
    return refundable_yen(minor_units);
}

PORTONE_DECL std::optional<yen> refundable_yen::as_yen() const noexcept
{
    if (units_ == 0) return std::nullopt;
    return *yen::from(units_);
}

PORTONE_DECL std::span<const refund_record> refund_response::refunds() const noexcept
{
    if (!refundDetails) return {};
    return *refundDetails;
}

PORTONE_DECL const refund_record* refund_response::find(std::string_view refund_id) const noexcept
{
    return find_by(&refund_record::refund_id, refund_id);
}

PORTONE_DECL const refund_record*
refund_response::find_by_psp_refund_id(std::string_view psp_refund_id) const noexcept
{
    return find_by(&refund_record::psp_refund_id, psp_refund_id);
}

namespace detail {

PORTONE_DECL result<refundable_yen> read_refundable_yen(std::string_view json,
                                                        std::string_view where)
{
    const auto fail = [&](errc code, std::string_view what) -> result<refundable_yen> {
        return error{code, std::string(where), compose({input(where), what, input(json)})};
    };
    const std::string_view type = json_type_name(json);
    if (type != "a number")
        return error{errc::wrong_type, std::string(where),
                     compose({input(where), " must be a number of yen, not ", type})};
    // Read from its text, exactly (json/detail/whole_number.hpp): the sign first, then the size,
    // then the fraction, so that -0.5 is negative and 10000000.5 too large.
    const json::detail::whole_number n = json::detail::read_whole_number(json);
    using kind = json::detail::whole_number::kind;
    if (n.negative && (n.what != kind::whole || n.value != 0))
        return fail(errc::amount_not_positive, " cannot be negative, got ");
    if (n.what == kind::too_large || n.value > max_minor_units<currency::jpy>)
        return error{errc::amount_too_large, std::string(where),
                     compose({input(where), " is above the maximum of ",
                              decimal(max_minor_units<currency::jpy>), " yen, got ",
                              input(json)})};
    if (n.what == kind::fraction)
        return fail(errc::invalid_value, " must be a whole number of yen, got ");
    return refundable_yen::from(n.value, where);
}

} // namespace detail

PORTONE_DECL api_result<refund_response>
parse_refund_response(int http_status, std::string_view body, const json::read_limits& limits)
{
    return parse_response<refund_response>(http_status, body, limits);
}

PORTONE_DECL errors check_refund_fits(const refund_request_data& refund,
                                     const refund_response& listed)
{
    errors out;
    const refundable_yen left = listed.amountToRefund;
    if (left.is_zero()) {
        out.add(errc::not_refundable, "amount",
                {"nothing is left to refund: the payment has been refunded in full"});
    } else if (refund.type() == refund_type::full && left != refund.paid()) {
        out.add(errc::invalid_value, "amount",
                {"a full refund of ", decimal(refund.paid().minor_units()),
                 " yen, but only ", decimal(left.minor_units()),
                 " yen are left to refund: refund those as a partial refund"});
    } else if (left < refund.amount()) {
        out.add(errc::invalid_value, "amount",
                {"refund amount ", decimal(refund.amount().minor_units()),
                 " yen is more than the ", decimal(left.minor_units()),
                 " yen left to refund"});
    }
    return out;
}

} // namespace portone

PORTONE_DECL portone::result<portone::refund_status_text>
portone::json::conversion<portone::refund_status_text>::convert(std::string_view text,
                                                                std::string_view)
{
    return refund_status_text::from_text(text);
}

PORTONE_DECL portone::result<portone::refund_type>
portone::json::conversion<portone::refund_type>::convert(std::string_view text,
                                                         std::string_view where)
{
    if (text == to_string(refund_type::full)) return refund_type::full;
    if (text == to_string(refund_type::partial)) return refund_type::partial;
    return error{errc::invalid_value, std::string(where),
                 compose({input(where), " must be \"full\" or \"partial\", got ", input(text)})};
}

PORTONE_DECL portone::result<portone::refundable_yen>
portone::json::conversion<portone::refundable_yen>::convert(std::string_view json,
                                                            std::string_view where)
{
    return portone::detail::read_refundable_yen(json, where);
}
