// SPDX-License-Identifier: BSL-1.0
// PortOne's signatures: HMAC-SHA256 with the PortOne Secret Key over some of a message's fields,
// sorted by name and form-encoded as Go's url.Values.Encode does, in standard Base64.
//
//   payment request (initiatePayment `signature_hash`): amount, client_key, currency, failure_url,
//                                                       merchant_order_id, success_url
//   payment webhook (`signature_hash` in the body):     amount, channel_key, channel_order_ref,
//       country_code, currency, merchant_order_ref, method_name, order_ref, status
//   redirect (`signature_hash` in the query):           channel_order_ref, merchant_order_ref,
//                                                       order_ref, status
//
// Encoding: bytes of RFC 3986's unreserved set (A-Z a-z 0-9 - _ . ~) are kept, a space becomes
// '+', every other byte becomes %XX with upper-case hex (Boost.URL's encode does it, from a
// value's first byte that needs it; what comes before is copied; a unit test checks that the
// set kept here is Boost.URL's unreserved_chars). Amounts are printed without
// trailing zeros: yen are integers, so 5000 is "5000".
//
// Signing and verifying allocate nothing: the form-encoded message is never assembled but streamed
// into the HMAC through a small buffer on the stack, and the Base64 signature is a fixed array.
// (OpenSSL 3.0 itself makes 2 allocations of its own per HMAC, inside libcrypto: see
// crypto::hmac_sha256.)
// The library's own field lists are sorted at compile time (static_assert below), so they are
// neither sorted nor checked at run time.
#pragma once

#include <portone/config.hpp>
#include <portone/core/credentials.hpp>
#include <portone/core/money.hpp>
#include <portone/core/validation.hpp>
#include <portone/protocol/crypto.hpp>
#include <portone/request/payment_request.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace portone {

/// One signed field: its name and its value exactly as sent.
struct signed_field {
    std::string_view name;
    std::string_view value;
};

/// The fields each signature covers, in the order they are signed (sorted by name).
inline constexpr std::array<std::string_view, 6> payment_request_signed_fields = {
    "amount", "client_key", "currency", "failure_url", "merchant_order_id", "success_url"};
inline constexpr std::array<std::string_view, 9> webhook_signed_fields = {
    "amount",   "channel_key",        "channel_order_ref", "country_code", "currency",
    "merchant_order_ref", "method_name", "order_ref",         "status"};
inline constexpr std::array<std::string_view, 4> redirect_signed_fields = {
    "channel_order_ref", "merchant_order_ref", "order_ref", "status"};

namespace detail {

/// Whether a list of field names can be signed as it stands: strictly increasing (so it is
/// url.Values.Encode's order, with no name twice) and made only of bytes the form encoding keeps
/// (so the names can be written unencoded).
consteval bool signable_in_order(std::span<const std::string_view> names)
{
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0 && !(names[i - 1] < names[i])) return false;
        for (char c : names[i])
            if (!validation::detail::allowed_in(validation::detail::uri_part::unreserved, c))
                return false;
    }
    return true;
}

} // namespace detail

static_assert(detail::signable_in_order(payment_request_signed_fields));
static_assert(detail::signable_in_order(webhook_signed_fields));
static_assert(detail::signable_in_order(redirect_signed_fields));

namespace detail {

/// Writes a form-encoded message piece by piece into a buffer on the stack and hands the buffer to
/// `flush` whenever it fills, so that a message of any length is never held whole: signing streams
/// it into the HMAC, form_encode into a string. Not a template (the sink is a function pointer):
/// one copy serves both.
class form_writer {
public:
    using sink = void (*)(void* target, std::string_view chunk);

    form_writer(sink flush, void* target) noexcept : flush_(flush), target_(target) {}
    form_writer(const form_writer&) = delete;
    form_writer& operator=(const form_writer&) = delete;

    /// Bytes that are already form-encoded: separators and names known to need no encoding.
    void raw(std::string_view text)
    {
        if (text.size() > capacity - used_) {
            flush();
            if (text.size() > capacity) return flush_(target_, text);
        }
        copy(buffer_ + used_, text.data(), text.size());
        used_ += text.size();
    }

