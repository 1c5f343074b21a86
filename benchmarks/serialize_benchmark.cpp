// SPDX-License-Identifier: BSL-1.0
// Serialization speed of one initiatePayment body: the library's writer against the alternatives a
// merchant would otherwise use, all writing the same bank-transfer request in the same key order.
//
//   BM_portone       portone::json::write_initiate_payment into a reused std::string
//   BM_hand_written  direct std::string::append of literals and escaped values, no library
//   BM_rapidjson     rapidjson::Writer<StringBuffer>, buffer and writer reused
//   BM_boost_json    a boost::json::object built per call, then boost::json::serialize
//
// and the same request signed (its signature_hash computed from it, HMAC-SHA256 of its six signed
// fields, form-encoded):
//
//   BM_portone_signed           portone::write_signed_initiate_payment, buffer and signer reused
//   BM_signed_allocating        the signing path as it was before it was streamed, for comparison:
//                               fields copied to a vector and sorted, the message assembled in a
//                               string, a keyed EVP_MAC context duplicated per message, Base64 into
//                               a string; then the same JSON writer
//
// Before any benchmark runs, main() parses every writer's output and aborts unless it is the same
// JSON value as the library's, so the numbers always compare equal work (and the two signed
// writers must agree byte for byte). Each benchmark also reports the heap allocations per call
// (allocs_per_call), counted by the replaced operator new below, and the allocations libcrypto
// makes for itself (openssl_allocs_per_call: OpenSSL calls malloc, not operator new, and lets a
// program count them with CRYPTO_set_mem_functions). The first call of each benchmark is untimed
// and uncounted, so reused buffers are warm.

#include <portone/json/initiate_payment.hpp>
#include <portone/komoju.hpp>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// --- Allocation counting ---------------------------------------------------------------------

namespace {
// Per thread, so that counting is a plain increment: a locked atomic add on every allocation
// would inflate the times of exactly the writers that allocate. The benchmarks run on one thread.
thread_local std::size_t allocation_count = 0;
thread_local std::size_t openssl_allocation_count = 0;

void* openssl_malloc(std::size_t n, const char*, int)
{
    ++openssl_allocation_count;
    return std::malloc(n);
}
void* openssl_realloc(void* p, std::size_t n, const char*, int)
{
    ++openssl_allocation_count;
    return std::realloc(p, n);
}
void openssl_free(void* p, const char*, int) { std::free(p); }
} // namespace

