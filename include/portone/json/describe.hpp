// SPDX-License-Identifier: BSL-1.0
// JSON writing generated from struct descriptions (core/describe.hpp).
//
// For a described struct, `members_bound` gives an upper bound of its JSON size and a
// `value_writer` writes its members into a region of that size. Keys are compile-time constants:
// each member's `,"name":` (and, for strings, the opening quote) is one static array, copied with
// one memcpy of constant size.
//
// Each value is read once in the usual case (append_optimistically): the bound counts strings as
// they are, without looking for bytes to escape, and the optimistic writer copies them a vector
// or a word at a time (json/string_escape.hpp), noting whether one held a byte to escape; only then
// (a quote or a backslash in a description, say) is the body written again, exactly, within the
// bound that counts the escapes. Reading each value twice, once for an exact bound and once to
// write, cost about 40 % of the initiatePayment writer's time (docs/benchmarks.md).
//
// Member types decide the JSON, as json/member_types.hpp says for
// the reader and the writers alike; what is particular to writing:
//
//   std::optional<T>      T, or nothing at all when empty (absent fields are omitted, not null)
//   std::vector<T>        an array, omitted when empty (std::span<const T> the same)
//   std::string_view      a string, for bodies that view the caller's data instead of copying it
//   raw_json              its text, as is
//   extra_fields          each key and its text, where the member is declared
//   V with conversion<V>  conversion<V>::to_json(v), written as its type is: a string view, an
//                         integer, a described struct, raw_json, a std::variant of these, ...
//
// raw_json and extra_fields hold JSON text, which these functions copy as is: json::write
// (json/writer.hpp) checks it first. The request writers never meet them.
//
// A portone::secret_key or portone::bearer_token anywhere in a struct (a member, in an optional,
// a vector or a nested struct) is one compile error, raised by members_bound / write_members before
// anything else of the struct is compiled.
#pragma once

#include <portone/core/credentials.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/money.hpp>
#include <portone/json/member_types.hpp>
#include <portone/json/output.hpp>
#include <portone/json/string_escape.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace portone::json {

