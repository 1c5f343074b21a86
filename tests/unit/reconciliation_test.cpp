// SPDX-License-Identifier: BSL-1.0
// The server APIs of the merchant's loop besides payments and refunds: fetch-all-payments and its
// pages, payment-link status and cancel, the auth-token endpoint, and the retry advice for
// PortOne's status codes.
#include "fixtures.hpp"

#include <portone/komoju.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using portone::errc;
using portone::retry_advice;
using portone::api_call;

namespace {

const portone::portone_key key("pk_test_portone");
const portone::bearer_token token("eyJ.test.token");

// PortOne's example page (payment_openapispec.yaml, fetch-all-payments, 200).
const std::string example_page = R"({
  "body": {
    "content": [
      {
        "currency": "THB",
        "amount": 100,
        "order_ref": "2Q42BWdsfdsfs2OHMO1ZJR",
        "merchant_order_ref": "2Q42BW2sdcsfsfOHMO1ZJR",
        "status": "Failed",
        "channel_key": "GBPRIMEPAY",
        "method_name": "Credit Card",
        "method_key": "GBPRIMEPAY_SUBSCRIPTION_CARD",
        "method_type": "SUBSCRIPTION_CARD",
        "channel_logo": "https://chaiport-pg-icons-latest-nov.s3.ap-southeast-1.amazonaws.com/gbpay.png",
        "method_sub_type": "INT_CREDIT_CARD",
        "status_code": "4001",
        "status_reason": "INVALID_PAYMENT_REQUEST",
        "status_channel_reason": "05 | Do Not Honour",
        "created_at": "2024-12-11T09:00:13.466197Z",
        "is_refund_allowed": true,
        "is_multi_refund_allowed": true,
        "source": "checkout",
        "payment_method_used": "International Master Card",
        "merchant_key": "SglffyyZgojEdXWL",
        "merchant_email_address": "testmerchant@gmail.com",
        "channel_name": "GBPRIMEPAY",
        "remit_status": "UNSETTLED",
        "created_by": "testmerchant@gmail.com",
        "subscription_order_ref": "2dDRrHsdfsdfNydfaEhsYkawibzIHqJot",
        "is_cross_border_transaction": false,
        "payment_link_merchant_order_ref": "2wereRrHsdfsdfNydfaEhsYkawibzIHqJot"
      }
    ],
    "total_elements": 9102,
    "total_pages": 9102,
    "size": 1,
    "page": 1,
    "number_of_elements": 1
  },
  "status_code": "2000",
  "status_message": "SUCCESS"
})";

/// A page of `n` KOMOJU payments numbered from `first`, of `total` in all, `size` a page.
std::string page_of(int first, int n, int total, int size)
{
    std::string items;
    for (int i = first; i < first + n; ++i) {
        if (!items.empty()) items += ',';
        items += R"({"currency":"JPY","amount":)" + std::to_string(1000 + i) +
                 R"(,"order_ref":"ref)" + std::to_string(i) +
                 R"(","merchant_order_ref":"ORDER-)" + std::to_string(i) +
                 R"(","status":"Success","channel_key":"KOMOJU","method_key":"KOMOJU_PAYPAY"})";
    }
    const int pages = (total + size - 1) / size;
    return R"({"body":{"content":[)" + items + R"(],"total_elements":)" +
           std::to_string(total) + R"(,"total_pages":)" + std::to_string(pages) +
           R"(,"size":)" + std::to_string(size) + R"(,"number_of_elements":)" +
           std::to_string(n) + R"(},"status_code":"2000","status_reason":"SUCCESS"})";
}

portone::payments_query query(std::int64_t size)
{
    return {.from = *portone::parse_timestamp("2024-12-01T00:00:00Z"),
            .to = *portone::parse_timestamp("2024-12-31T23:59:59.999Z"),
            .environment = portone::environment::sandbox,
            .page_size = size};
}

} // namespace

