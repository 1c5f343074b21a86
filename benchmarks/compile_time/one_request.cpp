// SPDX-License-Identifier: BSL-1.0
// Compile-time subject: one bank-transfer request built and serialized, with only the headers
// that job needs (the catalog, the builder, the initiatePayment writer), as docs/benchmarks.md
// advises a translation unit that builds requests to include.
#include <portone/json/initiate_payment.hpp>
#include <portone/komoju/catalog.hpp>
#include <portone/request/payment_builder.hpp>

#include <string>

using namespace portone::literals;

std::string one_request()
{
    auto r = portone::initiate_payment<portone::komoju::bank_transfer>()
                 .environment(portone::sandbox)
                 .merchant_order_id("ORDER-0001")
                 .amount(5000_yen)
                 .description("Order")
                 .success_url("https://shop.example/paid")
                 .failure_url("https://shop.example/failed")
                 .billing_name("Taro")
                 .billing_surname("Yamada")
                 .billing_phone("090-1234-5678")
                 .build();
    std::string out;
    if (r) portone::json::write_initiate_payment(out, *r, portone::portone_key("pk"), "sig");
    return out;
}
