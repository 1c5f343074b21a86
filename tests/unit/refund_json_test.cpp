// SPDX-License-Identifier: BSL-1.0
// The refund body (POST /api/refund/{order_ref}), parsed back and compared field by field with
// PortOne's refund schema; and the run-time amount rules of a refund.
#include <portone/komoju.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <set>
#include <string>

namespace json = boost::json;
namespace k = portone::komoju;
using namespace portone::literals;
using portone::errc;

namespace {

// refund_openapispec.yaml, restated: every property of the body, all of them required.
const std::set<std::string> refund_properties = {"amount",      "channel",     "description",
                                                 "environment", "refund_type", "refund_reason"};

json::object parse_checked(std::string_view text)
{
    const auto body = json::parse(text).as_object();
    std::set<std::string> keys;
    for (const auto& [name, value] : body) keys.emplace(name);
    CHECK(keys == refund_properties);
    CHECK(body.at("amount").is_int64());
    for (const char* name : {"channel", "description", "environment", "refund_type", "refund_reason"})
        CHECK(body.at(name).is_string());
    return body;
}

template <class Refund>
json::object to_json(const Refund& r)
{
    std::string out;
    portone::json::write_refund(out, r);
    return parse_checked(out);
}

} // namespace

TEST_CASE("refund JSON: a partial refund, field by field", "[refund][json]")
{
    const auto r = portone::refund<k::paypay>(portone::live, {.order_ref = "2mbZeehV4ZhkLTwVcL2fHukBg4J",
                                                              .paid = 5000_yen,
                                                              .amount = 1200_yen,
                                                              .description = "Partial refund",
                                                              .reason = "damaged item"});
    REQUIRE(r.has_value());
    const auto body = to_json(*r);
    CHECK(body.at("amount").as_int64() == 1200);
    CHECK(body.at("channel") == "KOMOJU");
    CHECK(body.at("description") == "Partial refund");
    CHECK(body.at("environment") == "live");
    CHECK(body.at("refund_type") == "partial");
    CHECK(body.at("refund_reason") == "damaged item");
}

TEST_CASE("refund JSON: a full refund sends what was paid", "[refund][json]")
{
    const auto r = portone::refund<k::credit_card>(portone::live, {.order_ref = "abc",
                                                                   .paid = 5000_yen,
                                                                   .description = "Full refund",
                                                                   .reason = "cancelled"});
    REQUIRE(r.has_value());
    const auto body = to_json(*r);
    CHECK(body.at("amount").as_int64() == 5000);
    CHECK(body.at("refund_type") == "full");
    CHECK(body.at("environment") == "live");

    const auto sandbox = portone::refund<k::merpay>(portone::sandbox, {.order_ref = "abc",
                                                                       .paid = 300_yen,
                                                                       .description = "d",
                                                                       .reason = "r"});
    REQUIRE(sandbox.has_value());
    CHECK(to_json(*sandbox).at("environment") == "sandbox");
}

TEST_CASE("refund JSON: every refundable method, typed and chosen at run time", "[refund][json]")
{
    int refundable = 0;
    k::for_each_method([&](auto m) {
        using M = decltype(m);
        if constexpr (portone::is_refundable_v<M>) {
            ++refundable;
            INFO(M::traits.key);
            const portone::refund_details d{.order_ref = "2mbZ_1",
                                            .paid = 9'999'999_yen,
                                            .amount = 1_yen,
                                            .description = "d",
                                            .reason = "r"};
            const auto typed = portone::refund<M>(portone::live, d);
            REQUIRE(typed.has_value());
            const auto dynamic = portone::dynamic_refund(*k::find_method(M::traits.key),
                                                         portone::environment::live, d);
            REQUIRE(dynamic.has_value());
            std::string a, b;
            portone::json::write_refund(a, *typed);
            portone::json::write_refund(b, *dynamic);
            CHECK(a == b);
            const auto body = parse_checked(a);
            CHECK(body.at("channel").as_string() == M::channel::key);
            CHECK(body.at("amount").as_int64() == 1);
        }
    });
    CHECK(refundable == 7);
}

