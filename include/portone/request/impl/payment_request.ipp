// SPDX-License-Identifier: BSL-1.0
// What request/payment_request.hpp declares PORTONE_DECL (see portone/config.hpp): the one
// allocation path of payment_fields that every method's builder and request share.
#pragma once

#include <portone/request/payment_request.hpp>

namespace portone::detail {

PORTONE_DECL void fields_deleter::destroy(payment_fields* p) noexcept
{
    delete p;
}

PORTONE_DECL fields_ptr make_fields()
{
    return fields_ptr(new payment_fields());
}

PORTONE_DECL fields_ptr make_fields(const payment_fields& from)
{
    return fields_ptr(new payment_fields(from));
}

PORTONE_DECL fields_ptr make_fields(payment_fields&& from)
{
    return fields_ptr(new payment_fields(std::move(from)));
}

} // namespace portone::detail
