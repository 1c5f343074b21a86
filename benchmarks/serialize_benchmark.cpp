// SPDX-License-Identifier: BSL-1.0
// Serialization speed of one initiatePayment body: the library's writer against the alternatives a
// merchant would otherwise use, all writing the same bank-transfer request in the same key order.
//
//   BM_portone       portone::json::write_initiate_payment into a reused std::string
//   BM_hand_written  a writer for this one request, as an expert writes it without a library: sized
//                    once, written through a raw pointer, key literals of compile-time size, values
//                    checked for escaping eight bytes at a time while copied, escapes by a table
//   BM_hand_written_sse2  the same, values checked and copied sixteen bytes at a time with SSE2
//                    (as the library does on x86-64): not the target's baseline, which is the one
//                    above, but printed beside it so that a reader sees what the vectors are worth
//   BM_rapidjson     rapidjson::Writer<StringBuffer>, buffer and writer reused
//   BM_boost_json    a boost::json::object built per call, then boost::json::serialize
//
// and the same request signed (its signature_hash computed from it, HMAC-SHA256 of its six signed
// fields, form-encoded):
//
//   BM_portone_signed  portone::write_signed_initiate_payment, buffer and signer reused
//   BM_hand_signed     the hand-written writer above, with the signature computed by hand: the
//                      message written on the stack (form encoding by a table), ONE EVP_MAC
//                      context keyed once and re-initialised per message, EVP_EncodeBlock into a
//                      stack array (hand_signature.hpp)
//
// Before any benchmark runs, main() parses every writer's output and aborts unless it is the same
// JSON value as the library's, so the numbers always compare equal work (and the two signed
// writers must agree byte for byte, signature included). Each benchmark also reports the heap
// allocations per call (allocs_per_call), counted by the replaced operator new of
// allocation_count.hpp, and the allocations libcrypto makes for itself (openssl_allocs_per_call:
// OpenSSL calls malloc, not operator new, and lets a program count them with
// CRYPTO_set_mem_functions). The first call of each benchmark is untimed and uncounted, so reused
// buffers are warm.

#include "allocation_count.hpp"
#include "hand_signature.hpp"

#include <portone/json/initiate_payment.hpp>
#include <portone/komoju.hpp>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
//
// Written for this one request as an expert would, without the library: the output is sized
// once (resized to what it is when nothing needs escaping, plus some spare) and written through a
// raw pointer, so no piece pays a capacity check or a call; each key literal is copied with its
// size known at compile time; each value is checked for bytes to escape eight at a time and copied
// in the same pass (a clean word is stored as loaded; the last bytes of a string of eight or more
// as its last word, overlapping the one before, rather than byte by byte), and a byte to escape is
// handled through a 256-entry table made at compile time.

