// SPDX-License-Identifier: BSL-1.0
// The PortOne stand-in over real HTTPS on 127.0.0.1: it accepts what PortOne documents, refuses
// each kind of wrong request with PortOne's error, and what it sends (redirects, webhooks, JWTs)
// verifies with this file's own HMAC. Requests are built here with Boost.JSON and OpenSSL,
// independently of the library and of the stand-in's code.
#include "http_client.hpp"

#include <stand_in.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace json = boost::json;
using namespace std::chrono_literals;
using http_test::header_list;
using http_test::reply;

namespace {

const std::string key = "pk_test_standin";
const std::string secret = "sk_test_standin_secret";

// ---------------------------------------------------------------------------------------------
// This file's own signing: OpenSSL's one-shot HMAC(), Go's url.Values.Encode written out again.

std::string hmac(std::string_view k, std::string_view message)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HMAC(EVP_sha256(), k.data(), static_cast<int>(k.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), out, &n);
    return std::string(reinterpret_cast<const char*>(out), n);
}

std::string b64(std::string_view bytes)
{
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(bytes.data()),
                                  static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string b64url(std::string_view bytes)
{
    std::string s = b64(bytes);
    s.erase(std::remove(s.begin(), s.end(), '='), s.end());
    std::replace(s.begin(), s.end(), '+', '-');
    std::replace(s.begin(), s.end(), '/', '_');
    return s;
}

std::string query_escape(std::string_view s)
{
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += char(c);
        else if (c == ' ') out += '+';
        else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

using fields = std::vector<std::pair<std::string, std::string>>;

std::string sign(fields f, std::string_view with = secret)
{
    std::sort(f.begin(), f.end());
    std::string message;
    for (const auto& [k, v] : f) {
        if (!message.empty()) message += '&';
        message += query_escape(k);
        message += '=';
        message += query_escape(v);
    }
    return b64(hmac(with, message));
}

std::string text(const json::value& v)
{
    if (v.is_string()) return std::string(v.get_string());
    if (v.is_int64()) return std::to_string(v.get_int64());
    if (v.is_uint64()) return std::to_string(v.get_uint64());
    // Go's FormatFloat(x, 'f', -1, 64) for the whole numbers the tests use: 5000.0 is "5000".
    if (v.is_double()) {
        const auto whole = static_cast<long long>(v.get_double());
        if (static_cast<double>(whole) == v.get_double()) return std::to_string(whole);
    }
    return json::serialize(v);
}

std::int64_t unix_now()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string jwt(std::int64_t iat, std::int64_t exp, std::string_view iss = "PORTONE",
                std::string_view sub = key, std::string_view with = secret,
                std::string_view header = R"({"alg":"HS256","typ":"JWT"})")
{
    json::object claims;
    claims["iss"] = iss;
    claims["sub"] = sub;
    claims["iat"] = iat;
    claims["exp"] = exp;
    const std::string signing_input = b64url(header) + "." + b64url(json::serialize(claims));
    return signing_input + "." + b64url(hmac(with, signing_input));
}

std::string fresh_jwt()
{
    const auto t = unix_now();
    return jwt(t, t + 100);
}

// ---------------------------------------------------------------------------------------------
// The 17 methods as this test knows them (PortOne's KOMOJU page): the customer data each needs.

struct method_case {
    std::string key;
    bool sandbox;
    bool refundable;
    bool email, name, phone, address;
    std::string store;
};

const std::vector<method_case> methods = {
    {"KOMOJU_CREDIT_CARD", false, true, true, true, false, false, ""},
    {"KOMOJU_BANK_TRANSFER", true, false, false, true, true, false, ""},
    {"KOMOJU_PAY_EASY", true, false, false, true, false, false, ""},
    {"KOMOJU_KONBINI_711", true, false, true, false, false, false, "seven-eleven"},
    {"KOMOJU_KONBINI_LAWSON", true, false, true, false, false, false, "lawson"},
    {"KOMOJU_KONBINI_FAMILY_MART", true, false, true, false, false, false, "family-mart"},
    {"KOMOJU_KONBINI_MINISTOP", true, false, true, false, false, false, "ministop"},
    {"KOMOJU_KONBINI_DAILY_YAMAZAKI", true, false, true, false, false, false, "daily-yamazaki"},
    {"KOMOJU_KONBINI_SEICOMART", true, false, true, false, false, false, "seicomart"},
    {"KOMOJU_WEB_MONEY", false, false, false, false, false, false, ""},
    {"KOMOJU_MERPAY", true, true, false, false, false, false, ""},
    {"KOMOJU_LINEPAY", true, true, false, false, false, false, ""},
    {"KOMOJU_PAYPAY", true, true, false, false, false, false, ""},
    {"KOMOJU_ALIPAY", true, true, false, false, false, false, ""},
    {"KOMOJU_RAKUTEN_PAY", true, true, false, false, false, false, ""},
    {"KOMOJU_AU_PAY", true, true, false, false, false, false, ""},
    {"KOMOJU_PAIDY", false, false, false, true, false, true, ""},
};

const method_case& method_named(std::string_view k)
{
    for (const auto& m : methods)
        if (m.key == k) return m;
    FAIL("unknown method " << k);
    return methods.front();
}

/// An initiatePayment body for `method` with exactly the customer data it requires, signed.
json::object payment_body(const std::string& method, const std::string& order_id,
                          std::string_view environment = "sandbox", std::int64_t amount = 5000)
{
    const method_case& m = method_named(method);
    json::object o;
    o["key"] = key;
    o["merchant_order_id"] = order_id;
    o["pmt_channel"] = "KOMOJU";
    o["pmt_method"] = method;
    o["description"] = "Green tea, 2 boxes";
    o["environment"] = environment;
    o["amount"] = amount;
    o["currency"] = "JPY";
    o["success_url"] = "https://shop.example/portone/success";
    o["failure_url"] = "https://shop.example/portone/failure";
    json::object billing;
    if (m.email) billing["billing_email"] = "taro.yamada@example.jp";
    if (m.name) {
        billing["billing_name"] = "太郎";
        billing["billing_surname"] = "山田";
    }
    if (m.phone) billing["billing_phone"] = "090-1234-5678";
    if (m.address)
        billing["billing_address"] = {{"line_1", "千代田1-1"}, {"city", "千代田区"},
                                      {"postal_code", "100-0001"}, {"country_code", "JP"}};
    if (!billing.empty()) o["billing_details"] = std::move(billing);
    return o;
}

void sign_payment(json::object& o)
{
    o["signature_hash"] = sign({{"amount", text(o.at("amount"))},
                                {"client_key", text(o.at("key"))},
                                {"currency", text(o.at("currency"))},
                                {"failure_url", text(o.at("failure_url"))},
                                {"merchant_order_id", text(o.at("merchant_order_id"))},
                                {"success_url", text(o.at("success_url"))}});
}

json::object body_of(const reply& r)
{
    INFO(r.status << " " << r.error << " " << r.body);
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    REQUIRE(!ec);
    REQUIRE(v.is_object());
    return std::move(v.as_object());
}

/// PortOne's error body, as a string status_code, with the HTTP status.
void check_refusal(const reply& r, int http_status, std::string_view code, std::string_view reason,
                   std::string_view message_part = {})
{
    INFO(r.body);
    CHECK(r.status == http_status);
    const json::object o = body_of(r);
    REQUIRE(o.contains("status_code"));
    CHECK(o.at("status_code").is_string());
    CHECK(text(o.at("status_code")) == code);
    CHECK(text(o.at("status_reason")) == reason);
    CHECK(o.at("message").is_string());
    if (!message_part.empty())
        CHECK(text(o.at("message")).find(message_part) != std::string::npos);
}

std::optional<std::string> percent_decode(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') out += ' ';
        else if (s[i] == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else out += s[i];
    }
    return out;
}

/// The query of a URL as (name, value) pairs in their order, decoded.
fields query_of(std::string_view url)
{
    fields out;
    const auto q = url.find('?');
    if (q == std::string_view::npos) return out;
    std::string_view rest = url.substr(q + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view part = rest.substr(0, amp);
        const auto eq = part.find('=');
        out.emplace_back(*percent_decode(part.substr(0, eq)),
                         *percent_decode(part.substr(eq + 1)));
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
    return out;
}

std::string value_of(const fields& f, std::string_view name)
{
    for (const auto& [k, v] : f)
        if (k == name) return v;
    return {};
}

// ---------------------------------------------------------------------------------------------
// A stand-in with a merchant that receives its webhooks.

portone_stand_in::config test_config(const http_test::webhook_receiver& merchant)
{
    portone_stand_in::config c;
    c.portone_key = key;
    c.secret_key = secret;
    c.webhook_url = merchant.url("/portone/webhook");
    c.refund_webhook_url = merchant.url("/portone/refund-webhook");
    c.delivery.retry_delay = 20ms;
    c.delivery.timeout = 2000ms;
    return c;
}

struct fixture {
    http_test::webhook_receiver merchant;
    portone_stand_in::server portone{test_config(merchant)};

    fixture() { portone.start(); }

    reply call(std::string_view method, std::string_view target, const header_list& headers = {},
               std::string_view body = {}, std::chrono::milliseconds timeout = 5000ms)
    {
        return http_test::https_call(portone.port(), portone.certificate_pem(), method, target,
                                     headers, body, timeout);
    }

    reply post_payment(const json::object& body, const header_list& extra = {})
    {
        header_list h = {{"X-Portone-Client-Key", key}, {"Content-Type", "application/json"}};
        h.insert(h.end(), extra.begin(), extra.end());
        return call("POST", "/api/initiatePayment", h, json::serialize(body));
    }

    /// A payment PortOne accepted: its answer.
    json::object start_payment(const std::string& method, const std::string& order_id,
                               std::string_view environment = "sandbox",
                               std::int64_t amount = 5000,
                               const std::function<void(json::object&)>& adjust = {})
    {
        json::object body = payment_body(method, order_id, environment, amount);
        if (adjust) adjust(body);
        sign_payment(body);
        const reply r = post_payment(body);
        INFO(r.body << r.error);
        REQUIRE(r.status == 200);
        return body_of(r);
    }

    /// The shopper's visit to KOMOJU: the redirect's Location.
    std::string visit(const std::string& order_ref, std::string_view outcome = {})
    {
        std::string target = "/komoju/pay/" + order_ref;
        if (!outcome.empty()) target += "?outcome=" + std::string(outcome);
        const reply r = call("GET", target);
        INFO(r.body << r.error);
        REQUIRE(r.status == 303);
        REQUIRE(r.header("location"));
        return *r.header("location");
    }

    header_list auth(std::string token = fresh_jwt()) const
    {
        return {{"X-Portone-Client-Key", key}, {"Authorization", "Bearer " + token}};
    }

    reply api(std::string_view method, std::string_view target, const json::object* body = nullptr)
    {
        header_list h = auth();
        if (body) h.emplace_back("Content-Type", "application/json");
        return call(method, target, h, body ? json::serialize(*body) : std::string());
    }

    /// Every payment webhook the merchant received, parsed, after the stand-in went idle.
    std::vector<json::object> payment_webhooks()
    {
        REQUIRE(portone.wait_idle(10s));
        std::vector<json::object> out;
        for (const auto& r : merchant.requests())
            if (r.target == "/portone/webhook") {
                boost::system::error_code ec;
                auto v = json::parse(r.body, ec);
                REQUIRE(!ec);
                out.push_back(v.as_object());
            }
        return out;
    }
};

json::object refund_body(std::string_view type, json::value amount,
                         std::string_view environment = "sandbox")
{
    return {{"amount", amount},           {"channel", "KOMOJU"},
            {"description", "refund"},    {"environment", environment},
            {"refund_type", type},        {"refund_reason", "damaged item"}};
}

/// The signature a payment webhook must carry: PortOne's nine fields, this file's HMAC.
std::string webhook_signature(const json::object& hook, std::string_view with = secret)
{
    fields f;
    for (const char* name : {"amount", "channel_key", "channel_order_ref", "country_code",
                             "currency", "merchant_order_ref", "method_name", "order_ref",
                             "status"})
        f.emplace_back(name, text(hook.at(name)));
    return sign(f, with);
}

} // namespace

// =============================================================================================

TEST_CASE("stand-in: TLS with a fresh certificate for 127.0.0.1 and localhost, trusted alone")
{
    fixture f;
    const std::string pem = f.portone.certificate_pem();
    REQUIRE(pem.find("-----BEGIN CERTIFICATE-----") == 0);

    // The certificate: one day, SAN with both names.
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    REQUIRE(cert);
    int days = 0, seconds = 0;
    REQUIRE(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(cert), X509_get0_notAfter(cert)));
    CHECK(days * 86400 + seconds <= 86400 + 600);
    CHECK(X509_check_ip_asc(cert, "127.0.0.1", 0) == 1);
    CHECK(X509_check_host(cert, "localhost", 0, 0, nullptr) == 1);
    CHECK(X509_check_host(cert, "example.com", 0, 0, nullptr) != 1);
    X509_free(cert);

    CHECK(f.call("GET", "/_control/payments").status == 200);
    CHECK(http_test::https_call(f.portone.port(), pem, "GET", "/_control/payments", {}, {}, 5s,
                                "localhost")
              .status == 200);

    // Another stand-in's certificate is not this one's: the handshake fails.
    http_test::webhook_receiver other_merchant;
    portone_stand_in::server other(test_config(other_merchant));
    other.start();
    const reply wrong = http_test::https_call(f.portone.port(), other.certificate_pem(), "GET",
                                              "/_control/payments");
    CHECK(wrong.status == 0);
    CHECK(wrong.error.find("handshake") != std::string::npos);
}

TEST_CASE("stand-in: initiatePayment accepts a correct request for each of the 17 methods")
{
    fixture f;
    int n = 0;
    for (const auto& m : methods) {
        INFO(m.key);
        const std::string environment = m.sandbox ? "sandbox" : "live";
        const json::object a = f.start_payment(m.key, "ORDER-" + std::to_string(++n), environment);
        CHECK(a.at("is_success").as_bool());
        const std::string ref = text(a.at("order_ref"));
        CHECK(ref.size() == 27);
        CHECK(std::all_of(ref.begin(), ref.end(), [](char c) { return std::isalnum(c); }));
        CHECK(text(a.at("redirect_url")) == f.portone.base_url() + "/komoju/pay/" + ref);
        CHECK(text(a.at("merchant_order_ref")) == "ORDER-" + std::to_string(n));
        CHECK(!text(a.at("channel_order_ref")).empty());
        CHECK(a.at("message").is_string());
        CHECK(a.at("additional_data").is_null());
        const bool wallet = m.key == "KOMOJU_PAYPAY" || m.key == "KOMOJU_MERPAY" ||
                            m.key == "KOMOJU_LINEPAY" || m.key == "KOMOJU_AU_PAY" ||
                            m.key == "KOMOJU_RAKUTEN_PAY" || m.key == "KOMOJU_ALIPAY";
        CHECK(text(a.at("deep_link")).empty() == !wallet);
        if (m.key == "KOMOJU_PAYPAY") {
            CHECK(text(a.at("deep_link")).rfind("paypay://", 0) == 0);
            CHECK(!text(a.at("qrcode_url")).empty());
            CHECK(a.at("expiry_in_minutes").is_string()); // PortOne sends "20", a string
            CHECK(text(a.at("expiry_in_minutes")) == "20");
        }
        const auto held = f.portone.payment(ref);
        REQUIRE(held);
        CHECK(held->status == "Initiated");
        CHECK(held->method_key == m.key);
        CHECK(held->environment == environment);
    }
    CHECK(f.portone.payments().size() == methods.size());

    // Keys PortOne does not know are ignored, as PortOne ignores them; 5000.0 is 5000 yen.
    json::object extra = payment_body("KOMOJU_PAYPAY", "ORDER-EXTRA");
    extra["something_new"] = json::object{{"nested", true}};
    extra["amount"] = 5000.0;
    sign_payment(extra);
    CHECK(f.post_payment(extra).status == 200);
}

TEST_CASE("stand-in: initiatePayment refuses each kind of wrong request as PortOne does")
{
    fixture f;
    const auto expect = [&](const json::object& body, std::string_view code,
                            std::string_view reason, std::string_view message,
                            const header_list& headers = {}) {
        const reply r = f.post_payment(body, headers);
        check_refusal(r, 401, code, reason, message);
        CHECK(body_of(r).at("is_success") == false);
    };
    const auto invalid = [&](json::object body, std::string_view message, bool resign = true) {
        if (resign) sign_payment(body);
        expect(body, "4001", "INVALID_PAYMENT_REQUEST", message);
    };
    const json::object good = [] {
        json::object o = payment_body("KOMOJU_PAYPAY", "ORDER-1");
        sign_payment(o);
        return o;
    }();

    SECTION("the key header")
    {
        const reply none = f.call("POST", "/api/initiatePayment",
                                  {{"Content-Type", "application/json"}}, json::serialize(good));
        check_refusal(none, 401, "4010", "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR",
                      "key is a required field");
        const reply other = f.call("POST", "/api/initiatePayment",
                                   {{"X-Portone-Client-Key", "pk_other"},
                                    {"Content-Type", "application/json"}},
                                   json::serialize(good));
        check_refusal(other, 401, "4010", "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR");
        json::object body_key = good;
        body_key["key"] = "pk_other";
        sign_payment(body_key);
        expect(body_key, "4010", "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR", "key");
    }
    SECTION("not JSON, or not a JSON object, or not said to be JSON")
    {
        const header_list h = {{"X-Portone-Client-Key", key}, {"Content-Type", "application/json"}};
        for (std::string_view body : {"", "{", "[1,2]", "{\"key\":\"a\",}", "{\"a\":1} x"})
            check_refusal(f.call("POST", "/api/initiatePayment", h, body), 401, "4001",
                          "INVALID_PAYMENT_REQUEST");
        check_refusal(f.call("POST", "/api/initiatePayment",
                             {{"X-Portone-Client-Key", key}, {"Content-Type", "text/plain"}},
                             json::serialize(good)),
                      401, "4001", "INVALID_PAYMENT_REQUEST", "Content-Type");
    }
    SECTION("every required field")
    {
        for (const char* field : {"key", "merchant_order_id", "pmt_channel", "pmt_method",
                                  "description", "environment", "amount", "currency",
                                  "signature_hash", "success_url", "failure_url"}) {
            INFO(field);
            json::object body = good;
            body.erase(field);
            invalid(body, std::string(field) + " is a required field", false);
            json::object empty = good;
            empty[field] = field == std::string_view("amount") ? json::value(0) : json::value("");
            invalid(empty, std::string(field) + " is a required field", false);
        }
    }
    SECTION("types and enums")
    {
        json::object b = good;
        b["amount"] = "5000";
        invalid(b, "amount must be a number", false);
        b = good;
        b["environment"] = "production";
        invalid(b, "environment must be one of [live sandbox]");
        b = good;
        b["description"] = 42;
        invalid(b, "description must be a string", false);
        b = good;
        b["billing_details"] = "taro";
        invalid(b, "billing_details must be an object");
        b = good;
        b["billing_details"] = {{"billing_email", 1}};
        invalid(b, "billing_details.billing_email must be a string");
        b = good;
        b["order_details"] = json::array{{{"id", "1"}, {"quantity", "two"}}};
        invalid(b, "order_details[0].quantity must be an integer");
        b = good;
        b["transaction_type"] = "CAPTURE";
        invalid(b, "transaction_type must be one of [PREAUTH PURCHASE]");
    }
    SECTION("amounts: a positive whole number of yen")
    {
        for (const json::value& amount : {json::value(-5000), json::value(5000.5)}) {
            json::object b = good;
            b["amount"] = amount;
            invalid(b, "amount must be a positive whole number of yen", false);
        }
    }
    SECTION("the signature: PortOne's six fields, keyed with the secret")
    {
        json::object b = good;
        b["signature_hash"] = sign({{"amount", "5000"}, {"client_key", key}, {"currency", "JPY"},
                                    {"failure_url", text(b.at("failure_url"))},
                                    {"merchant_order_id", "ORDER-1"},
                                    {"success_url", text(b.at("success_url"))}},
                                   "another secret");
        expect(b, "4011", "INVALID_UNAUTHORISED_TRANSACTION_SIGNATURE_ERROR", "signature_hash");
        b = good;
        b["amount"] = 5001; // signed for 5000
        expect(b, "4011", "INVALID_UNAUTHORISED_TRANSACTION_SIGNATURE_ERROR", "signature_hash");
        // A space signed as "%20" instead of Go's "+" does not verify.
        b = payment_body("KOMOJU_PAYPAY", "ORDER 1");
        const std::string message =
            "amount=5000&client_key=" + key + "&currency=JPY&failure_url=" +
            query_escape(text(b.at("failure_url"))) + "&merchant_order_id=ORDER%201&success_url=" +
            query_escape(text(b.at("success_url")));
        b["signature_hash"] = b64(hmac(secret, message));
        expect(b, "4011", "INVALID_UNAUTHORISED_TRANSACTION_SIGNATURE_ERROR", "signature_hash");
        b = payment_body("KOMOJU_PAYPAY", "ORDER 1");
        sign_payment(b);
        CHECK(f.post_payment(b).status == 200);
    }
    SECTION("the channel's rules: KOMOJU, its methods, yen")
    {
        json::object b = good;
        b["pmt_channel"] = "STRIPE";
        invalid(b, "pmt_channel must be KOMOJU");
        b = good;
        b["pmt_method"] = "KOMOJU_BITCOIN";
        invalid(b, "is not a KOMOJU method");
        b = good;
        b["pmt_method"] = "KOMOJU_PAYPAY ";
        invalid(b, "is not a KOMOJU method");
        b = good;
        b["currency"] = "USD";
        invalid(b, "currency must be JPY");
        b = good;
        b["success_url"] = "/relative/path";
        invalid(b, "success_url must be an absolute http(s) URL");
    }
    SECTION("methods without a sandbox: credit card, WebMoney, Paidy")
    {
        for (const char* m : {"KOMOJU_CREDIT_CARD", "KOMOJU_WEB_MONEY", "KOMOJU_PAIDY"})
            invalid(payment_body(m, "ORDER-1", "sandbox"),
                    std::string(m) + " is not available in the sandbox environment");
    }
    SECTION("the customer data each method requires")
    {
        struct missing_case {
            const char* method;
            const char* drop;
            const char* message;
        };
        for (const missing_case& c : {
                 missing_case{"KOMOJU_KONBINI_LAWSON", "billing_email", "the customer's email"},
                 missing_case{"KOMOJU_CREDIT_CARD", "billing_email", "the customer's email"},
                 missing_case{"KOMOJU_CREDIT_CARD", "billing_name", "the customer's name"},
                 missing_case{"KOMOJU_PAY_EASY", "billing_surname", "the customer's surname"},
                 missing_case{"KOMOJU_BANK_TRANSFER", "billing_phone", "the customer's phone"},
                 missing_case{"KOMOJU_BANK_TRANSFER", "billing_name", "the customer's name"},
                 missing_case{"KOMOJU_PAIDY", "billing_address", "a billing or shipping address"},
             }) {
            INFO(c.method << " without " << c.drop);
            const bool sandbox = method_named(c.method).sandbox;
            json::object b = payment_body(c.method, "ORDER-1", sandbox ? "sandbox" : "live");
            b.at("billing_details").as_object().erase(c.drop);
            invalid(b, std::string(c.method) + " requires " + c.message);
        }
        // Paidy: a shipping address does as well as a billing one.
        json::object b = payment_body("KOMOJU_PAIDY", "ORDER-SHIP", "live");
        b["shipping_details"] = {
            {"shipping_address", b.at("billing_details").at("billing_address")}};
        b.at("billing_details").as_object().erase("billing_address");
        sign_payment(b);
        CHECK(f.post_payment(b).status == 200);
    }
    SECTION("a merchant_order_id used before")
    {
        REQUIRE(f.post_payment(good).status == 200);
        expect(good, "4002", "DUPLICATE_TRANSACTION_ERROR", "ORDER-1");
        json::object other = payment_body("KOMOJU_MERPAY", "ORDER-1");
        sign_payment(other);
        expect(other, "4002", "DUPLICATE_TRANSACTION_ERROR", "ORDER-1");
    }
    CHECK(f.portone.payments().size() <= 2);
}

TEST_CASE("stand-in: the shopper's redirect, signed over four fields, encoded as Go does")
{
    fixture f;
    struct outcome_case {
        std::string method, outcome, status, url_path;
        bool pending_url;
    };
    int n = 0;
    for (const outcome_case& c : {
             outcome_case{"KOMOJU_PAYPAY", "", "Success", "/portone/success", false},
             outcome_case{"KOMOJU_PAYPAY", "failed", "Failed", "/portone/failure", false},
             outcome_case{"KOMOJU_MERPAY", "cancelled", "Cancelled", "/portone/failure", false},
             outcome_case{"KOMOJU_AU_PAY", "pending", "Pending", "/portone/success", false},
             outcome_case{"KOMOJU_KONBINI_711", "", "Pending", "/portone/pending", true},
             outcome_case{"KOMOJU_BANK_TRANSFER", "", "Pending", "/portone/success", false},
         }) {
        INFO(c.method << " " << c.outcome);
        const json::object a = f.start_payment(
            c.method, "ORDER-R" + std::to_string(++n), "sandbox", 5000, [&](json::object& b) {
                if (c.pending_url) b["pending_url"] = "https://shop.example/portone/pending";
            });
        const std::string location = f.visit(text(a.at("order_ref")), c.outcome);
        CHECK(location.rfind("https://shop.example" + c.url_path + "?", 0) == 0);
        const fields q = query_of(location);
        // Go's url.Values.Encode: sorted by name.
        CHECK(std::is_sorted(q.begin(), q.end(),
                             [](const auto& x, const auto& y) { return x.first < y.first; }));
        std::set<std::string> names;
        for (const auto& [k, v] : q) names.insert(k);
        CHECK(names == std::set<std::string>{"amount", "channel_order_ref", "currency", "lang",
                                             "merchant_order_ref", "message", "method_key",
                                             "order_ref", "signature_hash", "status",
                                             "status_code", "status_reason"});
        CHECK(value_of(q, "status") == c.status);
        CHECK(value_of(q, "order_ref") == text(a.at("order_ref")));
        CHECK(value_of(q, "merchant_order_ref") == "ORDER-R" + std::to_string(n));
        CHECK(value_of(q, "amount") == "5000");
        CHECK(value_of(q, "currency") == "JPY");
        CHECK(value_of(q, "method_key") == c.method);
        CHECK(value_of(q, "signature_hash") ==
              sign({{"channel_order_ref", value_of(q, "channel_order_ref")},
                    {"merchant_order_ref", value_of(q, "merchant_order_ref")},
                    {"order_ref", value_of(q, "order_ref")},
                    {"status", value_of(q, "status")}}));
        // The message has spaces: Go writes them as '+'.
        CHECK(location.find("message=The+transaction") != std::string::npos);
    }
    // A payment already paid cannot be paid again; an unknown one does not exist.
    const std::string paid = f.portone.payments().front().order_ref;
    CHECK(f.call("GET", "/komoju/pay/" + paid).status == 409);
    CHECK(f.call("GET", "/komoju/pay/2NoSuchPayment000000000000").status == 404);
    CHECK(f.call("GET", "/komoju/pay/" + paid + "?outcome=maybe").status == 409);
    // A failed payment may be tried again (KOMOJU: "may be re-attempted").
    const std::string failed = f.portone.payments()[1].order_ref;
    CHECK(f.visit(failed, "paid").find("status=Success") != std::string::npos);
}

TEST_CASE("stand-in: payment webhooks carry PortOne's sample's fields and verify")
{
    fixture f;
    const std::set<std::string> sample_fields = {
        "currency", "amount", "order_ref", "channel_order_ref", "merchant_order_ref",
        "country_code", "status", "channel_key", "method_name", "method_key", "method_sub_type",
        "buyer_name", "buyer_email", "buyer_phone", "buyer_address1", "buyer_address2",
        "buyer_city", "buyer_country", "signature_hash", "status_code", "status_reason",
        "status_channel_reason", "created_at", "is_refund_allowed", "is_multi_refund_allowed",
        "user_agent", "description", "ip_address", "link_order_ref", "payment_link_ref", "source",
        "payment_method_used", "merchant_name", "merchant_key", "merchant_email_address",
        "channel_name", "environment", "user_message", "receipt_url", "masked_card_number",
        "cross_border_data", "additional_payment_details", "installment_details",
        "is_cross_border_transaction"};
    const std::regex go_time(R"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,9})? \+0000 UTC)");

    const auto check_hook = [&](const json::object& h, std::string_view status) {
        INFO(json::serialize(h));
        std::set<std::string> names;
        for (const auto& kv : h) names.insert(std::string(kv.key()));
        CHECK(names == sample_fields);
        CHECK(text(h.at("status")) == status);
        CHECK(h.at("amount").is_number());
        CHECK(h.at("status_code").is_string());
        CHECK(h.at("is_refund_allowed").is_bool());
        CHECK(h.at("cross_border_data").is_object());
        CHECK(text(h.at("channel_key")) == "KOMOJU");
        CHECK(text(h.at("currency")) == "JPY");
        CHECK(std::regex_match(text(h.at("created_at")), go_time));
        CHECK(text(h.at("signature_hash")) == webhook_signature(h));
    };

    SECTION("a wallet: one Success webhook")
    {
        const json::object a = f.start_payment("KOMOJU_PAYPAY", "ORDER-W1");
        f.visit(text(a.at("order_ref")));
        const auto hooks = f.payment_webhooks();
        REQUIRE(hooks.size() == 1);
        check_hook(hooks[0], "Success");
        CHECK(hooks[0].at("amount") == 5000);
        CHECK(text(hooks[0].at("status_code")) == "2000");
        CHECK(hooks[0].at("is_refund_allowed") == true);
        CHECK(hooks[0].at("additional_payment_details").as_object().empty());
        CHECK(text(hooks[0].at("user_agent")) == "stand-in-test");
        const auto d = f.portone.deliveries();
        REQUIRE(d.size() == 1);
        CHECK(d[0].http_status == 200);
        CHECK(d[0].response_body == "ok");
        CHECK(d[0].kind == "payment_status");
        CHECK_FALSE(d[0].forged);
    }
    SECTION("konbini: Pending with the store's instructions, then Success when paid at the store")
    {
        for (const auto& m : methods) {
            if (m.store.empty()) continue;
            INFO(m.key);
            const json::object a = f.start_payment(m.key, "ORDER-" + m.key);
            f.visit(text(a.at("order_ref")));
            f.portone.complete_payment(text(a.at("order_ref")));
        }
        const auto hooks = f.payment_webhooks();
        REQUIRE(hooks.size() == 12);
        for (std::size_t i = 0; i < hooks.size(); ++i) {
            check_hook(hooks[i], i % 2 == 0 ? "Pending" : "Success");
            const json::object& d = hooks[i].at("additional_payment_details").as_object();
            CHECK(text(d.at("type")) == "konbini");
            CHECK(text(d.at("store")) == method_named(text(hooks[i].at("method_key"))).store);
            CHECK(!text(d.at("receipt")).empty());
            CHECK(!text(d.at("confirmation_code")).empty());
            CHECK(text(d.at("email")) == "taro.yamada@example.jp");
            CHECK(d.contains("instructions_url"));
        }
        CHECK(text(hooks[0].at("status_code")) == "1000");
    }
    SECTION("PayEasy and bank transfer details; a bank transfer's deadline in Japan time")
    {
        const json::object e = f.start_payment("KOMOJU_PAY_EASY", "ORDER-PE");
        f.visit(text(e.at("order_ref")));
        const json::object b = f.start_payment("KOMOJU_BANK_TRANSFER", "ORDER-BT");
        f.visit(text(b.at("order_ref")));
        const auto hooks = f.payment_webhooks();
        REQUIRE(hooks.size() == 2);
        check_hook(hooks[0], "Pending");
        const json::object& pe = hooks[0].at("additional_payment_details").as_object();
        CHECK(text(pe.at("type")) == "pay_easy");
        for (const char* k : {"bank_id", "confirmation_id", "customer_id", "instructions_url"})
            CHECK(!text(pe.at(k)).empty());
        check_hook(hooks[1], "Pending");
        const json::object& bt = hooks[1].at("additional_payment_details").as_object();
        CHECK(text(bt.at("type")) == "bank_transfer");
        for (const char* k : {"account_branch_name", "account_name", "account_number",
                              "account_type", "bank_name", "order_id"})
            CHECK(!text(bt.at(k)).empty());
        CHECK(std::regex_match(text(bt.at("payment_deadline")),
                               std::regex(R"(\d{4}-\d{2}-\d{2}T23:59:59\.999\+09:00)")));
        CHECK(f.portone.payment("ORDER-BT")->deadline == text(bt.at("payment_deadline")));
    }
    SECTION("expiry: a control call, or the deadline passing on the stand-in's clock")
    {
        const json::object k = f.start_payment("KOMOJU_KONBINI_LAWSON", "ORDER-EXP");
        f.visit(text(k.at("order_ref")));
        f.portone.expire_payment("ORDER-EXP");
        const json::object b = f.start_payment("KOMOJU_BANK_TRANSFER", "ORDER-LATE");
        f.visit(text(b.at("order_ref")));
        CHECK(f.portone.expire_overdue() == 0);
        f.portone.advance_clock(std::chrono::hours(24 * 15));
        CHECK(f.portone.expire_overdue() == 1);
        const auto hooks = f.payment_webhooks();
        REQUIRE(hooks.size() == 4);
        check_hook(hooks[1], "Expired");
        check_hook(hooks[3], "Expired");
        CHECK(text(hooks[3].at("merchant_order_ref")) == "ORDER-LATE");
        CHECK_THROWS_AS(f.portone.complete_payment("ORDER-LATE"), portone_stand_in::control_error);
        CHECK_THROWS_AS(f.portone.expire_payment("ORDER-NONE"), portone_stand_in::control_error);
    }
}

TEST_CASE("stand-in: delivery options: twice, reverse order, forged signatures, retries")
{
    fixture f;
    SECTION("twice")
    {
        portone_stand_in::delivery_options o;
        o.twice = true;
        f.portone.set_delivery_options(o);
        const json::object a = f.start_payment("KOMOJU_PAYPAY", "ORDER-2X");
        f.visit(text(a.at("order_ref")));
        const auto hooks = f.payment_webhooks();
        REQUIRE(hooks.size() == 2);
        CHECK(hooks[0] == hooks[1]);
        const auto d = f.portone.deliveries();
        REQUIRE(d.size() == 2);
        CHECK(d[0].id == d[1].id);
        CHECK(d[1].copy == 2);
    }
    SECTION("reverse order: held until final, then Success before Pending")
    {
        const json::object a = f.start_payment("KOMOJU_KONBINI_FAMILY_MART", "ORDER-REV");
        portone_stand_in::delivery_options o;
        o.reverse_order = true;
        f.portone.set_delivery_options("ORDER-REV", o);
        f.visit(text(a.at("order_ref")));
        CHECK(f.payment_webhooks().empty()); // Pending is held back
        f.portone.complete_payment("ORDER-REV");
        const auto hooks = f.payment_webhooks();
        REQUIRE(hooks.size() == 2);
        CHECK(text(hooks[0].at("status")) == "Success");
        CHECK(text(hooks[1].at("status")) == "Pending");
        CHECK(text(hooks[1].at("signature_hash")) == webhook_signature(hooks[1]));
    }
    SECTION("a forged signature: Base64 of 32 bytes, keyed with another secret")
    {
        portone_stand_in::delivery_options o;
        o.forged_signatures = 1;
        f.portone.set_delivery_options(o);
        for (const char* id : {"ORDER-F1", "ORDER-F2"}) {
            const json::object a = f.start_payment("KOMOJU_PAYPAY", id);
            f.visit(text(a.at("order_ref")));
        }
        const auto hooks = f.payment_webhooks();
        REQUIRE(hooks.size() == 2);
        const std::string forged = text(hooks[0].at("signature_hash"));
        CHECK(forged.size() == 44);
        CHECK(forged.back() == '=');
        CHECK(forged != webhook_signature(hooks[0]));
        CHECK(text(hooks[1].at("signature_hash")) == webhook_signature(hooks[1]));
        const auto d = f.portone.deliveries();
        CHECK(d[0].forged);
        CHECK_FALSE(d[1].forged);
    }
    SECTION("retries after an answer that is not 2xx, up to max_attempts")
    {
        f.merchant.answer_with({500, 503, 200});
        const json::object a = f.start_payment("KOMOJU_PAYPAY", "ORDER-RETRY");
        f.visit(text(a.at("order_ref")));
        REQUIRE(f.portone.wait_idle(10s));
        auto d = f.portone.deliveries();
        REQUIRE(d.size() == 3);
        CHECK(d[0].http_status == 500);
        CHECK(d[1].http_status == 503);
        CHECK(d[2].http_status == 200);
        CHECK(d[2].attempt == 3);
        CHECK(d[0].body == d[2].body);

        portone_stand_in::delivery_options o;
        o.max_attempts = 2;
        o.retry_delay = 10ms;
        f.portone.set_delivery_options(o);
        f.merchant.answer_with({401, 401, 401});
        const json::object b = f.start_payment("KOMOJU_PAYPAY", "ORDER-GIVE-UP");
        f.visit(text(b.at("order_ref")));
        REQUIRE(f.portone.wait_idle(10s));
        d = f.portone.deliveries();
        REQUIRE(d.size() == 5);
        CHECK(d[3].http_status == 401);
        CHECK(d[4].http_status == 401);
        CHECK(d[4].attempt == 2);
    }
    SECTION("no merchant listening: each attempt recorded without an answer")
    {
        f.portone.set_webhook_urls("http://127.0.0.1:1/nobody", "");
        const json::object a = f.start_payment("KOMOJU_PAYPAY", "ORDER-NOBODY");
        f.visit(text(a.at("order_ref")));
        REQUIRE(f.portone.wait_idle(10s));
        const auto d = f.portone.deliveries();
        REQUIRE(d.size() == 3);
        for (const auto& x : d) {
            CHECK(x.http_status == 0);
            CHECK(!x.error.empty());
        }
        // A URL off the loopback is never contacted.
        f.portone.set_webhook_urls("http://192.0.2.1/webhook", "");
        const json::object b = f.start_payment("KOMOJU_PAYPAY", "ORDER-FAR");
        f.visit(text(b.at("order_ref")));
        REQUIRE(f.portone.wait_idle(10s));
        CHECK(f.portone.deliveries().back().error.find("loopback") != std::string::npos);
    }
    SECTION("an https merchant: verified against the certificate given, by IP or by name")
    {
        // Another stand-in plays a TLS merchant: what it answers (404, it has no such route)
        // shows that the handshake, and the check of its certificate, went through.
        http_test::webhook_receiver unused;
        portone_stand_in::server tls_merchant(test_config(unused));
        tls_merchant.start();
        const std::string port = std::to_string(tls_merchant.port());
        portone_stand_in::config c = test_config(unused);
        c.webhook_url = "https://127.0.0.1:" + port + "/portone/webhook";
        c.refund_webhook_url = "https://localhost:" + port + "/portone/refund";
        c.merchant_ca_pem = tls_merchant.certificate_pem();
        c.delivery.max_attempts = 1;
        portone_stand_in::server portone(c);
        portone.start();
        const auto call = [&](std::string_view method, std::string_view target,
                              const header_list& h = {}, std::string_view body = {}) {
            return http_test::https_call(portone.port(), portone.certificate_pem(), method,
                                         target, h, body);
        };
        json::object body = payment_body("KOMOJU_PAYPAY", "ORDER-TLS");
        sign_payment(body);
        const reply r = call("POST", "/api/initiatePayment",
                             {{"X-Portone-Client-Key", key}, {"Content-Type", "application/json"}},
                             json::serialize(body));
        REQUIRE(r.status == 200);
        const std::string ref = text(body_of(r).at("order_ref"));
        REQUIRE(call("GET", "/komoju/pay/" + ref).status == 303);
        const json::object refund = refund_body("partial", 100);
        REQUIRE(call("POST", "/api/refund/" + ref,
                     {{"X-Portone-Client-Key", key},
                      {"Authorization", "Bearer " + fresh_jwt()},
                      {"Content-Type", "application/json"}},
                     json::serialize(refund))
                    .status == 200);
        REQUIRE(portone.wait_idle(10s));
        auto d = portone.deliveries();
        REQUIRE(d.size() == 2);
        CHECK(d[0].http_status == 404);
        CHECK(d[1].kind == "refund_status");
        CHECK(d[1].http_status == 404);

        // A merchant whose certificate is another: no answer, a TLS error.
        portone.set_webhook_urls("https://127.0.0.1:" + std::to_string(f.portone.port()) + "/x",
                                 "");
        json::object second = payment_body("KOMOJU_PAYPAY", "ORDER-TLS-2");
        sign_payment(second);
        const reply r2 = call("POST", "/api/initiatePayment",
                              {{"X-Portone-Client-Key", key}, {"Content-Type", "application/json"}},
                              json::serialize(second));
        REQUIRE(r2.status == 200);
        REQUIRE(call("GET", "/komoju/pay/" + text(body_of(r2).at("order_ref"))).status == 303);
        REQUIRE(portone.wait_idle(10s));
        d = portone.deliveries();
        REQUIRE(d.size() == 3);
        CHECK(d[2].http_status == 0);
        CHECK(d[2].error.find("TLS handshake") != std::string::npos);
    }
}

TEST_CASE("stand-in: the JWT of the server APIs")
{
    fixture f;
    const json::object a = f.start_payment("KOMOJU_PAYPAY", "ORDER-JWT");
    const std::string target = "/api/transaction/ORDER-JWT/status";
    const auto with_token = [&](const std::string& token) {
        return f.call("GET", target, f.auth(token));
    };
    const auto t = unix_now();
    CHECK(with_token(jwt(t, t + 100)).status == 200);
    CHECK(with_token(jwt(t - 90, t - 10)).status == 200); // within the 30 s allowance

    const auto refused = [&](const reply& r) {
        check_refusal(r, 401, "4054", "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR",
                      "The JWT Token or header is invalid or expired!");
        CHECK(r.header("x-stand-in-reason"));
    };
    refused(with_token(jwt(t - 1000, t - 100)));                       // expired
    refused(with_token(jwt(t + 1000, t + 1100)));                      // issued in the future
    refused(with_token(jwt(t, t + 100, "CHAIPAY")));                   // legacy issuer
    refused(with_token(jwt(t, t + 100, "PORTONE", "pk_other")));       // another merchant
    refused(with_token(jwt(t, t + 100, "PORTONE", key, "wrong")));     // another secret
    refused(with_token(jwt(t, t + 100, "PORTONE", key, secret, R"({"alg":"none","typ":"JWT"})")));
    refused(with_token(jwt(t, t + 100, "PORTONE", key, secret, R"({"alg":"HS512"})")));
    refused(with_token(fresh_jwt() + "x"));
    refused(with_token("not-a-jwt"));
    refused(f.call("GET", target, {{"X-Portone-Client-Key", key}}));
    refused(f.call("GET", target,
                   {{"X-Portone-Client-Key", key}, {"Authorization", "Basic " + fresh_jwt()}}));
    // The key header comes first.
    check_refusal(f.call("GET", target, {{"Authorization", "Bearer " + fresh_jwt()}}), 401, "4010",
                  "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR", "key is a required field");
    check_refusal(f.call("GET", target,
                         {{"X-Portone-Client-Key", "pk_other"},
                          {"Authorization", "Bearer " + fresh_jwt()}}),
                  401, "4010", "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR");

    // The stand-in's clock decides: a token valid now is expired an hour later.
    const std::string token = fresh_jwt();
    CHECK(with_token(token).status == 200);
    f.portone.advance_clock(1h);
    refused(with_token(token));
    (void)a;
}

TEST_CASE("stand-in: auth-token issues a six-hour HS256 JWT that the server APIs accept")
{
    fixture f;
    const auto post = [&](const json::object& body) {
        return f.call("POST", "/api/merchant/auth-token", {{"Content-Type", "application/json"}},
                      json::serialize(body));
    };
    const reply r = post({{"portone_key", key}, {"portone_secret", secret}});
    REQUIRE(r.status == 200);
    const json::object o = body_of(r);
    CHECK(text(o.at("status_code")) == "2000");
    CHECK(o.at("content").at("expires_in") == 21600);
    const std::string token = text(o.at("content").at("token"));
    const auto d1 = token.find('.'), d2 = token.rfind('.');
    CHECK(token.substr(d2 + 1) == b64url(hmac(secret, token.substr(0, d2))));
    std::string claims_b64(token.substr(d1 + 1, d2 - d1 - 1));
    std::replace(claims_b64.begin(), claims_b64.end(), '-', '+');
    std::replace(claims_b64.begin(), claims_b64.end(), '_', '/');
    while (claims_b64.size() % 4) claims_b64 += '=';
    std::string claims_text(claims_b64.size(), '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(claims_text.data()),
                                  reinterpret_cast<const unsigned char*>(claims_b64.data()),
                                  static_cast<int>(claims_b64.size()));
    claims_text.resize(static_cast<std::size_t>(n));
    while (!claims_text.empty() && claims_text.back() == '\0') claims_text.pop_back();
    const json::object claims = json::parse(claims_text).as_object();
    CHECK(text(claims.at("iss")) == "PORTONE");
    CHECK(text(claims.at("sub")) == key);
    CHECK(claims.at("exp").as_int64() - claims.at("iat").as_int64() == 21600);

    f.start_payment("KOMOJU_PAYPAY", "ORDER-AT");
    CHECK(f.call("GET", "/api/transaction/ORDER-AT/status", f.auth(token)).status == 200);
    f.portone.advance_clock(std::chrono::hours(7));
    CHECK(f.call("GET", "/api/transaction/ORDER-AT/status", f.auth(token)).status == 401);

    check_refusal(post({{"portone_secret", secret}}), 400, "4001", "INVALID_REQUEST",
                  "portone_key is a required field");
    check_refusal(post({{"portone_key", "pk_other"}, {"portone_secret", secret}}), 400, "4016",
                  "MERCHANT_NOT_FOUND");
    check_refusal(post({{"portone_key", key}, {"portone_secret", "guess"}}), 401, "4099",
                  "INVALID_UNAUTHORISED_PORTONE_SECRET_ERROR");
}

TEST_CASE("stand-in: refunds")
{
    fixture f;
    const std::string ref = text(f.start_payment("KOMOJU_PAYPAY", "ORDER-RF").at("order_ref"));
    const std::string target = "/api/refund/" + ref;
    const auto refund = [&](const json::object& body) { return f.api("POST", target, &body); };

    // Not paid yet.
    check_refusal(refund(refund_body("partial", 1000)), 400, "4070",
                  "INVALID_PAYMENT_REQUEST_REFUND_NOT_ALLOWED", "Initiated");
    f.visit(ref);

    SECTION("partial refunds until nothing is left; the list; the webhooks")
    {
        reply r = refund(refund_body("partial", 1200));
        REQUIRE(r.status == 200);
        json::object o = body_of(r);
        CHECK(o.at("amountToRefund") == 3800);
        REQUIRE(o.at("refundDetails").as_array().size() == 1);
        const json::object& first = o.at("refundDetails").as_array()[0].as_object();
        CHECK(first.at("amount") == 1200);
        CHECK(text(first.at("refund_status")) == "SUCCESS");
        CHECK(text(first.at("refund_type")) == "partial");
        CHECK(text(first.at("currency")) == "JPY");
        CHECK(!text(first.at("refund_id")).empty());

        check_refusal(refund(refund_body("partial", 3801)), 400, "4041", "INVALID_AMOUNT",
                      "3800");
        check_refusal(refund(refund_body("full", 5000)), 400, "4041", "INVALID_AMOUNT");
        check_refusal(refund(refund_body("partial", 12.5)), 400, "4041", "INVALID_AMOUNT");
        r = refund(refund_body("partial", 3800));
        REQUIRE(r.status == 200);
        CHECK(body_of(r).at("amountToRefund") == 0);
        check_refusal(refund(refund_body("partial", 1)), 400, "4041", "INVALID_AMOUNT");

        const reply list = f.api("GET", target);
        REQUIRE(list.status == 200);
        CHECK(body_of(list) == body_of(r));
        CHECK(f.portone.payment(ref)->refunded == 5000);

        REQUIRE(f.portone.wait_idle(10s));
        std::vector<json::object> hooks;
        for (const auto& q : f.merchant.requests())
            if (q.target == "/portone/refund-webhook")
                hooks.push_back(json::parse(q.body).as_object());
        REQUIRE(hooks.size() == 2);
        for (const char* k : {"refund_date", "refund_id", "psp_refund_id", "amount", "currency",
                              "refund_status", "refund_type", "refund_reason", "merchant_id",
                              "description", "payment_txn_ref", "payment_channel",
                              "payment_method"})
            CHECK(hooks[0].contains(k));
        CHECK_FALSE(hooks[0].contains("signature_hash")); // PortOne documents none
        CHECK(text(hooks[0].at("payment_txn_ref")) == ref);
        CHECK(hooks[0].at("amount") == 1200);
        CHECK(text(hooks[0].at("refund_id")) == text(first.at("refund_id")));
        CHECK(std::regex_match(text(hooks[0].at("refund_date")),
                               std::regex(R"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)? )"
                                          R"(\+0000 UTC)")));
    }
    SECTION("a full refund")
    {
        const reply r = refund(refund_body("full", 5000));
        REQUIRE(r.status == 200);
        CHECK(body_of(r).at("amountToRefund") == 0);
        check_refusal(refund(refund_body("full", 5000)), 400, "4041", "INVALID_AMOUNT");
    }
    SECTION("is_multi_refund_allowed false: one refund, of the whole")
    {
        f.portone.set_multi_refund_allowed(ref, false);
        check_refusal(refund(refund_body("partial", 1000)), 400, "4081",
                      "PARTIAL_REFUND_NOT_ALLOWED");
        CHECK(refund(refund_body("full", 5000)).status == 200);
    }
    SECTION("what the body must be")
    {
        for (const char* field :
             {"amount", "channel", "description", "environment", "refund_type", "refund_reason"}) {
            json::object b = refund_body("partial", 1000);
            b.erase(field);
            check_refusal(refund(b), 400, "4001", "INVALID_REQUEST",
                          std::string(field) + " is a required field");
        }
        json::object b = refund_body("half", 1000);
        check_refusal(refund(b), 400, "4001", "INVALID_REQUEST", "refund_type must be one of");
        b = refund_body("partial", 1000);
        b["channel"] = "STRIPE";
        check_refusal(refund(b), 400, "4001", "INVALID_REQUEST", "channel");
        check_refusal(refund(refund_body("partial", 1000, "live")), 400, "4034",
                      "INVALID_ENVIRONMENT");
        CHECK(f.portone.payment(ref)->refunds.empty());
    }
    SECTION("methods PortOne cannot refund, and references it does not know")
    {
        const std::string konbini =
            text(f.start_payment("KOMOJU_KONBINI_LAWSON", "ORDER-KR").at("order_ref"));
        f.visit(konbini, "paid");
        const json::object b = refund_body("full", 5000);
        check_refusal(f.api("POST", "/api/refund/" + konbini, &b), 400, "4070",
                      "INVALID_PAYMENT_REQUEST_REFUND_NOT_ALLOWED", "KOMOJU_KONBINI_LAWSON");
        check_refusal(f.api("POST", "/api/refund/2NoSuchPayment000000000000", &b), 400, "4096",
                      "INVALID_REFERENCE");
        check_refusal(f.api("GET", "/api/refund/2NoSuchPayment000000000000"), 400, "4096",
                      "INVALID_REFERENCE");
        check_refusal(f.call("POST", target, {{"X-Portone-Client-Key", key}},
                             json::serialize(b)),
                      401, "4054", "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR");
    }
}

TEST_CASE("stand-in: transaction status and details")
{
    fixture f;
    const std::string ref =
        text(f.start_payment("KOMOJU_KONBINI_SEICOMART", "ORDER-Q").at("order_ref"));
    reply r = f.api("GET", "/api/transaction/ORDER-Q/status");
    REQUIRE(r.status == 200);
    json::object o = body_of(r);
    CHECK(text(o.at("status_code")) == "2000");
    CHECK(text(o.at("content").at("status")) == "Initiated");
    CHECK(text(o.at("content").at("order_ref")) == ref);
    f.visit(ref);
    CHECK(text(body_of(f.api("GET", "/api/transaction/ORDER-Q/status")).at("content").at(
              "status")) == "Pending");
    check_refusal(f.api("GET", "/api/transaction/ORDER-NONE/status"), 400, "4096",
                  "INVALID_REFERENCE");

    const json::object q = {{"order_ref", ref}};
    r = f.api("POST", "/api/" + key + "/transaction-details", &q);
    REQUIRE(r.status == 200);
    o = body_of(r);
    const json::object& c = o.at("content").as_object();
    CHECK(text(c.at("status")) == "Pending");
    CHECK(c.at("amount") == 5000);
    CHECK(text(c.at("merchant_order_ref")) == "ORDER-Q");
    CHECK(text(c.at("method_key")) == "KOMOJU_KONBINI_SEICOMART");
    CHECK(text(c.at("additional_payment_details").at("store")) == "seicomart");
    CHECK(text(c.at("signature_hash")) == webhook_signature(c));

    const json::object unknown = {{"order_ref", "2NoSuchPayment000000000000"}};
    check_refusal(f.api("POST", "/api/" + key + "/transaction-details", &unknown), 400, "4096",
                  "INVALID_REFERENCE", "Transaction record with given reference not found");
    const json::object empty = json::object{};
    check_refusal(f.api("POST", "/api/" + key + "/transaction-details", &empty), 400, "4001",
                  "INVALID_REQUEST", "order_ref is a required field");
    check_refusal(f.api("POST", "/api/pk_other/transaction-details", &q), 400, "4016",
                  "MERCHANT_NOT_FOUND");
}

TEST_CASE("stand-in: fetch-all-payments pages through a period and an environment")
{
    fixture f;
    std::vector<std::string> refs;
    for (int i = 0; i < 5; ++i) {
        refs.push_back(text(
            f.start_payment("KOMOJU_PAYPAY", "ORDER-P" + std::to_string(i)).at("order_ref")));
        std::this_thread::sleep_for(2ms); // distinct created_at
    }
    f.start_payment("KOMOJU_CREDIT_CARD", "ORDER-LIVE", "live");
    const auto page = [&](std::int64_t number, std::int64_t size,
                          std::string_view from = "2000-01-01T00:00:00.000Z",
                          std::string_view to = "2999-12-31T23:59:59.999Z") {
        const json::object body = {{"page", number}, {"size", size},       {"from", from},
                                   {"to", to},       {"environment", "sandbox"}};
        return f.api("POST", "/api/merchant/" + key + "/fetch-all-payments", &body);
    };
    std::vector<std::string> seen;
    for (std::int64_t n = 1; n <= 3; ++n) {
        const reply r = page(n, 2);
        INFO(r.body);
        REQUIRE(r.status == 200);
        const json::object o = body_of(r);
        CHECK(text(o.at("status_code")) == "2000");
        const json::object& b = o.at("body").as_object();
        CHECK(b.at("total_elements") == 5);
        CHECK(b.at("total_pages") == 3);
        CHECK(b.at("size") == 2);
        CHECK(b.at("page") == n);
        CHECK(b.at("number_of_elements") == (n < 3 ? 2 : 1));
        for (const auto& item : b.at("content").as_array()) {
            seen.push_back(text(item.at("order_ref")));
            CHECK(text(item.at("method_key")) == "KOMOJU_PAYPAY"); // not the live payment
        }
    }
    // Newest first, every payment once.
    CHECK(seen == std::vector<std::string>(refs.rbegin(), refs.rend()));
    CHECK(body_of(page(4, 2)).at("body").at("content").as_array().empty());

    // The period: from the third payment's creation on.
    const std::string third = f.portone.payment(refs[2])->created_at;
    const json::object o = body_of(page(1, 10, third));
    CHECK(o.at("body").at("total_elements") == 3);

    check_refusal(page(0, 2), 400, "4001", "INVALID_REQUEST", "page must be 1 or greater");
    check_refusal(page(1, 0), 400, "4001", "INVALID_REQUEST", "size");
    check_refusal(page(1, 2, "yesterday"), 400, "4001", "INVALID_REQUEST", "from");
    check_refusal(page(1, 2, "2030-01-01T00:00:00Z", "2020-01-01T00:00:00Z"), 400, "4001",
                  "INVALID_REQUEST");
    const json::object no_env = {{"page", 1}, {"size", 2}, {"from", "2000-01-01T00:00:00Z"},
                                 {"to", "2999-01-01T00:00:00Z"}};
    check_refusal(f.api("POST", "/api/merchant/" + key + "/fetch-all-payments", &no_env), 400,
                  "4001", "INVALID_REQUEST", "environment is a required field");
}

TEST_CASE("stand-in: faults for the merchant's retry logic")
{
    fixture f;
    json::object body = payment_body("KOMOJU_PAYPAY", "ORDER-FAULT");
    sign_payment(body);

    f.portone.inject_fault(portone_stand_in::endpoint::initiate_payment,
                           portone_stand_in::fault_kind::bad_gateway, 2);
    for (int i = 0; i < 2; ++i) {
        const reply r = f.post_payment(body);
        CHECK(r.status == 502);
        CHECK(r.body.find("<html>") != std::string::npos);
    }
    CHECK(f.post_payment(body).status == 200);

    f.portone.inject_fault(portone_stand_in::endpoint::transaction_status,
                           portone_stand_in::fault_kind::expired_jwt);
    check_refusal(f.api("GET", "/api/transaction/ORDER-FAULT/status"), 401, "4054",
                  "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR");
    CHECK(f.api("GET", "/api/transaction/ORDER-FAULT/status").status == 200);

    // "Time out": the request is read, nothing is answered.
    f.portone.inject_fault(portone_stand_in::endpoint::any, portone_stand_in::fault_kind::drop);
    reply r = f.api("GET", "/api/transaction/ORDER-FAULT/status");
    CHECK(r.status == 0);
    CHECK(!r.error.empty());
    f.portone.inject_fault(portone_stand_in::endpoint::refund_list,
                           portone_stand_in::fault_kind::drop, 1, 3000ms);
    const auto started = std::chrono::steady_clock::now();
    r = f.call("GET", "/api/refund/x", f.auth(), {}, 300ms);
    CHECK(r.status == 0);
    CHECK(r.error.find("timeout") != std::string::npos);
    CHECK(std::chrono::steady_clock::now() - started < 2s);
    f.portone.clear_faults();
    CHECK(f.api("GET", "/api/transaction/ORDER-FAULT/status").status == 200);
}

TEST_CASE("stand-in: payment links: create, pay through Checkout, status, cancel")
{
    fixture f;
    const auto link_body = [&](const std::string& id) {
        json::object o = {{"portone_key", key},
                          {"merchant_order_id", id},
                          {"amount", 5000},
                          {"currency", "JPY"},
                          {"country_code", "JP"},
                          {"merchant_details",
                           {{"name", "Tea Shop"}, {"promo_discount", 0}, {"shipping_charges", 0}}},
                          {"success_url", "https://shop.example/portone/success"},
                          {"failure_url", "https://shop.example/portone/failure"},
                          {"source", "api"},
                          {"environment", "sandbox"},
                          {"description", "Green tea"}};
        o["signature_hash"] = sign({{"amount", "5000"},
                                    {"client_key", key},
                                    {"currency", "JPY"},
                                    {"failure_url", text(o.at("failure_url"))},
                                    {"merchant_order_id", id},
                                    {"success_url", text(o.at("success_url"))}});
        return o;
    };
    json::object body = link_body("LINK-1");
    reply r = f.api("POST", "/api/paymentLink", &body);
    REQUIRE(r.status == 200);
    const std::string link_ref = text(body_of(r).at("payment_link_ref"));
    const std::string link = text(body_of(r).at("payment_link"));
    CHECK(link == f.portone.base_url() + "/checkout?ref=" + link_ref);

    json::object unsigned_body = link_body("LINK-2");
    unsigned_body.erase("signature_hash");
    check_refusal(f.api("POST", "/api/paymentLink", &unsigned_body), 401, "4010",
                  "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR",
                  "signature_hash is a required field");
    json::object bad_total = link_body("LINK-3");
    bad_total["order_details"] = json::array{{{"id", "1"}, {"name", "tea"}, {"price", 2000},
                                              {"quantity", 2}}};
    check_refusal(f.api("POST", "/api/paymentLink", &bad_total), 401, "4010",
                  "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR", "amount");

    const auto status_of = [&](const std::string& target) {
        const reply s = f.api("GET", target);
        REQUIRE(s.status == 200);
        return body_of(s).at("content").as_object();
    };
    CHECK(text(status_of("/api/paymentLink/" + link_ref + "/fetch-status").at("status")) ==
          "Created");

    // The shopper picks PayPay on the Checkout page.
    r = f.call("GET", "/checkout?ref=" + link_ref);
    CHECK(r.status == 200);
    CHECK(r.body.find("KOMOJU_PAYPAY") != std::string::npos);
    CHECK(r.body.find("KOMOJU_CREDIT_CARD") == std::string::npos); // no sandbox
    r = f.call("GET", "/checkout/pay?ref=" + link_ref + "&method=KOMOJU_PAYPAY");
    REQUIRE(r.status == 303);
    CHECK(r.header("location")->find("status=Success") != std::string::npos);

    const json::object c =
        status_of("/api/merchant/" + key + "/paymentLink/LINK-1/status");
    CHECK(text(c.at("status")) == "Success");
    CHECK(text(c.at("merchantOrderRef")) == "LINK-1");
    REQUIRE(c.at("transactionsList").as_array().size() == 1);
    CHECK(text(c.at("transactionsList").at(0).at("merchantOrderRef")) == link_ref + "_1");
    const auto hooks = f.payment_webhooks();
    REQUIRE(hooks.size() == 1);
    CHECK(text(hooks[0].at("link_order_ref")) == "LINK-1");
    CHECK(text(hooks[0].at("payment_link_ref")) == link_ref);
    CHECK(text(hooks[0].at("source")) == "checkout");

    // Cancelling: only "cancelled", only an unpaid link.
    body = link_body("LINK-4");
    const std::string second = text(body_of(f.api("POST", "/api/paymentLink", &body)).at(
        "payment_link_ref"));
    check_refusal(f.api("PUT", "/api/paymentLink/" + second + "/status/expired"), 401, "4001",
                  "INVALID_PAYMENT_REQUEST", "Only cancelled status is allowed");
    r = f.api("PUT", "/api/paymentLink/" + second + "/status/cancelled");
    REQUIRE(r.status == 200);
    CHECK(text(body_of(r).at("status_code")) == "2000");
    CHECK(text(status_of("/api/paymentLink/" + second + "/fetch-status").at("status")) ==
          "Cancelled");
    CHECK(f.call("GET", "/checkout?ref=" + second).status == 410);
    check_refusal(f.api("PUT", "/api/paymentLink/" + link_ref + "/status/cancelled"), 400, "4001",
                  "INVALID_PAYMENT_REQUEST");
    check_refusal(f.api("GET", "/api/paymentLink/2NoSuchLink/fetch-status"), 400, "4083",
                  "INVALID_PAYMENT_LINK_REF");
}

TEST_CASE("stand-in: the controls over HTTPS, for another process")
{
    fixture f;
    const std::string ref =
        text(f.start_payment("KOMOJU_KONBINI_MINISTOP", "ORDER-C").at("order_ref"));
    f.visit(ref);
    const header_list json_header = {{"Content-Type", "application/json"}};
    reply r = f.call("GET", "/_control/payments/ORDER-C");
    REQUIRE(r.status == 200);
    CHECK(text(body_of(r).at("status")) == "Pending");
    CHECK(text(body_of(r).at("additional_payment_details").at("store")) == "ministop");

    r = f.call("POST", "/_control/payments/" + ref + "/complete");
    REQUIRE(r.status == 200);
    CHECK(text(body_of(r).at("status")) == "Success");
    CHECK(f.call("POST", "/_control/payments/" + ref + "/complete").status == 409);
    CHECK(f.call("POST", "/_control/payments/nothing/expire").status == 404);

    r = f.call("POST", "/_control/faults", json_header,
               R"({"endpoint":"initiatePayment","kind":"bad_gateway","count":1})");
    REQUIRE(r.status == 200);
    json::object body = payment_body("KOMOJU_PAYPAY", "ORDER-C2");
    sign_payment(body);
    CHECK(f.post_payment(body).status == 502);
    CHECK(f.call("POST", "/_control/faults", json_header, R"({"endpoint":"x","kind":"drop"})")
              .status == 400);

    r = f.call("POST", "/_control/delivery", json_header, R"({"twice":true,"max_attempts":1})");
    REQUIRE(r.status == 200);
    CHECK(body_of(r).at("twice") == true);
    CHECK(body_of(r).at("max_attempts") == 1);

    REQUIRE(f.portone.wait_idle(10s));
    r = f.call("GET", "/_control/deliveries");
    REQUIRE(r.status == 200);
    const json::object d = body_of(r);
    CHECK(d.at("idle") == true);
    REQUIRE(d.at("deliveries").as_array().size() == 2);
    CHECK(text(d.at("deliveries").at(1).at("status")) == "Success");
    CHECK(d.at("deliveries").at(1).at("http_status") == 200);

    r = f.call("POST", "/_control/clock", json_header, R"({"advance_seconds":3600})");
    CHECK(r.status == 200);
    CHECK(f.call("GET", "/api/initiatePayment").status == 405);
    CHECK(f.call("GET", "/no/such/route").status == 404);
}
