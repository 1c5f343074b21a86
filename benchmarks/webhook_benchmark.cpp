// SPDX-License-Identifier: BSL-1.0
// Reading a PortOne payment webhook: the library's typed parse and signature verification, against
// two strong baselines written as an expert would (a Boost.JSON DOM on a stack buffer, and a SAX
// handler written for this struct, each verifying the signature exactly as the library does), a
// Boost.JSON DOM parse alone, RapidJSON and nlohmann::json parses with the same fields extracted,
// and the HMAC-SHA256 of the signed message through OpenSSL's one-shot HMAC() and through a reused,
// pre-fetched EVP_MAC context (what portone::signer does).
//
//   BM_portone_parse_verify         portone::parse_payment_webhook + verify_payment_webhook
//   BM_portone_parse                portone::parse_payment_webhook alone
//   BM_portone_verify               portone::verify_payment_webhook alone, on a webhook parsed once
//   BM_boost_json_monotonic_verify  boost::json::parse into a monotonic_resource over a 4 KiB
//                                   stack buffer, the nine signed fields and the signature taken
//                                   from the DOM as views, then the same verification by hand
//   BM_sax_parse_verify             a boost::json::basic_parser handler filling a plain struct
//                                   with every field the library's typed read fills, then the
//                                   same verification by hand
//   BM_boost_json_dom               boost::json::parse into a DOM, nothing extracted
//   BM_rapidjson_extract            rapidjson::Document::Parse, then the fields copied into a struct
//   BM_nlohmann_extract             nlohmann::json::parse, then the fields copied into a struct
//   BM_hmac_one_shot                HMAC(EVP_sha256(), ...) on the webhook's signed message
//   BM_hmac_reused                  portone::crypto::hmac_sha256 (EVP_MAC fetched and keyed once)
//
// The verification by hand (hand_signature.hpp): the signed message written into a stack buffer
// (form encoding by a table), HMAC-SHA256 through ONE EVP_MAC context keyed once and
// re-initialised per message, Base64 by EVP_EncodeBlock, CRYPTO_memcmp.
//
// Before any benchmark runs, main() checks that the sample verifies, that every parser reads the
// same values and that the baselines refuse a tampered body, so the numbers compare equal work.
// Every benchmark reports its heap allocations per call (allocs_per_call, allocation_count.hpp)
// and libcrypto's own (openssl_allocs_per_call).

#include "allocation_count.hpp" // first: it counts OpenSSL's allocations from the start
#include "hand_signature.hpp"

#include <portone/komoju.hpp>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
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

// --- Strong baselines: Boost.JSON's DOM on a stack buffer, and a SAX handler -------------------
//
// Both verify exactly as the library does, written by hand (hand_signature.hpp): the nine signed
// fields form-encoded into a stack buffer, HMAC-SHA256 through ONE EVP_MAC context keyed once and
// re-initialised per message, Base64 by EVP_EncodeBlock, compared in constant time.

/// The signed fields of a webhook, as views into wherever they were read.
struct signed_view {
    std::int64_t amount = 0;
    std::string_view channel_key, channel_order_ref, country_code, currency, merchant_order_ref,
        method_name, order_ref, status, signature_hash;
};

/// Whether `f.signature_hash` is the signature of the nine signed fields.
bool verify(hand_signature::mac_base64& mac, const signed_view& f)
{
    hand_signature::message_writer m(
        160 + 3 * (f.channel_key.size() + f.channel_order_ref.size() + f.country_code.size() +
                   f.currency.size() + f.merchant_order_ref.size() + f.method_name.size() +
                   f.order_ref.size() + f.status.size()));
    m.integer("amount=", f.amount);
    m.field("&channel_key=", f.channel_key);
    m.field("&channel_order_ref=", f.channel_order_ref);
    m.field("&country_code=", f.country_code);
    m.field("&currency=", f.currency);
    m.field("&merchant_order_ref=", f.merchant_order_ref);
    m.field("&method_name=", f.method_name);
    m.field("&order_ref=", f.order_ref);
    m.field("&status=", f.status);
    return mac.verify(m.text(), f.signature_hash);
}