namespace detail {

/// `,"name":` (and with `quote`, `,"name":"`) for a member name known at compile time.
template <class Member, bool quote>
inline constexpr auto key_literal = [] {
    std::array<char, Member::name.size() + 4 + quote> k{};
    std::size_t i = 0;
    k[i++] = ',';
    k[i++] = '"';
    for (char c : Member::name) k[i++] = c;
    k[i++] = '"';
    k[i++] = ':';
    if (quote) k[i++] = '"';
    return k;
}();

template <std::size_t N>
inline char* put(char* p, const char (&text)[N]) noexcept
{
    std::memcpy(p, text, N);
    return p + N;
}
template <std::size_t N>
inline char* put(char* p, const std::array<char, N>& text) noexcept
{
    std::memcpy(p, text.data(), N);
    return p + N;
}

/// A JSON boolean, without a terminating zero (put copies the whole array).
inline constexpr std::array<char, 4> literal_true{'t', 'r', 'u', 'e'};
inline constexpr std::array<char, 5> literal_false{'f', 'a', 'l', 's', 'e'};

using describe::described;

template <class T>
struct is_secret_key : std::is_same<T, secret_key> {
};
template <class T>
struct is_credential
    : std::bool_constant<std::is_same_v<T, secret_key> || std::is_same_v<T, bearer_token>> {
};
/// Whether a value of type T would write a portone::secret_key or a portone::bearer_token.
template <class T>
inline constexpr bool holds_secret = holds_any<is_credential, T>;

/// Whether the writers take every member of T and of the structs in it. If not, the one error
/// (asked wherever T is written, and a static_assert in one specialization fires once).
template <class T>
constexpr bool writable() noexcept
{
    constexpr bool ok = !holds_any<unwritable_struct, T>;
    static_assert(ok,
                  "portone::json cannot write a member of this struct or of a struct in it (the "
                  "member types are listed in json/member_types.hpp; a type of yours needs a "
                  "json::conversion with a to_json; at most one extra_fields, not in an "
                  "optional or a vector)");
    return ok;
}

/// The credential T holds (secret_key first), as a type that depends on T:
/// portone::detail::reject_secret<secret_of<T>>() is one error, the same one wherever a secret is
/// met, and only where it is.
template <class T>
using secret_of = std::conditional_t<holds_any<is_secret_key, T>, secret_key, bearer_token>;

/// What a writer writes, as a type: whether an empty std::vector member is written as []
/// (json::write: the reader requires a required one) or omitted (the request bodies: PortOne's
/// convention).
struct write_mode {
    bool keep_empty = false;
};

/// Upper bound of what a value_writer writes for `v`; Clean for an optimistic one, which counts
/// strings as they are (an escape makes it report `dirty` rather than write more).
template <bool Clean = false, class T>
std::size_t value_bound(const T& v) noexcept;

/// A string's bound: exact (scanned for escapes) or, clean, its size and quotes.
template <bool Clean>
std::size_t text_bound(std::string_view s) noexcept
{
    if constexpr (Clean) return s.size() + 2;
    else return string_bound(s);
}

/// Writes values at a raw pointer, in the JSON their category says, within value_bound<true>(v)
/// for an optimistic writer, value_bound(v) for an exact one.
///
/// Optimistic: strings are copied as they are (no scan for escapes before writing) and one that
/// needed escaping sets `dirty`: the caller then writes again, exactly. Strings that need no
/// escape are the rule (names, URLs, references; UTF-8 needs none), so each value is usually read
/// once. A run-time flag rather than a template parameter: the writer of a struct is instantiated
/// once for both passes (see append_object), and the flag is read only for a string that needs
/// escaping. (The bounds are templates: small, and on the fast path.)
template <write_mode Mode>
class value_writer {
public:
    explicit value_writer(bool optimistic = false) noexcept : optimistic_(optimistic) {}

    /// Optimistic only: a string needed escaping, so what was written is not the JSON.
    bool dirty = false;

    template <class T>
    char* value(char* p, const T& v) noexcept;
    /// `,"name":value`, or nothing for an absent optional (and an empty vector unless
    /// Mode.keep_empty, or `Present`: the vector is an optional's value).
    template <class Member, bool Present = false, class T>
    char* member(char* p, const T& value) noexcept;
    template <described T>
    char* members(char* p, const T& v) noexcept;
    /// An object: members with leading commas, whose first comma becomes the opening brace.
    /// With several parts, one object holding the members of each part in turn.
    template <described... T>
    char* object(char* p, const T&... parts) noexcept
    {
        char* const start = p;
        ((p = members(p, parts)), ...);
        if (p == start) *p++ = '{';
        else *start = '{';
        *p++ = '}';
        return p;
    }

    /// The body of a string and its closing quote.
    char* string_tail(char* p, std::string_view s) noexcept
    {
        // Both passes copy first; the flag is read only for a string that needs escaping, so the
        // usual path is the same code, with nothing to load or store for the mode.
        const copied_string copy = copy_string_tail(p, s);
        if (!copy.needs_escaping) [[likely]]
            return copy.end;
        return escape(p, copy.end, s);
    }

private:
    /// A string that needs escaping: the exact pass escapes it (over the copy, within the exact
    /// bound); the optimistic one notes it and goes on.
    [[gnu::cold]] char* escape(char* p, char* copied_end, std::string_view s) noexcept
    {
        if (!optimistic_) return write_string_tail(p, s);
        dirty = true;
        return copied_end;
    }

    bool optimistic_;
};

} // namespace detail

