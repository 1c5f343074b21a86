// SPDX-License-Identifier: BSL-1.0
// The data of a PortOne initiatePayment request that the merchant supplies per payment, as plain
// structs. Member names are the JSON keys, and each struct is described (core/describe.hpp), so
// the JSON writer is generated from these descriptions (json/describe.hpp) instead of being
// written per field or per method.
//
// Both request paths share these structs: the compile-time builder (request/payment_builder.hpp)
// fills them step by step, the run-time path (request/payment_form.hpp) converts a form into them.
#pragma once

#include <portone/core/describe.hpp>
#include <portone/core/fields.hpp>
#include <portone/core/money.hpp>
#include <portone/core/yen_member.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace portone {

/// A postal address (PortOne's Address object). Japanese example:
///     {.city = "Chiyoda-ku", .country_code = "JP", .line_1 = "1-1 Chiyoda", .postal_code = "100-0001",
///      .state = "Tokyo"}
struct address {
    std::optional<std::string> city{};
    std::optional<std::string> country_code{}; ///< two letters, "JP"
    std::optional<std::string> country_name{};
    std::optional<std::string> locale{};
    std::optional<std::string> line_1{};
    std::optional<std::string> line_2{};
    std::optional<std::string> postal_code{};
    std::optional<std::string> state{}; ///< prefecture for Japan

    friend bool operator==(const address&, const address&) = default;
};

/// The customer as billed. KOMOJU's required customer data is read from here.
struct billing_details {
    std::optional<std::string> billing_name{};    ///< given (and middle) names
    std::optional<std::string> billing_surname{}; ///< family name
    std::optional<std::string> billing_email{};
    std::optional<std::string> billing_phone{};
    std::optional<address> billing_address{};

    friend bool operator==(const billing_details&, const billing_details&) = default;
};

/// Where the goods go.
struct shipping_details {
    std::optional<std::string> shipping_name{};
    std::optional<std::string> shipping_surname{};
    std::optional<std::string> shipping_email{};
    std::optional<std::string> shipping_phone{};
    std::optional<address> shipping_address{};

    friend bool operator==(const shipping_details&, const shipping_details&) = default;
};

namespace member {
#define PORTONE_MEMBER_NAME order_item_price
#define PORTONE_MEMBER_PATH "order_item.price"
#define PORTONE_MEMBER_REQUIRED "the item's unit price"
#include <portone/core/detail/define_yen_member.inc>
} // namespace member

/// One line of order_details. When items are given, the sum of price x quantity must equal the
/// payment amount (PortOne's rule).
struct order_item {
    std::string id{};
    std::string name{};
    yen_member<member::order_item_price> price; ///< unit price; required
    std::int64_t quantity = 1; ///< at least 1
    std::optional<std::string> image{}; ///< URL of a product image

    friend bool operator==(const order_item&, const order_item&) = default;
};

/// Everything in an initiatePayment body except what the method type, the environment and the
/// merchant's credentials decide (`pmt_channel`, `pmt_method`, `currency`, `environment`, `key`,
/// `signature_hash`). An empty string or an empty optional means "not given".
struct payment_fields {
    std::string merchant_order_id{};
    std::optional<yen> amount{};
    std::string description{};
    std::string success_url{};
    std::string failure_url{};
    std::optional<std::string> pending_url{};
    std::optional<::portone::billing_details> billing_details{};
    std::optional<::portone::shipping_details> shipping_details{};
    std::vector<order_item> order_details{};
    std::optional<std::string> user_configured_field1{};
    std::optional<std::string> user_configured_field2{};
    std::optional<std::string> user_configured_field3{};
    std::optional<std::string> user_configured_field4{};
    std::optional<std::string> user_configured_field5{};

    friend bool operator==(const payment_fields&, const payment_fields&) = default;
};

PORTONE_DESCRIBE(address, city, country_code, country_name, locale, line_1, line_2, postal_code,
                 state);
PORTONE_DESCRIBE(billing_details, billing_name, billing_surname, billing_email, billing_phone,
                 billing_address);
PORTONE_DESCRIBE(shipping_details, shipping_name, shipping_surname, shipping_email, shipping_phone,
                 shipping_address);
PORTONE_DESCRIBE(order_item, id, name, price, quantity, image);
PORTONE_DESCRIBE(payment_fields, merchant_order_id, amount, description, success_url, failure_url,
                 pending_url, billing_details, shipping_details, order_details,
                 user_configured_field1, user_configured_field2, user_configured_field3,
                 user_configured_field4, user_configured_field5);
} // namespace portone
