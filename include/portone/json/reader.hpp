// SPDX-License-Identifier: BSL-1.0
// Reading JSON into described structs (core/describe.hpp), for untrusted input such as webhooks.
//
//   struct address { std::optional<std::string> city; std::string country_code; };
//   PORTONE_DESCRIBE(address, city, country_code);   // in address's own namespace
//
//   portone::result<address> a = portone::json::read<address>(body);   // never throws
//
// The reader is a SAX handler for Boost.JSON's basic_parser that writes each value straight into
// its member: there is no boost::json::value in between (no DOM, no second walk, no allocation
// per value beyond the strings that end up in the struct). The same PORTONE_DESCRIBE line drives
// the writer (json/writer.hpp, json::write), so a member's JSON key is its name in both
// directions, and the member types are the same (json/member_types.hpp): what is read can be
// written and read back.
//
// Member types and the JSON they accept:
//
//   std::string            a string
//   bool                   true or false
//   an integer type        an integer within the type's range (also a number with a zero
//                          fraction: 7.0); outside it, errc::invalid_value. (Not char: a
//                          character is not a number.)
//   portone::money<C>      a number of C's minor units (portone::yen: of yen): 500 and 500.0 are
//                          accepted; 500.5, 0, negative amounts and amounts above
//                          portone::max_minor_units<C> are typed errors (invalid_value,
//                          amount_not_positive, amount_too_large)
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
// std::string_view and std::span members are the writer's only: a struct holding one does not
// compile with read<T> (one error, where read<T> is called), since nothing would own the text.
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
// Cost (docs/benchmarks.md, "Reading a payment webhook"): reading and verifying a webhook takes
// about 0.8 to 0.9 times a Boost.JSON DOM parse of the same body into a monotonic_resource plus
// the same verification. Keys are found through a hash table per struct built at compile time; the JSON
// Pointer is not kept while reading but rendered from the reader's stack when an error needs it;
// the reader's working memory is a buffer on the stack; strings are stored straight from the
// parser's buffer. The only allocations are the values stored (strings longer than 15 bytes).
//
// How it is built (the arrangement of Boost.JSON's boost/json/detail/parse_into.hpp and its impl
// files). This header only holds the entry points: read<T> looks up T's member table and hands
// it, with a void* to the T, to detail::read_into, which is not a template. Everything that is
// not per type is in json/detail/, one concern a file:
//
//   member_table.hpp    the table of a described struct (object_table<T>) and of a std::vector
//                       member (element_table): keys, kinds, type-erased store functions. The
//                       only part instantiated per type, in the user's translation unit
//   key_hash.hpp        finding a key in a table (inline: it runs for every key of the body)
//   read_into.hpp       read_into (a body) and read_members (an object_view): the entry points
//                       behind read<T>; impl/read_into.ipp instantiates Boost.JSON's parser for
//                       the SAX handler (and impl/syntax_checker.ipp for the syntax check): the
//                       only files that include basic_parser_impl.hpp
//   reader_handler.hpp  the SAX handler, included only by impl/read_into.ipp
//   syntax_checker.hpp  whether a body the handler refused is JSON at all, and where it stops
//   json_pointer.hpp    rendering the JSON Pointer of an error
//   raw_text.hpp        values kept as compact JSON text (compact_text)
//   read_errors.hpp     the errors several of these build alike
//
// Header-only (the default), each detail header includes its impl/*.ipp at its end, so every
// translation unit that includes this header instantiates the parser, whether it reads JSON or
// not. With portone::compiled (PORTONE_SEPARATE_COMPILATION) they only declare, the parser and
// the handler are compiled once in <portone/src.hpp>, and a translation unit that reads JSON
// instantiates only its structs' tables.
#pragma once

#include <portone/config.hpp>
#include <portone/core/describe.hpp>
#include <portone/core/error.hpp>
#include <portone/core/money.hpp>
#include <portone/json/describe.hpp>
#include <portone/json/detail/json_pointer.hpp>
#include <portone/json/detail/member_table.hpp>
#include <portone/json/detail/raw_text.hpp>
#include <portone/json/detail/read_into.hpp>
#include <portone/json/read_types.hpp>
#include <portone/json/string_escape.hpp>

#include <string_view>
#include <type_traits>
#include <utility>

namespace portone::json {

namespace detail {
/// A described struct with no members: what read<T> looks up instead of T when T has a member it
/// cannot read, so that its static_assert is the only error (T's own table would fail too).
struct unreadable {};
constexpr describe::member_list<> portone_describe_members(unreadable*) noexcept
{
    return {};
}
template <class T>
using if_readable = std::conditional_t<readable<T>, T, unreadable>;
} // namespace detail

// (A macro: static_assert takes a string literal only.)
#define PORTONE_DETAIL_UNREADABLE_MESSAGE                                                         \
    "portone::json::read cannot read a member of this struct or of a struct in it (the member " \
    "types it reads are listed in json/member_types.hpp; at most one extra_fields; "            \
    "std::string_view and std::span are for writing only: nothing would own what they view)"

/// Reads `body`, a JSON object, into a new T (a described struct; see the top of this file for
/// the member types and policies). `at` is the JSON Pointer of `body` inside a larger document,
/// used as the prefix of every error's `where`. `context` is handed to the conversions that take
/// one (the protocol's readers pass the method catalog their caller gave them).
template <describe::described T>
result<T> read(std::string_view body, const read_limits& limits = {}, std::string_view at = {},
               const read_context& context = {})
{
    static_assert(std::is_default_constructible_v<T>,
                  "portone::json::read needs a default-constructible struct (give required "
                  "portone::yen members a default member initializer)");
    static_assert(detail::readable<T>, PORTONE_DETAIL_UNREADABLE_MESSAGE);
    result<T> out; // T is built in place and read into: the result is not moved member by member
    const detail::object_info& info = detail::object_table<detail::if_readable<T>>::info;
    bool read_again = false;
    auto e = detail::read_into(body, limits, context, info, &*out, at, &read_again);
    if (read_again) { // a conversion guessed wrong, or the body is bad: read it exactly
        out.emplace(); // in place: `*out = T()` inlined T's member-by-member move here
        e = detail::read_into(body, limits, context, info, &*out, at);
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
result<T> read(const object_view& object, std::string_view at = {},
               const read_context& context = {})
{
    static_assert(std::is_default_constructible_v<T>,
                  "portone::json::read needs a default-constructible struct (give required "
                  "portone::yen members a default member initializer)");
    static_assert(detail::readable<T>, PORTONE_DETAIL_UNREADABLE_MESSAGE);
    result<T> out;
    if (auto e = detail::read_members(object, detail::object_table<detail::if_readable<T>>::info,
                                      &*out, at, context))
        out = result<T>(boost::system::in_place_error, std::move(*e));
    return out;
}

} // namespace portone::json
