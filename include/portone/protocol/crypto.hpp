// SPDX-License-Identifier: BSL-1.0
// The cryptography PortOne's protocol needs, all from OpenSSL 3: HMAC-SHA256, standard Base64
// (and its URL-safe form, for JWT), and constant-time comparison. Nothing here is hand-written.
#pragma once

#include <portone/config.hpp>
#include <portone/core/credentials.hpp>
#include <portone/core/error.hpp>

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

// OpenSSL's MAC types, declared as <openssl/types.h> declares them, so that only
// protocol/impl/crypto.ipp includes OpenSSL.
struct evp_mac_st;
struct evp_mac_ctx_st;

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
    PORTONE_DECL explicit hmac_sha256(const secret_key& secret);

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
        PORTONE_DECL ~stream();

        PORTONE_DECL void update(std::string_view piece) noexcept;

        /// HMAC-SHA256(secret, every piece given to update()) in `out`; false, `out`
        /// unspecified, if OpenSSL failed at any step of this message.
        [[nodiscard]] PORTONE_DECL bool try_finish(sha256_digest& out) noexcept;

        /// HMAC-SHA256(secret, every piece given to update()). Throws std::runtime_error if
        /// OpenSSL failed at any step of this message (try_finish() does not throw).
        PORTONE_DECL sha256_digest finish();

    private:
        friend class hmac_sha256;
        /// `busy` is the owner's flag when `ctx` is its working context (released at the end),
        /// nullptr when `ctx` is a duplicate of this stream's own (freed at the end). A stream
        /// that could not start has neither, and has failed.
        stream(evp_mac_ctx_st* ctx, std::atomic<bool>* busy) noexcept
            : ctx_(ctx), busy_(busy), failed_(ctx == nullptr)
        {
        }
        evp_mac_ctx_st* ctx_;
        std::atomic<bool>* busy_;
        bool failed_;
    };

    /// Starts a message. Never throws: if OpenSSL fails (or this MAC was moved from), the stream
    /// returned has failed, which its try_finish() or finish() reports.
    PORTONE_DECL stream begin() const noexcept;

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
        PORTONE_DECL void operator()(evp_mac_st* m) const noexcept;
    };
    struct free_ctx {
        PORTONE_DECL void operator()(evp_mac_ctx_st* c) const noexcept;
    };
    using ctx_ptr = std::unique_ptr<evp_mac_ctx_st, free_ctx>;
    std::unique_ptr<evp_mac_st, free_mac> mac_;
    ctx_ptr keyed_;   ///< keyed, never used directly: the source of every copy
    ctx_ptr working_; ///< re-initialised for each message while busy_ is held
    mutable std::atomic<bool> busy_{false};
};

/// The standard Base64 of a SHA-256 MAC, held in place: 32 bytes are always 44 characters (the
/// last one '='), so signing needs no string.
class sha256_base64 {
public:
    static constexpr std::size_t size = 44;

    PORTONE_DECL explicit sha256_base64(const sha256_digest& d) noexcept;
    std::string_view view() const noexcept
    {
        return {reinterpret_cast<const char*>(text_.data()), size};
    }

private:
    std::array<unsigned char, size + 1> text_; ///< EVP_EncodeBlock also writes a final NUL
};

/// Standard Base64 (RFC 4648 section 4) with '=' padding.
PORTONE_DECL std::string base64(const unsigned char* data, std::size_t size);
inline std::string base64(const sha256_digest& d)
{
    return base64(d.data(), d.size());
}

/// Base64url without padding (RFC 4648 section 5), as JWT uses.
PORTONE_DECL std::string base64url(std::string_view data);

/// Decodes standard Base64 with padding (exactly what base64() produces: length a multiple of 4,
/// no whitespace, zero bits left over before the padding). Anything else, including a missing or
/// extra '=', is nullopt.
PORTONE_DECL std::optional<std::string> decode_base64(std::string_view text);

/// Whether two byte strings are equal, in time that depends only on their lengths.
inline bool constant_time_equal(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && portone::detail::equal_bytes(a.data(), b.data(), a.size());
}

} // namespace portone::crypto

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/crypto.ipp>
#endif