/// Upper bound of the bytes write_members(p, v) writes (Clean: see value_bound).
template <bool Clean = false, detail::described T>
std::size_t members_bound(const T& v) noexcept
{
    std::size_t n = 0;
    if constexpr (!detail::writable<T>()) {
        return n;
    } else if constexpr (detail::holds_secret<T>) {
        portone::detail::reject_secret<detail::secret_of<T>>(); // one error, here
        return n;
    } else {
        describe::for_each_member<T>([&](auto member) {
            // ,"name": plus the value; a member that will be omitted still counts (an upper
            // bound).
            n += decltype(member)::name.size() + 4 + detail::value_bound<Clean>(member.of(v));
        });
        return n;
    }
}

/// Writes every present member of `v` as `,"name":value` (each with a leading comma) at `p`.
template <detail::described T>
char* write_members(char* p, const T& v) noexcept
{
    return detail::value_writer<detail::write_mode{}>().members(p, v);
}

namespace detail {

template <write_mode Mode>
template <described T>
char* value_writer<Mode>::members(char* p, const T& v) noexcept
{
    if constexpr (!writable<T>()) {
        return p;
    } else if constexpr (holds_secret<T>) {
        portone::detail::reject_secret<secret_of<T>>(); // one error, here
        return p;
    } else {
        describe::for_each_member<T>(
            [&](auto member) { p = this->member<decltype(member)>(p, member.of(v)); });
        return p;
    }
}

template <write_mode Mode>
template <class Member, bool Present, class T>
char* value_writer<Mode>::member(char* p, const T& value) noexcept
{
    using enum member_category; // one classification with the reader (json/member_types.hpp)
    constexpr member_category category = category_of<T>();
    if constexpr (category == optional) {
        if (value) p = member<Member, true>(p, *value); // present: even [] is written
    } else if constexpr (category == extras) {
        for (const extra_field& f : value) {
            *p++ = ',';
            *p++ = '"';
            p = string_tail(p, f.key);
            *p++ = ':';
            p = put_text(p, f.value.text);
        }
    } else if constexpr (category == text || category == text_view) {
        p = put(p, key_literal<Member, true>);
        p = string_tail(p, value);
    } else if constexpr (category == sequence || category == sequence_view) {
        if (Mode.keep_empty || Present || !value.empty()) {
            p = put(p, key_literal<Member, false>);
            p = this->value(p, value);
        }
    } else {
        p = put(p, key_literal<Member, false>);
        p = this->value(p, value);
    }
    return p;
}
/// Writes an object of the members of `parts` (see value_writer::object) exactly.
template <bool KeepEmpty = false, described... T>
char* write_object(char* p, const T&... parts) noexcept
{
    return value_writer<write_mode{KeepEmpty}>().object(p, parts...);
}

/// Upper bound of value_writer::object(p, parts...), exact.
template <described... T>
std::size_t object_bound(const T&... parts) noexcept
{
    return (members_bound(parts) + ... + 2);
}

/// Appends what `write(w, p)` writes at `p` with a value_writer `w`: with an optimistic writer
/// first, within `bound(std::true_type{})` (strings counted as they are), and again with an exact
/// one, within `bound(std::false_type{})`, only if a string needed escaping. Returns a view of
/// what was appended; what `out` held before is kept either way.
template <write_mode Mode, class Bound, class Write>
std::string_view append_optimistically(std::string& out, const Bound& bound, const Write& write)
{
    const std::size_t old = out.size();
    value_writer<Mode> optimistic(true);
    const std::string_view text =
        append_bounded(out, bound(std::true_type{}), [&](char* p) { return write(optimistic, p); });
    if (!optimistic.dirty) return text;
    out.resize(old);
    value_writer<Mode> exact;
    return append_bounded(out, bound(std::false_type{}), [&](char* p) { return write(exact, p); });
}

/// Appends the object of the members of `parts` to `out` (see append_optimistically).
template <bool KeepEmpty = false, described... T>
std::string_view append_object(std::string& out, const T&... parts)
{
    return append_optimistically<write_mode{KeepEmpty}>(
        out, [&](auto clean) { return (members_bound<decltype(clean)::value>(parts) + ... + 2); },
        [&](auto& w, char* p) { return w.object(p, parts...); });
}

template <class T>
inline constexpr bool is_variant = false;
template <class... A>
inline constexpr bool is_variant<std::variant<A...>> = true;

// Besides member types, value_writer::value and value_bound take what a conversion's to_json may
// return: a std::variant of what it may be, a pointer to it (no copy), or JSON text it views.
template <write_mode Mode>
template <class T>
char* value_writer<Mode>::value(char* p, const T& v) noexcept
{
    if constexpr (converted<T>) { // first: a converted type may be a variant or a pointer
        return value(p, conversion<T>::to_json(v));
    } else if constexpr (is_variant<T>) {
        return std::visit(
            [&](const auto& alternative) { return value(p, alternative); }, v);
    } else if constexpr (std::is_pointer_v<T>) {
        return value(p, *v);
    } else if constexpr (std::is_same_v<T, raw_json_view>) {
        return put_text(p, v.text);
    } else {
        using enum member_category;
        constexpr member_category category = category_of<T>();
        if constexpr (category == sequence || category == sequence_view) {
            *p++ = '[';
            if (v.empty()) {
                *p++ = ']';
                return p;
            }
            for (const auto& e : v) {
                p = value(p, e);
                *p++ = ',';
            }
            p[-1] = ']'; // the last comma becomes the closing bracket
            return p;
        } else if constexpr (category == raw) {
            return put_text(p, v.text);
        } else if constexpr (category == text || category == text_view) {
            *p++ = '"';
            return string_tail(p, v);
        } else if constexpr (category == amount) {
            return put_integer(p, v.minor_units());
        } else if constexpr (category == boolean) {
            return v ? put(p, literal_true) : put(p, literal_false);
        } else if constexpr (category == secret) {
            portone::detail::reject_secret<secret_of<T>>(); // reported by write_members already
            return p;
        } else if constexpr (category == integer) {
            return put_integer(p, static_cast<std::int64_t>(v));
        } else {
            static_assert(category == described,
                          "portone::json cannot write this member type (json/member_types.hpp "
                          "lists the types; a type of yours needs a json::conversion with a "
                          "to_json)");
            return object(p, v);
        }
    }
}

template <bool Clean, class T>
std::size_t value_bound(const T& v) noexcept
{
    if constexpr (converted<T>) { // first: a converted type may be a variant or a pointer
        return value_bound<Clean>(conversion<T>::to_json(v));
    } else if constexpr (is_variant<T>) {
        return std::visit([](const auto& alt) { return value_bound<Clean>(alt); }, v);
    } else if constexpr (std::is_pointer_v<T>) {
        return value_bound<Clean>(*v);
    } else if constexpr (std::is_same_v<T, raw_json_view>) {
        return v.text.size();
    } else {
        using enum member_category;
        constexpr member_category category = category_of<T>();
        if constexpr (category == optional) {
            return v ? value_bound<Clean>(*v) : 0;
        } else if constexpr (category == raw) {
            return v.text.size();
        } else if constexpr (category == extras) {
            std::size_t n = 0; // ,"key": and the value, each (the member's name is not written)
            for (const extra_field& f : v)
                n += 1 + text_bound<Clean>(f.key) + 1 + f.value.text.size();
            return n;
        } else if constexpr (category == text || category == text_view) {
            return text_bound<Clean>(v);
        } else if constexpr (category == sequence || category == sequence_view) {
            std::size_t n = 2;
            for (const auto& e : v) n += value_bound<Clean>(e) + 1;
            return n;
        } else if constexpr (category == boolean) {
            return literal_false.size();
        } else if constexpr (category == secret) {
            portone::detail::reject_secret<secret_of<T>>(); // reported by members_bound already
            return 0;
        } else if constexpr (category == amount || category == integer) {
            return integer_bound;
        } else {
            return members_bound<Clean>(v) + 2;
        }
    }
}

} // namespace detail
} // namespace portone::json
