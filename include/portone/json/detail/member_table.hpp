// SPDX-License-Identifier: BSL-1.0
// The reader's view of a described struct: one constant table per type (object_table<T>), built
// at compile time from its PORTONE_DESCRIBE line, and one per std::vector member type
// (element_table). The tables are type-erased (void* owners, function pointers that store a
// value), so that the SAX handler and Boost.JSON's parser are compiled once for every struct
// (json/detail/reader_handler.hpp); only these tables, and the small store functions they point
// to, are instantiated per type in the user's translation unit.
#pragma once

#include <portone/config.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/error.hpp>
#include <portone/core/money.hpp>
#include <portone/json/describe.hpp>
#include <portone/json/detail/key_hash.hpp>
#include <portone/json/member_types.hpp>
#include <portone/json/read_types.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace portone::json {

namespace detail {

/// How the reader treats a member, decided at compile time from its type.
enum class value_kind : unsigned char {
    string,
    boolean,
    integer,
    amount,
    object,
    array,
    raw,
    text_conversion,   ///< conversion_source::string
    raw_conversion,    ///< conversion_source::any_value
    object_conversion, ///< conversion_source::object
    extras,
};

struct object_info;

} // namespace detail

/// Where an object conversion would have an object read as it streams (see the optional
/// `stream` and `streamed` of conversion_source::object in read_types.hpp): a described struct
/// (json::stream_into), or nothing (`info` nullptr), which means "read it whole".
struct streamed_object {
    const detail::object_info* info = nullptr;
    void* object = nullptr;
};

namespace detail {

/// One member of a described struct (or the elements of a std::vector), as the reader sees it:
/// its key, its kind and the functions that store a value into it. Type-erased (void* owner) so
/// that one handler, and one basic_parser instantiation, serve every described struct; each table
/// is a constant.
struct member_info {
    std::string_view name;
    /// "/name", the member's JSON Pointer in a body read without a prefix (a constant: rendering
    /// it for a top-level conversion's `where` would cost more than the conversion). Empty for
    /// vector elements.
    std::string_view pointer;
    value_kind kind{};
    bool optional = false;
    const object_info* nested = nullptr;
    /// array: how each element is read (its name is empty; its `owner` is the std::vector).
    const member_info* element = nullptr;
    /// object, array: the nested struct or std::vector inside `owner` (emplaced first if
    /// optional; for an element, appended to the vector).
    void* (*enter)(void* owner) = nullptr;
    void (*store_string)(void* owner, std::string_view text) = nullptr;
    /// raw: moves `json` into the member.
    void (*store_raw)(void* owner, std::string& json) = nullptr;
    /// text and raw conversions: converts `text`; false, and `out` set, if the conversion fails.
    bool (*store_converted)(void* owner, std::string_view text, std::string_view where,
                            const read_context& context, error& out) = nullptr;
    /// object conversions: the same, from an object read whole.
    bool (*store_object)(void* owner, const object_view& object, std::string_view where,
                         const read_context& context, error& out) = nullptr;
    void (*store_bool)(void* owner, bool value) = nullptr;
    /// integer: stores a value within `range` (the handler checks it).
    void (*store_integer)(void* owner, std::int64_t value) = nullptr;
    /// amount: stores a positive number of minor units within `range` (checked likewise).
    void (*store_amount)(void* owner, std::int64_t minor_units) = nullptr;
    /// integer and amount: the values the member takes (a constant per type, behind a pointer so
    /// that the table, which the reader walks for every key, stays small).
    const number_range* range = nullptr;
    /// object conversions that can guess: the struct to stream the object into (engaging the
    /// member), or none; then, once it has ended, whether the guess was right.
    streamed_object (*stream)(void* owner) = nullptr;
    bool (*confirm)(void* owner, const read_context& context) = nullptr;
};

/// A described struct, as the reader sees it.
struct object_info {
    const member_info* members = nullptr;
    std::size_t size = 0;
    /// Appends an unknown key to the struct's extra_fields member; nullptr if it has none.
    void (*add_extra)(void* owner, std::string_view key, std::string& json) = nullptr;
    /// The members by key: an open-addressing table (linear probing, at most half full) of
    /// member index + 1, 0 for an empty slot, indexed by key_hash(key) >> shift.
    const std::uint8_t* slots = nullptr;
    unsigned shift = 31;
    std::uint32_t mask = 1;
    /// Bit i: members[i] is required (not optional, not extra_fields).
    std::uint64_t required[2] = {0, 0};
    /// Some member needs the parser (a number, a struct, an array, an object conversion) when it
    /// is read from an object_view (see read_members).
    bool needs_parser = false;

