// SPDX-License-Identifier: BSL-1.0
// Compile-time descriptions of plain structs: the list of their members, each with its name and a
// pointer to member. The JSON writer and readers are generated from these descriptions instead of
// being written per struct.
//
//   namespace shop {
//   struct address { std::optional<std::string> city; std::optional<std::string> line_1; };
//   PORTONE_DESCRIBE(address, city, line_1);      // in the struct's own namespace
//   }
//
//   portone::describe::for_each_member<address>([&](auto m) {
//       using M = decltype(m);          // M::name == "city", M::pointer == &address::city
//   });
//
// Why not BOOST_HANA_ADAPT_STRUCT (or a hana::tuple of members): every translation unit that
// includes a described struct pays for it, whether it uses the description or not, because the
// member names become hana::strings and the list a hana::tuple as soon as the header is read
// (on g++ 12, about 1 MB of compiler memory per member). Here a member is an empty class whose
// name is a string-literal template argument and the list is a bare type list, which costs next
// to nothing until it is used; iteration is one fold expression.
//
// PORTONE_DESCRIBE declares a function, `portone_describe_members(T*)`, in the struct's namespace,
// whose return type is the member list; description<T> finds it by argument-dependent lookup (as
// Boost.Describe and Boost.JSON's tag_invoke do), so a struct is described next to itself,
// wherever it lives, and the function is never defined or called. Its expansion is flat
// (detail/describe_each.hpp), not Boost.PP's sequence macros, which made it cost g++ more than the
// list written out (docs/benchmarks.md, "Describing structs"). A class template's instances are
// described by specializing description (api_envelope<Content> is).
#pragma once

#include <portone/core/detail/describe_each.hpp>

#include <cstddef>
#include <string_view>

namespace portone::describe {

/// A string literal usable as a template argument: member<"city", &address::city>.
template <std::size_t N>
struct name_literal {
    char text[N];
    consteval name_literal(const char (&s)[N]) noexcept
    {
        for (std::size_t i = 0; i < N; ++i) text[i] = s[i];
    }
    static constexpr std::size_t size = N - 1; // without the terminating zero
};

/// One member of a described struct: its name (also its JSON key) and its pointer to member.
template <name_literal Name, auto Pointer>
struct member {
    static constexpr std::string_view name{Name.text, Name.size};
    static constexpr auto pointer = Pointer;
    /// The member of `object`.
    template <class T>
    static constexpr const auto& of(const T& object) noexcept
    {
        return object.*Pointer;
    }
};

/// A list of member<...> types.
template <class... Members>
struct member_list {
    static constexpr std::size_t size = sizeof...(Members);
};

/// The description of T, `using members = member_list<...>`: the one PORTONE_DESCRIBE declared
/// in T's namespace, or a specialization.
template <class T>
struct description {};

template <class T>
    requires requires(T* p) { portone_describe_members(p); }
struct description<T> {
    using members = decltype(portone_describe_members(static_cast<T*>(nullptr)));
};

/// True for a struct described with PORTONE_DESCRIBE.
template <class T>
concept described = requires { typename description<T>::members; };

/// The members of T, in declaration order, as a member_list.
template <described T>
using members_of = typename description<T>::members;

namespace detail {
template <class... Members, class F>
constexpr void for_each_in(member_list<Members...>, F&& f)
{
    (f(Members{}), ...);
}
} // namespace detail

/// Calls f(member<...>{}) for each member of T, in declaration order.
template <described T, class F>
constexpr void for_each_member(F&& f)
{
    detail::for_each_in(members_of<T>{}, f);
}

} // namespace portone::describe

/// Describes `type`'s members (their names, in order, at most 128) for the JSON layer. Write it
/// after the struct, in the struct's namespace, followed by a semicolon (which ends the
/// static_assert: the function is defined, so that g++ does not warn about a function declared in
/// an anonymous namespace and never defined; it is only ever named in decltype).
#define PORTONE_DESCRIBE(type, ...)                                                               \
    [[maybe_unused]] constexpr ::portone::describe::member_list<                                  \
        PORTONE_DETAIL_DESCRIBE_EACH(type, __VA_ARGS__)>                                          \
    portone_describe_members(type*) noexcept                                                      \
    {                                                                                             \
        return {};                                                                                \
    }                                                                                             \
    static_assert(true)
