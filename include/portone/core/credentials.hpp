// SPDX-License-Identifier: BSL-1.0
// The merchant's PortOne credentials. The key is public (it travels in request bodies as `key`);
// the secret key signs requests and verifies webhooks and must never be printed or serialized.
#pragma once

#include <portone/config.hpp>
#include <portone/core/diagnostics.hpp>

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#define PORTONE_DETAIL_SECRET_MESSAGE                                                              \
    "portone::secret_key cannot be streamed, printed, concatenated or serialized: it is the "      \
    "merchant's PortOne Secret Key"
#define PORTONE_DETAIL_TOKEN_MESSAGE                                                               \
    "portone::bearer_token cannot be serialized: it grants access to the merchant's PortOne "      \
    "account"

// Boost.Format's class, declared (as boost/format/format_fwd.hpp does, without its default
// arguments) rather than included: that header brings <ostream> and <locale>, about 20 MB of g++
// memory in every translation unit of the umbrella.
namespace boost {
template <class Ch, class Tr, class Alloc>
class basic_format;
} // namespace boost

namespace portone {

namespace detail {
/// Overwrites `size` bytes at `data` in a way the compiler may not optimize away
/// (OPENSSL_cleanse; core/impl/credentials.ipp).
PORTONE_DECL void secure_erase(void* data, std::size_t size) noexcept;
/// Whether the `size` bytes at `a` and `b` are equal, in time that does not depend on where they
/// differ (CRYPTO_memcmp).
PORTONE_DECL bool equal_bytes(const void* a, const void* b, std::size_t size) noexcept;

/// The storage of a credential: a std::string whose whole buffer is wiped when it is destroyed,
/// assigned over (a longer old value's buffer would otherwise be freed as it is, and a shorter
/// new one leave the old tail behind) or moved from (a short string's bytes would stay in the
/// source's inline buffer, where nothing could wipe them any more: a move copies, then wipes).
class wiped_string {
public:
    wiped_string() = default;
    explicit wiped_string(std::string_view value) : value_(value) {}
    explicit wiped_string(std::string&& value) noexcept : value_(std::move(value)) {}
    wiped_string(const wiped_string&) = default;
    wiped_string& operator=(const wiped_string& other)
    {
        if (this != &other) {
            wipe();
            value_ = other.value_;
        }
        return *this;
    }
    wiped_string(wiped_string&& other) : value_(other.value_) { other.wipe(); }
    wiped_string& operator=(wiped_string&& other)
    {
        if (this != &other) {
            wipe();
            value_ = other.value_;
            other.wipe();
        }
        return *this;
    }
    ~wiped_string() { wipe(); }

    std::string_view view() const noexcept { return value_; }

private:
    void wipe() noexcept
    {
        value_.resize(value_.capacity()); // within the capacity: no allocation
        secure_erase(value_.data(), value_.size());
        value_.clear();
    }
    std::string value_;
};
} // namespace detail

class secret_key;
class bearer_token;

namespace detail {

/// Stops compilation with the secret's sentence: where the JSON writers meet a secret_key or a
/// bearer_token (json/describe.hpp), and Boost.Format below. One function, so that one mistake is
/// one error however many places reach it (it is called with T = secret_key or bearer_token).
template <class T>
constexpr void reject_secret() noexcept
{
    if constexpr (std::is_same_v<T, bearer_token>)
        static_assert(violated<T>, PORTONE_DETAIL_TOKEN_MESSAGE);
    else
        static_assert(violated<T>, PORTONE_DETAIL_SECRET_MESSAGE);
}

/// Boost.Format (`boost::format("%1%") % secret`): a base of secret_key whose friends, found by
/// argument-dependent lookup, are chosen over basic_format's member operator% templates because
/// they are not templates, and stop compilation where the secret is fed, not in Boost.Format's
/// stream five instantiations deeper. Defined in a class template, so that each friend is compiled
/// (and fails) only where it is used.
template <class Never>
class secret_format_guard {
    /// boost::format
    using format = boost::basic_format<char, std::char_traits<char>, std::allocator<char>>;

    friend format& operator%(format& f, const secret_key&) { return trap(f); }
    friend format& operator%(format& f, secret_key&) { return trap(f); }
    friend format& operator%(format&& f, const secret_key&) { return trap(f); }
    friend format& operator%(format&& f, secret_key&) { return trap(f); }

