// SPDX-License-Identifier: BSL-1.0
// The vocabulary of the JSON reader (json/reader.hpp), without the parser itself: the limits, the
// member types that keep JSON as text, and the customization point for member types of one's own.
// Headers that only declare readable types (protocol/payment_details.hpp) include this one, so
// they do not pay for Boost.JSON's parser.
#pragma once

#include <portone/core/error.hpp>
#include <portone/core/method_catalog.hpp>

#include <concepts>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace portone::json {

/// The deepest nesting the reader ever lets Boost.JSON's parser go, whatever read_limits asks
/// for: the parser recurses once per level, so depth is stack. Measured with a 1 MiB thread stack
/// (what some servers give their threads; the default main-thread stack is 8 MiB), the reader
/// runs out of stack at about 9,200 levels in an optimised build, 2,200 in a clang -O0 build and
/// 940 in a clang -O0 AddressSanitizer build; 256 leaves a margin of more than 3 in the worst of
/// them (tests/unit/json_reader_test.cpp reads at this depth on a 1 MiB thread).
inline constexpr std::size_t max_safe_depth = 256;

/// Limits applied while reading untrusted input. Going over one is an errc::limit_exceeded error.
struct read_limits {
    /// Largest body accepted, in bytes (checked before parsing). A PortOne payment webhook is
    /// about 2 KiB; 64 KiB leaves room for long descriptions and extra fields.
    std::size_t max_body_size = 64 * 1024;
    /// Deepest nesting of objects and arrays (the top-level object is depth 1). Values above
    /// max_safe_depth are read as max_safe_depth.
    std::size_t max_depth = 32;
    /// Most keys in one object. Duplicate keys are detected in every object, and this bound keeps
    /// that check cheap whatever the input.
    std::size_t max_object_members = 512;
    /// Most elements in one array, typed (a std::vector member) or kept as raw JSON. Each element
    /// of a std::vector of structs is a whole struct, so without this bound a 64 KiB body of `{}`
    /// could make the reader allocate megabytes.
    std::size_t max_array_elements = 1024;
};

/// What a conversion may need besides the value: whoever calls read<T> hands it in, and the
/// reader passes it on to every conversion whose `convert` (or `streamed`) takes it as a last
/// parameter. The protocol's readers set `methods` to the catalog their caller gave them, so that
/// a method key is looked up in it (the JSON layer names no channel).
struct read_context {
    const method_catalog* methods = nullptr;
};

/// Any JSON value, kept as JSON text: for members whose shape PortOne does not document
/// (`additional_data`, `cross_border_data`, `installment_details`), so that nothing is dropped.
/// The text is compact: whitespace between tokens is removed and strings are re-escaped, so equal
/// values read from differently formatted input have equal text. Numbers are kept as written.
struct raw_json {
    std::string text;

    friend bool operator==(const raw_json&, const raw_json&) = default;
};

/// JSON text viewed rather than owned: what a conversion's to_json may return for a value it
/// keeps as JSON text (a number as written, an object kept whole). Written as is, after the
/// check raw_json gets (json/writer.hpp).
struct raw_json_view {
    std::string_view text;
};

/// A key the described struct does not know, with its value as JSON text.
struct extra_field {
    std::string key;
    raw_json value;

    friend bool operator==(const extra_field&, const extra_field&) = default;
};

/// A member of this type collects the unknown keys of its object, in input order, instead of
/// skipping them. It matches no key itself; at most one per described struct.
struct extra_fields : std::vector<extra_field> {
    using std::vector<extra_field>::vector;

    /// The value of the unknown key `key`, or nullptr.
    const raw_json* find(std::string_view key) const noexcept
    {
        for (const auto& f : *this)
            if (f.key == key) return &f.value;
        return nullptr;
    }
};

/// The type of a JSON value.
enum class json_type : unsigned char { object, array, string, number, boolean, null };

/// A member of a JSON object that the reader has already read (see object_view).
struct object_member {
    std::string_view key; ///< unescaped
    json_type type{};
    /// A string's unescaped text; for any other type, the value as compact JSON text (as
    /// raw_json keeps it). json::compact_text(member) (reader.hpp) gives the JSON of either.
    std::string_view text;
};

/// A JSON object read once, whole: what a conversion_source::object conversion receives. The
/// reader has already checked it (syntax, UTF-8, duplicate keys, limits). Its views point into
/// the body and the reader's buffers: they are valid during the conversion call only.
///
/// This is for members whose shape depends on a key that may come last (PortOne's
/// additional_payment_details and its `type`): the conversion looks the key up, then reads the
/// members into the struct it chose with json::read<T>(const object_view&, where), without
/// parsing anything again. json::compact_text(object) gives its text, as raw_json would keep it.
struct object_view {
    std::span<const object_member> members; ///< in input order; keys are unique

    /// The member with key `key`, or nullptr.
    const object_member* find(std::string_view key) const noexcept
    {
        for (const auto& m : members)
            if (m.key == key) return &m;
        return nullptr;
    }
};

/// What a converted member reads from the input (see conversion).
enum class conversion_source {
    string,    ///< a JSON string, passed unescaped
    any_value, ///< any JSON value, passed as compact JSON text (as raw_json keeps it)
    object,    ///< a JSON object (anything else is errc::wrong_type), passed as an object_view
};

/// Customization point: specialize for a member type V to read it from a JSON string, from any
/// JSON value or from a JSON object, converted by a function of yours:
///
///     template <> struct portone::json::conversion<my_status> {
///         static constexpr conversion_source source = conversion_source::string;
///         static result<my_status> convert(std::string_view text, std::string_view where);
///     };
///
/// With conversion_source::object, `convert` takes `const object_view&` instead of the text.
/// A conversion that needs the reader's read_context takes it as a third parameter,
/// `convert(text, where, const read_context&)`.
/// `where` is the member's JSON Pointer; a failed conversion returns an error that uses it. The
/// primary template is empty: a type without a specialization is not converted.
///
/// An object conversion may also guess, from the members of its owner read before the object,
/// which described struct the object will be, and have the object streamed straight into it
/// (faster than reading it whole, then again into the struct). It declares both of:
///
///     template <class Owner>   // the struct holding the member, as read so far
///     static streamed_object stream(const Owner& owner, V& value);
///         // json::stream_into(s) for a struct s it has built inside `value`, or {}: no guess
///     static bool streamed(V& value);   // or (V& value, const read_context& context)
///         // after the object: true if `value` is what `convert` makes of the same object
///
/// (streamed_object and stream_into come with json/reader.hpp.) If the guess was wrong, or reading
/// fails after a guess, the reader reads the whole body again without guessing, so the result
/// and the errors are always those of `convert`.
///
/// To be written (json/writer.hpp), a conversion also declares what a V is written as:
///
///     static std::string_view to_json(const my_status& s);   // or any type the writer takes:
///         // an integer, a described struct, raw_json_view, a pointer to one of these, or a
///         // std::variant of them
///
/// `convert` must read back what `to_json` writes. to_json is called more than once per value
/// written (a check, a bound, the writing): it must give the same each time, and should be cheap.
template <class V>
struct conversion {};

/// True if V has a conversion specialization.
template <class V>
concept converted = requires {
    { conversion<V>::source } -> std::convertible_to<conversion_source>;
};

} // namespace portone::json