/// The DOM baseline: boost::json::parse into a monotonic_resource over a stack buffer, the signed
/// fields taken from the DOM as views (no copy), then verify(). False for a body that does not
/// parse, lacks a signed field or has one of the wrong type, or whose signature does not match.
bool dom_parse_verify(hand_signature::mac_base64& mac, std::string_view json)
{
    unsigned char buffer[4096];
    boost::json::monotonic_resource resource(buffer, sizeof buffer);
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(json, ec, &resource);
    const boost::json::object* o = v.if_object();
    if (ec || o == nullptr) return false;
    bool ok = true;
    const auto text = [&](std::string_view key) -> std::string_view {
        const boost::json::value* m = o->if_contains(key);
        const boost::json::string* s = m != nullptr ? m->if_string() : nullptr;
        if (s == nullptr) ok = false;
        return s != nullptr ? std::string_view(*s) : std::string_view();
    };
    signed_view f;
    const boost::json::value* amount = o->if_contains("amount");
    const std::int64_t* a = amount != nullptr ? amount->if_int64() : nullptr;
    if (a == nullptr || *a <= 0) return false;
    f.amount = *a;
    f.channel_key = text("channel_key");
    f.channel_order_ref = text("channel_order_ref");
    f.country_code = text("country_code");
    f.currency = text("currency");
    f.merchant_order_ref = text("merchant_order_ref");
    f.method_name = text("method_name");
    f.order_ref = text("order_ref");
    f.status = text("status");
    f.signature_hash = text("signature_hash");
    return ok && verify(mac, f);
}

namespace sax {

/// Konbini's additional_payment_details, as the library's konbini_details holds them.
struct details {
    std::string type, confirmation_code, email, instructions_url, receipt, store,
        wellnet_wallet_url;
};

/// Every member of the library's payment_webhook, as plain values: strings as sent, the amount
/// as an integer, the booleans, and the konbini details.
struct webhook {
    std::int64_t amount = 0;
    std::string currency, order_ref, channel_order_ref, merchant_order_ref, country_code, status,
        channel_key, method_name, method_key, signature_hash;
    std::string method_sub_type, buyer_name, buyer_email, buyer_phone, buyer_address1,
        buyer_address2, buyer_city, buyer_country, status_code, status_reason,
        status_channel_reason, created_at, user_agent, description, ip_address, link_order_ref,
        payment_link_ref, source, payment_method_used, merchant_name, merchant_key,
        merchant_email_address, channel_name, environment, user_message, receipt_url,
        masked_card_number, refund_status;
    bool is_refund_allowed = false, is_multi_refund_allowed = false,
         is_cross_border_transaction = false;
    details additional_payment_details;
};

enum class kind : unsigned char { string, boolean, amount, details };

/// One key of a struct: its name, what its value is, and where it goes.
template <class T>
struct entry {
    std::string_view name;
    kind k = kind::string;
    std::string T::*text = nullptr;
    bool T::*flag = nullptr;
};

/// Keys grouped by length at compile time: a key is compared only with the names of its length.
template <class T, std::size_t N>
struct key_table {
    std::array<entry<T>, N> entries;
    std::array<unsigned char, 34> first{}; ///< entries of length n: [first[n], first[n + 1])

    constexpr explicit key_table(std::array<entry<T>, N> e) : entries(e)
    {
        std::sort(entries.begin(), entries.end(),
                  [](const entry<T>& a, const entry<T>& b) {
                      return a.name.size() < b.name.size();
                  });
        std::size_t i = 0;
        for (std::size_t n = 0; n < first.size(); ++n) {
            while (i < N && entries[i].name.size() < n) ++i;
            first[n] = static_cast<unsigned char>(i);
        }
    }