namespace hand {

using hand_signature::message_writer;

/// For each byte, 0 if JSON keeps it as it is, else the character that follows the backslash of
/// its escape ('u' for \u00XX).
inline constexpr std::array<char, 256> json_escape = [] {
    std::array<char, 256> t{};
    for (std::size_t c = 0; c < 0x20; ++c) t[c] = 'u';
    t['"'] = '"';
    t['\\'] = '\\';
    t['\n'] = 'n';
    t['\r'] = 'r';
    t['\t'] = 't';
    t['\b'] = 'b';
    t['\f'] = 'f';
    return t;
}();

/// Whether one of the eight bytes of `w` is below 0x20, '"' or '\\' (exact: for a byte x,
/// (x - n) & ~x & 0x80 is set exactly when x < n, for n <= 0x80).
constexpr bool any_to_escape(std::uint64_t w) noexcept
{
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    const std::uint64_t quote = w ^ (ones * '"');
    const std::uint64_t backslash = w ^ (ones * '\\');
    return (((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) |
            ((backslash - ones) & ~backslash)) &
           (ones * 0x80);
}

/// The JSON text being written at the end of a std::string, values checked and copied `Step`
/// bytes at a time: 8 (SWAR, the baseline) or 16 (SSE2, where there is SSE2).
template <std::size_t Step = 8>
class json_out {
public:
    /// `planned`: the size of the text if nothing needs escaping (or more).
    json_out(std::string& s, std::size_t planned) : s_(s), base_(s.size())
    {
        s_.resize(base_ + planned + spare_);
        p_ = s_.data() + base_;
    }

    /// The key literal `s` (punctuation included), its size known at compile time.
    template <std::size_t N>
    void literal(const char (&s)[N]) noexcept
    {
        std::memcpy(p_, s, N - 1);
        p_ += N - 1;
    }

    void integer(std::int64_t v) noexcept { p_ = std::to_chars(p_, p_ + 20, v).ptr; }

    /// The body of a JSON string for `v` (no quotes).
    void string(std::string_view v)
    {
#if defined(__SSE2__)
        if constexpr (Step == 16)
            if (v.size() >= 16) return vectors(v);
#endif
        const char* s = v.data();
        std::size_t n = v.size();
        const bool words = n >= 8;
        for (; n >= 8; s += 8, n -= 8) {
            std::uint64_t w;
            std::memcpy(&w, s, 8);
            if (any_to_escape(w)) {
                bytes(s, 8);
            } else {
                std::memcpy(p_, &w, 8);
                p_ += 8;
            }
        }
        if (words && n != 0) {
            // The last bytes as the string's last word, which overlaps the one before: stored
            // whole when clean (its first bytes are rewritten the same), so no byte loop.
            std::uint64_t w;
            std::memcpy(&w, s + n - 8, 8);
            if (!any_to_escape(w)) {
                std::memcpy(p_ + n - 8, &w, 8);
                p_ += n;
                return;
            }
        }
        bytes(s, n);
    }

    /// Trims the string to what was written; the text written.
    std::string_view finish()
    {
        const auto size = static_cast<std::size_t>(p_ - (s_.data() + base_));
        s_.resize(base_ + size);
        return {s_.data() + base_, size};
    }

    static constexpr std::size_t initial_spare = 64;

private:
#if defined(__SSE2__)
    /// Whether one of the sixteen bytes of `x` is below 0x20, '"' or '\\'.
    static bool any_in_vector(__m128i x) noexcept
    {
        const __m128i control =
            _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
        const __m128i special = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                             _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
        return _mm_movemask_epi8(_mm_or_si128(control, special)) != 0;
    }

    /// string() for 16 bytes or more: as the 8-byte loop, a vector at a time.
    void vectors(std::string_view v)
    {
        const char* s = v.data();
        std::size_t n = v.size();
        for (; n >= 16; s += 16, n -= 16) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
            if (any_in_vector(x)) {
                bytes(s, 16);
            } else {
                _mm_storeu_si128(reinterpret_cast<__m128i*>(p_), x);
                p_ += 16;
            }
        }
        if (n != 0) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + n - 16));
            if (!any_in_vector(x)) {
                _mm_storeu_si128(reinterpret_cast<__m128i*>(p_ + n - 16), x);
                p_ += n;
                return;
            }
        }
        bytes(s, n);
    }
#endif

    void bytes(const char* s, std::size_t n)
    {
        for (std::size_t i = 0; i < n; ++i) {
            const char e = json_escape[static_cast<unsigned char>(s[i])];
            if (e == 0) *p_++ = s[i];
            else escape(static_cast<unsigned char>(s[i]), e);
        }
    }

    /// An escape takes up to 5 bytes more than planned: from the spare, which grows when short.
    [[gnu::noinline]] void escape(unsigned char c, char e)
    {
        if (spare_ < 5) {
            const auto at = static_cast<std::size_t>(p_ - s_.data());
            s_.resize(s_.size() + 256);
            p_ = s_.data() + at;
            spare_ += 256;
        }
        static constexpr char hex[] = "0123456789abcdef";
        *p_++ = '\\';
        *p_++ = e;
        if (e == 'u') {
            const char u[] = {'0', '0', hex[c >> 4], hex[c & 0xF]};
            std::memcpy(p_, u, 4);
            p_ += 4;
            spare_ -= 5;
        } else {
            spare_ -= 1;
        }
    }

    std::string& s_;
    std::size_t base_;
    char* p_;
    std::size_t spare_ = initial_spare;
};

/// The bytes of the key literals and punctuation below: at most this for the request, and
/// this much more per order item (the start-up check verifies both on the sample).
inline constexpr std::size_t request_literals = 448;
inline constexpr std::size_t item_literals = 48;

/// What the text takes if nothing needs escaping (integers counted at their 20-byte maximum).
std::size_t planned_size(const plain_request& r, std::string_view signature_hash) noexcept
{
    const auto& a = r.billing_address;
    std::size_t n = request_literals + 20 + r.pmt_channel.size() + r.pmt_method.size() +
                    r.currency.size() + r.environment.size() + r.key.size() +
                    r.merchant_order_id.size() + r.description.size() + r.success_url.size() +
                    r.failure_url.size() + r.pending_url.size() + r.billing_name.size() +
                    r.billing_surname.size() + r.billing_email.size() + r.billing_phone.size() +
                    a.city.size() + a.country_code.size() + a.line_1.size() + a.line_2.size() +
                    a.postal_code.size() + a.state.size() + signature_hash.size();
    for (const auto& item : r.order_details)
        n += item_literals + 40 + item.id.size() + item.name.size();
    return n;
}

