// SPDX-License-Identifier: BSL-1.0
// Typed errors shared by every layer: what went wrong (a code), where (a field or JSON path) and a
// sentence for humans. Functions that can fail return portone::result<T> (one error) or
// portone::checked<T> (validation: every problem at once); nothing in the non-throwing API throws.
#pragma once

#include <portone/config.hpp>
#include <portone/core/errc.hpp>

#include <boost/system/result.hpp>

#include <charconv>
#include <cstddef>
#include <initializer_list>
#include <new>
#include <type_traits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portone {

/// One problem: a code, the place it concerns (a request field such as
/// "billing_details.billing_phone", or a JSON path such as "/additional_payment_details/store"),
/// and a sentence. Messages never contain secrets.
struct error {
    errc code{};
    std::string where;
    std::string message;

    friend bool operator==(const error&, const error&) = default;
};

/// A piece of an error message: fixed text, or a value taken from the input (see input()).
struct message_part {
    std::string_view text;
    bool from_input = false;

    constexpr message_part(std::string_view t) noexcept : text(t) {}
    constexpr message_part(const char* t) noexcept : text(t) {}
    constexpr message_part(std::string_view t, bool input) noexcept : text(t), from_input(input) {}
};

/// Marks a value that came from the input, for a message. compose() shows it quoted and escaped
/// (see there), so that whatever the input holds, the message is valid UTF-8, fits on one line,
/// and a reader can tell where the quoted value ends.
constexpr message_part input(std::string_view value) noexcept
{
    return {value, true};
}

/// The longest run of input bytes a message quotes; longer values end with "...".
inline constexpr std::size_t max_quoted_input = 64;

/// An integer as message text: compose({"has ", decimal(n), " digits"}).
class decimal {
public:
    explicit decimal(long long v) noexcept
        : size_(static_cast<std::size_t>(std::to_chars(text_, text_ + sizeof text_, v).ptr - text_))
    {
    }
    operator message_part() const noexcept { return std::string_view(text_, size_); }

private:
    char text_[24];
    std::size_t size_;
};

namespace detail {

/// The length of the well-formed UTF-8 character at the start of `s` (1 to 4), or 0 if `s` does
/// not start with one (a stray continuation byte, an overlong form, a surrogate, a code point
/// above U+10FFFF, a sequence cut short). The rules of Unicode's table 3-7, as
/// validation::is_valid_utf8 applies them to whole strings.
constexpr std::size_t utf8_length(std::string_view s) noexcept
{
    if (s.empty()) return 0;
    const auto c = static_cast<unsigned char>(s[0]);
    if (c < 0x80) return 1;
    std::size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if (c >= 0xE1 && c <= 0xEC) len = 3;
    else if (c == 0xED) { len = 3; hi = 0x9F; }
    else if (c >= 0xEE && c <= 0xEF) len = 3;
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) { len = 4; hi = 0x8F; }
    else return 0;
    if (s.size() < len) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto d = static_cast<unsigned char>(s[k]);
        if (d < (k == 1 ? lo : 0x80u) || d > (k == 1 ? hi : 0xBFu)) return 0;
    }
    return len;
}

/// The code point of a well-formed UTF-8 character of `len` bytes.
constexpr char32_t utf8_code_point(std::string_view s, std::size_t len) noexcept
{
    const auto b = [&](std::size_t i) {
        return static_cast<char32_t>(static_cast<unsigned char>(s[i]));
    };
    switch (len) {
    case 1: return b(0);
    case 2: return (b(0) & 0x1F) << 6 | (b(1) & 0x3F);
    case 3: return (b(0) & 0x0F) << 12 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F);
    default: return (b(0) & 0x07) << 18 | (b(1) & 0x3F) << 12 | (b(2) & 0x3F) << 6 | (b(3) & 0x3F);
    }
}

/// Whether a log line could be broken or disguised by this code point: the C0 and C1 controls
/// and DEL, the Unicode line and paragraph separators, and the bidirectional formatting
/// characters (which can make a log line read in another order than it was written).
constexpr bool unsafe_in_log(char32_t cp) noexcept
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
           cp == 0x200F || cp == 0x061C;
}

/// Appends `text` quoted: between double quotes, with `"` and `\` escaped by a backslash, the
/// characters of unsafe_in_log as \u{XXXX}, and bytes that are not UTF-8 as \xNN. At most
/// max_quoted_input bytes of `text` are shown, never part of a character; "..." after the
/// closing quote says that the value was longer.
[[gnu::cold]] PORTONE_DECL void append_quoted(std::string& s, std::string_view text);

} // namespace detail

