// SPDX-License-Identifier: BSL-1.0
// The cryptography PortOne's protocol needs, all from OpenSSL 3: HMAC-SHA256, standard Base64
// (and its URL-safe form, for JWT), and constant-time comparison. Nothing here is hand-written.
#pragma once

#include <portone/core/credentials.hpp>
#include <portone/core/error.hpp>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace portone::crypto {

/// A raw HMAC-SHA256 digest.
using sha256_digest = std::array<unsigned char, 32>;

/// HMAC-SHA256 keyed once with the secret, reusable for any number of messages, which can be fed
/// in pieces (begin(), then stream::update and stream::finish) so that no message has to be
/// assembled in memory first.
///
/// OpenSSL 3's one-shot HMAC() fetches the algorithm and builds a context on every call; here the
/// MAC is fetched and keyed once (docs/benchmarks.md). Each message then re-initialises one
/// working context kept for the purpose (EVP_MAC_init with no key reuses the key): with OpenSSL
/// 3.0 that is 2 of libcrypto's own allocations and about a third of the time of duplicating the
/// keyed context (11 allocations), which is what a second message being computed at the same
/// time falls back to. So one instance per thread is the fast way to use it, and sharing a const
/// instance between threads is still correct.
class hmac_sha256 {
public:
    /// Keys the MAC with `secret`. Throws std::runtime_error only if OpenSSL itself fails
    /// (no SHA-256 provider), which is a broken installation, not bad input.
    explicit hmac_sha256(const secret_key& secret)
    {
        mac_.reset(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
        if (mac_) keyed_.reset(EVP_MAC_CTX_new(mac_.get()));
        char digest_name[] = "SHA256";
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
            OSSL_PARAM_construct_end()};
        const auto key = secret.reveal();
        if (!keyed_ ||
            EVP_MAC_init(keyed_.get(), reinterpret_cast<const unsigned char*>(key.data()),
                         key.size(), params) != 1)
            throw std::runtime_error("OpenSSL could not set up HMAC-SHA256");
        working_.reset(EVP_MAC_CTX_dup(keyed_.get()));
        if (!working_) throw std::runtime_error("OpenSSL could not set up HMAC-SHA256");
    }

    // Written out because std::atomic does not move. Moving a MAC while one of its streams is
    // open is a bug of the caller's, as for any object whose parts are borrowed.
    hmac_sha256(hmac_sha256&& other) noexcept
        : mac_(std::move(other.mac_)), keyed_(std::move(other.keyed_)),
          working_(std::move(other.working_))
    {
    }
    hmac_sha256& operator=(hmac_sha256&& other) noexcept
    {
        mac_ = std::move(other.mac_);
        keyed_ = std::move(other.keyed_);
        working_ = std::move(other.working_);
        return *this;
    }

    /// One message being authenticated: update() with each piece in order, then finish() (or
    /// try_finish()) once.
    ///
    /// A failure of OpenSSL (in begin(), update() or at the end) does not throw where it happens:
    /// it is remembered, the rest of the message is ignored, and it is reported once at the end,
    /// by try_finish() returning false (verification: see signer) or by finish() throwing (signing
    /// into a std::string). The hot path thus pays one predictable branch per piece.
    class stream {
    public:
        stream(const stream&) = delete;
        stream& operator=(const stream&) = delete;
        ~stream()
        {
            if (busy_) busy_->store(false, std::memory_order_release);
            else EVP_MAC_CTX_free(ctx_); // nullptr (a failed begin()) is a no-op
        }

        void update(std::string_view piece) noexcept
        {
            if (failed_) return;
            if (EVP_MAC_update(ctx_, reinterpret_cast<const unsigned char*>(piece.data()),
                               piece.size()) != 1)
                failed_ = true;
        }

        /// HMAC-SHA256(secret, every piece given to update()) in `out`; false, `out`
        /// unspecified, if OpenSSL failed at any step of this message.
        [[nodiscard]] bool try_finish(sha256_digest& out) noexcept
        {
            if (failed_) return false;
            std::size_t length = 0;
            failed_ = EVP_MAC_final(ctx_, out.data(), &length, out.size()) != 1 ||
                      length != out.size();
            return !failed_;
        }

        /// HMAC-SHA256(secret, every piece given to update()). Throws std::runtime_error if
        /// OpenSSL failed at any step of this message (try_finish() does not throw).
        sha256_digest finish()
        {
            sha256_digest out{};
            if (!try_finish(out)) fail();
            return out;
        }