    /// `text` encoded as Go's url.QueryEscape does. Most signed values need no encoding at all
    /// (references, codes, ASCII names): the bytes the encoding keeps are copied as they are up to
    /// the first one it changes, and the rest, if any, goes through Boost.URL's encode in one call
    /// (a URL alternates short runs, "https" "://" "shop.example" "/", and a call per run cost
    /// more than the encoding itself).
    void encoded(std::string_view text)
    {
        const char* const first = text.data();
        const char* const last = first + text.size();
        const char* const kept_end = end_of_kept_run(first, last);
        raw({first, static_cast<std::size_t>(kept_end - first)});
        if (kept_end != last) escaped({kept_end, static_cast<std::size_t>(last - kept_end)});
    }

    /// Hands over what the buffer holds. Call it once at the end.
    void flush()
    {
        if (used_ != 0) flush_(target_, {buffer_, used_});
        used_ = 0;
    }

private:
    /// std::memcpy, with the short copies a message is made of (names, references, codes) done
    /// inline with two overlapping loads and stores: a call to the library's memcpy for each
    /// of a webhook's 18 pieces made up a third of the time spent encoding its message.
    static void copy(char* to, const char* from, std::size_t n) noexcept
    {
        const auto two = [&]<std::size_t W>() {
            char a[W], b[W];
            std::memcpy(a, from, W);
            std::memcpy(b, from + n - W, W);
            std::memcpy(to, a, W);
            std::memcpy(to + n - W, b, W);
        };
        if (n >= 16 && n <= 32) two.template operator()<16>();
        else if (n >= 8 && n < 16) two.template operator()<8>();
        else if (n >= 4 && n < 8) two.template operator()<4>();
        else if (n > 32) std::memcpy(to, from, n);
        else
            for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
    }

    /// RFC 3986's unreserved set (Boost.URL's unreserved_chars) as a table of 256 flags, made at
    /// compile time: scanning with it is a load and a test per byte, where the charset's own test
    /// (and its find_if_not, even with SSE2) takes several times more instructions.
    static constexpr std::array<bool, 256> kept = [] {
        std::array<bool, 256> t{};
        for (std::size_t c = 0; c < t.size(); ++c)
            t[c] = validation::detail::allowed_in(validation::detail::uri_part::unreserved,
                                                  static_cast<char>(c));
        return t;
    }();

public:
    /// Whether the encoding keeps byte `c` as it is (for the test that compares the set with
    /// Boost.URL's).
    static constexpr bool keeps(char c) noexcept { return kept[static_cast<unsigned char>(c)]; }

private:

    /// The end of the run starting at `first` of bytes that the encoding keeps.
    static const char* end_of_kept_run(const char* first, const char* last) noexcept
    {
        // Eight bytes a step while all are kept: one branch for eight look-ups.
        while (last - first >= 8) {
            bool all = true;
            for (int i = 0; i < 8; ++i) all &= kept[static_cast<unsigned char>(first[i])];
            if (!all) break;
            first += 8;
        }
        while (first != last && kept[static_cast<unsigned char>(*first)]) ++first;
        return first;
    }

    /// `text` through Boost.URL's encode: a byte the encoding keeps as it is, a space as '+', any
    /// other byte as %XX in upper case. A byte becomes at most 3, so a piece of a third of the
    /// free space always fits: encode never truncates.
    PORTONE_DECL void escaped(std::string_view text);

    // A payment request's message (the longest the library signs) fits, so it reaches the HMAC in
    // one piece; longer ones go in several.
    static constexpr std::size_t capacity = 512;
    sink flush_;
    void* target_;
    std::size_t used_ = 0;
    char buffer_[capacity];
};

PORTONE_DECL void flush_to_mac(void* mac, std::string_view chunk);

PORTONE_DECL void flush_to_string(void* text, std::string_view chunk);

/// Go's url.Values.Encode order: by name, then by value.
PORTONE_DECL bool signs_before(const signed_field& a, const signed_field& b) noexcept;

/// Writes `name=value&name=value...` for `fields` in url.Values.Encode order, without copying or
/// sorting them: a list that is already in order (as every list the library signs is) costs one
/// pass to check; any other is written by selecting the next field each time, n² comparisons for
/// n fields, which for the handful a signature covers is cheaper than allocating a sorted copy.
PORTONE_DECL void write_fields(form_writer& out, std::span<const signed_field> fields);

/// `name=` and `&name=` for each name of a list, computed at compile time, contiguous.
template <const auto& Names>
struct form_prefixes {
    static constexpr std::size_t count = Names.size();
    static constexpr std::size_t size = [] {
        std::size_t n = 0;
        for (std::string_view name : Names) n += name.size() + 2;
        return n - 1; // the first has no '&'
    }();
    static constexpr std::array<char, size> text = [] {
        std::array<char, size> t{};
        std::size_t i = 0;
        for (std::string_view name : Names) {
            if (i != 0) t[i++] = '&';
            for (char c : name) t[i++] = c;
            t[i++] = '=';
        }
        return t;
    }();
    static constexpr std::array<std::size_t, count + 1> starts = [] {
        std::array<std::size_t, count + 1> s{};
        for (std::size_t i = 0; i < count; ++i)
            s[i + 1] = s[i] + Names[i].size() + (i == 0 ? 1 : 2);
        return s;
    }();
    static constexpr std::string_view at(std::size_t i) noexcept
    {
        return {text.data() + starts[i], starts[i + 1] - starts[i]};
    }
};

} // namespace detail

