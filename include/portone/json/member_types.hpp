// SPDX-License-Identifier: BSL-1.0
// The member types of a described struct and what they are in JSON: one classification, used by
// the reader (json/detail/member_table.hpp) and by the writers (json/describe.hpp), so that both
// accept the same types and agree on what each one is.
//
//   category     C++ types                                  JSON
//   text         std::string                                a string
//   text_view    std::string_view                           a string (written only)
//   boolean      bool                                       true or false
//   integer      the integer types (not bool, not char)     an integer within the type's range
//                                                           (and within int64's)
//   amount       portone::money<C> (portone::yen, ...)      a positive number of minor units
//   raw          json::raw_json                             any value, as JSON text
//   extras       json::extra_fields                         the object's unknown keys
//   described    a struct with PORTONE_DESCRIBE             an object
//   converted    V with a json::conversion<V>               as the conversion says
//   sequence     std::vector<E>                             an array of E
//   sequence_view std::span<const E>                        an array of E (written only)
//   optional     std::optional<V>                           V, or absent
//
// The two view categories are written only: a value read from a body is owned by the struct read
// into, and a view would point into a body its caller may free. portone::secret_key is none of
// these: writing one is a compile error (core/credentials.hpp), and so is reading one.
#pragma once

#include <portone/core/credentials.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/money.hpp>
#include <portone/json/read_types.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace portone::json {

enum class member_category {
    text,
    text_view,
    boolean,
    integer,
    amount,
    raw,
    extras,
    described,
    converted,
    sequence,
    sequence_view,
    optional,
    secret,
    unsupported,
};

namespace detail {

template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;

/// std::vector (read and written) or std::span<const E> (written only).
template <class T>
inline constexpr bool is_vector = false;
template <class T, class A>
inline constexpr bool is_vector<std::vector<T, A>> = true;
template <class T>
inline constexpr bool is_vector<std::span<const T>> = true;

template <class T>
inline constexpr bool is_text =
    std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>;

/// The character types (signed char and unsigned char are std::int8_t and std::uint8_t: numbers).
template <class T>
inline constexpr bool is_character =
    std::is_same_v<T, char> || std::is_same_v<T, wchar_t> || std::is_same_v<T, char8_t> ||
    std::is_same_v<T, char16_t> || std::is_same_v<T, char32_t>;

/// The integer types a member may have: not bool (true / false), not a character type (a char
/// member is more likely a one-letter string than a number).
template <class T>
concept integer_member = std::is_integral_v<T> && !std::is_same_v<T, bool> && !is_character<T> &&
                         sizeof(T) <= sizeof(std::int64_t);

/// The values an integer member can hold in JSON: its type's range, within int64's (the parser's).
template <integer_member T>
inline constexpr std::pair<std::int64_t, std::int64_t> integer_range = {
    std::is_signed_v<T> ? static_cast<std::int64_t>(std::numeric_limits<T>::min()) : 0,
    static_cast<std::uint64_t>(std::numeric_limits<T>::max()) >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
        ? std::numeric_limits<std::int64_t>::max()
        : static_cast<std::int64_t>(std::numeric_limits<T>::max())};

/// How messages name a currency's minor unit: "yen", or "minor units of USD".
template <currency_tag C>
inline constexpr auto amount_unit_text = [] {
    constexpr std::string_view prefix = "minor units of ";
    std::array<char, prefix.size() + C::code.size()> text{};
    std::size_t i = 0;
    for (char c : prefix)
        text[i++] = c;
    for (char c : C::code)
        text[i++] = c;
    return text;
}();
template <currency_tag C>
inline constexpr std::string_view amount_unit{amount_unit_text<C>.data(),
                                              amount_unit_text<C>.size()};
template <>
inline constexpr std::string_view amount_unit<currency::jpy> = "yen";

/// What an integer or amount member takes: an integer type's range (within int64's), or a
/// currency's positive amounts up to its maximum, with the unit messages name ("yen", "minor units of USD").
struct number_range {
    std::int64_t min = 0;
    std::int64_t max = 0;
    std::string_view unit;
};

template <class V>
inline constexpr number_range range_of = [] {
    if constexpr (portone::detail::is_money_v<V>)
        return number_range{1, max_minor_units<typename V::currency>,
                            amount_unit<typename V::currency>};
    else return number_range{integer_range<V>.first, integer_range<V>.second, {}};
}();

} // namespace detail