    /// The index of `key` in `entries`, or N.
    std::size_t find(std::string_view key) const noexcept
    {
        if (key.size() + 1 >= first.size()) return N;
        for (std::size_t i = first[key.size()]; i < first[key.size() + 1]; ++i)
            if (std::memcmp(entries[i].name.data(), key.data(), key.size()) == 0) return i;
        return N;
    }
};

template <class T>
constexpr entry<T> text(std::string_view name, std::string T::*m)
{
    return {name, kind::string, m, nullptr};
}
template <class T>
constexpr entry<T> flag(std::string_view name, bool T::*m)
{
    return {name, kind::boolean, nullptr, m};
}

using w = webhook;
constexpr key_table<w, 46> webhook_keys(std::array<entry<w>, 46>{
    entry<w>{"amount", kind::amount},
    text("currency", &w::currency), text("order_ref", &w::order_ref),
    text("channel_order_ref", &w::channel_order_ref),
    text("merchant_order_ref", &w::merchant_order_ref),
    text("country_code", &w::country_code), text("status", &w::status),
    text("channel_key", &w::channel_key), text("method_name", &w::method_name),
    text("method_key", &w::method_key), text("signature_hash", &w::signature_hash),
    text("method_sub_type", &w::method_sub_type), text("buyer_name", &w::buyer_name),
    text("buyer_email", &w::buyer_email), text("buyer_phone", &w::buyer_phone),
    text("buyer_address1", &w::buyer_address1), text("buyer_address2", &w::buyer_address2),
    text("buyer_city", &w::buyer_city), text("buyer_country", &w::buyer_country),
    text("status_code", &w::status_code), text("status_reason", &w::status_reason),
    text("status_channel_reason", &w::status_channel_reason),
    text("created_at", &w::created_at), flag("is_refund_allowed", &w::is_refund_allowed),
    flag("is_multi_refund_allowed", &w::is_multi_refund_allowed),
    text("user_agent", &w::user_agent), text("description", &w::description),
    text("ip_address", &w::ip_address), text("link_order_ref", &w::link_order_ref),
    text("payment_link_ref", &w::payment_link_ref), text("source", &w::source),
    text("payment_method_used", &w::payment_method_used),
    text("merchant_name", &w::merchant_name), text("merchant_key", &w::merchant_key),
    text("merchant_email_address", &w::merchant_email_address),
    text("channel_name", &w::channel_name), text("environment", &w::environment),
    text("user_message", &w::user_message), text("receipt_url", &w::receipt_url),
    text("masked_card_number", &w::masked_card_number),
    text("refund_status", &w::refund_status),
    flag("is_cross_border_transaction", &w::is_cross_border_transaction),
    // Objects of no fixed shape: skipped (the library keeps their JSON text; the sample has none).
    entry<w>{"additional_data", kind::details}, entry<w>{"cross_border_data", kind::details},
    entry<w>{"installment_details", kind::details},
    entry<w>{"additional_payment_details", kind::details}});

using d = details;
constexpr key_table<d, 7> details_keys(std::array<entry<d>, 7>{
    text("type", &d::type), text("confirmation_code", &d::confirmation_code),
    text("email", &d::email), text("instructions_url", &d::instructions_url),
    text("receipt", &d::receipt), text("store", &d::store),
    text("wellnet_wallet_url", &d::wellnet_wallet_url)});

/// The nine signed fields, method_key and signature_hash.
constexpr std::uint64_t required_mask = [] {
    constexpr std::string_view required[] = {
        "amount",    "currency",    "order_ref",   "channel_order_ref", "merchant_order_ref",
        "country_code", "status",   "channel_key", "method_name",       "method_key",
        "signature_hash"};
    std::uint64_t m = 0;
    for (std::string_view name : required)
        for (std::size_t i = 0; i < webhook_keys.entries.size(); ++i)
            if (webhook_keys.entries[i].name == name) m |= std::uint64_t(1) << i;
    return m;
}();

/// The basic_parser handler: each value straight into its member of `*out`. Unknown keys and
/// their values are skipped; a repeated key, a value of the wrong type, a non-positive amount or
/// a missing required key is an error.
struct handler {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);
    using error_code = boost::system::error_code;

