// SPDX-License-Identifier: BSL-1.0
// Shared test data: a Japanese shopper and complete requests for any method.
#pragma once

#include <portone/komoju.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fixtures {

/// `body` as a view into a larger buffer (an HTTP response with its headers, and what follows it
/// on the connection), as a parser of untrusted input really gets it: not NUL-terminated.
inline std::string_view in_response(std::string& buffer, const std::string& body)
{
    buffer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + body + "\r\n0\r\n";
    return std::string_view(buffer).substr(buffer.find("\r\n\r\n") + 4, body.size());
}

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

/// A JSON object body (a webhook, an answer's content, ...) as an ordered list of (key, JSON
/// value text), so that a test can drop, replace or repeat one field.
using fields = std::vector<std::pair<std::string, std::string>>;

/// The JSON object `f` stands for: `{"key":value,...}` in its order.
inline std::string body_of(const fields& f)
{
    std::string s = "{";
    for (const auto& [key, value] : f) {
        if (s.size() > 1) s += ',';
        s += '"' + key + "\":" + value;
    }
    return s + '}';
}

/// `f` with the value of `key` (every occurrence) set to `value`, a JSON text.
inline fields replaced(fields f, std::string_view key, std::string value)
{
    for (auto& [k, v] : f)
        if (k == key) v = value;
    return f;
}

/// `f` without `key`.
inline fields without(fields f, std::string_view key)
{
    std::erase_if(f, [&](const auto& kv) { return kv.first == key; });
    return f;
}

} // namespace fixtures

// The checks every reader of PortOne's JSON must pass (not JSON, truncated, wrong types, missing
// fields, invalid UTF-8, limits, duplicate keys), defined in api_error_test.cpp and run by the
// tests of each reader.
namespace reader_rules {

using fields = fixtures::fields;
using parser = std::function<std::optional<portone::error>(std::string_view body,
                                                           const portone::json::read_limits&)>;

/// Runs every shared check on `parse`, which reads a whole body. `valid` is a list of fields it
/// accepts, found at the JSON Pointer `at`: "" for the top level, or "/content" with `wrap`
/// putting them in an envelope (`wrap` turns the fields' object into the whole body; nullptr:
/// the object is the body). `required` lists the keys that must be present; `any_type` those
/// that accept any JSON value (raw_json).
void check_all(const parser& parse, const fields& valid, std::string_view at,
               const std::function<std::string(const std::string&)>& wrap,
               const std::vector<std::string>& required, const std::vector<std::string>& any_type);

} // namespace reader_rules

namespace fixtures {

/// How many times operator new runs on this thread while `run` runs (the replacement operator new
/// that counts is in payment_json_test.cpp). `run` is built before counting starts.
long allocations_during(const std::function<void()>& run);

/// Checks that an error is safe to log (messages_test.cpp): its message and `where` are valid
/// UTF-8, the message has no character that breaks or disguises a log line, and every value it
/// quotes is escaped and closed.
void check_safe_message(const portone::error& e);

/// Text an attacker would put in a field: quotes, backslashes, control bytes, line and
/// bidirectional-formatting characters, bytes that are not UTF-8, characters across the 64-byte
/// cut, long runs (messages_test.cpp).
std::vector<std::string> hostile_texts();

/// Checks that `a` and `b` are the same error: code, where and message (defined in
/// api_error_test.cpp).
void check_same_error(const portone::error& a, const portone::error& b);

/// Checks that two reads of the same input had the same outcome: both a value, compared by
/// `same_value(*a, *b)`, or the same error (check_same_error).
template <class Result, class SameValue>
void check_same_outcome(const Result& a, const Result& b, SameValue same_value)
{
    REQUIRE(a.has_value() == b.has_value());
    if (a) same_value(*a, *b);
    else check_same_error(a.error(), b.error());
}

} // namespace fixtures