TEST_CASE("refund JSON: text is escaped and appended after what the string holds", "[refund][json]")
{
    // Control characters are refused by refund() itself; quotes and backslashes are escaped.
    const std::string description = "say \"sorry\" \\ 返金 \\\"";
    const auto r = portone::dynamic_refund(*k::find_method("KOMOJU_LINEPAY"),
                                           portone::environment::sandbox,
                                           {.order_ref = "abc",
                                            .paid = 500_yen,
                                            .amount = 500_yen,
                                            .description = description,
                                            .reason = "damaged"});
    REQUIRE(r.has_value());
    std::string out = "prefix:";
    const auto view = portone::json::write_refund(out, *r);
    CHECK(out.rfind("prefix:", 0) == 0);
    CHECK(view.data() == out.data() + 7);
    CHECK(view.size() == out.size() - 7);
    const auto body = parse_checked(view);
    CHECK(body.at("description").as_string() == description);
    CHECK(body.at("refund_type") == "partial"); // a partial refund of everything is still partial
    CHECK(body.at("amount").as_int64() == 500);
}

TEST_CASE("refund JSON: the body, byte for byte", "[refund][json]")
{
    // Pinned as the first version of the writer wrote them, key order included.
    const auto partial = portone::refund<k::paypay>(portone::live,
                                                    {.order_ref = "2mbZ",
                                                     .paid = 5000_yen,
                                                     .amount = 1200_yen,
                                                     .description = "Partial \"refund\" \\ 返金",
                                                     .reason = "damaged item"});
    REQUIRE(partial.has_value());
    std::string out = "pre:";
    portone::json::write_refund(out, *partial);
    CHECK(out ==
          R"(pre:{"amount":1200,"channel":"KOMOJU",)"
          R"("description":"Partial \"refund\" \\ 返金","environment":"live",)"
          R"("refund_type":"partial","refund_reason":"damaged item"})");

    const auto full = portone::refund<k::merpay>(
        portone::sandbox, {.order_ref = "abc", .paid = 300_yen, .description = "d", .reason = "r"});
    REQUIRE(full.has_value());
    out.clear();
    portone::json::write_refund(out, *full);
    CHECK(out ==
          R"({"amount":300,"channel":"KOMOJU","description":"d","environment":"sandbox",)"
          R"("refund_type":"full","refund_reason":"r"})");

    const auto dynamic = portone::dynamic_refund(
        *k::find_method("KOMOJU_LINEPAY"), portone::environment::sandbox,
        {.order_ref = "abc", .paid = 500_yen, .amount = 500_yen, .description = "d",
         .reason = "x"});
    REQUIRE(dynamic.has_value());
    out.clear();
    portone::json::write_refund(out, *dynamic);
    CHECK(out ==
          R"({"amount":500,"channel":"KOMOJU","description":"d","environment":"sandbox",)"
          R"("refund_type":"partial","refund_reason":"x"})");
}

TEST_CASE("refund amounts: positive by type, not above what was paid", "[refund][validation]")
{
    // A refund amount is a yen: zero or a negative number never becomes one.
    CHECK(portone::yen::from(0).error().code == errc::amount_not_positive);
    CHECK(portone::yen::from(-5).error().code == errc::amount_not_positive);

    const auto at = [](portone::yen amount) {
        return portone::refund<k::paypay>(portone::live, {.order_ref = "abc",
                                                          .paid = 5000_yen,
                                                          .amount = amount,
                                                          .description = "d",
                                                          .reason = "r"});
    };
    CHECK(at(5000_yen).has_value());
    CHECK(at(1_yen).has_value());
    const auto above = at(5001_yen);
    REQUIRE(above.has_error());
    CHECK(above.error().contains(errc::invalid_value, "amount"));
    CHECK(above.error()[0].message == "refund amount 5001 JPY is more than the 5000 JPY paid");

    const auto dynamic = portone::dynamic_refund(
        *k::find_method("KOMOJU_PAYPAY"), portone::environment::live,
        {.order_ref = "abc", .paid = 100_yen, .amount = 101_yen, .description = "d",
         .reason = "r"});
    REQUIRE(dynamic.has_error());
    CHECK(dynamic.error().contains(errc::invalid_value, "amount"));

    for (const char* dots : {".", ".."}) {
        INFO(dots);
        const auto r = portone::refund<k::paypay>(portone::live, {.order_ref = dots,
                                                                  .paid = 100_yen,
                                                                  .description = "d",
                                                                  .reason = "r"});
        REQUIRE(r.has_error());
        CHECK(r.error().contains(errc::invalid_value, "order_ref"));
    }
    CHECK(portone::refund<k::paypay>(portone::live, {.order_ref = "2mbZ.1",
                                                     .paid = 100_yen,
                                                     .description = "d",
                                                     .reason = "r"})
              .has_value());
}
