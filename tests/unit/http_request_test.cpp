// SPDX-License-Identifier: BSL-1.0
// Request descriptors for PortOne's APIs: method, target, headers and body of each call, hostile
// path segments kept inside their segment, and no secret anywhere but inside the JWT.
#include "fixtures.hpp"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace json = boost::json;
namespace k = portone::komoju;
using namespace portone::literals;
using portone::errc;
using portone::http_header;
using portone::http_method;

namespace {

// Distinctive, so that a leak is found by a plain substring search.
const std::string secret_text = "SeCrEt-9f2c71-PORTONE";
const portone::secret_key secret(secret_text);
const portone::portone_key key("PORTONE_KEY");
const portone::signer sign(secret);
const portone::bearer_token token =
    portone::make_jwt(key, secret, std::chrono::sys_seconds{std::chrono::seconds{1'700'000'000}})
        .value();
const std::string bearer = "Bearer " + std::string(token.value());

const std::vector<http_header> server_headers_with_body = {
    {"X-Portone-Client-Key", "PORTONE_KEY"},
    {"Authorization", bearer},
    {"Content-Type", "application/json"}};
const std::vector<http_header> server_headers = {{"X-Portone-Client-Key", "PORTONE_KEY"},
                                                 {"Authorization", bearer}};

/// The secret's bytes appear nowhere in the descriptor; the JWT (signed with it) is the only
/// credential besides the public key.
void check_no_secret(const portone::http_request& r)
{
    CHECK(r.target.find(secret_text) == std::string::npos);
    CHECK(r.body.find(secret_text) == std::string::npos);
    for (const auto& h : r.headers) {
        CHECK(h.name.find(secret_text) == std::string::npos);
        CHECK(h.value.find(secret_text) == std::string::npos);
    }
}

/// The decoded segments of an origin-form target, checked to be one.
std::vector<std::string> segments_of(const std::string& target)
{
    const auto u = boost::urls::parse_origin_form(target);
    REQUIRE(u.has_value());
    CHECK(!u->has_query());
    CHECK(!u->has_fragment());
    std::vector<std::string> out;
    for (auto s : u->segments()) out.push_back(s);
    return out;
}

auto paypay_refund(std::string order_ref = "2mbZeehV4ZhkLTwVcL2fHukBg4J")
{
    return portone::refund<k::paypay>(portone::live, {.order_ref = std::move(order_ref),
                                                      .paid = 5000_yen,
                                                      .amount = 1200_yen,
                                                      .description = "Partial refund",
                                                      .reason = "damaged item"});
}

} // namespace

TEST_CASE("http: initiatePayment is a signed POST with the key header and no JWT", "[http]")
{
    const auto payment = fixtures::minimal_request<k::konbini_lawson>(portone::sandbox);
    REQUIRE(payment.has_value());
    const auto r = portone::api::initiate_payment(*payment, key, sign);
    REQUIRE(r.has_value());
    CHECK(r->method == http_method::post);
    CHECK(to_string(r->method) == "POST");
    CHECK(r->target == "/api/initiatePayment");
    CHECK(r->url() == "https://api.portone.cloud/api/initiatePayment");
    CHECK(r->headers == std::vector<http_header>{{"X-Portone-Client-Key", "PORTONE_KEY"},
                                                 {"Content-Type", "application/json"}});
    CHECK(r->header("authorization") == nullptr);

    // The body is the library's signed initiatePayment JSON, byte for byte.
    std::string expected;
    portone::write_signed_initiate_payment(expected, *payment, key, sign);
    CHECK(r->body == expected);
    const auto body = json::parse(r->body).as_object();
    CHECK(body.at("key") == "PORTONE_KEY");
    CHECK(body.at("pmt_method") == "KOMOJU_KONBINI_LAWSON");
    CHECK(body.at("signature_hash").as_string() == sign.sign_request(*payment, key));
    check_no_secret(*r);
}

TEST_CASE("http: paymentLink carries the key, the JWT and the signed Checkout body", "[http]")
{
    // The documented request-signature vector's values (see signature_test.cpp): the paymentLink
    // signature covers the same six fields, so the same signature must come out. The vector was
    // computed with the secret PORTONE_SECRET.
    const portone::signer vector_signer(portone::secret_key("PORTONE_SECRET"));
    const auto link = portone::checkout<k::paypay, k::konbini_lawson>(
        portone::live, {.merchant_order_id = "ORDER-0001",
                        .amount = 5000_yen,
                        .description = "Green tea",
                        .success_url = "https://example.com/success",
                        .failure_url = "https://example.com/failure",
                        .merchant_details = {.name = "Tea Shop"}});
    REQUIRE(link.has_value());
    const auto r = portone::api::create_payment_link(*link, key, token, vector_signer);
    REQUIRE(r.has_value());
    CHECK(r->method == http_method::post);
    CHECK(r->target == "/api/paymentLink");
    CHECK(r->headers == server_headers_with_body);
    const auto body = json::parse(r->body).as_object();
    CHECK(body.at("portone_key") == "PORTONE_KEY");
    CHECK(body.at("signature_hash") == "JpK+WFknLuQeINB5t0rWr0topQsELEwb82vbPgeOa8E=");
    CHECK(portone::api::checkout_signature(*link, key, vector_signer) ==
          "JpK+WFknLuQeINB5t0rWr0topQsELEwb82vbPgeOa8E=");

    std::string expected;
    portone::json::write_checkout(expected, *link, key, body.at("signature_hash").as_string());
    CHECK(r->body == expected);

    const auto mine = portone::api::create_payment_link(*link, key, token, sign);
    REQUIRE(mine.has_value());
    check_no_secret(*mine);
}

TEST_CASE("http: refund, refund list, status and transaction details", "[http]")
{
    const auto refund = paypay_refund();
    REQUIRE(refund.has_value());
    const auto post = portone::api::create_refund(*refund, key, token);
    REQUIRE(post.has_value());
    CHECK(post->method == http_method::post);
    CHECK(post->target == "/api/refund/2mbZeehV4ZhkLTwVcL2fHukBg4J");
    CHECK(post->headers == server_headers_with_body);
    std::string expected;
    portone::json::write_refund(expected, *refund);
    CHECK(post->body == expected);
    check_no_secret(*post);

    // A refund chosen at run time goes the same way.
    const auto dynamic = portone::dynamic_refund(*k::find_method("KOMOJU_AU_PAY"),
                                                 portone::environment::sandbox,
                                                 {.order_ref = "2mbZ_1",
                                                  .paid = 800_yen,
                                                  .description = "Full refund",
                                                  .reason = "cancelled"});
    REQUIRE(dynamic.has_value());
    const auto dynamic_post = portone::api::create_refund(*dynamic, key, token);
    REQUIRE(dynamic_post.has_value());
    CHECK(dynamic_post->target == "/api/refund/2mbZ_1");
    CHECK(json::parse(dynamic_post->body).at("environment") == "sandbox");

    const auto list = portone::api::list_refunds("2mbZeehV4ZhkLTwVcL2fHukBg4J", key, token);
    REQUIRE(list.has_value());
    CHECK(list->method == http_method::get);
    CHECK(to_string(list->method) == "GET");
    CHECK(list->target == "/api/refund/2mbZeehV4ZhkLTwVcL2fHukBg4J");
    CHECK(list->headers == server_headers); // no body, no Content-Type
    CHECK(list->body.empty());

    const auto status = portone::api::transaction_status("ORDER-0001", key, token);
    REQUIRE(status.has_value());
    CHECK(status->method == http_method::get);
    CHECK(status->target == "/api/transaction/ORDER-0001/status");
    CHECK(status->url() == "https://api.portone.cloud/api/transaction/ORDER-0001/status");
    CHECK(status->headers == server_headers);
    CHECK(status->body.empty());

    const auto details = portone::api::transaction_details("2U9H9Fax1AtSb9zdyxVpTtGOcwQ_1", key,
                                                           token);
    REQUIRE(details.has_value());
    CHECK(details->method == http_method::post);
    CHECK(details->target == "/api/PORTONE_KEY/transaction-details");
    CHECK(details->headers == server_headers_with_body);
    const auto body = json::parse(details->body).as_object();
    CHECK(body.size() == 1);
    CHECK(body.at("order_ref") == "2U9H9Fax1AtSb9zdyxVpTtGOcwQ_1");

    for (const auto* r : {&*list, &*status, &*details}) check_no_secret(*r);
}

TEST_CASE("http: hostile path segments stay one segment", "[http]")
{
    const std::vector<std::string> hostile = {
        "../../merchant/secret", "a/b",           "x?admin=1",   "x#frag",   "100%25",
        "two words",             "line\r\nX-Evil: 1", "日本語",   "..%2F..",  "a;b=c",
        "%2e%2e",                "./x",           "\\..\\x",     "...",      std::string("nul\0x", 5)};
    for (const auto& ref : hostile) {
        INFO("merchant_order_ref " << ref);
        const auto status = portone::api::transaction_status(ref, key, token);
        REQUIRE(status.has_value());
        const auto segments = segments_of(status->target);
        REQUIRE(segments.size() == 4);
        CHECK(segments[0] == "api");
        CHECK(segments[1] == "transaction");
        CHECK(segments[2] == ref); // decodes back to exactly the input
        CHECK(segments[3] == "status");
        CHECK(status->target.find_first_of("?#\r\n ") == std::string::npos);

        const auto list = portone::api::list_refunds(ref, key, token);
        REQUIRE(list.has_value());
        const auto list_segments = segments_of(list->target);
        REQUIRE(list_segments.size() == 3);
        CHECK(list_segments[2] == ref);
    }
    CHECK(portone::api::transaction_status("a/b?c#d e%", key, token)->target ==
          "/api/transaction/a%2Fb%3Fc%23d%20e%25/status");

    // The key is a segment of transaction-details' target too.
    const auto details = portone::api::transaction_details(
        "ref", portone::portone_key("k/../x?y"), token);
    REQUIRE(details.has_value());
    CHECK(details->target == "/api/k%2F..%2Fx%3Fy/transaction-details");
}

TEST_CASE("http: segments that would address another resource are errors", "[http]")
{
    for (std::string ref : {"", ".", ".."}) {
        INFO("ref \"" << ref << "\"");
        const auto status = portone::api::transaction_status(ref, key, token);
        REQUIRE(status.has_error());
        CHECK(status.error().code == errc::invalid_value);
        CHECK(status.error().where == "merchant_order_ref");

        const auto list = portone::api::list_refunds(ref, key, token);
        REQUIRE(list.has_error());
        CHECK(list.error().where == "order_ref");
    }
    CHECK(portone::api::transaction_details("", key, token).error().where == "order_ref");
    CHECK(portone::api::transaction_details("x", portone::portone_key(".."), token).error().where ==
          "key");
    // A refund whose order_ref is dots alone is refused before it becomes a request.
    const auto dots = paypay_refund("..");
    REQUIRE(dots.has_error());
    CHECK(dots.error().contains(errc::invalid_value, "order_ref"));
}

TEST_CASE("http: header values cannot inject headers", "[http]")
{
    const portone::portone_key crlf_key("PORTONE_KEY\r\nX-Evil: 1");
    const auto bad_key = portone::api::transaction_status("ORDER-0001", crlf_key, token);
    REQUIRE(bad_key.has_error());
    CHECK(bad_key.error().code == errc::invalid_value);
    CHECK(bad_key.error().where == "X-Portone-Client-Key");

    const portone::bearer_token crlf_token("abc\ndef");
    const auto bad_token = portone::api::list_refunds("ref", key, crlf_token);
    REQUIRE(bad_token.has_error());
    CHECK(bad_token.error().where == "Authorization");

    const auto empty_token = portone::api::list_refunds("ref", key, portone::bearer_token(""));
    REQUIRE(empty_token.has_error());
    CHECK(empty_token.error().where == "Authorization");

    const auto payment = fixtures::minimal_request<k::paypay>(portone::live);
    REQUIRE(payment.has_value());
    CHECK(portone::api::initiate_payment(*payment, portone::portone_key(""), sign).has_error());
}

TEST_CASE("http: header lookup ignores case", "[http]")
{
    const auto r = portone::api::transaction_status("ORDER-0001", key, token);
    REQUIRE(r.has_value());
    REQUIRE(r->header("x-portone-client-key") != nullptr);
    CHECK(*r->header("x-portone-client-key") == "PORTONE_KEY");
    REQUIRE(r->header("AUTHORIZATION") != nullptr);
    CHECK(*r->header("AUTHORIZATION") == bearer);
    CHECK(r->header("Content-Type") == nullptr);
    CHECK(r->header("X-Portone-Client-Ke") == nullptr);
}
