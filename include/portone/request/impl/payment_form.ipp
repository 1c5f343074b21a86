// SPDX-License-Identifier: BSL-1.0
// What request/payment_form.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/request/payment_form.hpp>

namespace portone::komoju {

PORTONE_DECL checked<dynamic_payment_request> check_form(const payment_form& form)
{
    return portone::check_form(form, [](std::string_view key) { return find_method(key); });
}

} // namespace portone::komoju