// libstdc++'s array and nothrow forms call these, so they are counted too. Out of line, as the
// versions they replace are: where g++ inlines them it sees free() applied to operator new's
// result and warns (-Wmismatched-new-delete).
[[gnu::noinline]] void* operator new(std::size_t n)
{
    ++allocation_count;
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

[[noreturn]] void fail(std::string_view what)
{
    std::fprintf(stderr, "serialize_benchmark: %.*s\n", static_cast<int>(what.size()), what.data());
    std::abort();
}

// --- The request -------------------------------------------------------------------------------

// The request as plain values, the way a merchant's code holds it without the library: the method
// key and the currency are run-time strings here. Every writer reads its values from `sample`
// (the library's request is built from it), so a value cannot differ between writers.
struct plain_address {
    std::string city, country_code, line_1, line_2, postal_code, state;
};
struct plain_item {
    std::string id, name;
    std::int64_t price, quantity;
};
struct plain_request {
    std::string pmt_channel, pmt_method, currency, environment, key, merchant_order_id;
    std::int64_t amount;
    std::string description, success_url, failure_url, pending_url;
    std::string billing_name, billing_surname, billing_email, billing_phone;
    plain_address billing_address;
    std::vector<plain_item> order_details;
    std::string signature_hash; // Base64 of an HMAC-SHA256, as PortOne's signatures are
};

const plain_request sample{
    .pmt_channel = "KOMOJU",
    .pmt_method = "KOMOJU_BANK_TRANSFER",
    .currency = "JPY",
    .environment = "sandbox",
    .key = "pk_test_3f8a2c1e9b7d4a60",
    .merchant_order_id = "ORDER-20240401-0001",
    .amount = 5000,
    .description = "緑茶 2箱",
    .success_url = "https://shop.example/portone/success?order=ORDER-20240401-0001",
    .failure_url = "https://shop.example/portone/failure?order=ORDER-20240401-0001",
    .pending_url = "https://shop.example/portone/pending?order=ORDER-20240401-0001",
    .billing_name = "太郎",
    .billing_surname = "山田",
    .billing_email = "taro.yamada@example.jp",
    .billing_phone = "090-1234-5678",
    .billing_address = {.city = "千代田区",
                        .country_code = "JP",
                        .line_1 = "千代田1-1",
                        .line_2 = "皇居前ビル 3階",
                        .postal_code = "100-0001",
                        .state = "東京都"},
    .order_details = {
        {.id = "tea-2box", .name = "静岡緑茶 2箱セット", .price = 5000, .quantity = 1}},
    .signature_hash = "IozihuIgzLyezqvCkRoqvuOfSqDeNY/hhquiMgQLoxY=",
};

using typed_request =
    portone::payment_request<portone::komoju::bank_transfer, portone::sandbox_t>;

typed_request make_typed_request(const plain_request& s)
{
    const auto& a = s.billing_address;
    // The builder's type changes with the first order_item(), so a loop over the items would not
    // compile without more machinery; the sample has exactly one.
    const auto& item = s.order_details.at(0);
    auto request = portone::initiate_payment<portone::komoju::bank_transfer>()
                       .environment(portone::sandbox)
                       .merchant_order_id(s.merchant_order_id)
                       .amount(portone::yen::from(s.amount).value())
                       .description(s.description)
                       .success_url(s.success_url)
                       .failure_url(s.failure_url)
                       .pending_url(s.pending_url)
                       .billing_name(s.billing_name)
                       .billing_surname(s.billing_surname)
                       .billing_email(s.billing_email)
                       .billing_phone(s.billing_phone)
                       .billing_address({.city = a.city,
                                         .country_code = a.country_code,
                                         .line_1 = a.line_1,
                                         .line_2 = a.line_2,
                                         .postal_code = a.postal_code,
                                         .state = a.state})
                       .order_item({.id = item.id,
                                    .name = item.name,
                                    .price = portone::yen::from(item.price).value(),
                                    .quantity = item.quantity})
                       .build();
    if (!request) fail("the sample request is invalid: " + request.error().to_string());
    return std::move(*request);
}

// --- The hand-written writer -------------------------------------------------------------------

namespace hand {

/// Appends the body of a JSON string for `s` (no quotes). Runs without anything to escape, which
/// is all of most values, go in with one append each.
void append_escaped(std::string& out, std::string_view s)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::size_t clean_from = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + clean_from, i - clean_from);
        clean_from = i + 1;
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default: {
            const char u[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
            out.append(u, sizeof u);
        }
        }
    }
    out.append(s.data() + clean_from, s.size() - clean_from);
}

void append_integer(std::string& out, std::int64_t v)
{
    char digits[20];
    const auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
    out.append(digits, end);
}