/// What a member of type T is in JSON (the table above).
template <class T>
constexpr member_category category_of() noexcept
{
    using enum member_category;
    if constexpr (std::is_same_v<T, secret_key>)
        return secret;
    else if constexpr (portone::json::converted<T>)
        return converted;
    else if constexpr (std::is_same_v<T, std::string>)
        return text;
    else if constexpr (std::is_same_v<T, std::string_view>)
        return text_view;
    else if constexpr (std::is_same_v<T, bool>)
        return boolean;
    else if constexpr (detail::integer_member<T>)
        return integer;
    else if constexpr (portone::detail::is_money_v<T>)
        return amount;
    else if constexpr (std::is_same_v<T, raw_json>)
        return raw;
    else if constexpr (std::is_same_v<T, extra_fields>)
        return extras;
    else if constexpr (describe::described<T>)
        return described;
    else if constexpr (detail::is_optional<T>)
        return optional;
    else if constexpr (detail::is_vector<T>) {
        if constexpr (std::is_same_v<T, std::span<const typename T::value_type>>)
            return sequence_view;
        else
            return sequence;
    } else
        return unsupported;
}

namespace detail {

/// The type of a described member, read from its pointer without instantiating member<>.
template <class Member>
struct member_value;
template <auto Name, class C, class V, V C::*Pointer>
struct member_value<describe::member<Name, Pointer>> {
    using type = V;
};

/// Whether the reader (Write false) or the writers (Write true) take a member of type V: every
/// category but the unsupported, the views only for writing, and through optionals and vectors
/// (of neither optionals nor extra_fields). A secret_key counts as taken by the writers, which
/// reject it with its own error (core/credentials.hpp).
template <class V, bool Write>
constexpr bool supported_member() noexcept
{
    using c = member_category;
    constexpr member_category category = category_of<V>();
    if constexpr (category == c::optional || category == c::sequence ||
                  (Write && category == c::sequence_view)) {
        using E = std::remove_cv_t<typename V::value_type>;
        return category_of<E>() != c::optional && category_of<E>() != c::extras &&
               supported_member<E, Write>();
    } else if constexpr (category == c::secret) {
        return Write;
    } else {
        return category != c::unsupported && category != c::sequence_view &&
               (Write || category != c::text_view);
    }
}

template <class List, bool Write>
inline constexpr bool supported_list = false;
template <class... Members, bool Write>
inline constexpr bool supported_list<describe::member_list<Members...>, Write> =
    (supported_member<typename member_value<Members>::type, Write>() && ...) &&
    ((category_of<typename member_value<Members>::type>() == member_category::extras) + ... + 0) <=
        1;

/// Whether read<T> takes every member of T (nested structs are checked where they are read), and
/// at most one extra_fields.
template <class T>
inline constexpr bool readable_members = supported_list<describe::members_of<T>, false>;
/// The same for the writers.
template <class T>
inline constexpr bool writable_members = supported_list<describe::members_of<T>, true>;

/// Whether a value of type T holds a value of a type L for which Leaf<L>::value is true: T itself,
/// an optional's value, a sequence's elements, or (recursively) a described struct's members.
/// Decided at compile time; json/describe.hpp asks it for secrets and for structs it cannot write,
/// json/writer.hpp for JSON text to check.
template <template <class> class Leaf, class T>
inline constexpr bool holds_any = Leaf<T>::value;
template <template <class> class Leaf, class T>
inline constexpr bool holds_any<Leaf, std::optional<T>> = holds_any<Leaf, T>;
template <template <class> class Leaf, class T, class A>
inline constexpr bool holds_any<Leaf, std::vector<T, A>> = holds_any<Leaf, T>;
template <template <class> class Leaf, class T>
inline constexpr bool holds_any<Leaf, std::span<const T>> = holds_any<Leaf, T>;
template <template <class> class Leaf, class List>
inline constexpr bool any_member_holds = false;
template <template <class> class Leaf, class... Members>
inline constexpr bool any_member_holds<Leaf, describe::member_list<Members...>> =
    (holds_any<Leaf, typename member_value<Members>::type> || ...);
template <template <class> class Leaf, describe::described T>
    requires(!converted<T>) // its conversion is what is read and written, not its members
inline constexpr bool holds_any<Leaf, T> =
    Leaf<T>::value || any_member_holds<Leaf, describe::members_of<T>>;

/// A described struct with a member the reader does not take (Leaf of holds_any).
template <class T>
struct unreadable_struct : std::false_type {};
template <describe::described T>
    requires(!converted<T>)
struct unreadable_struct<T> : std::bool_constant<!readable_members<T>> {};
/// Whether read<T> takes every member of T and of the structs in it.
template <class T>
inline constexpr bool readable = !holds_any<unreadable_struct, T>;

/// A described struct with a member the writers do not take (Leaf of holds_any).
template <class T>
struct unwritable_struct : std::false_type {};
template <describe::described T>
    requires(!converted<T>)
struct unwritable_struct<T> : std::bool_constant<!writable_members<T>> {};

} // namespace detail

} // namespace portone::json