TEST_CASE("fetch-all-payments: the request")
{
    const auto call = portone::api::fetch_all_payments(query(50), 3, key, token);
    REQUIRE(call.has_value());
    CHECK(call->method == portone::http_method::post);
    CHECK(call->target == "/api/merchant/pk_test_portone/fetch-all-payments");
    CHECK(call->body == R"({"page":3,"size":50,"from":"2024-12-01T00:00:00.000Z",)"
                        R"("to":"2024-12-31T23:59:59.999Z","environment":"sandbox"})");
    CHECK(*call->header("Authorization") == "Bearer eyJ.test.token");
    CHECK(*call->header("X-Portone-Client-Key") == "pk_test_portone");
    CHECK(portone::api::fetch_all_payments(query(50), 0, key, token).error().where == "page");
    CHECK(portone::api::fetch_all_payments(query(0), 1, key, token).error().where == "size");
    auto backwards = query(50);
    std::swap(backwards.from, backwards.to);
    CHECK(portone::api::fetch_all_payments(backwards, 1, key, token).error().where == "to");

    // Years RFC 3339 cannot write: refused, where they are (not written with five digits).
    using namespace std::chrono;
    auto far = query(50);
    far.to = sys_days(year(10000) / January / 1);
    const auto refused = portone::api::fetch_all_payments(far, 1, key, token);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().where == "to");
    CHECK(refused.error().code == portone::errc::invalid_value);
    auto before = query(50);
    before.from = sys_days(year(-1) / December / 31);
    CHECK(portone::api::fetch_all_payments(before, 1, key, token).error().where == "from");
    CHECK(portone::format_timestamp(far.to).empty());
    // Instants whose 16-bit year_month_day year wraps back into 0000-9999: refused too.
    for (const auto wrapped : {sys_days(days(24'000'000)), sys_days(days(-24'000'000))}) {
        auto q = query(50);
        q.from = std::min<portone::timestamp>(wrapped, q.from);
        q.to = std::max<portone::timestamp>(wrapped, q.to);
        CHECK_FALSE(portone::api::fetch_all_payments(q, 1, key, token).has_value());
        CHECK(portone::format_timestamp(wrapped).empty());
    }
    CHECK(portone::format_timestamp(sys_days(year(9999) / December / 31) + 86'399'999ms) ==
          "9999-12-31T23:59:59.999Z");
    CHECK(portone::format_timestamp(sys_days(year(0) / January / 1)) == "0000-01-01T00:00:00.000Z");
    CHECK(portone::format_timestamp(sys_days(year(1969) / December / 31) + 1ms) ==
          "1969-12-31T00:00:00.001Z");
}

TEST_CASE("fetch-all-payments: PortOne's example page reads exactly")
{
    std::string buffer;
    const auto r = portone::parse_payments_page(200, fixtures::in_response(buffer, example_page));
    REQUIRE(r.has_value());
    const auto& page = r->body;
    CHECK(page.total_elements == 9102);
    CHECK(page.total_pages == 9102);
    CHECK(page.size == 1);
    CHECK(page.page == 1);
    CHECK(page.number_of_elements == 1);
    CHECK(r->status_message == "SUCCESS");
    REQUIRE(page.payments().size() == 1);
    const portone::payment_summary& p = page.payments()[0];
    CHECK(p.amount->text == "100");
    CHECK(p.amount->in_yen.has_value()); // a number; THB, but whole
    CHECK(p.currency == "THB");
    CHECK(p.status->value == portone::payment_status::failed);
    CHECK(p.status_code->number == 4001);
    CHECK(p.method_key == "GBPRIMEPAY_SUBSCRIPTION_CARD"); // another channel's key: kept
    CHECK(p.created_at == "2024-12-11T09:00:13.466197Z");
    CHECK(p.created() == portone::parse_timestamp("2024-12-11T09:00:13.466197Z"));
    CHECK(p.remit_status == "UNSETTLED");
    CHECK(p.extra_fields.find("method_type") != nullptr);
    CHECK(p.extra_fields.find("channel_logo") != nullptr);

    // Another channel's fractional amount is kept as written.
    const auto frac = portone::parse_payments_page(
        200, R"({"body":{"content":[{"amount":100.5,"currency":"THB"}]}})");
    REQUIRE(frac.has_value());
    CHECK(frac->body.payments()[0].amount->text == "100.5");
    CHECK_FALSE(frac->body.payments()[0].amount->in_yen.has_value());
}