/// Each literal carries the punctuation between two values (closing quote, comma, next key,
/// opening quote), which is how one writes this by hand to keep the appends few.
void write(std::string& out, const plain_request& r)
{
    using namespace std::string_view_literals;
    out.append(R"({"pmt_channel":")"sv);
    append_escaped(out, r.pmt_channel);
    out.append(R"(","pmt_method":")"sv);
    append_escaped(out, r.pmt_method);
    out.append(R"(","currency":")"sv);
    append_escaped(out, r.currency);
    out.append(R"(","environment":")"sv);
    append_escaped(out, r.environment);
    out.append(R"(","key":")"sv);
    append_escaped(out, r.key);
    out.append(R"(","merchant_order_id":")"sv);
    append_escaped(out, r.merchant_order_id);
    out.append(R"(","amount":)"sv);
    append_integer(out, r.amount);
    out.append(R"(,"description":")"sv);
    append_escaped(out, r.description);
    out.append(R"(","success_url":")"sv);
    append_escaped(out, r.success_url);
    out.append(R"(","failure_url":")"sv);
    append_escaped(out, r.failure_url);
    out.append(R"(","pending_url":")"sv);
    append_escaped(out, r.pending_url);
    out.append(R"(","billing_details":{"billing_name":")"sv);
    append_escaped(out, r.billing_name);
    out.append(R"(","billing_surname":")"sv);
    append_escaped(out, r.billing_surname);
    out.append(R"(","billing_email":")"sv);
    append_escaped(out, r.billing_email);
    out.append(R"(","billing_phone":")"sv);
    append_escaped(out, r.billing_phone);
    const auto& a = r.billing_address;
    out.append(R"(","billing_address":{"city":")"sv);
    append_escaped(out, a.city);
    out.append(R"(","country_code":")"sv);
    append_escaped(out, a.country_code);
    out.append(R"(","line_1":")"sv);
    append_escaped(out, a.line_1);
    out.append(R"(","line_2":")"sv);
    append_escaped(out, a.line_2);
    out.append(R"(","postal_code":")"sv);
    append_escaped(out, a.postal_code);
    out.append(R"(","state":")"sv);
    append_escaped(out, a.state);
    out.append(R"("}},"order_details":[)"sv);
    for (const auto& item : r.order_details) {
        if (&item != &r.order_details.front()) out.push_back(',');
        out.append(R"({"id":")"sv);
        append_escaped(out, item.id);
        out.append(R"(","name":")"sv);
        append_escaped(out, item.name);
        out.append(R"(","price":)"sv);
        append_integer(out, item.price);
        out.append(R"(,"quantity":)"sv);
        append_integer(out, item.quantity);
        out.push_back('}');
    }
    out.append(R"(],"signature_hash":")"sv);
    append_escaped(out, r.signature_hash);
    out.append(R"("})"sv);
}

} // namespace hand

// --- RapidJSON ---------------------------------------------------------------------------------

namespace rj {

// RapidJSON allocates with malloc, which the operator new above does not see; this allocator
// counts its allocations the same way so that allocs_per_call is comparable.
struct counting_allocator : rapidjson::CrtAllocator {
    void* Malloc(std::size_t n)
    {
        if (n != 0) ++allocation_count;
        return CrtAllocator::Malloc(n);
    }
    void* Realloc(void* p, std::size_t old_size, std::size_t new_size)
    {
        if (new_size != 0) ++allocation_count;
        return CrtAllocator::Realloc(p, old_size, new_size);
    }
};

using buffer = rapidjson::GenericStringBuffer<rapidjson::UTF8<>, counting_allocator>;
using writer = rapidjson::Writer<buffer, rapidjson::UTF8<>, rapidjson::UTF8<>, counting_allocator>;

rapidjson::SizeType size_of(std::string_view s)
{
    return static_cast<rapidjson::SizeType>(s.size());
}

void string_member(writer& w, std::string_view key, std::string_view value)
{
    w.Key(key.data(), size_of(key));
    w.String(value.data(), size_of(value));
}

void integer_member(writer& w, std::string_view key, std::int64_t value)
{
    w.Key(key.data(), size_of(key));
    w.Int64(value);
}

void write(writer& w, const plain_request& r)
{
    w.StartObject();
    string_member(w, "pmt_channel", r.pmt_channel);
    string_member(w, "pmt_method", r.pmt_method);
    string_member(w, "currency", r.currency);
    string_member(w, "environment", r.environment);
    string_member(w, "key", r.key);
    string_member(w, "merchant_order_id", r.merchant_order_id);
    integer_member(w, "amount", r.amount);
    string_member(w, "description", r.description);
    string_member(w, "success_url", r.success_url);
    string_member(w, "failure_url", r.failure_url);
    string_member(w, "pending_url", r.pending_url);
    w.Key("billing_details");
    w.StartObject();
    string_member(w, "billing_name", r.billing_name);
    string_member(w, "billing_surname", r.billing_surname);
    string_member(w, "billing_email", r.billing_email);
    string_member(w, "billing_phone", r.billing_phone);
    const auto& a = r.billing_address;
    w.Key("billing_address");
    w.StartObject();
    string_member(w, "city", a.city);
    string_member(w, "country_code", a.country_code);
    string_member(w, "line_1", a.line_1);
    string_member(w, "line_2", a.line_2);
    string_member(w, "postal_code", a.postal_code);
    string_member(w, "state", a.state);
    w.EndObject();
    w.EndObject();
    w.Key("order_details");
    w.StartArray();
    for (const auto& item : r.order_details) {
        w.StartObject();
        string_member(w, "id", item.id);
        string_member(w, "name", item.name);
        integer_member(w, "price", item.price);
        integer_member(w, "quantity", item.quantity);
        w.EndObject();
    }
    w.EndArray();
    string_member(w, "signature_hash", r.signature_hash);
    w.EndObject();
}

} // namespace rj

