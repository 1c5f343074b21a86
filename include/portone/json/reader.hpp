// SPDX-License-Identifier: BSL-1.0
// Reading JSON into described structs (core/describe.hpp), for untrusted input such as webhooks.
//
//   struct address { std::optional<std::string> city; std::string country_code; };
//   PORTONE_DESCRIBE(address, city, country_code);   // at global scope
//
//   portone::result<address> a = portone::json::read<address>(body);   // never throws
//
// The reader is a SAX handler for Boost.JSON's basic_parser that writes each value straight into
// its member: there is no boost::json::value in between (no DOM, no second walk, no allocation
// per value beyond the strings that end up in the struct). The same PORTONE_DESCRIBE line drives
// the writer (json/describe.hpp), so a member's JSON key is its name in both directions.
//
// Member types and the JSON they accept:
//
//   std::string            a string
//   bool                   true or false
//   std::int64_t           an integer (also a number with a zero fraction: 7.0)
//   portone::yen           a number of yen: 500 and 500.0 are accepted; 500.5, 0, negative amounts
//                          and amounts above portone::max_minor_units are typed errors
//                          (invalid_value, amount_not_positive, amount_too_large)
//   a described struct     an object, read with its own description
//   raw_json               any value, kept as compact JSON text (read_types.hpp)
//   extra_fields           not a key: collects the object's unknown keys (read_types.hpp)
//   V with conversion<V>   a string, any value, or an object read whole (json::object_view),
//                          converted by your function (read_types.hpp); read<T>(object_view)
//                          then fills the struct the object turns out to be, without parsing
//                          again (PortOne's additional_payment_details, chosen by a `type` that
//                          comes last). If the conversion can guess the struct from what was
//                          read before (json::streamed_object), the object is read straight into
//                          it instead, and read again whole only if the guess was wrong
//   std::vector<E>         an array of E, any of the types above except extra_fields (and not an
//                          optional): std::vector<item>, std::vector<std::string>, ... Elements
//                          are appended in order; an error in one is at its index
//                          ("/refundDetails/2/amount"); `null` is not an element
//   std::optional<V>       V, or absent; `null` also means absent (except for raw_json, which
//                          keeps any value, null included), so std::optional<std::vector<E>>
//                          is nullopt for `null` and an empty vector for `[]`
//
// Policies (also in docs/webhooks.md):
//   - Every member that is not a std::optional (nor extra_fields) is required: absent, it is an
//     errc::missing_field error at its path. The first missing member in declaration order is
//     reported.
//   - Unknown keys are skipped, at any depth, unless the object has an extra_fields member, which
//     keeps them.
//   - A key repeated in the same object is an errc::duplicate_key error, in every object, known
//     or not: two parsers that keep different copies of a duplicate could otherwise disagree about
//     what a signed message says.
//   - Limits (read_limits): body size, nesting depth, keys per object and elements per array
//     (typed or raw); over one is errc::limit_exceeded.
//   - Not JSON, truncated JSON, data after the document, comments, trailing commas, invalid
//     escapes and invalid UTF-8 are errc::invalid_json; a value of the wrong JSON type is
//     errc::wrong_type.
//   - Every error carries the JSON Pointer (RFC 6901) of the value in error::where
//     ("/additional_payment_details/store"; "" is the whole body) and a sentence in
//     error::message. Reading stops at the first error.
//
// The target type must be default-constructible (a required yen member therefore needs a default
// member initializer; the reader overwrites it or fails). Nothing here throws except
// std::bad_alloc.
//
// Cost (docs/benchmarks.md): reading a webhook takes about 0.6 times a Boost.JSON DOM parse of the
// same body. Keys are found through a hash table per struct built at compile time; the JSON
// Pointer is not kept while reading but rendered from the reader's stack when an error needs it;
// the reader's working memory is a buffer on the stack; strings are stored straight from the
// parser's buffer. The only allocations are the values stored (strings longer than 15 bytes).
#pragma once

#include <portone/core/describe.hpp>
#include <portone/core/error.hpp>
#include <portone/core/money.hpp>
#include <portone/core/validation.hpp>
#include <portone/json/describe.hpp>
#include <portone/json/read_types.hpp>
#include <portone/json/string_escape.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
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
                            error& out) = nullptr;
    /// object conversions: the same, from an object read whole.
    bool (*store_object)(void* owner, const object_view& object, std::string_view where,
                         error& out) = nullptr;
    void (*store_bool)(void* owner, bool value) = nullptr;
    void (*store_integer)(void* owner, std::int64_t value) = nullptr;
    void (*store_amount)(void* owner, yen value) = nullptr;
    /// object conversions that can guess: the struct to stream the object into (engaging the
    /// member), or none; then, once it has ended, whether the guess was right.
    streamed_object (*stream)(void* owner) = nullptr;
    bool (*confirm)(void* owner) = nullptr;
};

/// The hash of a key in the member tables: its length and three of its bytes, mixed by one
/// multiplication. Every key of the input is hashed, so it must be cheap; the bytes it reads tell
/// apart the keys of a struct well enough that a lookup is about one string comparison (keys
/// that collide only cost a second probe).
constexpr std::uint32_t key_hash(std::string_view key) noexcept
{
    std::uint32_t x = static_cast<std::uint32_t>(key.size());
    if (!key.empty())
        x ^= std::uint32_t(static_cast<unsigned char>(key.front())) << 8 |
             std::uint32_t(static_cast<unsigned char>(key[key.size() / 2])) << 16 |
             std::uint32_t(static_cast<unsigned char>(key.back())) << 24;
    return x * 0x9E3779B1u;
}