TEST_CASE("fetch-all-payments: every page is walked, a failed one asked for again")
{
    // 23 payments, 10 a page: pages of 10, 10 and 3, then nothing more is asked for.
    const int total = 23, size = 10;
    int sent = 0;
    bool fail_once = true;
    const auto send = [&](const portone::http_request& r) -> std::pair<int, std::string> {
        ++sent;
        const auto at = r.body.find("\"page\":") + 7;
        const int page = std::stoi(r.body.substr(at));
        if (page == 2 && fail_once) { // PortOne's gateway fails once: the same page again
            fail_once = false;
            return {502, "<html>Bad Gateway</html>"};
        }
        const int first = (page - 1) * size;
        return {200, page_of(first, std::min(size, total - first), total, size)};
    };

    std::vector<std::string> refs;
    portone::payment_pages pages(query(size));
    int failures = 0;
    while (auto call = pages.next_request(key, token)) {
        REQUIRE(call->has_value());
        const auto [status, body] = send(**call);
        auto page = pages.take(status, body);
        if (!page) {
            ++failures;
            CHECK(portone::advise(page.error(), api_call::query) ==
                  retry_advice::retry_with_backoff);
            continue;
        }
        for (const auto& p : page->payments()) refs.push_back(*p.merchant_order_ref);
    }
    CHECK(failures == 1);
    CHECK(sent == 4);
    REQUIRE(refs.size() == 23);
    CHECK(refs.front() == "ORDER-0");
    CHECK(refs.back() == "ORDER-22");
    CHECK(pages.payments_read() == 23);

    // The same with for_each_payment, and a total that is a multiple of the page size: the walk
    // stops at total_pages without asking for an empty page.
    sent = 0;
    int seen = 0;
    const auto exact = [&](const portone::http_request& r) -> std::pair<int, std::string> {
        ++sent;
        const int page = std::stoi(r.body.substr(r.body.find("\"page\":") + 7));
        return {200, page_of((page - 1) * 5, 5, 10, 5)};
    };
    const auto n = portone::for_each_payment(query(5), key, token, exact,
                                             [&](const portone::payment_summary&) { ++seen; });
    REQUIRE(n.has_value());
    CHECK(*n == 10);
    CHECK(seen == 10);
    CHECK(sent == 2);

    // An answer that never says it is the last stops at an empty page.
    sent = 0;
    const auto endless = [&](const portone::http_request& r) -> std::pair<int, std::string> {
        ++sent;
        const int page = std::stoi(r.body.substr(r.body.find("\"page\":") + 7));
        if (page > 3) return {200, R"({"body":{"content":[]}})"};
        return {200, R"({"body":{"content":[{"order_ref":"a"},{"order_ref":"b"}]}})"};
    };
    CHECK(*portone::for_each_payment(query(2), key, token, endless,
                                     [](const portone::payment_summary&) {}) == 6);
    CHECK(sent == 4);
    // A refusal stops the walk and is returned.
    const auto refused = [](const portone::http_request&) -> std::pair<int, std::string> {
        return {400, R"({"message":"Merchants not found with this PortOne Key : x",)"
                     R"("status_code":"4016","status_message":"MERCHANT_NOT_FOUND"})"};
    };
    const auto r = portone::for_each_payment(query(2), key, token, refused,
                                             [](const portone::payment_summary&) {});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().refusal->reason() == "MERCHANT_NOT_FOUND");
    CHECK(portone::advise(r.error(), api_call::query) == retry_advice::never_retry);
}

TEST_CASE("fetch-all-payments: the reader rules")
{
    reader_rules::check_all(
        [](std::string_view body, const auto& limits) -> std::optional<portone::error> {
            if (auto r = portone::parse_payments_page(200, body, limits); !r)
                return portone::error(r.error());
            return std::nullopt;
        },
        {{"order_ref", "\"2Q42\""},
         {"amount", "100"},
         {"status", "\"Failed\""},
         {"is_refund_allowed", "true"},
         {"created_at", "\"2024-12-11T09:00:13.466197Z\""}},
        "/body/content/0",
        [](const std::string& item) { return R"({"body":{"content":[)" + item + "]}}"; }, {},
        {"amount"});
}