// --- Boost.JSON --------------------------------------------------------------------------------

namespace bj {

/// The DOM, built the way Boost.JSON's documentation shows (initializer lists; an object keeps
/// insertion order, so the serialized key order is the one written here).
boost::json::object build(const plain_request& r)
{
    boost::json::array items;
    items.reserve(r.order_details.size());
    for (const auto& item : r.order_details)
        items.emplace_back(boost::json::object{{"id", item.id},
                                               {"name", item.name},
                                               {"price", item.price},
                                               {"quantity", item.quantity}});
    const auto& a = r.billing_address;
    return {{"pmt_channel", r.pmt_channel},
            {"pmt_method", r.pmt_method},
            {"currency", r.currency},
            {"environment", r.environment},
            {"key", r.key},
            {"merchant_order_id", r.merchant_order_id},
            {"amount", r.amount},
            {"description", r.description},
            {"success_url", r.success_url},
            {"failure_url", r.failure_url},
            {"pending_url", r.pending_url},
            {"billing_details",
             {{"billing_name", r.billing_name},
              {"billing_surname", r.billing_surname},
              {"billing_email", r.billing_email},
              {"billing_phone", r.billing_phone},
              {"billing_address",
               {{"city", a.city},
                {"country_code", a.country_code},
                {"line_1", a.line_1},
                {"line_2", a.line_2},
                {"postal_code", a.postal_code},
                {"state", a.state}}}}},
            {"order_details", std::move(items)},
            {"signature_hash", r.signature_hash}};
}

} // namespace bj

// --- The four writers, as the benchmarks and the startup check call them -----------------------
//
// Each call returns the complete JSON text of one request: a view into a reused buffer, or (Boost.
// JSON) the string serialize() returns.

class portone_writer {
public:
    std::string_view operator()()
    {
        buffer_.clear();
        return portone::json::write_initiate_payment(buffer_, request_, key_,
                                                     sample.signature_hash);
    }

private:
    typed_request request_ = make_typed_request(sample);
    portone::portone_key key_{sample.key};
    std::string buffer_;
};

/// The secret the signed writers use (a benchmark's, not a real one).
const portone::secret_key bench_secret("BENCHMARK_SECRET");

class portone_signed_writer {
public:
    std::string_view operator()()
    {
        buffer_.clear();
        return portone::write_signed_initiate_payment(buffer_, request_, key_, signer_);
    }

private:
    typed_request request_ = make_typed_request(sample);
    portone::portone_key key_{sample.key};
    portone::signer signer_{bench_secret};
    std::string buffer_;
};

/// The signing path of the library's first version, kept here as the baseline: what
/// write_signed_initiate_payment did before the message was streamed into the HMAC.
class allocating_signed_writer {
public:
    allocating_signed_writer()
    {
        mac_ = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
        keyed_ = EVP_MAC_CTX_new(mac_);
        char digest_name[] = "SHA256";
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
            OSSL_PARAM_construct_end()};
        const auto secret = bench_secret.reveal();
        if (EVP_MAC_init(keyed_, reinterpret_cast<const unsigned char*>(secret.data()),
                         secret.size(), params) != 1)
            fail("OpenSSL could not set up HMAC-SHA256");
    }
    allocating_signed_writer(const allocating_signed_writer&) = delete;
    allocating_signed_writer& operator=(const allocating_signed_writer&) = delete;
    ~allocating_signed_writer()
    {
        EVP_MAC_CTX_free(keyed_);
        EVP_MAC_free(mac_);
    }

    std::string_view operator()()
    {
        buffer_.clear();
        const std::string signature = sign();
        return portone::json::write_initiate_payment(buffer_, request_, key_, signature);
    }

