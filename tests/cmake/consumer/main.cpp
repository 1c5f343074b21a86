// SPDX-License-Identifier: BSL-1.0
#include <portone/komoju.hpp>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

// sign.cpp: the signature of a payment request, from the library's compiled part in
// consumer_compiled.
std::string sign_payment(std::string_view merchant_order_id);

// An answer read with json::read: with portone::compiled, the parser and the SAX handler it
// drives come from the library (json/detail/impl/read_into.ipp), this file only has the table.
struct consumer_answer {
    std::string status;
    std::optional<std::int64_t> count;
};
PORTONE_DESCRIBE(consumer_answer, status, count);

int main()
{
    using namespace portone::literals;
    auto request = portone::initiate_payment<portone::komoju::konbini_lawson>()
                       .environment(portone::sandbox)
                       .merchant_order_id("ORDER-0001")
                       .amount(5000_yen)
                       .description("consumer test")
                       .success_url("https://shop.example/paid")
                       .failure_url("https://shop.example/failed")
                       .billing_email("taro@example.jp")
                       .build();
    if (!request) return 1;
    const auto answer = portone::json::read<consumer_answer>(R"({"status":"ok","count":2})");
    if (!answer || answer->status != "ok" || answer->count != 2) return 1;
    // A refused value in a body that is not JSON either: the syntax check's parser.
    const auto bad = portone::json::read<consumer_answer>(R"({"status":1,"count":0500})");
    if (bad || bad.error().code != portone::errc::invalid_json) return 1;
    std::string body;
    const std::string signature = sign_payment(request->fields().merchant_order_id);
    portone::json::write_initiate_payment(body, *request, portone::portone_key("pk"), signature);
    std::puts(body.c_str());
    return body.find("\"pmt_method\":\"KOMOJU_KONBINI_LAWSON\"") == std::string::npos ? 1 : 0;
}

#include "no_impl_headers.hpp"
