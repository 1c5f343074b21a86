// SPDX-License-Identifier: BSL-1.0
// What request/checkout_request.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/request/checkout_request.hpp>

namespace portone::komoju {

PORTONE_DECL checked<dynamic_checkout_request> checkout(portone::environment env,
                                                        std::span<const std::string_view> method_keys,
                                                        checkout_details d)
{
    return portone::checkout(env, method_keys, std::move(d), country_code,
                             [](std::string_view key) { return find_method(key); });
}

} // namespace portone::komoju
