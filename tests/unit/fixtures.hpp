// Shared test data: a Japanese shopper and complete requests for any method.
#pragma once

#include <portone/komoju.hpp>

#include <string>

namespace fixtures {

using namespace portone::literals;

inline portone::address tokyo_address()
{
    return {.city = "千代田区",
            .country_code = "JP",
            .line_1 = "千代田1-1",
            .postal_code = "100-0001",
            .state = "東京都"};
}

inline portone::customer taro()
{
    return {.email = "taro.yamada@example.jp",
            .name = "太郎",
            .surname = "山田",
            .phone = "090-1234-5678",
            .billing_address = tokyo_address()};
}

/// A builder for M with PortOne's own fields set (5000 yen), and no customer data yet.
template <class M, class Env>
auto order(Env env, portone::yen amount = 5000_yen)
{
    return portone::initiate_payment<M>()
        .environment(env)
        .merchant_order_id("ORDER-0001")
        .amount(amount)
        .description("Order ORDER-0001")
        .success_url("https://shop.example/paid")
        .failure_url("https://shop.example/failed");
}

/// A request for M with PortOne's fields and exactly M's required customer data.
template <class M, class Env>
auto minimal_request(Env env)
{
    return order<M>(env).required_customer_data(taro()).build();
}

/// A Checkout order with only what PortOne requires: 5000 yen of green tea from "Tea Shop".
inline portone::checkout_details tea_checkout()
{
    return {.merchant_order_id = "ORDER-0001",
            .amount = 5000_yen,
            .description = "Green tea",
            .success_url = "https://shop.example/paid",
            .failure_url = "https://shop.example/failed",
            .merchant_details = {.name = "Tea Shop"}};
}

inline const portone::portone_key key{"pk_test_portone"};

} // namespace fixtures