    /// The member whose key is `key` (never extra_fields), or nullptr.
    const member_info* find(std::string_view key) const noexcept
    {
        for (std::uint32_t i = key_hash(key) >> shift;; i = (i + 1) & mask) {
            const unsigned slot = slots[i];
            if (slot == 0) return nullptr;
            const member_info& m = members[slot - 1];
            if (m.name.size() == key.size() && same_bytes(m.name.data(), key.data(), key.size()))
                return &m;
        }
    }
};

template <class T>
struct optional_value {
    using type = T;
};
template <class T>
struct optional_value<std::optional<T>> {
    using type = T;
};

template <class Owner, class Field>
Field member_field(Field Owner::*);

/// The member's storage, engaged if it is an optional.
template <class Field>
auto& engaged(Field& field)
{
    if constexpr (is_optional<Field>) {
        if (!field) field.emplace();
        return *field;
    } else {
        return field;
    }
}

// Where a value goes. The store functions below are written once against a "slot": a member of a
// struct (member_slot) or a new last element of a std::vector (element_slot). `storage` gives the
// object to fill in place, `put` assigns a finished value (for types that need not be
// default-constructible: yen, conversions).

/// The member `Pointer` of the Owner at `owner` (engaged first if it is an optional).
template <class Owner, auto Pointer>
struct member_slot {
    using owner_type = Owner;
    static auto& field(void* owner) noexcept { return static_cast<Owner*>(owner)->*Pointer; }
    static auto& storage(void* owner) { return engaged(field(owner)); }
    template <class V>
    static void put(void* owner, V&& value)
    {
        field(owner) = std::forward<V>(value);
    }
};

/// A new element at the end of the std::vector at `owner`.
template <class Vector>
struct element_slot {
    static Vector& vector(void* owner) noexcept { return *static_cast<Vector*>(owner); }
    static auto& storage(void* owner) { return vector(owner).emplace_back(); }
    template <class V>
    static void put(void* owner, V&& value)
    {
        vector(owner).push_back(std::forward<V>(value));
    }
};

/// Stores `text` into a string member. Out of line and shared: a struct's string members are
/// the most numerous, and each has its own store_string below, which only finds the member
/// (an addition and a jump, for a required one), so that reading a body touches this one copy
/// of the code and not one per member (the instruction cache is what parse + verify runs out of).
/// Noinline, and so declared without PORTONE_DECL (see json/detail/read_errors.hpp).
void store_text(std::string& member, std::string_view text);

template <class Slot>
void store_string(void* owner, std::string_view text)
{
    store_text(Slot::storage(owner), text);
}

template <class Slot>
void store_raw(void* owner, std::string& json)
{
    Slot::storage(owner).text = std::move(json);
}

/// Converts `in` with conversion<V> (the value's text, or the object read whole: one
/// instantiation for each, stored in the table as store_converted and store_object) and stores
/// the result in the member. The read_context goes to the conversions that take it.
template <class Slot, class V, class Input>
bool store_converted(void* owner, Input in, std::string_view where, const read_context& context,
                     error& out)
{
    auto converted = [&] {
        if constexpr (requires { conversion<V>::convert(in, where, context); })
            return conversion<V>::convert(in, where, context);
        else return conversion<V>::convert(in, where);
    }();
    if (!converted) {
        out = converted.error();
        return false;
    }
    Slot::put(owner, std::move(*converted));
    return true;
}

/// An object conversion that offers to stream its object into a struct it guesses from the
/// owner read so far: `stream` (const Owner&, V&) -> streamed_object, and `streamed` (V&, and
/// the read_context if it takes one) -> bool.
template <class V>
concept confirms_with_context = requires(V& value, const read_context& context) {
    { conversion<V>::streamed(value, context) } -> std::same_as<bool>;
};
template <class Slot, class V>
concept guessing_conversion = requires(const typename Slot::owner_type& owner, V& value) {
    { conversion<V>::stream(owner, value) } -> std::same_as<streamed_object>;
} && (confirms_with_context<V> || requires(V& value) {
    { conversion<V>::streamed(value) } -> std::same_as<bool>;
});

template <class Slot, class V>
streamed_object stream_object(void* owner)
{
    V& value = Slot::storage(owner); // engaged: the guess is built in place
    return conversion<V>::stream(*static_cast<const typename Slot::owner_type*>(owner), value);
}

template <class Slot, class V>
bool confirm_object(void* owner, const read_context& context)
{
    if constexpr (confirms_with_context<V>)
        return conversion<V>::streamed(Slot::storage(owner), context);
    else return conversion<V>::streamed(Slot::storage(owner));
}

template <class Slot>
void store_bool(void* owner, bool value)
{
    Slot::put(owner, value);
}

template <class Slot, class V>
void store_integer(void* owner, std::int64_t value)
{
    Slot::put(owner, static_cast<V>(value)); // within V's range: the handler checked it
}

template <class Slot, class Money>
void store_amount(void* owner, std::int64_t minor_units)
{
    Slot::put(owner, *Money::from(minor_units)); // positive and at most the maximum: checked
}

template <class Slot>
void* enter(void* owner)
{
    return &Slot::storage(owner);
}

template <class Owner, auto Pointer>
void add_extra(void* owner, std::string_view key, std::string& json)
{
    (static_cast<Owner*>(owner)->*Pointer).push_back({std::string(key), raw_json{std::move(json)}});
}

template <class T>
inline constexpr bool unsupported_member = false;

template <class T>
struct object_table;

template <class Vector>
struct element_table;

/// How a value of type V (not an optional, not extra_fields) is read into `Slot`.
template <class Slot, class V>
constexpr member_info make_value_info(std::string_view name, bool optional)
{
    member_info m;
    m.name = name;
    m.optional = optional;
    // One classification with the writers (json/member_types.hpp).
    using c = member_category;
    constexpr member_category category = category_of<V>();
    if constexpr (category == c::converted) {
        constexpr conversion_source source = conversion<V>::source;
        if constexpr (source == conversion_source::object) {
            m.kind = value_kind::object_conversion;
            m.store_object = &store_converted<Slot, V, const object_view&>;
            if constexpr (guessing_conversion<Slot, V>) {
                m.stream = &stream_object<Slot, V>;
                m.confirm = &confirm_object<Slot, V>;
            }
        } else {
            m.kind = source == conversion_source::string ? value_kind::text_conversion
                                                         : value_kind::raw_conversion;
            m.store_converted = &store_converted<Slot, V, std::string_view>;
        }
    } else if constexpr (category == c::text) {
        m.kind = value_kind::string;
        m.store_string = &store_string<Slot>;
    } else if constexpr (category == c::raw) {
        m.kind = value_kind::raw;
        m.store_raw = &store_raw<Slot>;
    } else if constexpr (category == c::boolean) {
        m.kind = value_kind::boolean;
        m.store_bool = &store_bool<Slot>;
    } else if constexpr (category == c::integer) {
        m.kind = value_kind::integer;
        m.store_integer = &store_integer<Slot, V>;
        m.range = &range_of<V>;
    } else if constexpr (category == c::amount) {
        m.kind = value_kind::amount;
        m.store_amount = &store_amount<Slot, V>;
        m.range = &range_of<V>;
    } else if constexpr (category == c::described) {
        static_assert(std::is_default_constructible_v<V>,
                      "portone::json::read needs default-constructible nested structs (give "
                      "required portone::yen members a default member initializer)");
        m.kind = value_kind::object;
        m.nested = &object_table<V>::info;
        m.enter = &enter<Slot>;
    } else if constexpr (category == c::sequence) {
        m.kind = value_kind::array;
        m.element = &element_table<V>::info;
        m.enter = &enter<Slot>;
    } else {
        static_assert(unsupported_member<V>,
                      "portone::json::read cannot read this member type: use std::string, bool, "
                      "an integer type, portone::money (yen), raw_json, extra_fields, a described "
                      "struct, a type with a json::conversion, std::vector of one of these (not "
                      "of extra_fields or of an optional), or std::optional of one of these "
                      "(std::string_view and std::span are for writing only: nothing would own "
                      "what they view)");
    }
    return m;
}

/// "/name" for a member (names are C++ identifiers: nothing to escape).
template <class Member>
inline constexpr auto member_pointer = [] {
    std::array<char, Member::name.size() + 1> pointer{};
    pointer[0] = '/';
    for (std::size_t i = 0; i < Member::name.size(); ++i) pointer[i + 1] = Member::name[i];
    return pointer;
}();

template <class Owner, class Member>
constexpr member_info make_member_info()
{
    using Field = decltype(member_field(Member::pointer));
    member_info m;
    if constexpr (std::is_same_v<Field, extra_fields>) {
        m.name = Member::name;
        m.kind = value_kind::extras;
    } else {
        m = make_value_info<member_slot<Owner, Member::pointer>,
                            typename optional_value<Field>::type>(Member::name,
                                                                 is_optional<Field>);
    }
    m.pointer = {member_pointer<Member>.data(), member_pointer<Member>.size()};
    return m;
}

/// The reader's description of the elements of a std::vector member: a constant per vector type.
template <class E, class A>
struct element_table<std::vector<E, A>> {
    static_assert(!is_optional<E> && !std::is_same_v<E, extra_fields>,
                  "portone::json::read cannot read a std::vector of optionals or of extra_fields");
    static constexpr member_info info =
        make_value_info<element_slot<std::vector<E, A>>, E>({}, false);
};

template <class Owner, class... Members>
constexpr std::array<member_info, sizeof...(Members)>
make_members(describe::member_list<Members...>)
{
    return {make_member_info<Owner, Members>()...};
}

template <class Owner, class... Members>
constexpr auto find_extras(describe::member_list<Members...>)
{
    using extras_fn = void (*)(void*, std::string_view, std::string&);
    extras_fn f = nullptr;
    int count = 0;
    (
        [&] {
            if constexpr (std::is_same_v<decltype(member_field(Members::pointer)), extra_fields>) {
                f = &add_extra<Owner, Members::pointer>;
                ++count;
            }
        }(),
        ...);
    return std::pair{f, count};
}

/// log2 of the size of the key table for `n` members: at least twice as many slots as keys.
constexpr unsigned slot_bits(std::size_t n) noexcept
{
    unsigned bits = 1;
    while ((std::size_t(1) << bits) < 2 * n) ++bits;
    return bits;
}

template <unsigned Bits, std::size_t N>
constexpr std::array<std::uint8_t, std::size_t(1) << Bits>
make_slots(const std::array<member_info, N>& members)
{
    std::array<std::uint8_t, std::size_t(1) << Bits> slots{};
    constexpr std::uint32_t mask = (std::uint32_t(1) << Bits) - 1;
    for (std::size_t m = 0; m < N; ++m) {
        if (members[m].kind == value_kind::extras) continue;
        std::uint32_t i = key_hash(members[m].name) >> (32 - Bits);
        while (slots[i] != 0) i = (i + 1) & mask;
        slots[i] = static_cast<std::uint8_t>(m + 1);
    }
    return slots;
}

constexpr bool needs_parser(value_kind k) noexcept
{
    return k == value_kind::integer || k == value_kind::amount || k == value_kind::object ||
           k == value_kind::array || k == value_kind::object_conversion;
}

template <std::size_t N>
constexpr bool any_needs_parser(const std::array<member_info, N>& members)
{
    for (const member_info& m : members)
        if (needs_parser(m.kind)) return true;
    return false;
}

template <std::size_t N>
constexpr std::array<std::uint64_t, 2> make_required(const std::array<member_info, N>& members)
{
    std::array<std::uint64_t, 2> required{};
    for (std::size_t m = 0; m < N; ++m)
        if (!members[m].optional && members[m].kind != value_kind::extras)
            required[m / 64] |= std::uint64_t(1) << (m % 64);
    return required;
}

/// The reader's table for a described struct: a constant, built once per type.
template <class T>
struct object_table {
    static constexpr auto members = make_members<T>(describe::members_of<T>{});
    static constexpr auto extras = find_extras<T>(describe::members_of<T>{});
    static_assert(members.size() <= 128, "portone::json::read supports at most 128 members");
    static_assert(extras.second <= 1,
                  "a described struct may have at most one extra_fields member");
    static constexpr unsigned bits = slot_bits(members.size());
    static constexpr auto slots = make_slots<bits>(members);
    static constexpr auto required = make_required(members);
    static constexpr object_info info{members.data(),
                                      members.size(),
                                      extras.first,
                                      slots.data(),
                                      32 - bits,
                                      (std::uint32_t(1) << bits) - 1,
                                      {required[0], required[1]},
                                      any_needs_parser(members)};
};

} // namespace detail
} // namespace portone::json

#ifdef PORTONE_HEADER_ONLY
#include <portone/json/detail/impl/member_table.ipp>
#endif
