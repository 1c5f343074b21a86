// SPDX-License-Identifier: BSL-1.0
// Writing a described struct as JSON: what json::read<T> reads, written back.
//
//   std::string out;
//   portone::result<std::string_view> json = portone::json::write(out, webhook);
//
// The member types are the reader's (json/member_types.hpp), so a value read can be written and
// read again: read<T>(write(v)) gives v back, member for member (tests/unit/json_writer_test.cpp
// checks it for every struct of the protocol layer). What writing adds: std::string_view and
// std::span<const E> members (views, which the reader cannot fill), and a conversion's
// `to_json(const V&)`, which gives what to write for a V (read_types.hpp).
//
// Policies:
//   - An empty std::optional is omitted (the reader reads an absent member as empty). A present
//     one is written, an empty std::vector as [] (so is a required one: the reader requires it).
//   - raw_json and extra_fields hold JSON text, which is written as is; it is checked first, and
//     text that is not one JSON value is an errc::invalid_json error at its JSON Pointer, as is an
//     extra_fields key that is also a member's name or repeats another (errc::duplicate_key), and
//     an unsigned 64-bit value above int64's maximum (errc::invalid_value): the reader would
//     refuse or misread the result. Nothing is appended to `out` then.
//   - Not checked, so read<T>(write(v)) gives v back for values the reader could have produced:
//     keys repeated inside a raw_json text, and strings that are not UTF-8 (written as they are;
//     the reader refuses both). A value read from a body is never either.
//   - Strings are escaped as the request writers escape them (json/string_escape.hpp).
//   - A conversion's to_json is called more than once per value (the check, the bound, the
//     write): it must return the same thing each time, and should be cheap (a view).
//
// The request bodies (json/initiate_payment.hpp, ...) are written by the same member writers,
// without the checks (their structs hold no JSON text) and with PortOne's convention of omitting
// an empty order_details.
#pragma once

#include <portone/config.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/error.hpp>
#include <portone/json/describe.hpp>
#include <portone/json/detail/json_pointer.hpp>
#include <portone/json/member_types.hpp>
#include <portone/json/output.hpp>
#include <portone/json/read_types.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace portone::json {

namespace detail {

/// errc::invalid_json at `where` if `text` is not one JSON value; nothing otherwise.
PORTONE_DECL std::optional<error> raw_text_problem(std::string_view text, std::string_view where);

/// errc::duplicate_key: extra_fields key `key`, at `where`, is a member's name or a repeat.
PORTONE_DECL error duplicate_extra_key(std::string_view where);

/// errc::invalid_value at `where`: an unsigned value above int64's maximum, which the reader
/// (whose integers are int64) would not take back.
PORTONE_DECL error integer_too_large(std::string_view where, std::uint64_t value);

template <class T>
std::optional<error> check_text(const T& value, std::string& where);

/// Whether a value of type T may be what check_text looks at (JSON text, an unsigned 64-bit
/// integer; a conversion's to_json may give either).
template <class T>
inline constexpr bool unsigned_64 =
    integer_member<T> && std::is_unsigned_v<T> && sizeof(T) == sizeof(std::uint64_t);
template <class T>
struct checked_by_write
    : std::bool_constant<std::is_same_v<T, raw_json> || std::is_same_v<T, extra_fields> ||
                         converted<T> || unsigned_64<T>> {};
/// Whether a value of type T may hold one: decided at compile time, so that writing a struct
/// without any does not walk it twice.
template <class T>
inline constexpr bool needs_check = holds_any<checked_by_write, T>;

/// Checks the JSON text in the extra_fields of a struct of type Owner.
template <class Owner>
std::optional<error> check_extras(const extra_fields& extras, std::string& where)
{
    const std::size_t size = where.size();
    for (std::size_t i = 0; i < extras.size(); ++i) {
        const std::string_view key = extras[i].key;
        append_pointer_token(where, key);
        bool taken = false;
        describe::for_each_member<Owner>([&](auto member) {
            // The extra_fields member's own name is no key: the reader keeps it as an extra.
            using M = decltype(member);
            if constexpr (category_of<typename member_value<M>::type>() != member_category::extras)
                taken = taken || M::name == key;
        });
        for (std::size_t j = 0; j < i && !taken; ++j)
            taken = extras[j].key == key;
        if (taken) return duplicate_extra_key(where);
        if (auto e = raw_text_problem(extras[i].value.text, where)) return e;
        where.resize(size);
    }
    return std::nullopt;
}

/// The first member of `value` (at `where`, which it extends and restores) whose JSON text is not
/// what it must be, or nothing. Only raw_json, extra_fields and what holds them are looked at.
template <class T>
std::optional<error> check_text(const T& value, std::string& where)
{
    if constexpr (converted<T>) {
        return check_text(conversion<T>::to_json(value), where);
    } else if constexpr (is_variant<T>) {
        return std::visit([&](const auto& v) { return check_text(v, where); }, value);
    } else if constexpr (std::is_same_v<T, raw_json> || std::is_same_v<T, raw_json_view>) {
        return raw_text_problem(value.text, where);
    } else if constexpr (unsigned_64<T>) {
        if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return integer_too_large(where, value);
    } else if constexpr (std::is_pointer_v<T>) {
        return check_text(*value, where);
    } else if constexpr (is_optional<T>) {
        if (value) return check_text(*value, where);
    } else if constexpr (is_vector<T>) {
        const std::size_t size = where.size();
        for (std::size_t i = 0; i < value.size(); ++i) {
            append_pointer_index(where, i);
            if (auto e = check_text(value[i], where)) return e;
            where.resize(size);
        }
    } else if constexpr (describe::described<T>) {
        std::optional<error> found;
        describe::for_each_member<T>([&](auto member) {
            if (found) return;
            using M = decltype(member);
            const auto& v = member.of(value);
            if constexpr (std::is_same_v<std::remove_cvref_t<decltype(v)>, extra_fields>) {
                found = check_extras<T>(v, where);
            } else {
                const std::size_t size = where.size();
                where += '/';
                where += M::name;
                found = check_text(v, where);
                if (!found) where.resize(size);
            }
        });
        return found;
    }
    return std::nullopt;
}

} // namespace detail

/// Appends `value` (a described struct) to `out` as a JSON object and returns a view of what was
/// appended; or, if a member holds what would not be read back (see above), that error, with
/// nothing appended. Allocates nothing but `out`'s growth when the struct holds no JSON text
/// (checking JSON text parses it, with a stack on the heap) and there is no error.
template <describe::described T>
result<std::string_view> write(std::string& out, const T& value)
{
    if constexpr (!detail::writable<T>()) {
        return std::string_view();
    } else if constexpr (detail::holds_secret<T>) {
        portone::detail::reject_secret<detail::secret_of<T>>(); // one error, here
        return std::string_view();
    } else {
        if constexpr (detail::needs_check<T>) {
            std::string where;
            if (auto e = detail::check_text(value, where)) return std::move(*e);
        }
        return detail::append_object<true>(out, value);
    }
}

/// The same, as a new string.
template <describe::described T>
result<std::string> write(const T& value)
{
    std::string out;
    if (auto w = write(out, value); !w) return w.error();
    return out;
}

} // namespace portone::json

#ifdef PORTONE_HEADER_ONLY
#include <portone/json/impl/writer.ipp>
#endif