    private:
        friend class hmac_sha256;
        /// `busy` is the owner's flag when `ctx` is its working context (released at the end),
        /// nullptr when `ctx` is a duplicate of this stream's own (freed at the end). A stream
        /// that could not start has neither, and has failed.
        stream(EVP_MAC_CTX* ctx, std::atomic<bool>* busy) noexcept
            : ctx_(ctx), busy_(busy), failed_(ctx == nullptr)
        {
        }
        [[noreturn]] static void fail()
        {
            throw std::runtime_error("OpenSSL could not compute HMAC-SHA256");
        }
        EVP_MAC_CTX* ctx_;
        std::atomic<bool>* busy_;
        bool failed_;
    };

    /// Starts a message. Never throws: if OpenSSL fails (or this MAC was moved from), the stream
    /// returned has failed, which its try_finish() or finish() reports.
    stream begin() const noexcept
    {
        if (!keyed_) return stream(nullptr, nullptr); // moved from
        if (!busy_.exchange(true, std::memory_order_acquire)) {
            if (EVP_MAC_init(working_.get(), nullptr, 0, nullptr) != 1) {
                busy_.store(false, std::memory_order_release);
                return stream(nullptr, nullptr);
            }
            return stream(working_.get(), &busy_); // its destructor releases the flag
        }
        // Another message is being computed with the working context (a shared instance):
        // this one gets its own copy of the keyed context (nullptr if OpenSSL fails: failed).
        return stream(EVP_MAC_CTX_dup(keyed_.get()), nullptr);
    }

    /// HMAC-SHA256(secret, message). Throws std::runtime_error if OpenSSL fails (never with the
    /// secret in the message); begin() and stream::try_finish() are the non-throwing way.
    sha256_digest operator()(std::string_view message) const
    {
        stream s = begin();
        s.update(message);
        return s.finish();
    }

private:
    struct free_mac {
        void operator()(EVP_MAC* m) const noexcept { EVP_MAC_free(m); }
    };
    struct free_ctx {
        void operator()(EVP_MAC_CTX* c) const noexcept { EVP_MAC_CTX_free(c); }
    };
    using ctx_ptr = std::unique_ptr<EVP_MAC_CTX, free_ctx>;
    std::unique_ptr<EVP_MAC, free_mac> mac_;
    ctx_ptr keyed_;   ///< keyed, never used directly: the source of every copy
    ctx_ptr working_; ///< re-initialised for each message while busy_ is held
    mutable std::atomic<bool> busy_{false};
};

/// The standard Base64 of a SHA-256 MAC, held in place: 32 bytes are always 44 characters (the
/// last one '='), so signing needs no string.
class sha256_base64 {
public:
    static constexpr std::size_t size = 44;

    explicit sha256_base64(const sha256_digest& d) noexcept
    {
        EVP_EncodeBlock(text_.data(), d.data(), static_cast<int>(d.size()));
    }
    std::string_view view() const noexcept
    {
        return {reinterpret_cast<const char*>(text_.data()), size};
    }

private:
    std::array<unsigned char, size + 1> text_; ///< EVP_EncodeBlock also writes a final NUL
};

/// Standard Base64 (RFC 4648 section 4) with '=' padding.
inline std::string base64(const unsigned char* data, std::size_t size)
{
    std::string out(4 * ((size + 2) / 3), '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data,
                                  static_cast<int>(size));
    out.resize(static_cast<std::size_t>(n));
    return out;
}
inline std::string base64(const sha256_digest& d)
{
    return base64(d.data(), d.size());
}

/// Base64url without padding (RFC 4648 section 5), as JWT uses.
inline std::string base64url(std::string_view data)
{
    std::string s = base64(reinterpret_cast<const unsigned char*>(data.data()), data.size());
    while (!s.empty() && s.back() == '=') s.pop_back();
    for (char& c : s) {
        if (c == '+') c = '-';
        else if (c == '/') c = '_';
    }
    return s;
}

/// Decodes standard Base64 with padding (exactly what base64() produces: length a multiple of 4,
/// no whitespace). Anything else, including a missing or extra '=', is nullopt.
inline std::optional<std::string> decode_base64(std::string_view text)
{
    if (text.empty() || text.size() % 4 != 0) return std::nullopt;
    // EVP_DecodeBlock takes an int length.
    if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()) / 4 * 4)
        return std::nullopt;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                              (c >= '0' && c <= '9') || c == '+' || c == '/';
        const bool padding = c == '=' && i + 2 >= text.size() &&
                             (i + 1 == text.size() || text[i + 1] == '=');
        if (!alphabet && !padding) return std::nullopt;
    }
    std::string out(text.size() / 4 * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    // EVP_DecodeBlock counts padding as zero bytes.
    std::size_t size = static_cast<std::size_t>(n);
    if (text.ends_with("==")) size -= 2;
    else if (text.ends_with('=')) size -= 1;
    out.resize(size);
    return out;
}

/// Whether two byte strings are equal, in time that depends only on their lengths.
inline bool constant_time_equal(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace portone::crypto