    webhook* out = nullptr;
    int depth = 0;          ///< 1 inside the webhook, 2 inside its details
    int skip = 0;           ///< > 0: inside a value being skipped, at that nesting
    bool in_details = false;
    kind expected = kind::string;
    std::string* target = nullptr; ///< the string member the next string goes to
    bool* flag_target = nullptr;
    bool value_known = false;      ///< the current key is a member
    std::uint64_t seen = 0, details_seen = 0;
    std::uint64_t current = 0;     ///< the bit of the current key in `seen`
    std::string key_parts;         ///< a key delivered in pieces (never the sample's)

    bool refuse(error_code& ec)
    {
        ec = boost::json::error::syntax; // any error: the baseline only says no
        return false;
    }

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code& ec)
    {
        return (seen & required_mask) == required_mask || refuse(ec);
    }
    bool on_object_begin(error_code& ec)
    {
        if (skip > 0 || (depth >= 1 && !value_known)) return ++skip, true;
        if (depth == 0) return depth = 1, true;
        if (depth == 1 && expected == kind::details) {
            // Only additional_payment_details gets here: the shapeless objects are skipped.
            in_details = true;
            depth = 2;
            value_known = false;
            return true;
        }
        return refuse(ec);
    }
    bool on_object_end(std::size_t, error_code&)
    {
        if (skip > 0) {
            --skip;
        } else {
            --depth;
            in_details = false;
        }
        value_known = false;
        return true;
    }
    bool on_array_begin(error_code& ec)
    {
        if (skip > 0 || !value_known) return ++skip, true;
        return refuse(ec);
    }
    bool on_array_end(std::size_t, error_code&)
    {
        --skip;
        value_known = false;
        return true;
    }
    bool on_key_part(std::string_view s, std::size_t, error_code&)
    {
        if (skip == 0) key_parts.append(s);
        return true;
    }
    bool on_key(std::string_view s, std::size_t, error_code& ec)
    {
        if (skip > 0) return true;
        if (!key_parts.empty()) {
            key_parts.append(s);
            s = key_parts;
        }
        target = nullptr;
        flag_target = nullptr;
        value_known = false;
        if (in_details) {
            const std::size_t i = details_keys.find(s);
            if (i < details_keys.entries.size()) {
                const std::uint64_t bit = std::uint64_t(1) << i;
                if (details_seen & bit) return refuse(ec);
                details_seen |= bit;
                value_known = true;
                expected = kind::string;
                target = &(out->additional_payment_details.*details_keys.entries[i].text);
            }
        } else {
            const std::size_t i = webhook_keys.find(s);
            if (i < webhook_keys.entries.size()) {
                const auto& e = webhook_keys.entries[i];
                const std::uint64_t bit = std::uint64_t(1) << i;
                if (seen & bit) return refuse(ec);
                seen |= bit;
                current = bit;
                value_known = true;
                expected = e.k;
                if (e.k == kind::string) target = &(out->*e.text);
                else if (e.k == kind::boolean) flag_target = &(out->*e.flag);
                else if (e.k == kind::details && e.name != "additional_payment_details")
                    value_known = false; // skipped
            }
        }
        key_parts.clear();
        return true;
    }
    bool on_string_part(std::string_view s, std::size_t, error_code& ec)
    {
        if (skip > 0 || !value_known) return true;
        if (target == nullptr) return refuse(ec);
        target->append(s);
        return true;
    }
    bool on_string(std::string_view s, std::size_t, error_code& ec)
    {
        if (skip > 0 || !value_known) return true;
        if (target == nullptr) return refuse(ec);
        target->append(s);
        target = nullptr;
        return true;
    }
    bool on_number_part(std::string_view, error_code&) { return true; }
    bool on_int64(std::int64_t i, std::string_view, error_code& ec)
    {
        if (skip > 0 || !value_known) return true;
        if (expected != kind::amount || in_details || i <= 0) return refuse(ec);
        out->amount = i;
        return true;
    }
    bool on_uint64(std::uint64_t, std::string_view, error_code& ec)
    {
        return skip > 0 || !value_known || refuse(ec); // above int64: too large an amount
    }
    bool on_double(double, std::string_view, error_code& ec)
    {
        return skip > 0 || !value_known || refuse(ec);
    }
    bool on_bool(bool b, error_code& ec)
    {
        if (skip > 0 || !value_known) return true;
        if (flag_target == nullptr) return refuse(ec);
        *flag_target = b;
        return true;
    }
    bool on_null(error_code& ec)
    {
        // null is an absent member: a required one is then missing (on_document_end).
        if (skip > 0 || !value_known) return true;
        if (!in_details) seen &= ~current;
        return expected == kind::amount ? refuse(ec) : true;
    }
    bool on_comment_part(std::string_view, error_code&) { return true; }
    bool on_comment(std::string_view, error_code&) { return true; }
};