/// Appends `text` form-encoded as Go's url.QueryEscape does (see the top of this file).
PORTONE_DECL void append_form_encoded(std::string& out, std::string_view text);

/// `name=value&name=value...` sorted by name (then value), as Go's url.Values.Encode writes it.
/// Signing does not need it (the message is streamed into the HMAC): it shows what is signed.
PORTONE_DECL std::string form_encode(std::span<const signed_field> fields);

/// An amount as PortOne's signatures print it: no decimal point, no trailing zeros.
class amount_text {
public:
    explicit amount_text(yen amount) noexcept
        : size_(static_cast<std::size_t>(
              std::to_chars(text_, text_ + sizeof text_, amount.minor_units()).ptr - text_))
    {
    }
    std::string_view view() const noexcept { return {text_, size_}; }

private:
    char text_[24];
    std::size_t size_;
};

/// The values of the fields a list names (payment_request_signed_fields, webhook_signed_fields,
/// redirect_signed_fields), in the list's order.
template <const auto& Names>
using signed_values = std::array<std::string_view, Names.size()>;

/// What verifying a signature found (signer::check). `crypto_failure` is OpenSSL failing (a broken
/// installation, memory exhausted inside libcrypto, or a signer that was moved from), never
/// something about the message: it says nothing about whether the signature is right.
enum class signature_check : unsigned char { match, mismatch, crypto_failure };

/// Signs and verifies with the merchant's secret key. Keep one per thread and reuse it: the HMAC
/// is set up once (crypto::hmac_sha256). The functions returning crypto::sha256_base64 (and
/// verify and check) allocate nothing (libcrypto's own allocations aside); those returning
/// std::string are the same plus that string.
///
/// Exceptions: verify() and check() never throw (an OpenSSL failure is a result). The signing
/// functions throw std::runtime_error if OpenSSL fails (the constructor too, if OpenSSL cannot
/// set up HMAC-SHA256): a signature cannot be made then, and a request must not be sent unsigned.
/// The message of that exception never contains the secret.
class signer {
public:
    explicit signer(const secret_key& secret) : mac_(secret) {}

    /// The signature of the fields `Names` lists, with `values` in the list's order. The list is
    /// checked at compile time, so nothing is sorted or checked at run time. Throws
    /// std::runtime_error if OpenSSL fails.
    template <const auto& Names>
    crypto::sha256_base64 signature_of(const signed_values<Names>& values) const
    {
        crypto::sha256_digest d;
        if (!digest_of<Names>(values, d)) openssl_failed();
        return crypto::sha256_base64(d);
    }

    /// The signature of `fields`, in any order (they are taken in url.Values.Encode order).
    /// Throws std::runtime_error if OpenSSL fails.
    crypto::sha256_base64 signature_of(std::span<const signed_field> fields) const
    {
        crypto::sha256_digest d;
        if (!digest_of(fields, d)) openssl_failed();
        return crypto::sha256_base64(d);
    }

    /// The Base64 signature of `fields` (any order: they are sorted), as a string. Throws
    /// std::runtime_error if OpenSSL fails.
    std::string sign(std::span<const signed_field> fields) const
    {
        return std::string(signature_of(fields).view());
    }

    /// Whether `signature` is the signature of `fields` (signature_check::match), is not
    /// (mismatch), or could not be checked because OpenSSL failed (crypto_failure). The
    /// comparison is constant-time; an empty or malformed signature is simply a mismatch.
    ///
    /// The Base64 texts are compared, not the decoded bytes: a 32-byte MAC leaves two bits of the
    /// last character unused, so decoding would also accept three other spellings of the same
    /// signature, which PortOne never sends.
    signature_check check(std::span<const signed_field> fields,
                          std::string_view signature) const noexcept
    {
        crypto::sha256_digest d;
        if (!digest_of(fields, d)) return signature_check::crypto_failure;
        return compare(d, signature);
    }