/// The message made of `parts`: fixed parts as they are, input parts quoted
/// (detail::append_quoted): `the key "a\"b" appears twice`. Not a template and not inline in
/// the header on purpose: messages are built on error paths only, and one shared copy (one for
/// the program with portone::compiled) keeps every call site small. Cold, like errors::add and
/// append_quoted: the compiler lays out every path that builds a message as unlikely and compiles
/// these for size (in header-only mode, in every translation unit that uses them).
[[gnu::cold]] PORTONE_DECL std::string compose(std::initializer_list<message_part> parts);

/// `text` quoted for an error message, as input(text) shows it.
inline std::string quoted(std::string_view text)
{
    return compose({input(text)});
}

/// Every problem found in one input, in the order they were found. Validation reports all of them
/// at once so a form can show every mistake in one round trip.
struct errors : std::vector<error> {
    using std::vector<error>::vector;
    errors() = default;
    errors(const errors&) = default;
    errors(errors&&) noexcept = default;
    errors& operator=(const errors&) = default;
    errors& operator=(errors&&) noexcept = default;
    /// Out of line: every checked<T> (one per request type) destroys an errors, and inlining the
    /// vector's destruction of its strings into each is most of what building a typed request
    /// costs the compiler per method.
    PORTONE_DECL ~errors();

    /// Appends an error whose message is made of `parts` (see compose()).
    [[gnu::cold]] PORTONE_DECL void add(errc code, std::string_view where,
                                        std::initializer_list<message_part> parts);

    /// True if some error has this code and place.
    bool contains(errc c, std::string_view where) const noexcept
    {
        for (const auto& e : *this)
            if (e.code == c && e.where == where) return true;
        return false;
    }

    /// All messages, one per line.
    PORTONE_DECL std::string to_string() const;
};

/// Thrown only by the throwing accessors (result::value()) when the caller asked for a value that
/// is not there. The non-throwing API never throws it.
class error_exception : public std::runtime_error {
public:
    explicit error_exception(portone::errors e)
        : std::runtime_error(e.to_string()), errors_(std::move(e)) {}
    const portone::errors& errors() const noexcept { return errors_; }

private:
    portone::errors errors_;
};

// Boost.System's result<T, error>::value() finds this by argument-dependent lookup.
[[noreturn]] inline void throw_exception_from_error(const error& e, const boost::source_location&)
{
    throw error_exception(errors{e});
}

namespace detail {

/// The value side that basic_result and checked share: `if (r)`, `r.has_value()`, `*r`, `r->`,
/// and `r.value()`, which throws through the derived class's throw_error(). Derived keeps
/// `has_value_` and a `value_` in a union, and lets this class read them.
template <class Derived, class T>
class value_access {
public:
    bool has_value() const noexcept { return self().has_value_; }
    bool has_error() const noexcept { return !self().has_value_; }
    explicit operator bool() const noexcept { return self().has_value_; }

    /// The value; the caller checked has_value().
    T& operator*() & noexcept { return self().value_; }
    const T& operator*() const& noexcept { return self().value_; }
    T&& operator*() && noexcept { return std::move(self().value_); }
    T* operator->() noexcept { return &self().value_; }
    const T* operator->() const noexcept { return &self().value_; }

    /// The value, or throws (what, depends on Derived).
    T& value() &
    {
        if (!has_value()) self().throw_error();
        return self().value_;
    }
    const T& value() const&
    {
        if (!has_value()) self().throw_error();
        return self().value_;
    }
    T&& value() &&
    {
        if (!has_value()) self().throw_error();
        return std::move(self().value_);
    }

private:
    Derived& self() noexcept { return static_cast<Derived&>(*this); }
    const Derived& self() const noexcept { return static_cast<const Derived&>(*this); }
};

} // namespace detail

