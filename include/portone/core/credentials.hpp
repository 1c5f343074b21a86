// The merchant's PortOne credentials. The key is public (it travels in request bodies as `key`);
// the secret key signs requests and verifies webhooks and must never be printed or serialized.
#pragma once

#include <openssl/crypto.h>

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>

#define PORTONE_DETAIL_SECRET_MESSAGE                                                              \
    "portone::secret_key cannot be streamed, printed or serialized: it is the merchant's PortOne " \
    "Secret Key"

namespace portone {

/// The PortOne Key ("client key"): identifies the merchant. Not a secret, but a distinct type so
/// that it cannot be passed where the secret key is expected, or the other way round.
class portone_key {
public:
    explicit portone_key(std::string value) : value_(std::move(value)) {}
    std::string_view value() const noexcept { return value_; }
    friend bool operator==(const portone_key&, const portone_key&) = default;

private:
    std::string value_;
};

/// The PortOne Secret Key: signs requests, verifies webhooks and redirects, signs JWTs.
///
/// It cannot leak by accident: there is no way to stream it, format it or convert it to a string
/// (each is a compile error, see below), it is not comparable with ==, and its bytes are only
/// reachable through reveal(), a name that stands out in review. It is wiped from memory when
/// destroyed. Comparisons with a candidate are constant-time (same_as).
class secret_key {
public:
    explicit secret_key(std::string_view value) : value_(value) {}
    secret_key(const secret_key&) = default;
    secret_key& operator=(const secret_key&) = default;
    // A move copies, then wipes the source: moving a short std::string would leave the bytes in
    // the source's inline buffer, where nothing could wipe them any more.
    secret_key(secret_key&& other) : value_(other.value_) { other.wipe(); }
    secret_key& operator=(secret_key&& other)
    {
        if (this != &other) {
            wipe();
            value_ = other.value_;
            other.wipe();
        }
        return *this;
    }
    ~secret_key() { wipe(); }

    /// The secret's bytes, for the code that computes a MAC with it. Never log them.
    std::string_view reveal() const noexcept { return value_; }
    bool empty() const noexcept { return value_.empty(); }

    /// Whether `candidate` is this secret, in time that does not depend on where they differ.
    bool same_as(std::string_view candidate) const noexcept
    {
        return value_.size() == candidate.size() &&
               CRYPTO_memcmp(value_.data(), candidate.data(), value_.size()) == 0;
    }

    // A secret is not text. Streaming it, or serializing it with Boost.JSON (value_from), is a
    // compile error with this message; comparing it with == or converting it to a string is a
    // deleted function.
    template <class Stream>
    friend Stream& operator<<(Stream& s, const secret_key&)
    {
        static_assert(sizeof(Stream) == 0, PORTONE_DETAIL_SECRET_MESSAGE);
        return s;
    }
    template <class Tag, class JsonValue>
    friend void tag_invoke(const Tag&, JsonValue&, const secret_key&)
    {
        static_assert(sizeof(Tag) == 0, PORTONE_DETAIL_SECRET_MESSAGE);
    }
    friend bool operator==(const secret_key&, const secret_key&) = delete;
    operator std::string_view() const = delete;
    operator std::string() const = delete;

private:
    void wipe() noexcept
    {
        if (!value_.empty()) OPENSSL_cleanse(value_.data(), value_.size());
        value_.clear();
    }
    std::string value_;
};

} // namespace portone
