// SPDX-License-Identifier: BSL-1.0
#include "fixtures.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <new>
#include <set>
#include <string>

namespace json = boost::json;
namespace k = portone::komoju;
using namespace portone::literals;

// Counts heap allocations on this thread while `counting` is set.
//
// Every form of new and delete but the aligned ones is replaced, so that they all allocate and
// count the same way. Replacing operator new(size_t) alone is enough for the standard library
// (its other forms call it), but not under AddressSanitizer, whose runtime provides each form
// itself: there, Catch2's new(std::nothrow) came from the runtime and went back through the free()
// below (an alloc-dealloc mismatch), and new[] was not counted.
namespace {
thread_local bool counting = false;
thread_local long allocations = 0;

void* counted_malloc(std::size_t n) noexcept
{
    if (counting) ++allocations;
    return std::malloc(n ? n : 1);
}
} // namespace
void* operator new(std::size_t n)
{
    if (void* p = counted_malloc(n)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n)
{
    if (void* p = counted_malloc(n)) return p;
    throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return counted_malloc(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return counted_malloc(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

long fixtures::allocations_during(const std::function<void()>& run)
{
    allocations = 0;
    counting = true;
    run();
    counting = false;
    return allocations;
}

namespace {

// PortOne's OpenAPI schema for POST /api/initiatePayment (payment_openapispec.yaml), restated: the
// properties it defines with their JSON types, and the ones it requires.
const std::map<std::string, json::kind> initiate_payment_properties = {
    {"key", json::kind::string},           {"merchant_order_id", json::kind::string},
    {"pmt_channel", json::kind::string},   {"pmt_method", json::kind::string},
    {"description", json::kind::string},   {"environment", json::kind::string},
    {"amount", json::kind::int64},         {"currency", json::kind::string},
    {"signature_hash", json::kind::string}, {"billing_details", json::kind::object},
    {"shipping_details", json::kind::object}, {"token_params", json::kind::object},
    {"order_details", json::kind::array},  {"success_url", json::kind::string},
    {"failure_url", json::kind::string},   {"pending_url", json::kind::string},
    {"routing_enabled", json::kind::bool_}, {"routing_params", json::kind::object},
    {"transaction_type", json::kind::string}, {"user_configured_field1", json::kind::string},
    {"user_configured_field2", json::kind::string}, {"user_configured_field3", json::kind::string},
    {"user_configured_field4", json::kind::string}, {"user_configured_field5", json::kind::string}};
const std::set<std::string> initiate_payment_required = {
    "key", "merchant_order_id", "pmt_channel", "pmt_method", "description", "environment",
    "amount", "currency", "signature_hash", "success_url", "failure_url"};
const std::set<std::string> address_properties = {"city", "country_code", "country_name", "locale",
                                                  "line_1", "line_2", "postal_code", "state"};

void check_strings(const json::object& o, const std::set<std::string>& allowed, const std::string& where)
{
    for (const auto& [k, v] : o) {
        INFO(where << "." << k);
        CHECK(allowed.count(std::string(k)) == 1);
        if (k == "billing_address" || k == "shipping_address") {
            REQUIRE(v.is_object());
            check_strings(v.as_object(), address_properties, where + "." + std::string(k));
        } else {
            CHECK(v.is_string());
        }
    }
}

/// Fails the test case if `body` does not satisfy the initiatePayment schema.
void check_schema(const json::object& body)
{
    for (const auto& name : initiate_payment_required) {
        INFO("required property " << name);
        CHECK(body.contains(name));
    }
    for (const auto& [k, v] : body) {
        INFO("property " << k);
        auto it = initiate_payment_properties.find(std::string(k));
        REQUIRE(it != initiate_payment_properties.end());
        if (it->second == json::kind::int64) CHECK(v.is_number());
        else CHECK(v.kind() == it->second);
        CHECK(!v.is_null()); // absent optional fields are omitted, not null
    }
    CHECK((body.at("environment") == "live" || body.at("environment") == "sandbox"));
    if (auto* b = body.if_contains("billing_details"))
        check_strings(b->as_object(), {"billing_name", "billing_surname", "billing_email",
                                       "billing_phone", "billing_address"}, "billing_details");
    if (auto* s = body.if_contains("shipping_details"))
        check_strings(s->as_object(), {"shipping_name", "shipping_surname", "shipping_email",
                                       "shipping_phone", "shipping_address"}, "shipping_details");
    if (auto* items = body.if_contains("order_details")) {
        for (const auto& item : items->as_array()) {
            const auto& o = item.as_object();
            for (const auto& [k, v] : o) {
                INFO("order_details item property " << k);
                if (k == "price") CHECK(v.is_number());
                else if (k == "quantity") CHECK(v.is_int64());
                else if (k == "additional_details") CHECK(v.is_object());
                else {
                    CHECK((k == "id" || k == "name" || k == "image"));
                    CHECK(v.is_string());
                }
            }
        }
    }
}

template <class Request>
json::object to_json(const Request& r, std::string_view signature = "c2lnbmF0dXJl")
{
    std::string out;
    portone::json::write_initiate_payment(out, r, fixtures::key, signature);
    return json::parse(out).as_object();
}

} // namespace

TEST_CASE("every method's request, parsed back field by field", "[json]")
{
    const auto profile = fixtures::taro();
    k::for_each_method([&](auto m) {
        using M = decltype(m);
        const auto check_env = [&](auto env) {
            auto r = fixtures::minimal_request<M>(env);
            INFO(M::traits.key << ": " << (r ? std::string() : r.error().to_string()));
            REQUIRE(r.has_value());
            const auto body = to_json(*r);
            check_schema(body);

            CHECK(body.at("pmt_channel") == "KOMOJU");
            CHECK(body.at("pmt_method") == json::string_view(M::traits.key.data(), M::traits.key.size()));
            CHECK(body.at("currency") == "JPY");
            CHECK(body.at("environment") == (decltype(env)::value == portone::environment::live ? "live" : "sandbox"));
            CHECK(body.at("key") == "pk_test_portone");
            CHECK(body.at("merchant_order_id") == "ORDER-0001");
            CHECK(body.at("amount").as_int64() == 5000);
            CHECK(body.at("description") == "Order ORDER-0001");
            CHECK(body.at("success_url") == "https://shop.example/paid");
            CHECK(body.at("failure_url") == "https://shop.example/failed");
            CHECK(body.at("signature_hash") == "c2lnbmF0dXJl");
            CHECK(!body.contains("pending_url"));
            CHECK(!body.contains("shipping_details"));
            CHECK(!body.contains("order_details"));

            // Exactly the customer data the method requires, nothing more.
            constexpr auto need = M::traits.required;
            using cd = portone::customer_data;
            if (need == cd::none) {
                CHECK(!body.contains("billing_details"));
                return;
            }
            const auto& b = body.at("billing_details").as_object();
            const auto has = [&](const char* key, cd d) {
                INFO(key);
                CHECK(b.contains(key) == portone::contains(need, d));
            };
            has("billing_email", cd::email);
            has("billing_name", cd::name);
            has("billing_surname", cd::surname);
            has("billing_phone", cd::phone);
            has("billing_address", cd::address);
            if (b.contains("billing_email")) CHECK(b.at("billing_email") == "taro.yamada@example.jp");
            if (b.contains("billing_name")) CHECK(b.at("billing_name") == "太郎");
            if (b.contains("billing_surname")) CHECK(b.at("billing_surname") == "山田");
            if (b.contains("billing_phone")) CHECK(b.at("billing_phone") == "090-1234-5678");
            if (b.contains("billing_address")) {
                const auto& a = b.at("billing_address").as_object();
                CHECK(a.at("city") == "千代田区");
                CHECK(a.at("postal_code") == "100-0001");
                CHECK(a.size() == 5);
            }
        };
        check_env(portone::live);
        if constexpr (M::traits.sandbox) check_env(portone::sandbox);
    });
}

TEST_CASE("all optional fields, written and read back", "[json]")
{
    auto r = portone::initiate_payment<k::paidy>()
                 .environment(portone::live)
                 .merchant_order_id("ORDER-0002")
                 .amount(7000_yen)
                 .description("Tea set")
                 .success_url("https://shop.example/paid")
                 .failure_url("https://shop.example/failed")
                 .pending_url("https://shop.example/pending")
                 .billing_email("taro@example.jp")
                 .billing_name("太郎")
                 .billing_surname("山田")
                 .billing_phone("+81 90 1234 5678")
                 .billing_address(fixtures::tokyo_address())
                 .shipping_name("花子")
                 .shipping_surname("山田")
                 .shipping_email("hanako@example.jp")
                 .shipping_phone("080-1111-2222")
                 .shipping_address({.city = "大阪市", .country_code = "JP", .country_name = "Japan",
                                    .locale = "ja", .line_1 = "北区1-1", .line_2 = "101号室",
                                    .postal_code = "5300001", .state = "大阪府"})
                 .order_item({.id = "tea", .name = "緑茶", .price = 2000_yen, .quantity = 3,
                              .image = "https://shop.example/tea.png"})
                 .order_item({.id = "cup", .name = "湯呑", .price = 1000_yen})
                 .user_configured_field<1>("campaign-7")
                 .user_configured_field<5>("note")
                 .build();
    REQUIRE(r.has_value());
    const auto body = to_json(*r);
    check_schema(body);
    CHECK(body.at("pending_url") == "https://shop.example/pending");
    CHECK(body.at("user_configured_field1") == "campaign-7");
    CHECK(body.at("user_configured_field5") == "note");
    CHECK(!body.contains("user_configured_field2"));
    const auto& s = body.at("shipping_details").as_object();
    CHECK(s.at("shipping_name") == "花子");
    CHECK(s.at("shipping_address").at("line_2") == "101号室");
    CHECK(s.at("shipping_address").as_object().size() == 8);
    const auto& items = body.at("order_details").as_array();
    REQUIRE(items.size() == 2);
    CHECK(items[0].at("name") == "緑茶");
    CHECK(items[0].at("price").as_int64() == 2000);
    CHECK(items[0].at("quantity").as_int64() == 3);
    CHECK(items[0].at("image") == "https://shop.example/tea.png");
    CHECK(items[1].at("quantity").as_int64() == 1);
    CHECK(!items[1].as_object().contains("image"));
}

TEST_CASE("the run-time path writes the same JSON as the compile-time path", "[json][form]")
{
    k::for_each_method([](auto m) {
        using M = decltype(m);
        auto typed = fixtures::minimal_request<M>(portone::live);
        REQUIRE(typed.has_value());
        auto dynamic = portone::check_payment(M::traits, portone::environment::live, typed->fields());
        REQUIRE(dynamic.has_value());
        std::string a, b;
        portone::json::write_initiate_payment(a, *typed, fixtures::key, "sig");
        portone::json::write_initiate_payment(b, *dynamic, fixtures::key, "sig");
        CHECK(a == b);
    });
}

TEST_CASE("writing appends to the caller's buffer and returns what it wrote", "[json]")
{
    auto r = fixtures::minimal_request<k::paypay>(portone::sandbox);
    REQUIRE(r.has_value());
    std::string out = "prefix:";
    const auto written = portone::json::write_initiate_payment(out, *r, fixtures::key, "sig");
    CHECK(out.substr(0, 7) == "prefix:");
    CHECK(out.substr(7) == written);
    CHECK(json::parse(written).at("pmt_method") == "KOMOJU_PAYPAY");
    CHECK(written.front() == '{');
    CHECK(written.back() == '}');
}

TEST_CASE("the allocation counter counts every form of new", "[json][alloc]")
{
    // So that the zero counts below mean something, in every build (the sanitized one included).
    // The results are kept outside the counted calls, where the compiler cannot elide them.
    std::unique_ptr<int> one, nothrow_one;
    std::unique_ptr<char[]> array, nothrow_array;
    std::string text;
    CHECK(fixtures::allocations_during([&] { one.reset(new int(1)); }) == 1);
    CHECK(fixtures::allocations_during([&] { nothrow_one.reset(new (std::nothrow) int(2)); }) == 1);
    CHECK(fixtures::allocations_during([&] { array.reset(new char[10]); }) == 1);
    CHECK(fixtures::allocations_during([&] { nothrow_array.reset(new (std::nothrow) char[10]); }) ==
          1);
    CHECK(fixtures::allocations_during([&] { text.assign(100, 'x'); }) == 1);
}

TEST_CASE("no allocation per call once the buffer has capacity", "[json][alloc]")
{
    auto r = fixtures::order<k::bank_transfer>(portone::sandbox)
                 .billing_name("太郎 \"タロウ\"") // takes the escaping path
                 .billing_surname("山田")
                 .billing_phone("090-1234-5678")
                 .billing_address(fixtures::tokyo_address())
                 .order_item({.id = "set", .name = "セット", .price = 5000_yen})
                 .build();
    REQUIRE(r.has_value());
    std::string out;
    portone::json::write_initiate_payment(out, *r, fixtures::key, "sig"); // sizes the buffer
    for (int i = 0; i < 3; ++i) {
        out.clear();
        CHECK(fixtures::allocations_during([&] {
                  portone::json::write_initiate_payment(out, *r, fixtures::key, "sig");
              }) == 0);
    }
    CHECK(json::parse(out).at("billing_details").at("billing_name") == "太郎 \"タロウ\"");
}
