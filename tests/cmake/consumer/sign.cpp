// SPDX-License-Identifier: BSL-1.0
#include <portone/komoju.hpp>

#include <string>
#include <string_view>

std::string sign_payment(std::string_view merchant_order_id)
{
    using namespace portone::literals;
    const portone::signer sign(portone::secret_key("sk_consumer"));
    return sign.payment_request_signature(portone::portone_key("pk"), 5000_yen, "JPY",
                                          "https://shop.example/failed", merchant_order_id,
                                          "https://shop.example/paid");
}

#include "no_impl_headers.hpp"