TEST_CASE("payment links: status, fetch-status and cancel")
{
    auto call = portone::api::payment_link_status("ORDER-0001", key, token);
    CHECK(call->method == portone::http_method::get);
    CHECK(call->target == "/api/merchant/pk_test_portone/paymentLink/ORDER-0001/status");
    call = portone::api::payment_link_fetch_status("2kxG67L5yd3d6spRv76uE1QWnR5", key, token);
    CHECK(call->target == "/api/paymentLink/2kxG67L5yd3d6spRv76uE1QWnR5/fetch-status");
    call = portone::api::cancel_payment_link("2kx/../x", key, token);
    CHECK(call->method == portone::http_method::put);
    CHECK(portone::to_string(call->method) == "PUT");
    CHECK(call->target == "/api/paymentLink/2kx%2F..%2Fx/status/cancelled");
    CHECK_FALSE(portone::api::cancel_payment_link("..", key, token).has_value());

    // PortOne's fetch-status example.
    const auto r = portone::parse_payment_link_status(200, R"({
  "content": {
      "merchantOrderRef": "2212D256605F222",
      "paymentLinkRef": "2kxG67L5yd3d6spRv76uE1QWnR5",
      "status": "Success",
      "transactionsList": [
          {
              "channelOrderRef": "0",
              "createdAt": "2022-06-14T09:30:45.152761Z",
              "merchantOrderRef": "2212D256605F222",
              "status": "Success",
              "statusCode": "2000",
              "statusReason": "Success"
          }
      ]
  },
  "status_code": "2000",
  "status_reason": "SUCCESS"
})");
    REQUIRE(r.has_value());
    CHECK(r->content.status == portone::link_state::success);
    CHECK(r->content.paymentLinkRef == "2kxG67L5yd3d6spRv76uE1QWnR5");
    REQUIRE(r->content.transactionsList->size() == 1);
    CHECK((*r->content.transactionsList)[0].status->value == portone::payment_status::success);
    CHECK((*r->content.transactionsList)[0].statusCode->number == 2000);
    for (const auto& [text, state] :
         std::vector<std::pair<std::string, portone::link_state>>{
             {"Created", portone::link_state::created}, {"Deleted", portone::link_state::deleted},
             {"cancelled", portone::link_state::cancelled},
             {"Processing", portone::link_state::unknown}})
        CHECK(portone::link_status_text::from_text(text) == state);

    // Cancel: PortOne's two examples (the first as it arrives, inside the response buffer).
    std::string buffer;
    auto cancelled = portone::parse_api_status(
        200, fixtures::in_response(buffer,
                                   R"({"message":"Payment link status updated successfully to )"
                                   R"(cancelled","status_code":"2000","status_reason":"SUCCESS"})"));
    REQUIRE(cancelled.has_value());
    CHECK(cancelled->status_code->number == 2000);
    cancelled = portone::parse_api_status(
        401, R"({"message":"Invalid status! Only cancelled status is allowed",)"
             R"("status_code":"4001","status_reason":"INVALID_PAYMENT_REQUEST"})");
    REQUIRE_FALSE(cancelled.has_value());
    CHECK(cancelled.error().refusal->status_code.number == 4001);
}

