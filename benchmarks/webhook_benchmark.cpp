// SPDX-License-Identifier: BSL-1.0
// Reading a PortOne payment webhook: the library's typed parse and signature verification, against
// a Boost.JSON DOM parse alone, RapidJSON and nlohmann::json parses with the same fields extracted,
// and the HMAC-SHA256 of the signed message through OpenSSL's one-shot HMAC() and through a reused,
// pre-fetched EVP_MAC context (what portone::signer does).
//
//   BM_portone_parse_verify   portone::parse_payment_webhook + portone::verify_payment_webhook
//   BM_portone_parse          portone::parse_payment_webhook alone
//   BM_portone_verify         portone::verify_payment_webhook alone, on a webhook parsed once
//   BM_boost_json_dom         boost::json::parse into a DOM, nothing extracted (the target's unit)
//   BM_rapidjson_extract      rapidjson::Document::Parse, then the fields copied into a struct
//   BM_nlohmann_extract       nlohmann::json::parse, then the fields copied into a struct
//   BM_hmac_one_shot          HMAC(EVP_sha256(), ...) on the webhook's signed message
//   BM_hmac_reused            portone::crypto::hmac_sha256 (EVP_MAC fetched and keyed once)
//
// Before any benchmark runs, main() checks that the sample verifies and that every parser reads
// the same values, so the numbers compare equal work.

#include <portone/komoju.hpp>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <rapidjson/document.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void fail(std::string_view what)
{
    std::fprintf(stderr, "webhook_benchmark: %.*s\n", static_cast<int>(what.size()), what.data());
    std::abort();
}

const portone::secret_key secret("sk_bench_5d1f0c7a9e3b4f21");

// The fields the peers extract: the ones a handler needs to verify and act on the webhook.
struct plain_webhook {
    std::string currency, order_ref, channel_order_ref, merchant_order_ref, country_code, status,
        channel_key, method_name, method_key, signature_hash, status_code, status_reason;
    std::int64_t amount = 0;
    std::string store, confirmation_code, receipt, instructions_url;
};

/// The nine signed fields of the sample webhook.
const portone::signed_field signed_fields[] = {
    {"amount", "5000"},
    {"channel_key", "KOMOJU"},
    {"channel_order_ref", "8c0r4kq2m9x1b7v3n5t6y2wz"},
    {"country_code", "JP"},
    {"currency", "JPY"},
    {"merchant_order_ref", "ORDER-20240401-0001"},
    {"method_name", "Konbini FamilyMart"},
    {"order_ref", "2mbbExY77pp8iC0AQ1ucWymnd3c"},
    {"status", "Success"}};

/// A KOMOJU konbini webhook as PortOne sends it, signed with `secret`.
std::string make_body()
{
    const portone::signer sign(secret);
    const std::string signature = sign.sign(signed_fields);
    return R"({"currency":"JPY","amount":5000,"order_ref":"2mbbExY77pp8iC0AQ1ucWymnd3c",)"
           R"("channel_order_ref":"8c0r4kq2m9x1b7v3n5t6y2wz","merchant_order_ref":"ORDER-20240401-0001",)"
           R"("country_code":"JP","status":"Success","channel_key":"KOMOJU",)"
           R"("method_name":"Konbini FamilyMart","method_key":"KOMOJU_KONBINI_FAMILY_MART",)"
           R"("method_sub_type":"","buyer_name":"山田 太郎","buyer_email":"taro.yamada@example.jp",)"
           R"("buyer_phone":"090-1234-5678","signature_hash":")" +
           signature +
           R"(","status_code":"2000","status_reason":"SUCCESS",)"
           R"("status_channel_reason":"SUCCESS | Transaction is success",)"
           R"("created_at":"2024-04-01 10:55:14.573735 +0000 UTC","is_refund_allowed":false,)"
           R"("is_multi_refund_allowed":false,"description":"緑茶 2箱","source":"api",)"
           R"("merchant_name":"お茶の店","merchant_key":"pk_test_3f8a2c1e9b7d4a60",)"
           R"("channel_name":"KOMOJU","environment":"sandbox",)"
           R"("user_message":"The transaction is successful.",)"
           R"("additional_payment_details":{"confirmation_code":"c9oc7","email":"taro.yamada@example.jp",)"
           R"("instructions_url":"https://komoju.com/en/instructions/dl3oshvcayxlvu6tj8ygi30sc",)"
           R"("receipt":"zaixaa0qlh","store":"family-mart","type":"konbini",)"
           R"("wellnet_wallet_url":"https://cs.wellnet.jp/payment/mobile-app?payment-number=zaixaa0qlh&confirm-number=c9oc7"}})";
}

const std::string body = make_body();

const std::string message = portone::form_encode(signed_fields);

// --- Peers ----------------------------------------------------------------------------------

