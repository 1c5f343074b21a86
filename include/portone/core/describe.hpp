// SPDX-License-Identifier: BSL-1.0
// Compile-time descriptions of plain structs: the list of their members, each with its name and a
// pointer to member. The JSON writer and readers are generated from these descriptions instead of
// being written per struct.
//
//   struct address { std::optional<std::string> city; std::optional<std::string> line_1; };
//   PORTONE_DESCRIBE(address, city, line_1)       // at namespace scope, inside or outside portone
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
#pragma once

#include <boost/preprocessor/seq/for_each_i.hpp>
#include <boost/preprocessor/stringize.hpp>
#include <boost/preprocessor/punctuation/comma_if.hpp>
#include <boost/preprocessor/variadic/to_seq.hpp>

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

/// The description of T: specialised by PORTONE_DESCRIBE, with `using members = member_list<...>`.
template <class T>
struct description;

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

#define PORTONE_DETAIL_DESCRIBE_MEMBER(r, type, i, name)                                          \
    BOOST_PP_COMMA_IF(i)::portone::describe::member<BOOST_PP_STRINGIZE(name), &type::name>

/// Describes `type`'s members (their names, in order) for the JSON layer. Use at global scope.
#define PORTONE_DESCRIBE(type, ...)                                                               \
    template <>                                                                                   \
    struct portone::describe::description<type> {                                                 \
        using members = ::portone::describe::member_list<BOOST_PP_SEQ_FOR_EACH_I(                 \
            PORTONE_DETAIL_DESCRIBE_MEMBER, type, BOOST_PP_VARIADIC_TO_SEQ(__VA_ARGS__))>;        \
    }