/// Appends the body of `r` with `signature_hash` to `s`; the text appended.
template <std::size_t Step = 8>
std::string_view write(std::string& s, const plain_request& r, std::string_view signature_hash)
{
    json_out<Step> out(s, planned_size(r, signature_hash));
    out.literal(R"({"pmt_channel":")");
    out.string(r.pmt_channel);
    out.literal(R"(","pmt_method":")");
    out.string(r.pmt_method);
    out.literal(R"(","currency":")");
    out.string(r.currency);
    out.literal(R"(","environment":")");
    out.string(r.environment);
    out.literal(R"(","key":")");
    out.string(r.key);
    out.literal(R"(","merchant_order_id":")");
    out.string(r.merchant_order_id);
    out.literal(R"(","amount":)");
    out.integer(r.amount);
    out.literal(R"(,"description":")");
    out.string(r.description);
    out.literal(R"(","success_url":")");
    out.string(r.success_url);
    out.literal(R"(","failure_url":")");
    out.string(r.failure_url);
    out.literal(R"(","pending_url":")");
    out.string(r.pending_url);
    out.literal(R"(","billing_details":{"billing_name":")");
    out.string(r.billing_name);
    out.literal(R"(","billing_surname":")");
    out.string(r.billing_surname);
    out.literal(R"(","billing_email":")");
    out.string(r.billing_email);
    out.literal(R"(","billing_phone":")");
    out.string(r.billing_phone);
    const auto& a = r.billing_address;
    out.literal(R"(","billing_address":{"city":")");
    out.string(a.city);
    out.literal(R"(","country_code":")");
    out.string(a.country_code);
    out.literal(R"(","line_1":")");
    out.string(a.line_1);
    out.literal(R"(","line_2":")");
    out.string(a.line_2);
    out.literal(R"(","postal_code":")");
    out.string(a.postal_code);
    out.literal(R"(","state":")");
    out.string(a.state);
    out.literal(R"("}},"order_details":[)");
    for (const auto& item : r.order_details) {
        if (&item != &r.order_details.front()) out.literal(",");
        out.literal(R"({"id":")");
        out.string(item.id);
        out.literal(R"(","name":")");
        out.string(item.name);
        out.literal(R"(","price":)");
        out.integer(item.price);
        out.literal(R"(,"quantity":)");
        out.integer(item.quantity);
        out.literal("}");
    }
    out.literal(R"(],"signature_hash":")");
    out.string(signature_hash);
    out.literal(R"("})");
    return out.finish();
}

/// Writes the signed message of `r` (the six fields of an initiatePayment signature, in
/// url.Values.Encode order, values form-encoded) with `m`; the message.
std::string_view signed_message(message_writer& m, const plain_request& r)
{
    m.integer("amount=", r.amount);
    m.field("&client_key=", r.key);
    m.field("&currency=", r.currency);
    m.field("&failure_url=", r.failure_url);
    m.field("&merchant_order_id=", r.merchant_order_id);
    m.field("&success_url=", r.success_url);
    return m.text();
}

/// At least the size of the signed message of `r`.
std::size_t signed_message_bound(const plain_request& r) noexcept
{
    return 96 + 3 * (r.key.size() + r.currency.size() + r.failure_url.size() +
                     r.merchant_order_id.size() + r.success_url.size());
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

template <std::size_t Step = 8>
class hand_writer {
public:
    std::string_view operator()()
    {
        buffer_.clear();
        return hand::write<Step>(buffer_, sample, sample.signature_hash);
    }

private:
    std::string buffer_;
};

/// The strong baseline of the signed body: the hand-written writer above, with the signature of
/// the same six fields computed by hand (hand_signature.hpp: the message on the stack, ONE reused
/// EVP_MAC context, EVP_EncodeBlock into a stack array).
class hand_signed_writer {
public:
    hand_signed_writer()
    {
        if (!mac_) fail("OpenSSL could not set up HMAC-SHA256");
    }

    std::string_view operator()()
    {
        buffer_.clear();
        hand_signature::message_writer message(hand::signed_message_bound(sample));
        hand_signature::mac_base64::text signature;
        if (!mac_(hand::signed_message(message, sample), signature))
            fail("hand: the request cannot be signed");
        return hand::write(buffer_, sample, hand_signature::view(signature));
    }

private:
    hand_signature::mac_base64 mac_{bench_secret.reveal()};
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
    const allocation_report allocations;
    for (auto _ : state) {
        auto json = write();
        benchmark::DoNotOptimize(json);
    }
    allocations.report(state);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(size));
}