private:
    std::string sign() const
    {
        const auto& f = request_.fields();
        const portone::amount_text amount(request_.amount());
        const portone::signed_field fields[] = {{"amount", amount.view()},
                                                {"client_key", key_.value()},
                                                {"currency", request_.traits().currency},
                                                {"failure_url", f.failure_url},
                                                {"merchant_order_id", f.merchant_order_id},
                                                {"success_url", f.success_url}};
        std::vector<portone::signed_field> sorted(std::begin(fields), std::end(fields));
        std::sort(sorted.begin(), sorted.end(),
                  [](const portone::signed_field& a, const portone::signed_field& b) {
                      return a.name != b.name ? a.name < b.name : a.value < b.value;
                  });
        std::string message;
        for (const auto& field : sorted) {
            if (!message.empty()) message += '&';
            portone::append_form_encoded(message, field.name);
            message += '=';
            portone::append_form_encoded(message, field.value);
        }
        EVP_MAC_CTX* ctx = EVP_MAC_CTX_dup(keyed_);
        portone::crypto::sha256_digest digest{};
        std::size_t length = 0;
        const bool ok =
            ctx &&
            EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(message.data()),
                           message.size()) == 1 &&
            EVP_MAC_final(ctx, digest.data(), &length, digest.size()) == 1;
        EVP_MAC_CTX_free(ctx);
        if (!ok) fail("OpenSSL could not compute HMAC-SHA256");
        return portone::crypto::base64(digest);
    }

    typed_request request_ = make_typed_request(sample);
    portone::portone_key key_{sample.key};
    EVP_MAC* mac_ = nullptr;
    EVP_MAC_CTX* keyed_ = nullptr;
    std::string buffer_;
};

class hand_writer {
public:
    std::string_view operator()()
    {
        buffer_.clear();
        hand::write(buffer_, sample);
        return buffer_;
    }

private:
    std::string buffer_;
};

class rapidjson_writer {
public:
    std::string_view operator()()
    {
        buffer_.Clear();
        writer_.Reset(buffer_);
        rj::write(writer_, sample);
        return {buffer_.GetString(), buffer_.GetSize()};
    }

private:
    rj::buffer buffer_;
    rj::writer writer_{buffer_};
};

class boost_json_writer {
public:
    std::string operator()() const { return boost::json::serialize(bj::build(sample)); }
};

// --- Benchmarks --------------------------------------------------------------------------------

template <class Writer>
void run(benchmark::State& state)
{
    Writer write;
    // Untimed and uncounted: gives reused buffers their capacity, so allocs_per_call is the steady
    // state rather than the first call's growth spread over the iterations.
    const std::size_t size = std::string_view(write()).size();
    const std::size_t allocations_before = allocation_count;
    const std::size_t openssl_allocations_before = openssl_allocation_count;
    for (auto _ : state) {
        auto json = write();
        benchmark::DoNotOptimize(json);
    }
    const std::size_t allocations = allocation_count - allocations_before;
    const std::size_t openssl_allocations = openssl_allocation_count - openssl_allocations_before;
    const auto iterations = static_cast<std::int64_t>(state.iterations());
    state.SetBytesProcessed(iterations * static_cast<std::int64_t>(size));
    state.counters["allocs_per_call"] =
        static_cast<double>(allocations) / static_cast<double>(iterations);
    state.counters["openssl_allocs_per_call"] =
        static_cast<double>(openssl_allocations) / static_cast<double>(iterations);
}

void BM_portone(benchmark::State& state) { run<portone_writer>(state); }
void BM_hand_written(benchmark::State& state) { run<hand_writer>(state); }
void BM_rapidjson(benchmark::State& state) { run<rapidjson_writer>(state); }
void BM_boost_json(benchmark::State& state) { run<boost_json_writer>(state); }
void BM_portone_signed(benchmark::State& state) { run<portone_signed_writer>(state); }
void BM_signed_allocating(benchmark::State& state) { run<allocating_signed_writer>(state); }
BENCHMARK(BM_portone);
BENCHMARK(BM_hand_written);
BENCHMARK(BM_rapidjson);
BENCHMARK(BM_boost_json);
BENCHMARK(BM_portone_signed);
BENCHMARK(BM_signed_allocating);

// --- Startup check -----------------------------------------------------------------------------

boost::json::value parse_or_fail(std::string_view name, std::string_view json)
{
    boost::system::error_code ec;
    auto value = boost::json::parse(json, ec);
    if (ec)
        fail(std::string(name) + " wrote invalid JSON (" + ec.message() + "):\n" +
             std::string(json));
    return value;
}