    /// check() for the fields `Names` lists, with `values` in the list's order.
    template <const auto& Names>
    signature_check check(const signed_values<Names>& values,
                          std::string_view signature) const noexcept
    {
        crypto::sha256_digest d;
        if (!digest_of<Names>(values, d)) return signature_check::crypto_failure;
        return compare(d, signature);
    }

    /// Whether `signature` is the signature of `fields`: check() == signature_check::match. An
    /// OpenSSL failure is `false` (use check() to tell it from a wrong signature).
    bool verify(std::span<const signed_field> fields, std::string_view signature) const noexcept
    {
        return check(fields, signature) == signature_check::match;
    }

    /// verify() for the fields `Names` lists, with `values` in the list's order.
    template <const auto& Names>
    bool verify(const signed_values<Names>& values, std::string_view signature) const noexcept
    {
        return check<Names>(values, signature) == signature_check::match;
    }

    /// The initiatePayment `signature_hash` for these values (they must be the ones sent).
    crypto::sha256_base64 payment_signature(const portone_key& key, yen amount,
                                            std::string_view currency,
                                            std::string_view failure_url,
                                            std::string_view merchant_order_id,
                                            std::string_view success_url) const
    {
        const amount_text amount_str(amount);
        return signature_of<payment_request_signed_fields>(
            {amount_str.view(), key.value(), currency, failure_url, merchant_order_id,
             success_url});
    }

    /// payment_signature() as a string.
    std::string payment_request_signature(const portone_key& key, yen amount,
                                          std::string_view currency,
                                          std::string_view failure_url,
                                          std::string_view merchant_order_id,
                                          std::string_view success_url) const
    {
        return std::string(
            payment_signature(key, amount, currency, failure_url, merchant_order_id, success_url)
                .view());
    }

    /// The `signature_hash` of a checked request (typed or dynamic).
    template <class Request>
        requires requires(const Request& r) {
            r.fields();
            r.amount();
        }
    crypto::sha256_base64 request_signature(const Request& request, const portone_key& key) const
    {
        const auto& f = request.fields();
        return payment_signature(key, request.amount(), request.traits().currency,
                                 f.failure_url, f.merchant_order_id, f.success_url);
    }

    /// request_signature() as a string.
    template <class Request>
        requires requires(const Request& r) {
            r.fields();
            r.amount();
        }
    std::string sign_request(const Request& request, const portone_key& key) const
    {
        return std::string(request_signature(request, key).view());
    }

private:
    /// The MAC of the fields `Names` lists into `out`; false if OpenSSL failed. Never throws:
    /// form_writer only hands the MAC stream pieces, and the stream remembers a failure.
    template <const auto& Names>
    bool digest_of(const signed_values<Names>& values, crypto::sha256_digest& out) const noexcept
    {
        static_assert(detail::signable_in_order(Names),
                      "a signed field list must be sorted, without repeats, and need no encoding");
        using prefixes = detail::form_prefixes<Names>;
        auto mac = mac_.begin();
        detail::form_writer w(detail::flush_to_mac, &mac);
        for (std::size_t i = 0; i < values.size(); ++i) {
            w.raw(prefixes::at(i));
            w.encoded(values[i]);
        }
        w.flush();
        return mac.try_finish(out);
    }

    bool digest_of(std::span<const signed_field> fields, crypto::sha256_digest& out) const noexcept
    {
        auto mac = mac_.begin();
        detail::form_writer w(detail::flush_to_mac, &mac);
        detail::write_fields(w, fields);
        w.flush();
        return mac.try_finish(out);
    }

    static signature_check compare(const crypto::sha256_digest& d,
                                   std::string_view signature) noexcept
    {
        return crypto::constant_time_equal(crypto::sha256_base64(d).view(), signature)
                   ? signature_check::match
                   : signature_check::mismatch;
    }

    [[noreturn]] static void openssl_failed()
    {
        throw std::runtime_error("OpenSSL could not compute HMAC-SHA256");
    }

    crypto::hmac_sha256 mac_;
};

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/signature.ipp>
#endif