/// A value of type T, or an error of type E. The interface is the subset of
/// boost::system::result<T, E> the library and its users need: `if (r)`, `r.has_value()`, `*r`,
/// `r->`, `r.error()`, and `r.value()`, which throws through `throw_exception_from_error(e, loc)`
/// found by argument-dependent lookup (for portone::error: error_exception). Boost's
/// `in_place_value` / `in_place_error` tags build either side in place.
///
/// Not boost::system::result itself: each result type instantiates a Boost.Variant2 variant with
/// its triviality and constexpr machinery, and the umbrella header names about sixty result
/// types (every reader and parser returns one). clang's -ftime-trace put those instantiations
/// at about 0.3 s of every translation unit that includes <portone/komoju.hpp>; a union is cheap.
template <class T, class E>
class [[nodiscard]] basic_result : public detail::value_access<basic_result<T, E>, T> {
    friend class detail::value_access<basic_result, T>;

    template <class U>
    static constexpr bool is_self = std::is_same_v<std::remove_cvref_t<U>, basic_result>;

public:
    using value_type = T;
    using error_type = E;

    /// A default-constructed value (as boost::system::result).
    basic_result() noexcept(std::is_nothrow_default_constructible_v<T>)
        requires std::is_default_constructible_v<T>
        : has_value_(true)
    {
        ::new (static_cast<void*>(&value_)) T();
    }
    /// A value: anything that converts to T and not to E.
    template <class U = T>
        requires(!is_self<U> && std::is_convertible_v<U, T> && !std::is_convertible_v<U, E>)
    basic_result(U&& v) noexcept(std::is_nothrow_constructible_v<T, U>) : has_value_(true)
    {
        ::new (static_cast<void*>(&value_)) T(std::forward<U>(v));
    }
    /// An error: anything that converts to E and not to T.
    template <class U>
        requires(!is_self<U> && std::is_convertible_v<U, E> && !std::is_convertible_v<U, T>)
    basic_result(U&& e) noexcept(std::is_nothrow_constructible_v<E, U>) : has_value_(false)
    {
        ::new (static_cast<void*>(&error_)) E(std::forward<U>(e));
    }
    template <class... A>
    explicit basic_result(boost::system::in_place_value_t, A&&... a) : has_value_(true)
    {
        ::new (static_cast<void*>(&value_)) T(std::forward<A>(a)...);
    }
    template <class... A>
    explicit basic_result(boost::system::in_place_error_t, A&&... a) : has_value_(false)
    {
        ::new (static_cast<void*>(&error_)) E(std::forward<A>(a)...);
    }

    basic_result(const basic_result& other) : has_value_(other.has_value_)
    {
        if (has_value_)
            ::new (static_cast<void*>(&value_)) T(other.value_);
        else
            ::new (static_cast<void*>(&error_)) E(other.error_);
    }
    basic_result(basic_result&& other) noexcept(std::is_nothrow_move_constructible_v<T> &&
                                                std::is_nothrow_move_constructible_v<E>)
        : has_value_(other.has_value_)
    {
        if (has_value_)
            ::new (static_cast<void*>(&value_)) T(std::move(other.value_));
        else
            ::new (static_cast<void*>(&error_)) E(std::move(other.error_));
    }
    basic_result& operator=(basic_result&& other) noexcept(
        std::is_nothrow_move_constructible_v<T> && std::is_nothrow_move_constructible_v<E>)
    {
        if (this != &other) {
            destroy();
            has_value_ = other.has_value_;
            if (has_value_)
                ::new (static_cast<void*>(&value_)) T(std::move(other.value_));
            else
                ::new (static_cast<void*>(&error_)) E(std::move(other.error_));
        }
        return *this;
    }
    basic_result& operator=(const basic_result& other)
    {
        if (this != &other) *this = basic_result(other);
        return *this;
    }
    ~basic_result() { destroy(); }

    /// Replaces what it holds with a T made of `a`, in place (as boost::system::result's
    /// emplace).
    template <class... A>
    T& emplace(A&&... a)
    {
        if constexpr (std::is_nothrow_constructible_v<T, A...>) {
            destroy();
            ::new (static_cast<void*>(&value_)) T(std::forward<A>(a)...);
            has_value_ = true;
        } else {
            *this = basic_result(boost::system::in_place_value, std::forward<A>(a)...);
        }
        return value_;
    }

    /// The error; a default-constructed E when there is a value (as boost::system::result).
    E error() const&
    {
        if (has_value_) return E{};
        return error_;
    }
    E error() &&
    {
        if (has_value_) return E{};
        return std::move(error_);
    }