TEST_CASE("payment links: the status answer and its status text, as views into a larger buffer")
{
    // The body as a view into the response's buffer (headers before it, more bytes after it
    // that are not JSON): read to exactly its values, and nothing past its end.
    std::string buffer;
    const auto r = portone::parse_payment_link_status(
        200, fixtures::in_response(
                 buffer, R"({"content":{"merchantOrderRef":"2212D256605F222",)"
                         R"("paymentLinkRef":"2kxG67L5yd3d6spRv76uE1QWnR5","status":"Expired",)"
                         R"("transactionsList":[{"channelOrderRef":"0","status":"Failed",)"
                         R"("statusCode":"4001","createdAt":"2022-06-14T09:30:45.152761Z"}]},)"
                         R"("status_code":"2000","status_reason":"SUCCESS"})"));
    INFO((r ? "" : r.error().message));
    REQUIRE(r.has_value());
    CHECK(r->content.status == portone::link_state::expired);
    CHECK(r->content.status.text == "Expired");
    CHECK(r->content.merchantOrderRef == "2212D256605F222");
    CHECK(r->content.paymentLinkRef == "2kxG67L5yd3d6spRv76uE1QWnR5");
    REQUIRE(r->content.transactionsList.has_value());
    REQUIRE(r->content.transactionsList->size() == 1);
    const portone::link_transaction& tx = (*r->content.transactionsList)[0];
    CHECK(tx.channelOrderRef == "0");
    CHECK(tx.status->value == portone::payment_status::failed);
    CHECK(tx.statusCode->number == 4001);
    CHECK(tx.createdAt == "2022-06-14T09:30:45.152761Z");
    CHECK(r->status_code->number == 2000);
    CHECK(r->status_reason == "SUCCESS");

    // The status text as a view followed by more letters: the view's word, kept as the view.
    const std::string texts = "Createdly&Successful&CANCELLEDX&Cancelled";
    const std::string_view all(texts);
    struct viewed {
        std::string_view text;
        portone::link_state state;
    };
    using portone::link_state;
    for (const viewed v : {viewed{all.substr(0, 7), link_state::created},     // "Created"
                           viewed{all.substr(10, 7), link_state::success},    // "Success"
                           viewed{all.substr(21, 9), link_state::cancelled},  // "CANCELLED"
                           viewed{all.substr(10, 10), link_state::unknown},   // "Successful"
                           viewed{all.substr(32, 6), link_state::unknown}}) { // "Cancel"
        INFO(v.text);
        const auto s = portone::link_status_text::from_text(v.text);
        CHECK(s.value == v.state);
        CHECK(s.text == v.text);
    }
}

TEST_CASE("auth-token: the request carries the secret, flagged; the answer is a bearer token")
{
    const auto call = portone::api::auth_token(key, portone::secret_key("sk_\"quoted\""));
    REQUIRE(call.has_value());
    CHECK(call->method == portone::http_method::post);
    CHECK(call->target == "/api/merchant/auth-token");
    CHECK(call->body_has_secret);
    CHECK(call->body == R"({"portone_key":"pk_test_portone","portone_secret":"sk_\"quoted\""})");
    CHECK(call->header("Authorization") == nullptr);
    CHECK_FALSE(portone::api::fetch_all_payments(query(1), 1, key, token)->body_has_secret);

    const auto r = portone::parse_auth_token(200, R"({
    "content": {
        "expires_in": 21600,
        "token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MjQzMjM2NTEsImlhdCI6MTcyNDMwMjA1MSwiaXNzIjoiUE9SVE9ORSIsInN1YiI6InNqY3J2Y2JWWWtGb2JIbHgifQ.-A7y_JSRNbST9wIE26xd-oq0vLsQ-PavhHyxSts0glY"
    },
    "message": "Auth Token generated successfully!",
    "status_code": "2000",
    "status_reason": "SUCCESS"
})");
    REQUIRE(r.has_value());
    CHECK(r->content.lifetime() == std::chrono::hours(6));
    CHECK(r->content.bearer().value().starts_with("eyJhbGciOiJIUzI1NiIs"));
    const auto wrong = portone::parse_auth_token(
        400, R"({"message":"Merchant not found for this key : sjcrvcbVYkFobHlx1",)"
             R"("status_code":"4016","status_reason":"MERCHANT_NOT_FOUND"})");
    REQUIRE_FALSE(wrong.has_value());
    CHECK(portone::advise(wrong.error(), api_call::query) == retry_advice::never_retry);
}