plain_webhook extract(const rapidjson::Document& d)
{
    const auto s = [&](const rapidjson::Value& o, const char* name) {
        const auto& v = o[name];
        return std::string(v.GetString(), v.GetStringLength());
    };
    plain_webhook w;
    w.currency = s(d, "currency");
    w.amount = d["amount"].GetInt64();
    w.order_ref = s(d, "order_ref");
    w.channel_order_ref = s(d, "channel_order_ref");
    w.merchant_order_ref = s(d, "merchant_order_ref");
    w.country_code = s(d, "country_code");
    w.status = s(d, "status");
    w.channel_key = s(d, "channel_key");
    w.method_name = s(d, "method_name");
    w.method_key = s(d, "method_key");
    w.signature_hash = s(d, "signature_hash");
    w.status_code = s(d, "status_code");
    w.status_reason = s(d, "status_reason");
    const auto& details = d["additional_payment_details"];
    w.store = s(details, "store");
    w.confirmation_code = s(details, "confirmation_code");
    w.receipt = s(details, "receipt");
    w.instructions_url = s(details, "instructions_url");
    return w;
}

plain_webhook extract(const nlohmann::json& j)
{
    plain_webhook w;
    w.currency = j.at("currency").get<std::string>();
    w.amount = j.at("amount").get<std::int64_t>();
    w.order_ref = j.at("order_ref").get<std::string>();
    w.channel_order_ref = j.at("channel_order_ref").get<std::string>();
    w.merchant_order_ref = j.at("merchant_order_ref").get<std::string>();
    w.country_code = j.at("country_code").get<std::string>();
    w.status = j.at("status").get<std::string>();
    w.channel_key = j.at("channel_key").get<std::string>();
    w.method_name = j.at("method_name").get<std::string>();
    w.method_key = j.at("method_key").get<std::string>();
    w.signature_hash = j.at("signature_hash").get<std::string>();
    w.status_code = j.at("status_code").get<std::string>();
    w.status_reason = j.at("status_reason").get<std::string>();
    const auto& details = j.at("additional_payment_details");
    w.store = details.at("store").get<std::string>();
    w.confirmation_code = details.at("confirmation_code").get<std::string>();
    w.receipt = details.at("receipt").get<std::string>();
    w.instructions_url = details.at("instructions_url").get<std::string>();
    return w;
}

// --- Benchmarks ------------------------------------------------------------------------------

void BM_portone_parse_verify(benchmark::State& state)
{
    const portone::signer sign(secret);
    for (auto _ : state) {
        auto w = portone::parse_payment_webhook(body);
        auto ok = portone::verify_payment_webhook(*w, sign);
        benchmark::DoNotOptimize(w);
        benchmark::DoNotOptimize(ok);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_portone_parse_verify);

void BM_portone_parse(benchmark::State& state)
{
    for (auto _ : state) {
        auto w = portone::parse_payment_webhook(body);
        benchmark::DoNotOptimize(w);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_portone_parse);

void BM_portone_verify(benchmark::State& state)
{
    const portone::signer sign(secret);
    const auto w = portone::parse_payment_webhook(body);
    for (auto _ : state) {
        auto ok = portone::verify_payment_webhook(*w, sign);
        benchmark::DoNotOptimize(ok);
    }
}
BENCHMARK(BM_portone_verify);

void BM_boost_json_dom(benchmark::State& state)
{
    for (auto _ : state) {
        auto v = boost::json::parse(body);
        benchmark::DoNotOptimize(v);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_boost_json_dom);

void BM_rapidjson_extract(benchmark::State& state)
{
    for (auto _ : state) {
        rapidjson::Document d;
        d.Parse(body.data(), body.size());
        auto w = extract(d);
        benchmark::DoNotOptimize(w);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_rapidjson_extract);

void BM_nlohmann_extract(benchmark::State& state)
{
    for (auto _ : state) {
        auto w = extract(nlohmann::json::parse(body));
        benchmark::DoNotOptimize(w);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_nlohmann_extract);

void BM_hmac_one_shot(benchmark::State& state)
{
    const auto key = secret.reveal();
    for (auto _ : state) {
        unsigned char digest[32];
        unsigned int length = 0;
        HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest,
             &length);
        benchmark::DoNotOptimize(digest);
    }
}
BENCHMARK(BM_hmac_one_shot);

void BM_hmac_reused(benchmark::State& state)
{
    const portone::crypto::hmac_sha256 mac(secret);
    for (auto _ : state) {
        auto digest = mac(message);
        benchmark::DoNotOptimize(digest);
    }
}
BENCHMARK(BM_hmac_reused);

void check_equal_work()
{
    const portone::signer sign(secret);
    auto w = portone::parse_payment_webhook(body);
    if (!w) fail("the sample does not parse: " + w.error().message);
    if (!portone::verify_payment_webhook(*w, sign)) fail("the sample does not verify");

    rapidjson::Document d;
    d.Parse(body.data(), body.size());
    const auto r = extract(d);
    const auto n = extract(nlohmann::json::parse(body));
    if (r.signature_hash != n.signature_hash || r.store != n.store || r.amount != n.amount ||
        r.signature_hash != w->signature_hash || r.amount != w->amount.minor_units() ||
        r.merchant_order_ref != w->merchant_order_ref || r.order_ref != w->order_ref)
        fail("the parsers disagree");

    unsigned char digest[32];
    unsigned int length = 0;
    const auto key = secret.reveal();
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
    const auto reused = portone::crypto::hmac_sha256(secret)(message);
    if (length != reused.size() || std::memcmp(digest, reused.data(), length) != 0)
        fail("the two HMACs disagree");
}

} // namespace

int main(int argc, char** argv)
{
    check_equal_work();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