void BM_portone(benchmark::State& state) { run<portone_writer>(state); }
void BM_hand_written(benchmark::State& state) { run<hand_writer<>>(state); }
void BM_hand_written_sse2(benchmark::State& state) { run<hand_writer<16>>(state); }
void BM_rapidjson(benchmark::State& state) { run<rapidjson_writer>(state); }
void BM_boost_json(benchmark::State& state) { run<boost_json_writer>(state); }
void BM_portone_signed(benchmark::State& state) { run<portone_signed_writer>(state); }
void BM_hand_signed(benchmark::State& state) { run<hand_signed_writer>(state); }
BENCHMARK(BM_portone);
BENCHMARK(BM_hand_written);
#if defined(__SSE2__)
BENCHMARK(BM_hand_written_sse2);
#endif
BENCHMARK(BM_rapidjson);
BENCHMARK(BM_boost_json);
BENCHMARK(BM_portone_signed);
BENCHMARK(BM_hand_signed);

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
    check("hand_written", hand_writer<>{}());
    check("hand_written_sse2", hand_writer<16>{}());
    check("rapidjson", rapidjson_writer{}());
    check("boost_json", boost_json_writer{}());

    // The signed writers: the same text byte for byte (so the same signature), which is the
    // others' body with a signature.
    const std::string signed_text(portone_signed_writer{}());
    const std::string hand_signed_text(hand_signed_writer{}());
    auto signed_body = parse_or_fail("portone_signed", signed_text);
    if (parse_or_fail("hand_signed", hand_signed_text).at("signature_hash") !=
        signed_body.at("signature_hash"))
        fail("hand_signed's signature differs from the library's:\n" + hand_signed_text +
             "\nportone wrote:\n" + signed_text);
    if (hand_signed_text != signed_text)
        fail("the signed writers disagree:\n" + hand_signed_text + "\nportone wrote:\n" +
             signed_text);
    auto unsigned_body = expected;
    if (signed_body.at("signature_hash").as_string().size() != 44)
        fail("the signature is not the Base64 of a SHA-256 MAC: " + signed_text);
    signed_body.as_object()["signature_hash"] = "";
    unsigned_body.as_object()["signature_hash"] = "";
    if (signed_body != unsigned_body) fail("the signed body differs:\n" + signed_text);
    // The message the hand-written signer signs is the library's, byte for byte.
    hand_signature::message_writer message(hand::signed_message_bound(sample));
    const std::string amount = std::to_string(sample.amount);
    const portone::signed_field fields[] = {{"amount", amount},
                                            {"client_key", sample.key},
                                            {"currency", sample.currency},
                                            {"failure_url", sample.failure_url},
                                            {"merchant_order_id", sample.merchant_order_id},
                                            {"success_url", sample.success_url}};
    if (hand::signed_message(message, sample) != portone::form_encode(fields))
        fail("hand::signed_message is not the library's message: " + portone::form_encode(fields));

    // The sample has nothing to escape, so the hand-written escaper is checked on its own here,
    // with a string long enough to use up the writer's spare; and the hand-written writer's
    // planned size holds the sample's text.
    std::string tricky = "\"q\" \\ \n\r\t\b\f \x01\x1f 緑茶 a clean run of bytes";
    for (int i = 0; i < 40; ++i) tricky += "\x02\"";
    const auto check_escaper = [&]<std::size_t Step>() {
        std::string quoted;
        hand::json_out<Step> out(quoted, tricky.size() + 2);
        out.literal("\"");
        out.string(tricky);
        out.literal("\"");
        out.finish();
        const auto parsed = parse_or_fail("hand::json_out", quoted);
        if (!parsed.is_string() || parsed.get_string() != tricky)
            fail("hand::json_out::string is wrong: " + quoted);
    };
    check_escaper.template operator()<8>();
    check_escaper.template operator()<16>();
    const std::string form = "a b&c=d/é~._-";
    char encoded[64];
    if (std::string_view(encoded, static_cast<std::size_t>(hand_signature::put_form_encoded(encoded, form) -
                                                           encoded)) !=
        [&] { std::string e; portone::append_form_encoded(e, form); return e; }())
        fail("hand_signature::put_form_encoded is not the library's encoding");
    if (hand_writer<>{}().size() > hand::planned_size(sample, sample.signature_hash))
        fail("the hand-written writer's literals overflow its planned size");
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
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    const std::size_t size = check_writers_agree();
    check_other_bodies_allocate_nothing();
    benchmark::AddCustomContext("request_json_bytes", std::to_string(size));
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
