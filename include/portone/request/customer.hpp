// SPDX-License-Identifier: BSL-1.0
// What a merchant knows about a shopper, for filling exactly the customer data a method requires
// (payment_builder::required_customer_data): send a konbini payment the email and nothing else, a
// bank transfer the name and phone, and so on.
#pragma once

#include <portone/request/payment_fields.hpp>

#include <optional>
#include <string>

namespace portone {

struct customer {
    std::string email{};
    std::string name{};    ///< given (and middle) names
    std::string surname{}; ///< family name
    std::string phone{};
    std::optional<address> billing_address{};
    std::optional<address> shipping_address{};
};

} // namespace portone
