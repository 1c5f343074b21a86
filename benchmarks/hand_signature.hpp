// SPDX-License-Identifier: BSL-1.0
// The strong baselines' signature code, written without the library as an expert would: PortOne's
// signed message (`name=value&...`, the values form-encoded as Go's url.QueryEscape does) written
// into a stack buffer with a 256-entry table made at compile time, HMAC-SHA256 through ONE
// EVP_MAC_CTX keyed once and re-initialised per message (EVP_MAC_init with no key keeps the
// key: OpenSSL 3.0's cheapest way to reuse an HMAC key through EVP_MAC), Base64 with
// EVP_EncodeBlock into a stack array.
#pragma once

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace hand_signature {

/// What form encoding does with a byte: 0 keeps it (RFC 3986 unreserved), 1 makes it '+' (a
/// space), 2 makes it %XX.
inline constexpr std::array<unsigned char, 256> form_class = [] {
    std::array<unsigned char, 256> t{};
    for (std::size_t c = 0; c < t.size(); ++c) {
        const bool kept = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
        t[c] = kept ? 0 : c == ' ' ? 1 : 2;
    }
    return t;
}();

/// Writes `s` form-encoded at `p` (room for 3 * s.size() bytes), returns the new end.
inline char* put_form_encoded(char* p, std::string_view s) noexcept
{
    static constexpr char hex[] = "0123456789ABCDEF";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (form_class[c]) {
        case 0: *p++ = ch; break;
        case 1: *p++ = '+'; break;
        default:
            p[0] = '%';
            p[1] = hex[c >> 4];
            p[2] = hex[c & 0xF];
            p += 3;
        }
    }
    return p;
}

/// Writes the literal `s` (its size known at compile time) at `p`, returns the new end.
template <std::size_t N>
char* put(char* p, const char (&s)[N]) noexcept
{
    std::memcpy(p, s, N - 1);
    return p + N - 1;
}

inline char* put(char* p, std::string_view s) noexcept
{
    std::memcpy(p, s.data(), s.size());
    return p + s.size();
}

/// A signed message being written: `name=value&...`, into a buffer on the stack, or on the heap
/// if `bound` (at least the message's size) exceeds it.
class message_writer {
public:
    static constexpr std::size_t stack_capacity = 2048;

    explicit message_writer(std::size_t bound)
    {
        if (bound > stack_capacity) {
            heap_.resize(bound);
            begin_ = heap_.data();
        }
        p_ = begin_;
    }
    message_writer(const message_writer&) = delete;
    message_writer& operator=(const message_writer&) = delete;

    /// `prefix` ("amount=", "&status=", ...) as it is, then `value` in decimal.
    template <std::size_t N>
    void integer(const char (&prefix)[N], std::int64_t value) noexcept
    {
        p_ = put(p_, prefix);
        p_ = std::to_chars(p_, p_ + 20, value).ptr;
    }

    /// `prefix` as it is, then `value` form-encoded.
    template <std::size_t N>
    void field(const char (&prefix)[N], std::string_view value) noexcept
    {
        p_ = put_form_encoded(put(p_, prefix), value);
    }

    std::string_view text() const noexcept
    {
        return {begin_, static_cast<std::size_t>(p_ - begin_)};
    }

private:
    char stack_[stack_capacity];
    std::string heap_;
    char* begin_ = stack_;
    char* p_;
};

/// HMAC-SHA256 keyed once, one context reused for every message; the Base64 of the MAC.
class mac_base64 {
public:
    /// 44 characters and EVP_EncodeBlock's NUL.
    using text = std::array<unsigned char, 45>;

    explicit mac_base64(std::string_view key)
    {
        mac_ = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
        ctx_ = mac_ ? EVP_MAC_CTX_new(mac_) : nullptr;
        char digest_name[] = "SHA256";
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
            OSSL_PARAM_construct_end()};
        ok_ = ctx_ && EVP_MAC_init(ctx_, reinterpret_cast<const unsigned char*>(key.data()),
                                   key.size(), params) == 1;
    }
    mac_base64(const mac_base64&) = delete;
    mac_base64& operator=(const mac_base64&) = delete;
    ~mac_base64()
    {
        EVP_MAC_CTX_free(ctx_);
        EVP_MAC_free(mac_);
    }

    explicit operator bool() const noexcept { return ok_; }

    /// The Base64 MAC of `message` into `out`; false if OpenSSL failed.
    bool operator()(std::string_view message, text& out) noexcept
    {
        unsigned char digest[32];
        std::size_t length = 0;
        if (EVP_MAC_init(ctx_, nullptr, 0, nullptr) != 1 ||
            EVP_MAC_update(ctx_, reinterpret_cast<const unsigned char*>(message.data()),
                           message.size()) != 1 ||
            EVP_MAC_final(ctx_, digest, &length, sizeof digest) != 1 || length != sizeof digest)
            return false;
        EVP_EncodeBlock(out.data(), digest, sizeof digest);
        return true;
    }

    /// Whether `signature` is the Base64 MAC of `message`, compared in constant time.
    bool verify(std::string_view message, std::string_view signature) noexcept
    {
        text expected;
        return (*this)(message, expected) && signature.size() == 44 &&
               CRYPTO_memcmp(expected.data(), signature.data(), 44) == 0;
    }

private:
    EVP_MAC* mac_ = nullptr;
    EVP_MAC_CTX* ctx_ = nullptr;
    bool ok_ = false;
};

inline std::string_view view(const mac_base64::text& t) noexcept
{
    return {reinterpret_cast<const char*>(t.data()), 44};
}

} // namespace hand_signature