/// Aborts unless every writer's output is the same JSON value as the library's. Returns the size
/// of the library's output.
std::size_t check_writers_agree()
{
    const std::string expected_text(portone_writer{}());
    const auto expected = parse_or_fail("portone", expected_text);
    const auto check = [&](std::string_view name, std::string_view json) {
        if (parse_or_fail(name, json) != expected)
            fail(std::string(name) + " wrote different JSON:\n" + std::string(json) +
                 "\nportone wrote:\n" + expected_text);
        if (json != expected_text)
            std::fprintf(stderr, "note: %.*s's output is JSON-equal to the library's, but not "
                                 "byte-identical\n", static_cast<int>(name.size()), name.data());
    };
    check("hand_written", hand_writer{}());
    check("rapidjson", rapidjson_writer{}());
    check("boost_json", boost_json_writer{}());

    // The signed writers: the same text byte for byte, which is the others' body with a signature.
    const std::string signed_text(portone_signed_writer{}());
    if (signed_text != allocating_signed_writer{}())
        fail("the signed writers disagree:\n" + signed_text);
    auto signed_body = parse_or_fail("portone_signed", signed_text);
    auto unsigned_body = expected;
    if (signed_body.at("signature_hash").as_string().size() != 44)
        fail("the signature is not the Base64 of a SHA-256 MAC: " + signed_text);
    signed_body.as_object()["signature_hash"] = "";
    unsigned_body.as_object()["signature_hash"] = "";
    if (signed_body != unsigned_body) fail("the signed body differs:\n" + signed_text);

    // The sample has nothing to escape, so the hand-written escaper is checked on its own here.
    const std::string tricky = "\"q\" \\ \n\r\t\b\f \x01\x1f 緑茶";
    std::string quoted = "\"";
    hand::append_escaped(quoted, tricky);
    quoted.push_back('"');
    const auto parsed = parse_or_fail("hand::append_escaped", quoted);
    if (!parsed.is_string() || parsed.get_string() != tricky)
        fail("hand::append_escaped is wrong: " + quoted);
    return expected_text.size();
}

/// Aborts unless the refund and Checkout bodies, written again into a buffer that has the
/// capacity, allocate nothing (they are not timed here: the check is that they stay at zero).
void check_other_bodies_allocate_nothing()
{
    using namespace portone::literals;
    const auto refund = portone::refund<portone::komoju::paypay>(
        portone::live, {.order_ref = "2mbZeehV4ZhkLTwVcL2fHukBg4J",
                        .paid = 5000_yen,
                        .amount = 1200_yen,
                        .description = "一部返金 \"partial\"",
                        .reason = "damaged item"});
    const auto link = portone::checkout<portone::komoju::paypay, portone::komoju::konbini_lawson>(
        portone::sandbox,
        {.merchant_order_id = sample.merchant_order_id,
         .amount = 5000_yen,
         .description = sample.description,
         .success_url = sample.success_url,
         .failure_url = sample.failure_url,
         .merchant_details = {.name = "お茶屋", .logo = "https://shop.example/logo.png"},
         .customer_details = portone::customer_details{.name = "山田太郎"},
         .expiry_date = std::chrono::sys_days{std::chrono::year{2030} / 1 / 1}});
    if (!refund || !link) fail("the sample refund or Checkout request is invalid");
    const portone::portone_key key(sample.key);
    std::string buffer;
    const auto twice = [&](std::string_view name, auto write) {
        write();
        buffer.clear();
        const std::size_t before = allocation_count + openssl_allocation_count;
        write();
        if (allocation_count + openssl_allocation_count != before)
            fail(std::string(name) + " allocates with a reused buffer");
        parse_or_fail(name, buffer);
    };
    twice("write_refund", [&] { portone::json::write_refund(buffer, *refund); });
    twice("write_checkout",
          [&] { portone::json::write_checkout(buffer, *link, key, sample.signature_hash); });
}

} // namespace

int main(int argc, char** argv)
{
    // Before OpenSSL allocates anything (it refuses afterwards).
    if (CRYPTO_set_mem_functions(openssl_malloc, openssl_realloc, openssl_free) != 1)
        fail("OpenSSL's allocations cannot be counted");
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    const std::size_t size = check_writers_agree();
    check_other_bodies_allocate_nothing();
    benchmark::AddCustomContext("request_json_bytes", std::to_string(size));
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