    static format& trap(format& f)
    {
        static_assert(violated<Never>, PORTONE_DETAIL_SECRET_MESSAGE);
        return f;
    }
};

} // namespace detail

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
class secret_key : detail::secret_format_guard<void> {
public:
    explicit secret_key(std::string_view value) : value_(value) {}

    /// The secret's bytes, for the code that computes a MAC with it. Never log them.
    std::string_view reveal() const noexcept { return value_.view(); }
    bool empty() const noexcept { return value_.view().empty(); }

    /// Whether `candidate` is this secret, in time that does not depend on where they differ.
    bool same_as(std::string_view candidate) const noexcept
    {
        const std::string_view v = value_.view();
        return v.size() == candidate.size() &&
               detail::equal_bytes(v.data(), candidate.data(), v.size());
    }

    // A secret is not text. Streaming it, concatenating it, std::to_string, Boost.Format,
    // boost::lexical_cast, serializing it with Boost.JSON (value_from) or with this library's
    // JSON writers: each is one compile error with this message. Comparing it with == or
    // converting it to a string is a deleted function.
    template <class Stream>
    friend Stream& operator<<(Stream& s, const secret_key&)
    {
        static_assert(detail::violated<Stream>, PORTONE_DETAIL_SECRET_MESSAGE);
        return s;
    }
    template <class Tag, class JsonValue>
    friend void tag_invoke(const Tag&, JsonValue&, const secret_key&)
    {
        static_assert(detail::violated<Tag>, PORTONE_DETAIL_SECRET_MESSAGE);
    }
    /// "k=" + secret, std::string + secret, secret + ...: not a string.
    template <class L, class R>
        requires(std::is_same_v<L, secret_key> || std::is_same_v<R, secret_key>)
    friend std::string operator+(const L&, const R&)
    {
        static_assert(detail::violated<L, R>, PORTONE_DETAIL_SECRET_MESSAGE);
        return {};
    }
    template <class L>
    friend L& operator+=(L& l, const secret_key&)
    {
        static_assert(detail::violated<L>, PORTONE_DETAIL_SECRET_MESSAGE);
        return l;
    }
    /// For std::to_string(secret): of its overloads, exactly one, to_string(long double), is viable
    /// through this conversion, so the call is this one error instead of a list of nine
    /// candidates. Converting to any other number does not compile either (no conversion).
    template <class T>
        requires std::is_same_v<T, long double>
    operator T() const
    {
        static_assert(detail::violated<T>, PORTONE_DETAIL_SECRET_MESSAGE);
        return 0;
    }
    friend bool operator==(const secret_key&, const secret_key&) = delete;
    operator std::string_view() const = delete;
    operator std::string() const = delete;

private:
    detail::wiped_string value_; // wiped when destroyed, replaced or moved from
};

/// A bearer token for PortOne's server APIs: a JWT from make_jwt(), or a token PortOne issued
/// (POST /api/merchant/auth-token). A type of its own so that it cannot be confused with the
/// keys; like the secret it grants access, so it is wiped from memory when destroyed (and when
/// replaced), compared in constant time, and the JSON writers refuse it (json/describe.hpp).
class bearer_token {
public:
    bearer_token() = default;
    explicit bearer_token(std::string token) noexcept : token_(std::move(token)) {}

    /// The token, for the Authorization header. Never log it.
    std::string_view value() const noexcept { return token_.view(); }
    bool empty() const noexcept { return token_.view().empty(); }
    /// In time that does not depend on where two tokens of one length differ.
    friend bool operator==(const bearer_token& a, const bearer_token& b) noexcept
    {
        const std::string_view x = a.value(), y = b.value();
        return x.size() == y.size() && detail::equal_bytes(x.data(), y.data(), x.size());
    }

private:
    detail::wiped_string token_; // wiped when destroyed, replaced or moved from
};

} // namespace portone

namespace boost {

/// boost::lexical_cast<Target>(secret): more specialized than Boost.LexicalCast's own template, so
/// the call is this one error (instead of one inside its stream, five instantiations deeper).
/// Declared here without Boost.LexicalCast, which it does not need.
template <class Target>
Target lexical_cast(const portone::secret_key&)
{
    static_assert(portone::detail::violated<Target>, PORTONE_DETAIL_SECRET_MESSAGE);
    __builtin_trap();
}

} // namespace boost

#ifdef PORTONE_HEADER_ONLY
#include <portone/core/impl/credentials.ipp>
#endif
