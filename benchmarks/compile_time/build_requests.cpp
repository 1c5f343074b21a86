// SPDX-License-Identifier: BSL-1.0
// Compile-time subject (the budget's): the umbrella header, and one request per KOMOJU method
// built through the compile-time path with exactly its required customer data. Compiled with
// -DPORTONE_SERIALIZE, each request is also written as JSON (benchmarks/compile_time.sh does both).
#include <portone/komoju.hpp>

#include <string>

using namespace portone::literals;

namespace {

portone::customer shopper()
{
    return {.email = "taro@example.jp",
            .name = "太郎",
            .surname = "山田",
            .phone = "090-1234-5678",
            .shipping_address = portone::address{.city = "千代田区", .country_code = "JP",
                                                 .line_1 = "千代田1-1", .postal_code = "100-0001"}};
}

template <class M, class Env>
void append_request(std::string& out, Env env)
{
    auto r = portone::initiate_payment<M>()
                 .environment(env)
                 .merchant_order_id("ORDER-0001")
                 .amount(5000_yen)
                 .description("Order")
                 .success_url("https://shop.example/paid")
                 .failure_url("https://shop.example/failed")
                 .required_customer_data(shopper())
                 .build();
#ifdef PORTONE_SERIALIZE
    if (r) portone::json::write_initiate_payment(out, *r, portone::portone_key("pk"), "sig");
#else
    if (r) out += r->fields().merchant_order_id;
#endif
}

} // namespace

std::string all_methods()
{
    namespace k = portone::komoju;
    std::string out;
    append_request<k::credit_card>(out, portone::live);
    append_request<k::bank_transfer>(out, portone::sandbox);
    append_request<k::pay_easy>(out, portone::sandbox);
    append_request<k::konbini_seven_eleven>(out, portone::sandbox);
    append_request<k::konbini_lawson>(out, portone::sandbox);
    append_request<k::konbini_family_mart>(out, portone::sandbox);
    append_request<k::konbini_ministop>(out, portone::sandbox);
    append_request<k::konbini_daily_yamazaki>(out, portone::sandbox);
    append_request<k::konbini_seicomart>(out, portone::sandbox);
    append_request<k::web_money>(out, portone::live);
    append_request<k::merpay>(out, portone::sandbox);
    append_request<k::line_pay>(out, portone::sandbox);
    append_request<k::paypay>(out, portone::sandbox);
    append_request<k::alipay>(out, portone::sandbox);
    append_request<k::rakuten_pay>(out, portone::sandbox);
    append_request<k::au_pay>(out, portone::sandbox);
    append_request<k::paidy>(out, portone::live);
    return out;
}