/// The SAX baseline: one basic_parser, reset per body, filling a fresh webhook.
class reader {
public:
    reader() : parser_(boost::json::parse_options{}) {}

    /// The webhook in `body`, read into `out`; false if the body is not one.
    bool read(std::string_view body, webhook& out)
    {
        parser_.reset();
        auto& h = parser_.handler();
        h = handler{};
        h.out = &out;
        boost::system::error_code ec;
        const std::size_t n = parser_.write_some(false, body.data(), body.size(), ec);
        return !ec && n == body.size();
    }

private:
    boost::json::basic_parser<handler> parser_;
};

signed_view signed_fields_of(const webhook& w)
{
    return {w.amount,      w.channel_key,        w.channel_order_ref,
            w.country_code, w.currency,          w.merchant_order_ref,
            w.method_name, w.order_ref,          w.status,
            w.signature_hash};
}

} // namespace sax

// --- Benchmarks ------------------------------------------------------------------------------

/// Times `call` (its result kept from the optimiser), with its allocations per call and, for a
/// parse, the body's bytes per second.
template <class Call>
void measure(benchmark::State& state, bool parses, Call&& call)
{
    const allocation_report allocations;
    for (auto _ : state) {
        auto result = call();
        benchmark::DoNotOptimize(result);
    }
    allocations.report(state);
    if (parses)
        state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}

void BM_portone_parse_verify(benchmark::State& state)
{
    const portone::signer sign(secret);
    measure(state, true, [&] {
        auto w = portone::parse_payment_webhook(body, portone::komoju::methods);
        benchmark::DoNotOptimize(w);
        return portone::verify_payment_webhook(*w, sign);
    });
}
BENCHMARK(BM_portone_parse_verify);

void BM_portone_parse(benchmark::State& state)
{
    measure(state, true,
            [] { return portone::parse_payment_webhook(body, portone::komoju::methods); });
}
BENCHMARK(BM_portone_parse);

void BM_portone_verify(benchmark::State& state)
{
    const portone::signer sign(secret);
    const auto w = portone::parse_payment_webhook(body, portone::komoju::methods);
    measure(state, false, [&] { return portone::verify_payment_webhook(*w, sign); });
}
BENCHMARK(BM_portone_verify);

void BM_boost_json_monotonic_verify(benchmark::State& state)
{
    hand_signature::mac_base64 mac(secret.reveal());
    measure(state, true, [&] { return dom_parse_verify(mac, body); });
}
BENCHMARK(BM_boost_json_monotonic_verify);

void BM_sax_parse_verify(benchmark::State& state)
{
    hand_signature::mac_base64 mac(secret.reveal());
    sax::reader reader;
    measure(state, true, [&] {
        sax::webhook w;
        const bool ok = reader.read(body, w) && verify(mac, sax::signed_fields_of(w));
        benchmark::DoNotOptimize(w);
        return ok;
    });
}
BENCHMARK(BM_sax_parse_verify);

void BM_boost_json_dom(benchmark::State& state)
{
    measure(state, true, [] { return boost::json::parse(body); });
}
BENCHMARK(BM_boost_json_dom);

