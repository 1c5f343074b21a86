// The vocabulary of the JSON reader (json/reader.hpp), without the parser itself: the limits, the
// member types that keep JSON as text, and the customization point for member types of one's own.
// Headers that only declare readable types (protocol/payment_details.hpp) include this one, so
// they do not pay for Boost.JSON's parser.
#pragma once

#include <portone/core/error.hpp>

#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace portone::json {

/// Limits applied while reading untrusted input. Going over one is an errc::limit_exceeded error.
struct read_limits {
    /// Largest body accepted, in bytes (checked before parsing). A PortOne payment webhook is
    /// about 2 KiB; 64 KiB leaves room for long descriptions and extra fields.
    std::size_t max_body_size = 64 * 1024;
    /// Deepest nesting of objects and arrays (the top-level object is depth 1).
    std::size_t max_depth = 32;
    /// Most keys in one object. Duplicate keys are detected in every object, and this bound keeps
    /// that check cheap whatever the input.
    std::size_t max_object_members = 512;
};

/// Any JSON value, kept as JSON text: for members whose shape PortOne does not document
/// (`additional_data`, `cross_border_data`, `installment_details`), so that nothing is dropped.
/// The text is compact: whitespace between tokens is removed and strings are re-escaped, so equal
/// values read from differently formatted input have equal text. Numbers are kept as written.
struct raw_json {
    std::string text;

    friend bool operator==(const raw_json&, const raw_json&) = default;
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

/// What a converted member reads from the input (see conversion).
enum class conversion_source {
    string,    ///< a JSON string, passed unescaped
    any_value, ///< any JSON value, passed as compact JSON text (as raw_json keeps it)
};

/// Customization point: specialize for a member type V to read it from a JSON string or from any
/// JSON value, converted by a function of yours:
///
///     template <> struct portone::json::conversion<my_status> {
///         static constexpr conversion_source source = conversion_source::string;
///         static result<my_status> convert(std::string_view text, std::string_view where);
///     };
///
/// `where` is the member's JSON Pointer; a failed conversion returns an error that uses it. The
/// primary template is empty: a type without a specialization is not converted.
template <class V>
struct conversion {};

/// True if V has a conversion specialization.
template <class V>
concept converted = requires {
    { conversion<V>::source } -> std::convertible_to<conversion_source>;
};

} // namespace portone::json