    friend bool operator==(const basic_result& a, const basic_result& b)
        requires requires(const T& t, const E& e) { t == t; e == e; }
    {
        if (a.has_value_ != b.has_value_) return false;
        return a.has_value_ ? a.value_ == b.value_ : a.error_ == b.error_;
    }

private:
    [[noreturn]] void throw_error() const
    {
        throw_exception_from_error(error_, boost::source_location());
    }
    void destroy() noexcept
    {
        if (has_value_)
            value_.~T();
        else
            error_.~E();
    }

    union {
        T value_;
        E error_;
    };
    bool has_value_;
};

/// Success, or an error of type E.
template <class E>
class [[nodiscard]] basic_result<void, E> {
public:
    using value_type = void;
    using error_type = E;

    basic_result() noexcept = default;
    template <class U>
        requires(!std::is_same_v<std::remove_cvref_t<U>, basic_result> &&
                 std::is_convertible_v<U, E>)
    basic_result(U&& e) : has_error_(true), error_(std::forward<U>(e))
    {
    }
    explicit basic_result(boost::system::in_place_value_t) noexcept {}
    template <class... A>
    explicit basic_result(boost::system::in_place_error_t, A&&... a)
        : has_error_(true), error_(std::forward<A>(a)...)
    {
    }

    bool has_value() const noexcept { return !has_error_; }
    bool has_error() const noexcept { return has_error_; }
    explicit operator bool() const noexcept { return !has_error_; }

    /// Nothing, or throws (see basic_result<T, E>).
    void value() const
    {
        if (has_error_) throw_exception_from_error(error_, boost::source_location());
    }
    /// The error; a default-constructed E on success.
    E error() const& { return error_; }
    E error() && { return std::move(error_); }

    friend bool operator==(const basic_result&, const basic_result&) = default;

private:
    bool has_error_ = false;
    E error_{}; // (E is small and cheap to default-construct: an empty code and two strings)
};

/// A value or one error. `r.has_value()`, `*r`, `r.error()`; `r.value()` throws error_exception.
template <class T>
using result = basic_result<T, error>;

/// A value, or every problem found (validation). The interface is boost::system::result's:
/// `if (c)`, `*c`, `c->`, `c.error()`, and `c.value()`, which throws error_exception.
///
/// Not boost::system::result<T, errors> (nor std::optional inside) because each request type (one
/// per method and environment) would instantiate a variant2 (or an optional) for it, which
/// measurably slows down every translation unit that builds requests; a union is cheap.
template <class T>
class [[nodiscard]] checked : public detail::value_access<checked<T>, T> {
    friend class detail::value_access<checked, T>;

public:
    using value_type = T;
    using error_type = errors;

    checked(T value) noexcept(std::is_nothrow_move_constructible_v<T>) : has_value_(true)
    {
        ::new (static_cast<void*>(&value_)) T(std::move(value));
    }
    /// `problems` must not be empty; if it is, an error saying so is stored, never "no value and
    /// no error".
    checked(errors problems) : errors_(std::move(problems))
    {
        if (errors_.empty()) errors_.add(errc::invalid_value, "", {"no value and no error given"});
    }
    checked(const checked& other) : has_value_(other.has_value_), errors_(other.errors_)
    {
        if (has_value_) ::new (static_cast<void*>(&value_)) T(other.value_);
    }
    checked(checked&& other) noexcept(std::is_nothrow_move_constructible_v<T>)
        : has_value_(other.has_value_), errors_(std::move(other.errors_))
    {
        if (has_value_) ::new (static_cast<void*>(&value_)) T(std::move(other.value_));
    }
    checked& operator=(checked&& other) noexcept(std::is_nothrow_move_constructible_v<T>)
    {
        if (this != &other) {
            reset();
            if (other.has_value_) {
                ::new (static_cast<void*>(&value_)) T(std::move(other.value_));
                has_value_ = true;
            }
            errors_ = std::move(other.errors_);
        }
        return *this;
    }
    checked& operator=(const checked& other)
    {
        if (this != &other) *this = checked(other);
        return *this;
    }
    ~checked() { reset(); }

    /// Every problem found; empty when there is a value.
    const errors& error() const& noexcept { return errors_; }
    errors error() && noexcept { return std::move(errors_); }

private:
    [[noreturn]] void throw_error() const { throw error_exception(errors_); }
    void reset() noexcept
    {
        if (has_value_) value_.~T();
        has_value_ = false;
    }

    union {
        T value_;
    };
    bool has_value_ = false;
    errors errors_;
};

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/core/impl/error.ipp>
#endif