void BM_rapidjson_extract(benchmark::State& state)
{
    measure(state, true, [] {
        rapidjson::Document d;
        d.Parse(body.data(), body.size());
        return extract(d);
    });
}
BENCHMARK(BM_rapidjson_extract);

void BM_nlohmann_extract(benchmark::State& state)
{
    measure(state, true, [] { return extract(nlohmann::json::parse(body)); });
}
BENCHMARK(BM_nlohmann_extract);

void BM_hmac_one_shot(benchmark::State& state)
{
    const auto key = secret.reveal();
    measure(state, false, [&] {
        std::array<unsigned char, 32> digest;
        unsigned int length = 0;
        HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(),
             &length);
        return digest;
    });
}
BENCHMARK(BM_hmac_one_shot);

void BM_hmac_reused(benchmark::State& state)
{
    const portone::crypto::hmac_sha256 mac(secret);
    measure(state, false, [&] { return mac(message); });
}
BENCHMARK(BM_hmac_reused);

void check_equal_work()
{
    const portone::signer sign(secret);
    auto w = portone::parse_payment_webhook(body, portone::komoju::methods);
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

    // The strong baselines read the same values and verify the same signature; a changed signed
    // value or signature fails both.
    hand_signature::mac_base64 mac(secret.reveal());
    if (!mac) fail("OpenSSL could not set up HMAC-SHA256");
    if (!dom_parse_verify(mac, body)) fail("the DOM baseline does not verify the sample");
    sax::reader reader;
    sax::webhook x;
    if (!reader.read(body, x)) fail("the SAX baseline does not read the sample");
    if (!verify(mac, sax::signed_fields_of(x))) fail("the SAX baseline does not verify the sample");
    const auto& k = std::get<portone::konbini_details>(*w->additional_payment_details);
    if (x.amount != w->amount.minor_units() || x.currency != w->currency ||
        x.order_ref != w->order_ref || x.channel_order_ref != w->channel_order_ref ||
        x.merchant_order_ref != w->merchant_order_ref || x.country_code != w->country_code ||
        x.status != w->status.text || x.channel_key != w->channel_key ||
        x.method_name != w->method_name || x.method_key != w->method_key->key ||
        x.signature_hash != w->signature_hash || x.method_sub_type != *w->method_sub_type ||
        x.buyer_name != *w->buyer_name || x.buyer_email != *w->buyer_email ||
        x.buyer_phone != *w->buyer_phone || x.status_code != w->status_code->text ||
        x.status_reason != *w->status_reason ||
        x.status_channel_reason != *w->status_channel_reason ||
        x.created_at != *w->created_at || x.is_refund_allowed != *w->is_refund_allowed ||
        x.is_multi_refund_allowed != *w->is_multi_refund_allowed ||
        x.description != *w->description || x.source != *w->source ||
        x.merchant_name != *w->merchant_name || x.merchant_key != *w->merchant_key ||
        x.channel_name != *w->channel_name || x.environment != *w->environment ||
        x.user_message != *w->user_message || !w->extra_fields.empty() ||
        x.additional_payment_details.type != k.type ||
        x.additional_payment_details.confirmation_code != *k.confirmation_code ||
        x.additional_payment_details.email != *k.email ||
        x.additional_payment_details.instructions_url != *k.instructions_url ||
        x.additional_payment_details.receipt != *k.receipt ||
        x.additional_payment_details.store != k.store ||
        x.additional_payment_details.wellnet_wallet_url != *k.wellnet_wallet_url)
        fail("the SAX baseline reads other values than the library");
    std::string tampered = body;
    tampered.replace(tampered.find("5000"), 4, "5001");
    sax::webhook t;
    if (dom_parse_verify(mac, tampered) ||
        (reader.read(tampered, t) && verify(mac, sax::signed_fields_of(t))))
        fail("a baseline verifies a tampered webhook");
    sax::webhook twice;
    std::string duplicated = body;
    duplicated.insert(1, R"("currency":"JPY",)");
    if (reader.read(duplicated, twice)) fail("the SAX baseline accepts a repeated key");

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