TEST_CASE("status codes: PortOne's table by name, and the advice for each kind of failure")
{
    CHECK(std::size(portone::documented_codes) == 135);
    CHECK(portone::codes::invalid_unauthorized_jwt_token_error == 4054);
    CHECK(portone::codes::duplicate_transaction_error == 4002);
    CHECK(portone::codes::partial_refund_not_allowed == 4081);
    CHECK(portone::codes::role_not_allowed == 4081);
    CHECK(portone::find_documented_code(4054)->name == "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR");
    CHECK(portone::find_documented_code(4004) == nullptr);
    // Every code is unique but 4081, which PortOne lists twice.
    for (const auto& a : portone::documented_codes)
        for (const auto& b : portone::documented_codes)
            if (&a != &b && a.number == b.number) CHECK(a.number == 4081);

    const auto refusal = [](int http, const char* code, const char* reason) {
        portone::api_failure f;
        f.code = errc::api_error;
        f.http_status = http;
        f.refusal = portone::api_error{portone::transaction_status_code::from_text(code), reason,
                                       std::nullopt, std::nullopt, {}};
        return f;
    };
    const auto unreadable = [](int http) {
        portone::api_failure f;
        f.code = errc::invalid_json;
        f.http_status = http;
        return f;
    };
    using enum retry_advice;
    // The JWT: re-sign once (4054, and 4010 with the reason one of PortOne's examples uses).
    CHECK(portone::advise(refusal(401, "4054", ""), api_call::query) == refresh_jwt_and_retry_once);
    CHECK(portone::advise(refusal(401, "4010", "INVALID_JWT_TOKEN"), api_call::create_refund) ==
          refresh_jwt_and_retry_once);
    CHECK(portone::advise(refusal(401, "4010", "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR"),
                          api_call::query) == never_retry);
    // A duplicate merchant_order_id is never a new payment: find out what the first one did.
    CHECK(portone::advise(refusal(400, "4002", ""), api_call::create_payment) == check_state_first);
    // System errors: back off for reads; check first for what creates.
    CHECK(portone::advise(refusal(500, "5000", ""), api_call::query) == retry_with_backoff);
    CHECK(portone::advise(refusal(500, "5000", ""), api_call::create_payment) == check_state_first);
    CHECK(portone::advise(refusal(500, "5999", ""), api_call::change) == retry_with_backoff);
    // Payment outcomes and bad requests: never.
    CHECK(portone::advise(refusal(200, "6001", ""), api_call::create_payment) == never_retry);
    CHECK(portone::advise(refusal(400, "4070", ""), api_call::create_refund) == never_retry);
    CHECK(portone::advise(refusal(400, "4999", ""), api_call::query) == never_retry);
    // Pending: wait.
    CHECK(portone::advise(refusal(200, "1000", ""), api_call::query) == wait_for_outcome);
    CHECK(portone::advise(refusal(200, "4097", ""), api_call::query) == wait_for_outcome);
    // No answer, a gateway's page, a throttle: back off (check first when creating).
    for (const int http : {0, 500, 502, 503, 504, 408, 429}) {
        CHECK(portone::advise(unreadable(http), api_call::query) == retry_with_backoff);
        CHECK(portone::advise(unreadable(http), api_call::create_refund) == check_state_first);
    }
    CHECK(portone::advise(unreadable(401), api_call::query) == refresh_jwt_and_retry_once);
    CHECK(portone::advise(unreadable(404), api_call::query) == never_retry);
    CHECK(portone::advise(unreadable(200), api_call::query) == never_retry);
    CHECK(portone::advise(unreadable(200), api_call::create_payment) == check_state_first);
}

TEST_CASE("server API answers: HTTP 200 with a failing status_code is a refusal, whatever the answer")
{
    // parse_response reads the answer's own top-level status_code: a call PortOne reports as
    // failed is never a value, for every reader built on it.
    std::string buffer;
    const std::string failed = R"({"message":"Invalid Request","status_code":"4001",)"
                               R"("status_reason":"INVALID_REQUEST"})";
    const auto status = portone::parse_api_status(200, fixtures::in_response(buffer, failed));
    REQUIRE_FALSE(status.has_value());
    REQUIRE(status.error().refusal.has_value());
    CHECK(status.error().refusal->status_code.number == 4001);
    CHECK(status.error().refusal->reason() == "INVALID_REQUEST");
    CHECK(status.error().http_status == 200);

    const std::string token = R"({"content":{"expires_in":21600,"token":"a.b.c"},)"
                              R"("message":"Merchant not found","status_code":"4016",)"
                              R"("status_reason":"MERCHANT_NOT_FOUND"})";
    const auto t = portone::parse_auth_token(200, fixtures::in_response(buffer, token));
    REQUIRE_FALSE(t.has_value());
    CHECK(t.error().refusal->status_code.number == 4016);

    // 2xxx (and the pending 1xxx series) stay values.
    const auto ok = portone::parse_auth_token(
        200, fixtures::in_response(buffer, R"({"content":{"expires_in":21600,"token":"a.b.c"},)"
                                           R"("status_code":"2000","status_reason":"SUCCESS"})"));
    CHECK(ok.has_value());
}