/// Whether the `n` bytes at `a` and at `b` are equal. Keys are short, so the bytes are compared
/// inline, eight (or four) at a time with overlapping loads, where std::memcmp would be a call
/// through the PLT and a dispatch on the CPU's features for every key of the input.
inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept
{
    if (n >= 8) {
        const auto load = [](const char* p) {
            std::uint64_t v;
            std::memcpy(&v, p, sizeof v);
            return v;
        };
        for (std::size_t i = 0; i + 8 < n; i += 8)
            if (load(a + i) != load(b + i)) return false;
        return load(a + n - 8) == load(b + n - 8);
    }
    if (n >= 4) {
        const auto load = [](const char* p) {
            std::uint32_t v;
            std::memcpy(&v, p, sizeof v);
            return v;
        };
        return ((load(a) ^ load(b)) | (load(a + n - 4) ^ load(b + n - 4))) == 0;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

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
/// Constructed, then moved in: constructing a string is cheaper than assign()'s general replace
/// (_M_replace), for short and long strings alike.
[[gnu::noinline]] inline void store_text(std::string& member, std::string_view text)
{
    member = std::string(text.data(), text.size());
}

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

template <class Slot, class V>
bool store_converted(void* owner, std::string_view text, std::string_view where, error& out)
{
    auto converted = conversion<V>::convert(text, where);
    if (!converted) {
        out = converted.error();
        return false;
    }
    Slot::put(owner, std::move(*converted));
    return true;
}

template <class Slot, class V>
bool store_object(void* owner, const object_view& object, std::string_view where, error& out)
{
    auto converted = conversion<V>::convert(object, where);
    if (!converted) {
        out = converted.error();
        return false;
    }
    Slot::put(owner, std::move(*converted));
    return true;
}

/// An object conversion that offers to stream its object into a struct it guesses from the
/// owner read so far: `stream` (const Owner&, V&) -> streamed_object, and `streamed` (V&) -> bool.
template <class Slot, class V>
concept guessing_conversion = requires(const typename Slot::owner_type& owner, V& value) {
    { conversion<V>::stream(owner, value) } -> std::same_as<streamed_object>;
    { conversion<V>::streamed(value) } -> std::same_as<bool>;
};

template <class Slot, class V>
streamed_object stream_object(void* owner)
{
    V& value = Slot::storage(owner); // engaged: the guess is built in place
    return conversion<V>::stream(*static_cast<const typename Slot::owner_type*>(owner), value);
}

template <class Slot, class V>
bool confirm_object(void* owner)
{
    return conversion<V>::streamed(Slot::storage(owner));
}

template <class Slot>
void store_bool(void* owner, bool value)
{
    Slot::put(owner, value);
}

template <class Slot>
void store_integer(void* owner, std::int64_t value)
{
    Slot::put(owner, value);
}

template <class Slot>
void store_amount(void* owner, yen value)
{
    Slot::put(owner, value);
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
    if constexpr (converted<V>) {
        constexpr conversion_source source = conversion<V>::source;
        if constexpr (source == conversion_source::object) {
            m.kind = value_kind::object_conversion;
            m.store_object = &store_object<Slot, V>;
            if constexpr (guessing_conversion<Slot, V>) {
                m.stream = &stream_object<Slot, V>;
                m.confirm = &confirm_object<Slot, V>;
            }
        } else {
            m.kind = source == conversion_source::string ? value_kind::text_conversion
                                                         : value_kind::raw_conversion;
            m.store_converted = &store_converted<Slot, V>;
        }
    } else if constexpr (std::is_same_v<V, std::string>) {
        m.kind = value_kind::string;
        m.store_string = &store_string<Slot>;
    } else if constexpr (std::is_same_v<V, raw_json>) {
        m.kind = value_kind::raw;
        m.store_raw = &store_raw<Slot>;
    } else if constexpr (std::is_same_v<V, bool>) {
        m.kind = value_kind::boolean;
        m.store_bool = &store_bool<Slot>;
    } else if constexpr (std::is_same_v<V, std::int64_t>) {
        m.kind = value_kind::integer;
        m.store_integer = &store_integer<Slot>;
    } else if constexpr (std::is_same_v<V, yen>) {
        m.kind = value_kind::amount;
        m.store_amount = &store_amount<Slot>;
    } else if constexpr (describe::described<V>) {
        static_assert(std::is_default_constructible_v<V>,
                      "portone::json::read needs default-constructible nested structs (give "
                      "required portone::yen members a default member initializer)");
        m.kind = value_kind::object;
        m.nested = &object_table<V>::info;
        m.enter = &enter<Slot>;
    } else if constexpr (is_vector<V>) {
        m.kind = value_kind::array;
        m.element = &element_table<V>::info;
        m.enter = &enter<Slot>;
    } else {
        static_assert(unsupported_member<V>,
                      "portone::json::read cannot read this member type: use std::string, bool, "
                      "std::int64_t, portone::yen, raw_json, extra_fields, a described struct, a "
                      "type with a json::conversion, std::vector of one of these (not of "
                      "extra_fields or of an optional), or std::optional of one of these");
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

/// Appends `key` to a JSON Pointer as one reference token ('~' is "~0", '/' is "~1").
template <class String>
void append_pointer_token(String& path, std::string_view key)
{
    path += '/';
    if (key.find_first_of("~/") == std::string_view::npos) { // nearly always
        path.append(key.data(), key.size());
        return;
    }
    for (char c : key) {
        if (c == '~') path += "~0";
        else if (c == '/') path += "~1";
        else path += c;
    }
}

/// Appends an array index to a JSON Pointer.
template <class String>
void append_pointer_index(String& path, std::size_t i)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, i).ptr;
    path += '/';
    path.append(digits, end);
}

/// Appends `s` as a JSON string (quoted, escaped) to `out`.
template <class String>
void append_json_string(String& out, std::string_view s)
{
    const std::size_t old = out.size();
    out.resize(old + string_bound(s));
    out[old] = '"';
    char* end = write_string_tail(out.data() + old + 1, s);
    out.resize(static_cast<std::size_t>(end - out.data()));
}

constexpr std::string_view expected_json(value_kind k) noexcept
{
    switch (k) {
    case value_kind::string:
    case value_kind::text_conversion: return "a string";
    case value_kind::boolean: return "true or false";
    case value_kind::integer: return "an integer";
    case value_kind::amount: return "a number of yen";
    case value_kind::object:
    case value_kind::object_conversion: return "an object";
    case value_kind::array: return "an array";
    default: return "a JSON value";
    }
}

constexpr std::string_view json_type_name(json_type t) noexcept
{
    switch (t) {
    case json_type::object: return "an object";
    case json_type::array: return "an array";
    case json_type::string: return "a string";
    case json_type::number: return "a number";
    case json_type::boolean: return "a boolean";
    case json_type::null: return "null";
    }
    return "a value";
}

} // namespace detail

/// A member's value as compact JSON text (as raw_json keeps it).
inline std::string compact_text(const object_member& m)
{
    if (m.type != json_type::string) return std::string(m.text);
    std::string json;
    detail::append_json_string(json, m.text);
    return json;
}

/// An object read whole as compact JSON text (as raw_json keeps it): the text it was read from,
/// without whitespace, strings re-escaped.
inline std::string compact_text(const object_view& object)
{
    std::string json = "{";
    for (const object_member& m : object.members) {
        if (json.size() > 1) json += ',';
        detail::append_json_string(json, m.key);
        json += ':';
        if (m.type == json_type::string) detail::append_json_string(json, m.text);
        else json += m.text;
    }
    json += '}';
    return json;
}

namespace detail {

/// The message of a path, quoted like any input (keys come from the input), or "the body".
inline message_part shown_path(std::string_view path) noexcept
{
    return path.empty() ? message_part("the body") : input(path);
}

// Errors shared by the streaming reader and read(const object_view&). Out of line: they are rare
// and their code need not sit in the hot paths.

[[gnu::noinline]] inline error wrong_type_error(std::string where, value_kind expected,
                                                json_type got)
{
    std::string message = compose({shown_path(where), " must be ", expected_json(expected),
                                   ", not ", json_type_name(got)});
    return {errc::wrong_type, std::move(where), std::move(message)};
}

/// `where` is the missing member's path; its first `object_size` bytes, the object's.
[[gnu::noinline]] inline error missing_error(std::string where, std::size_t object_size)
{
    std::string message =
        compose({input(where), " is required but missing from ",
                 shown_path(std::string_view(where).substr(0, object_size))});
    return {errc::missing_field, std::move(where), std::move(message)};
}

/// The SAX handler: Boost.JSON's parser calls it for each token, it writes into the target
/// struct through the member tables. One error (the first) stops the parse.
///
/// The JSON Pointer of the current value is not kept as a string: each frame (object or array
/// being read) remembers its current key (a member, or an unknown key it stored anyway to detect
/// duplicates) or its element count, and the pointer is rendered from them only when it is
/// needed, for an error or for a conversion's `where`.
///
/// Its working memory (frames, keys, records) comes from a buffer inside the handler, so that a
/// typical body is read without any heap allocation besides the values stored.
///
/// A class template (always reader_handler<>) only so that it is compiled in the translation
/// units that read JSON, not in every one that includes this header.
template <class = void>
class reader_handler {
public:
    // No per-token limits of Boost's own: the body size bounds them all (read_limits).
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    /// `may_guess`: object conversions may have their object streamed into the struct they
    /// guess (member_info::stream); the caller reads the body again, without, if that fails.
    reader_handler(const read_limits& limits, const object_info& root, void* object,
                   std::string_view body, std::string_view prefix, bool may_guess = false)
        : limits_(limits), root_(root), root_object_(object), body_(body), prefix_(prefix),
          may_guess_(may_guess)
    {
        // Room for a webhook's body, from the buffer: growing would waste it (monotonic).
        frames_.reserve(8);
        key_spans_.reserve(16);
        key_chars_.reserve(256);
    }

    using string_view = boost::json::string_view;
    using error_code = boost::json::error_code;

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }

    bool on_object_begin(error_code& ec) { return begin_container(false) || stop(ec); }

    bool on_object_end(std::size_t, error_code& ec)
    {
        const frame& f = top();
        if (f.info == nullptr) return end_raw_container('}') || stop(ec);
        const std::uint64_t* required = f.info->required;
        if ((f.seen[0] & required[0]) != required[0] || (f.seen[1] & required[1]) != required[1]) {
            missing();
            return stop(ec);
        }
        const member_info* guessed = f.guessed_for;
        pop();
        // An object streamed into a guess: the conversion says whether it was the right one.
        // If not, reading stops here, and the caller reads the body again without guessing.
        if (guessed != nullptr && !guessed->confirm(owner())) return stop(ec);
        return true;
    }

    /// Whether an object was streamed into a conversion's guess: then any failure (a wrong
    /// guess, or an error that reading the object whole might report differently) means the
    /// body must be read again without guessing.
    bool guessed() const noexcept { return guessed_; }

    bool on_array_begin(error_code& ec) { return begin_container(true) || stop(ec); }

    bool on_array_end(std::size_t, error_code& ec)
    {
        if (!in_raw_) { // a typed array (raw ones end in raw mode)
            pop();
            return true;
        }
        return end_raw_container(']') || stop(ec);
    }

    bool on_key_part(string_view s, std::size_t, error_code&)
    {
        key_.append(s.data(), s.size());
        return true;
    }

    bool on_key(string_view s, std::size_t, error_code& ec)
    {
        // The common case first, in as little code as possible (every key of a body comes here):
        // the whole key at once, a member of the struct being read, not seen yet. Anything else
        // goes the general way, which checks it all again.
        if (key_.empty()) {
            frame& f = top();
            if (f.info != nullptr && f.count < limits_.max_object_members) {
                if (const member_info* m = f.info->find({s.data(), s.size()})) {
                    const auto i = static_cast<std::size_t>(m - f.info->members);
                    if (!f.has_seen(i)) {
                        ++f.count;
                        f.see(i);
                        f.key_member = m;
                        target_ = target::member;
                        member_ = m;
                        return true;
                    }
                }
            }
        }
        return any_key(s, ec);
    }

    /// Any key: given in parts, unknown, repeated, over the limit, or inside a raw value.
    [[gnu::noinline]] bool any_key(string_view s, error_code& ec)
    {
        bool ok = false;
        if (key_.empty()) { // the whole key at once: no copy
            ok = on_full_key({s.data(), s.size()});
        } else {
            key_.append(s.data(), s.size());
            ok = on_full_key({key_.data(), key_.size()});
            key_.clear();
        }
        return ok || stop(ec);
    }

    bool on_string_part(string_view s, std::size_t, error_code& ec)
    {
        if (!in_scalar_) {
            if (!begin_scalar(json_type::string)) return stop(ec);
            in_scalar_ = true;
        }
        text_.append(s.data(), s.size());
        return true;
    }

    bool on_string(string_view s, std::size_t, error_code& ec)
    {
        std::string_view text(s.data(), s.size());
        // The common case first: a string member of a struct, in one piece.
        if (target_ == target::member && member_->kind == value_kind::string && !in_scalar_ &&
            !in_raw_ && top().element == nullptr) {
            member_->store_string(owner(), text);
            return true;
        }
        if (in_scalar_) { // the end of a string given in parts
            in_scalar_ = false;
            text_.append(text);
            text = {text_.data(), text_.size()};
        } else if (!begin_scalar(json_type::string)) {
            return stop(ec);
        }
        const bool ok = string_value(text);
        text_.clear();
        return ok || stop(ec);
    }

    bool on_number_part(string_view s, error_code& ec)
    {
        if (!in_scalar_) {
            if (!begin_scalar(json_type::number)) return stop(ec);
            in_scalar_ = true;
        }
        text_.append(s.data(), s.size());
        return true;
    }

    bool on_int64(std::int64_t v, string_view s, error_code& ec)
    {
        return number(s, [&] { return store_int64(v); }) || stop(ec);
    }

    bool on_uint64(std::uint64_t v, string_view s, error_code& ec)
    {
        return number(s, [&] {
                   if (v <= static_cast<std::uint64_t>(INT64_MAX))
                       return store_int64(static_cast<std::int64_t>(v));
                   return out_of_range(true);
               }) ||
               stop(ec);
    }

    bool on_double(double v, string_view s, error_code& ec)
    {
        return number(s, [&] { return store_double(v); }) || stop(ec);
    }

    bool on_bool(bool v, error_code& ec)
    {
        if (!begin_scalar(json_type::boolean)) return stop(ec);
        if (in_raw_) {
            if (keep_) raw_ += v ? "true" : "false";
            return raw_value_ends() || stop(ec);
        }
        member_->store_bool(owner(), v);
        return true;
    }

    bool on_null(error_code& ec)
    {
        if (in_raw_) {
            if (!raw_value_begins(json_type::null)) return stop(ec);
        } else {
            if (!enter_value()) return stop(ec);
            // null is an absent optional, except for raw_json, which keeps every value. (Vector
            // elements are never optional: null there is a wrong type.)
            if (target_ == target::member && member_->optional &&
                member_->kind != value_kind::raw)
                return true;
            if (!begin_raw(json_type::null)) return stop(ec);
        }
        if (keep_) raw_ += "null";
        return raw_value_ends() || stop(ec);
    }

    // Comments are rejected by the parser (parse_options::allow_comments is false).
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

    /// The first error, if reading failed in the handler (not in the parser).
    bool failed() const noexcept { return failed_; }
    error& failure() noexcept { return error_; }
    /// The JSON Pointer of the value being read.
    std::string path() { return std::string(build(frames_.size())); }

private:
    enum class target : unsigned char { none, root, member, extra, skip };

    static constexpr std::size_t no_key = std::size_t(-1);

    template <class T>
    using scratch_vector = std::vector<T, boost::json::polymorphic_allocator<T>>;
    using scratch_string =
        std::basic_string<char, std::char_traits<char>, boost::json::polymorphic_allocator<char>>;

    struct frame {
        /// The described struct; nullptr for a typed array, and inside a value kept or skipped
        /// as raw JSON.
        const object_info* info = nullptr;
        const member_info* element = nullptr; ///< a typed array's elements, else nullptr
        void* object = nullptr; ///< the struct, or the std::vector of a typed array
        bool array = false;
        std::size_t count = 0;      ///< keys or elements so far
        std::size_t keys_begin = 0; ///< its keys in key_spans_ (unknown ones, for a struct)
        /// The key of the value being read in this object, for its JSON Pointer: a member
        /// (`key_member`), an unknown key (key_spans_[key]), or none yet.
        const member_info* key_member = nullptr;
        std::size_t key = no_key;
        std::uint64_t seen[2] = {0, 0}; ///< the members read so far (bit i: info->members[i])
        /// The object conversion member whose guess this struct is (member_info::stream).
        const member_info* guessed_for = nullptr;

        bool has_seen(std::size_t i) const noexcept { return (seen[i / 64] >> (i % 64)) & 1u; }
        void see(std::size_t i) noexcept { seen[i / 64] |= std::uint64_t(1) << (i % 64); }
    };

    struct key_span {
        std::size_t begin, size; ///< in key_chars_
    };

    /// Where the value of a member of an object read whole is (offsets: the buffers grow).
    enum class source : unsigned char { body, unescaped, raw };
    struct member_record {
        std::size_t key = 0; ///< in key_spans_
        json_type type = json_type::null;
        source in = source::raw;
        std::size_t begin = 0, size = 0;
    };

    frame& top() noexcept { return frames_.back(); }
    void* owner() noexcept { return frames_.back().object; }

    void push(frame f)
    {
        f.keys_begin = key_spans_.size();
        frames_.push_back(f);
    }
    void push_object(const object_info* info, void* object)
    {
        frame f;
        f.info = info;
        f.object = object;
        push(f);
    }
    void push_array(const member_info* element, void* vector)
    {
        frame f;
        f.element = element;
        f.object = vector;
        f.array = true;
        push(f);
    }
    void push_raw(bool array)
    {
        frame f;
        f.array = array;
        push(f);
    }

    void pop()
    {
        const std::size_t keys = frames_.back().keys_begin;
        if (keys < key_spans_.size()) {
            key_chars_.resize(key_spans_[keys].begin);
            key_spans_.resize(keys);
        }
        frames_.pop_back();
    }

    std::string_view key_at(std::size_t i) const noexcept
    {
        return std::string_view(key_chars_).substr(key_spans_[i].begin, key_spans_[i].size);
    }

    bool stop(error_code& ec)
    {
        ec = boost::json::error::exception; // any error: read_into reports error_ instead
        return false;
    }

    /// A key has been read in full.
    bool on_full_key(std::string_view key)
    {
        frame& f = top();
        if (++f.count > limits_.max_object_members) return too_many_keys();
        if (f.info != nullptr) {
            if (const member_info* m = f.info->find(key)) {
                f.key_member = m;
                const auto i = static_cast<std::size_t>(m - f.info->members);
                if (f.has_seen(i)) return duplicate(key);
                f.see(i);
                target_ = target::member;
                member_ = m;
                return true;
            }
        }
        // An unknown key, or a key inside a raw value: kept, to detect its duplicates.
        f.key_member = nullptr;
        for (std::size_t i = f.keys_begin; i < key_spans_.size(); ++i) {
            const key_span k = key_spans_[i];
            if (k.size == key.size() &&
                same_bytes(key_chars_.data() + k.begin, key.data(), k.size)) {
                f.key = i;
                return duplicate(key);
            }
        }
        f.key = key_spans_.size();
        key_spans_.push_back({key_chars_.size(), key.size()});
        key_chars_.append(key.data(), key.size());
        if (f.info == nullptr) { // inside a raw value
            if (at_object_member()) {
                records_.push_back({f.key});
            } else if (keep_) {
                if (f.count > 1) raw_ += ',';
                append_json_string(raw_, key);
                raw_ += ':';
            }
            return true;
        }
        target_ = f.info->add_extra != nullptr ? target::extra : target::skip;
        return true;
    }

    /// An object or an array starts: the root, a described struct, a typed array, or a raw value
    /// (or a part of one).
    bool begin_container(bool array)
    {
        const json_type t = array ? json_type::array : json_type::object;
        if (in_raw_) {
            if (!raw_value_begins(t)) return false;
        } else {
            if (!enter_value()) return false;
            if (!array && target_ == target::root) {
                target_ = target::none;
                push_object(&root_, root_object_);
                return true;
            }
            if (target_ == target::member && !array && member_->kind == value_kind::object) {
                push_object(member_->nested, member_->enter(owner()));
                return true;
            }
            if (target_ == target::member && array && member_->kind == value_kind::array) {
                push_array(member_->element, member_->enter(owner()));
                return true;
            }
            if (target_ == target::member && !array && member_->stream != nullptr && may_guess_) {
                const streamed_object guess = member_->stream(owner());
                if (guess.info != nullptr) {
                    guessed_ = true;
                    push_object(guess.info, guess.object);
                    top().guessed_for = member_;
                    return true;
                }
            }
            if (!begin_raw(t)) return false;
        }
        // Copied unless it is the object read whole (its members are recorded instead).
        if (keep_ && !(whole_object_ && frames_.size() == raw_base_)) raw_ += array ? '[' : '{';
        push_raw(array);
        return true;
    }

    /// A value starts outside raw mode: if it is directly inside a typed array, it is the next
    /// element, read as the array's element description says.
    bool enter_value()
    {
        if (frames_.empty() || top().element == nullptr) return true;
        frame& f = top();
        if (f.count == limits_.max_array_elements) return too_many_elements();
        ++f.count;
        target_ = target::member;
        member_ = f.element;
        return true;
    }

    /// The first token of a scalar value (string, number, true, false).
    bool begin_scalar(json_type t)
    {
        if (in_raw_) return raw_value_begins(t);
        if (!enter_value()) return false;
        if (target_ == target::member) {
            switch (member_->kind) {
            case value_kind::string:
            case value_kind::text_conversion:
                if (t == json_type::string) return true;
                break;
            case value_kind::boolean:
                if (t == json_type::boolean) return true;
                break;
            case value_kind::integer:
            case value_kind::amount:
                if (t == json_type::number) return true;
                break;
            default: break;
            }
        }
        return begin_raw(t);
    }

    /// A value that the current target keeps whole as JSON text (raw_json, a conversion from any
    /// value, an unknown key), reads whole (an object conversion), or skips: from here on,
    /// tokens are copied to raw_ (or only checked, when skipping) until the value ends.
    bool begin_raw(json_type t)
    {
        if (target_ == target::member) {
            const value_kind k = member_->kind;
            if (k != value_kind::raw && k != value_kind::raw_conversion &&
                (k != value_kind::object_conversion || t != json_type::object))
                return wrong_type(t);
        } else if (target_ == target::root || target_ == target::none) {
            return wrong_type(t);
        }
        in_raw_ = true;
        keep_ = target_ != target::skip;
        whole_object_ =
            target_ == target::member && member_->kind == value_kind::object_conversion;
        if (whole_object_) {
            records_.clear();
            unescaped_.clear();
            records_.reserve(16);
        }
        raw_base_ = frames_.size();
        raw_target_ = target_;
        raw_member_ = member_;
        raw_.clear();
        return true;
    }

    /// Reading an object whole (object conversion), directly inside it: its members are
    /// recorded rather than copied.
    bool at_object_member() const noexcept
    {
        return whole_object_ && frames_.size() == raw_base_ + 1;
    }

    /// A value starts inside a raw value: its separator, its index, its record.
    bool raw_value_begins(json_type t)
    {
        if (frames_.size() == raw_base_) return true; // the raw value itself, not an element
        frame& f = top();
        if (f.array) {
            if (f.count == limits_.max_array_elements) return too_many_elements();
            if (keep_ && f.count > 0) raw_ += ',';
            ++f.count;
        } else if (at_object_member()) {
            member_record& r = records_.back();
            r.type = t;
            r.begin = raw_.size();
        }
        return true;
    }

    /// A scalar inside raw mode has ended, or a container inside it (already popped).
    bool raw_value_ends()
    {
        if (frames_.size() == raw_base_) return finish_raw(); // the raw value was this scalar
        if (at_object_member()) {
            member_record& r = records_.back();
            if (r.type != json_type::string) r.size = raw_.size() - r.begin;
        }
        return true;
    }

    /// An object or array inside raw mode ends with `bracket`.
    bool end_raw_container(char bracket)
    {
        if (keep_ && !at_object_member()) raw_ += bracket; // not the object read whole
        if (frames_.size() == raw_base_ + 1) { // the raw value itself
            const bool ok = finish_raw();
            pop();
            return ok;
        }
        pop();
        return raw_value_ends();
    }

    /// The raw value has ended: hand it over to its member or to extra_fields.
    bool finish_raw()
    {
        in_raw_ = false;
        const bool keep = keep_;
        keep_ = false;
        if (!keep) return true;
        const frame& o = frames_[raw_base_ - 1]; // the object or typed array it belongs to
        if (raw_target_ == target::extra) {
            o.info->add_extra(o.object, key_at(o.key), raw_);
            return true;
        }
        switch (raw_member_->kind) {
        case value_kind::raw: raw_member_->store_raw(o.object, raw_); return true;
        case value_kind::raw_conversion:
            return converted(
                raw_member_->store_converted(o.object, raw_, render(raw_base_), error_));
        case value_kind::object_conversion: {
            const object_view whole = whole_object();
            whole_object_ = false;
            return converted(
                raw_member_->store_object(o.object, whole, render(raw_base_), error_));
        }
        default: return true;
        }
    }

    /// The object read whole for an object conversion, as views into the buffers and the body.
    object_view whole_object()
    {
        members_.clear();
        members_.reserve(records_.size());
        for (const member_record& r : records_) {
            const std::string_view in = r.in == source::body        ? body_
                                        : r.in == source::unescaped ? std::string_view(unescaped_)
                                                                    : std::string_view(raw_);
            members_.push_back({key_at(r.key), r.type, in.substr(r.begin, r.size)});
        }
        return object_view{{members_.data(), members_.size()}};
    }

    bool string_value(std::string_view text)
    {
        if (in_raw_) {
            if (at_object_member()) {
                record_string(text);
            } else if (keep_) {
                append_json_string(raw_, text);
            }
            return raw_value_ends();
        }
        if (member_->kind == value_kind::string) {
            member_->store_string(owner(), text);
            return true;
        }
        return converted(
            member_->store_converted(owner(), text, render(frames_.size()), error_));
    }

    /// A string member of an object read whole: a view into the body if the parser gave one
    /// (unescaped, in one piece), else a copy.
    void record_string(std::string_view text)
    {
        member_record& r = records_.back();
        const auto p = reinterpret_cast<std::uintptr_t>(text.data());
        const auto b = reinterpret_cast<std::uintptr_t>(body_.data());
        if (p >= b && p + text.size() <= b + body_.size()) {
            r.in = source::body;
            r.begin = p - b;
        } else {
            r.in = source::unescaped;
            r.begin = unescaped_.size();
            unescaped_.append(text.data(), text.size());
        }
        r.size = text.size();
    }

    template <class Store>
    bool number(string_view last, Store store)
    {
        if (in_scalar_) { // the end of a number given in parts
            in_scalar_ = false;
            text_.append(last.data(), last.size());
            number_ = {text_.data(), text_.size()};
        } else {
            if (!begin_scalar(json_type::number)) return false;
            number_ = {last.data(), last.size()};
        }
        bool ok = true;
        if (in_raw_) {
            if (keep_) raw_ += number_;
            ok = raw_value_ends();
        } else {
            ok = store();
        }
        text_.clear();
        return ok;
    }

    bool store_int64(std::int64_t v)
    {
        if (member_->kind == value_kind::integer) {
            member_->store_integer(owner(), v);
            return true;
        }
        auto amount = yen::from(v);
        if (!amount) return bad_amount(amount.error().code);
        member_->store_amount(owner(), *amount);
        return true;
    }

    bool store_double(double v)
    {
        // A JSON number with a zero fraction (500.0, 5e2) is a whole number: PortOne documents
        // `amount` as a float64 and may print it either way.
        if (v != std::floor(v)) return not_whole();
        constexpr double limit = 9.0e18; // well inside int64, far above every maximum
        if (v >= limit) return out_of_range(true);
        if (v <= -limit) return out_of_range(false);
        return store_int64(static_cast<std::int64_t>(v));
    }

    bool converted(bool ok) noexcept
    {
        failed_ = !ok;
        return ok;
    }

    // The JSON Pointer, rendered on demand.

    void append_component(const frame& f)
    {
        if (f.array) {
            if (f.count > 0) append_pointer_index(where_, f.count - 1);
        } else if (f.key_member != nullptr) {
            // A member's name is a C++ identifier: nothing to escape.
            where_ += '/';
            where_.append(f.key_member->name.data(), f.key_member->name.size());
        } else if (f.key != no_key) {
            append_pointer_token(where_, key_at(f.key));
        }
    }

    /// The JSON Pointer of the value being read in the first `n` frames, in where_.
    std::string_view build(std::size_t n)
    {
        where_.assign(prefix_.data(), prefix_.size());
        for (std::size_t i = 0; i < n; ++i) append_component(frames_[i]);
        return {where_.data(), where_.size()};
    }

    /// The same, for a conversion: a constant for a member of the body.
    std::string_view render(std::size_t n)
    {
        if (n == 1 && prefix_.empty() && frames_[0].key_member != nullptr)
            return frames_[0].key_member->pointer;
        return build(n);
    }

    // Error paths: out of line, they are rare and their code need not sit in the hot handlers.

    [[gnu::noinline]] bool fail(error e)
    {
        error_ = std::move(e);
        failed_ = true;
        return false;
    }

    [[gnu::noinline]] bool fail(errc code, std::initializer_list<message_part> parts)
    {
        return fail(error{code, std::string(where_.data(), where_.size()), compose(parts)});
    }

    std::string_view where() const noexcept { return {where_.data(), where_.size()}; }

    [[gnu::noinline]] bool too_many_keys()
    {
        build(frames_.size() - 1);
        return fail(errc::limit_exceeded,
                    {"an object at ", shown_path(where()), " has more than ",
                     decimal(static_cast<long long>(limits_.max_object_members)), " keys"});
    }

    [[gnu::noinline]] bool too_many_elements()
    {
        build(frames_.size() - 1);
        return fail(errc::limit_exceeded,
                    {"an array at ", shown_path(where()), " has more than ",
                     decimal(static_cast<long long>(limits_.max_array_elements)), " elements"});
    }

    [[gnu::noinline]] bool duplicate(std::string_view key)
    {
        const std::string object(build(frames_.size() - 1));
        append_component(top());
        return fail(errc::duplicate_key, {"the key ", input(key),
                                          " appears twice in the object at ", shown_path(object)});
    }

    /// Reports the first required member that the object at the top does not have.
    [[gnu::noinline]] void missing()
    {
        const frame& f = top();
        for (std::size_t i = 0; i < f.info->size; ++i) {
            const member_info& m = f.info->members[i];
            if (!m.optional && m.kind != value_kind::extras && !f.has_seen(i)) {
                const std::size_t object_size = build(frames_.size() - 1).size();
                append_pointer_token(where_, m.name);
                fail(missing_error(std::string(where()), object_size));
                return;
            }
        }
    }

    [[gnu::noinline]] bool wrong_type(json_type t)
    {
        build(frames_.size());
        if (target_ == target::root || target_ == target::none)
            return fail(errc::wrong_type,
                        {"the body must be a JSON object, not ", json_type_name(t)});
        return fail(wrong_type_error(std::string(where()), member_->kind, t));
    }

    [[gnu::noinline]] bool bad_amount(errc code)
    {
        build(frames_.size());
        if (code == errc::amount_not_positive)
            return fail(code, {shown_path(where()), " must be a positive amount of yen, got ",
                               input(number_)});
        return fail(code, {shown_path(where()), " is above the maximum of ",
                           decimal(max_minor_units<currency::jpy>), " yen, got ",
                           input(number_)});
    }

    [[gnu::noinline]] bool not_whole()
    {
        build(frames_.size());
        return fail(errc::invalid_value,
                    {shown_path(where()), " must be a whole number",
                     member_->kind == value_kind::amount ? std::string_view(" of yen") : "",
                     ", got ", input(number_)});
    }

    [[gnu::noinline]] bool out_of_range(bool positive)
    {
        if (member_->kind == value_kind::amount)
            return bad_amount(positive ? errc::amount_too_large : errc::amount_not_positive);
        build(frames_.size());
        return fail(errc::invalid_value, {shown_path(where()),
                                          " is out of the range of a 64-bit integer: ",
                                          input(number_)});
    }

    const read_limits& limits_;
    const object_info& root_;
    void* root_object_;
    std::string_view body_;
    std::string_view prefix_;
    // The working memory below comes from scratch_: from buffer_ first (enough for a webhook),
    // then from the heap. Nothing is freed before the read ends (monotonic), which is fine for
    // a bounded body.
    unsigned char buffer_[3072];
    boost::json::monotonic_resource scratch_{buffer_};
    scratch_vector<frame> frames_{&scratch_};
    scratch_vector<key_span> key_spans_{&scratch_}; ///< unknown keys, keys in raw values
    scratch_string key_chars_{&scratch_};
    scratch_string key_{&scratch_};  ///< a key given in parts
    scratch_string text_{&scratch_}; ///< a string or number given in parts
    scratch_string where_{&scratch_}; ///< the last JSON Pointer rendered
    // An object read whole (object conversion): its members, the strings the body does not hold
    // as they are (escaped), and the views handed to the conversion.
    scratch_vector<member_record> records_{&scratch_};
    scratch_string unescaped_{&scratch_};
    scratch_vector<object_member> members_{&scratch_};
    std::string raw_; ///< the raw value being copied (moved into raw_json members: not scratch)
    std::string_view number_; ///< the number being stored, as written (for messages)
    target target_ = target::root;
    const member_info* member_ = nullptr;
    bool in_scalar_ = false;
    bool in_raw_ = false; ///< inside a value kept (or skipped) as raw JSON
    bool keep_ = false;
    bool whole_object_ = false; ///< the raw value is an object read whole
    std::size_t raw_base_ = 0;  ///< frames_.size() when the raw value began
    target raw_target_ = target::none;
    const member_info* raw_member_ = nullptr;
    bool failed_ = false;
    error error_;
    bool may_guess_ = false;
    bool guessed_ = false;
};

/// The depth the parser is given: the caller's limit, never above max_safe_depth.
constexpr std::size_t effective_depth(const read_limits& limits) noexcept
{
    return limits.max_depth < max_safe_depth ? limits.max_depth : max_safe_depth;
}

[[gnu::noinline]] inline error parser_error(const boost::json::error_code& ec,
                                            std::string_view body, std::string where,
                                            std::size_t max_depth)
{
    namespace bj = boost::json;
    const message_part at = shown_path(where);
    std::string message;
    errc code = errc::invalid_json;
    if (ec == bj::error::too_deep) {
        code = errc::limit_exceeded;
        message = compose({"the JSON is nested more than ",
                           decimal(static_cast<long long>(max_depth)), " levels deep at ", at});
    } else if (ec == bj::error::incomplete) {
        message = compose({"the JSON ends early (truncated?) at ", at});
    } else if (ec == bj::error::syntax && !validation::is_valid_utf8(body)) {
        // Boost.JSON reports bad UTF-8 as a syntax error; say which it was.
        message = compose({"the body is not valid UTF-8 (at ", at, ")"});
    } else {
        const std::string what = ec.message();
        message = compose({"the body is not valid JSON (", std::string_view(what), ") at ", at});
    }
    return {code, std::move(where), std::move(message)};
}

/// A SAX handler that only follows where the parser is (the JSON Pointer of the value being
/// read), to say where a body stops being JSON. See syntax_error.
class syntax_checker {
public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    using string_view = boost::json::string_view;
    using error_code = boost::json::error_code;

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_object_begin(error_code&) { return value_begins(), push(false), true; }
    bool on_object_end(std::size_t, error_code&) { return frames_.pop_back(), true; }
    bool on_array_begin(error_code&) { return value_begins(), push(true), true; }
    bool on_array_end(std::size_t, error_code&) { return frames_.pop_back(), true; }
    bool on_key_part(string_view s, std::size_t, error_code&)
    {
        if (!in_key_) frames_.back().key.clear();
        in_key_ = true;
        frames_.back().key.append(s.data(), s.size());
        return true;
    }
    bool on_key(string_view s, std::size_t n, error_code& ec)
    {
        on_key_part(s, n, ec);
        in_key_ = false;
        return true;
    }
    bool on_string_part(string_view, std::size_t, error_code&) { return scalar_part(); }
    bool on_string(string_view, std::size_t, error_code&) { return scalar_ends(); }
    bool on_number_part(string_view, error_code&) { return scalar_part(); }
    bool on_int64(std::int64_t, string_view, error_code&) { return scalar_ends(); }
    bool on_uint64(std::uint64_t, string_view, error_code&) { return scalar_ends(); }
    bool on_double(double, string_view, error_code&) { return scalar_ends(); }
    bool on_bool(bool, error_code&) { return value_begins(), true; }
    bool on_null(error_code&) { return value_begins(), true; }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

    std::string path(std::string_view prefix) const
    {
        std::string p(prefix);
        for (const frame& f : frames_) {
            if (f.array && f.count > 0) append_pointer_index(p, f.count - 1);
            else if (!f.array && f.has_key) append_pointer_token(p, f.key);
        }
        return p;
    }

private:
    struct frame {
        bool array = false;
        bool has_key = false;
        std::size_t count = 0;
        std::string key;
    };

    void push(bool array) { frames_.push_back({array, false, 0, {}}); }
    void value_begins()
    {
        if (frames_.empty()) return;
        frame& f = frames_.back();
        if (f.array) ++f.count;
        else f.has_key = true;
    }
    bool scalar_part()
    {
        if (!in_scalar_) value_begins();
        in_scalar_ = true;
        return true;
    }
    bool scalar_ends()
    {
        if (!in_scalar_) value_begins();
        in_scalar_ = false;
        return true;
    }

    std::vector<frame> frames_;
    bool in_key_ = false;
    bool in_scalar_ = false;
};

/// If `body` is not JSON, the error saying so (errc::invalid_json, at the place it stops being
/// JSON); else nothing. The reader calls it when it has already found another problem (a value
/// it cannot take), so that a body that is not JSON is always reported as such: `{"amount": 0500}`
/// is not a zero amount, and PortOne never sent it. (A template only so that the parser is
/// instantiated where JSON is read.)
template <class = void>
[[gnu::noinline]] std::optional<error> syntax_error(std::string_view body, std::size_t max_depth,
                                                    std::string_view prefix)
{
    boost::json::parse_options options;
    options.max_depth = max_depth;
    boost::json::basic_parser<syntax_checker> parser(options);
    boost::json::error_code ec;
    const std::size_t used = parser.write_some(false, body.data(), body.size(), ec);
    if (ec == boost::json::error::too_deep) return std::nullopt; // JSON, only too deep
    if (ec) return parser_error(ec, body, parser.handler().path(prefix), max_depth);
    if (used != body.size())
        return error{errc::invalid_json, std::string(prefix),
                     compose({"the body has data after the JSON value, at byte ",
                              decimal(static_cast<long long>(used))})};
    return std::nullopt;
}

/// Reads `body` into `object` (described by `info`). A template only so that Boost.JSON's parser
/// is instantiated in the translation units that read JSON, not in every one that includes this
/// header.
///
/// With `read_again` (not nullptr), object conversions may stream their object into the struct
/// they guess (member_info::stream). If reading fails after a guess, or a guess was wrong,
/// `*read_again` is set and nothing is reported: the caller must reset `object` and read again
/// without `read_again`, which reads every such object whole and reports exactly what it finds.
/// Failing inputs are thus read twice; well-formed ones whose guesses are right, once.
template <class Handler = reader_handler<>>
std::optional<error> read_into(std::string_view body, const read_limits& limits,
                               const object_info& info, void* object, std::string_view prefix,
                               bool* read_again = nullptr)
{
    if (body.size() > limits.max_body_size)
        return error{errc::limit_exceeded, std::string(prefix),
                     compose({"the body is ", decimal(static_cast<long long>(body.size())),
                              " bytes, more than the limit of ",
                              decimal(static_cast<long long>(limits.max_body_size))})};
    boost::json::parse_options options;
    options.max_depth = effective_depth(limits);
    boost::json::basic_parser<Handler> parser(options, limits, info, object, body, prefix,
                                              read_again != nullptr);
    boost::json::error_code ec;
    const std::size_t used = parser.write_some(false, body.data(), body.size(), ec);
    Handler& h = parser.handler();
    if (h.guessed() && (h.failed() || ec || used != body.size())) {
        *read_again = true;
        return std::nullopt;
    }
    if (h.failed()) {
        // The first problem in the body, unless the body is not JSON at all (found further on,
        // or inside the value the handler refused, as in 0500).
        if (auto not_json = syntax_error(body, options.max_depth, prefix)) return not_json;
        return std::move(h.failure());
    }
    if (ec) return parser_error(ec, body, h.path(), options.max_depth);
    if (used != body.size())
        return error{errc::invalid_json, std::string(prefix),
                     compose({"the body has data after the JSON value, at byte ",
                              decimal(static_cast<long long>(used))})};
    return std::nullopt;
}

/// Reads an object already read whole (object_view) into `out`, as read_into would read its
/// text: same member types, same errors in the same order. Strings, booleans, nulls, raw values
/// and text conversions are taken from the views; if a member needs the parser (a number, a
/// nested struct or array, an object conversion), the object's text is read again instead, which
/// gives the same result by construction. A template for the same reason as read_into.
template <class = void>
std::optional<error> read_members(const object_view& object, const object_info& info,
                                  void* out, std::string_view at)
{
    if (info.needs_parser) {
        for (const object_member& m : object.members) {
            const member_info* d = info.find(m.key);
            if (d != nullptr && m.type != json_type::null && needs_parser(d->kind)) {
                // The reader already checked this text against the caller's limits, deeper
                // inside the body than it is now.
                const read_limits unlimited{std::size_t(-1), std::size_t(-1), std::size_t(-1),
                                            std::size_t(-1)};
                return read_into(compact_text(object), unlimited, info, out, at);
            }
        }
    }
    std::uint64_t seen[2] = {0, 0};
    std::string where;
    const auto where_of = [&](std::string_view key) -> const std::string& {
        where.assign(at);
        append_pointer_token(where, key);
        return where;
    };
    error e;
    for (const object_member& m : object.members) {
        const member_info* d = info.find(m.key);
        if (d == nullptr) {
            if (info.add_extra != nullptr) {
                std::string json = compact_text(m);
                info.add_extra(out, m.key, json);
            }
            continue;
        }
        const auto i = static_cast<std::size_t>(d - info.members);
        seen[i / 64] |= std::uint64_t(1) << (i % 64);
        if (m.type == json_type::null && d->optional && d->kind != value_kind::raw) continue;
        switch (d->kind) {
        case value_kind::string:
            if (m.type != json_type::string) break;
            d->store_string(out, m.text);
            continue;
        case value_kind::text_conversion:
            if (m.type != json_type::string) break;
            if (!d->store_converted(out, m.text, where_of(m.key), e)) return e;
            continue;
        case value_kind::boolean:
            if (m.type != json_type::boolean) break;
            d->store_bool(out, m.text == "true");
            continue;
        case value_kind::raw: {
            std::string json = compact_text(m);
            d->store_raw(out, json);
            continue;
        }
        case value_kind::raw_conversion:
            if (!d->store_converted(out, compact_text(m), where_of(m.key), e)) return e;
            continue;
        default: // needs the parser, so it is null here: a required member set to null
            break;
        }
        return wrong_type_error(where_of(m.key), d->kind, m.type);
    }
    for (std::size_t i = 0; i < info.size; ++i) {
        if (!((info.required[i / 64] >> (i % 64)) & 1u) || ((seen[i / 64] >> (i % 64)) & 1u))
            continue;
        where.assign(at);
        append_pointer_token(where, info.members[i].name);
        return missing_error(std::move(where), at.size());
    }
    return std::nullopt;
}

} // namespace detail

/// Reads `body`, a JSON object, into a new T (a described struct; see the top of this file for
/// the member types and policies). `at` is the JSON Pointer of `body` inside a larger document,
/// used as the prefix of every error's `where`.
template <describe::described T>
result<T> read(std::string_view body, const read_limits& limits = {}, std::string_view at = {})
{
    static_assert(std::is_default_constructible_v<T>,
                  "portone::json::read needs a default-constructible struct (give required "
                  "portone::yen members a default member initializer)");
    result<T> out; // T is built in place and read into: the result is not moved member by member
    const detail::object_info& info = detail::object_table<T>::info;
    bool read_again = false;
    auto e = detail::read_into(body, limits, info, &*out, at, &read_again);
    if (read_again) { // a conversion guessed wrong, or the body is bad: read it exactly
        *out = T();
        e = detail::read_into(body, limits, info, &*out, at);
    }
    if (e) out = result<T>(boost::system::in_place_error, std::move(*e));
    return out;
}

/// What a guessing object conversion's `stream` returns to have the object read straight into
/// `object` (a described struct it has built in place, inside the member).
template <describe::described T>
streamed_object stream_into(T& object) noexcept
{
    return {&detail::object_table<T>::info, &object};
}

/// Reads an object that the reader has already read whole (what a conversion_source::object
/// conversion receives) into a new T, exactly as read<T> would read its text. `at` is the
/// object's JSON Pointer, the prefix of every error's `where`.
template <describe::described T>
result<T> read(const object_view& object, std::string_view at = {})
{
    static_assert(std::is_default_constructible_v<T>,
                  "portone::json::read needs a default-constructible struct (give required "
                  "portone::yen members a default member initializer)");
    result<T> out;
    if (auto e = detail::read_members(object, detail::object_table<T>::info, &*out, at))
        out = result<T>(boost::system::in_place_error, std::move(*e));
    return out;
}

} // namespace portone::json
