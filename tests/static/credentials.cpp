// PortOne's two credentials are distinct types that do not convert into each other, nor from or
// into plain strings implicitly: a secret passed where the public key goes (into a request body,
// a log line) does not compile. (Streaming and serializing a secret are compile-fail tests.)
#include <portone/komoju.hpp>

#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>

namespace {

using portone::portone_key;
using portone::secret_key;

// Not into each other.
static_assert(!std::is_convertible_v<secret_key, portone_key>);
static_assert(!std::is_convertible_v<portone_key, secret_key>);
static_assert(!std::is_constructible_v<portone_key, secret_key>);
static_assert(!std::is_constructible_v<secret_key, portone_key>);
static_assert(!std::is_assignable_v<portone_key&, secret_key>);
static_assert(!std::is_assignable_v<secret_key&, portone_key>);

// Not implicitly from text: a key is named where it is made.
static_assert(!std::is_convertible_v<std::string, portone_key>);
static_assert(!std::is_convertible_v<const char*, portone_key>);
static_assert(!std::is_convertible_v<std::string_view, secret_key>);
static_assert(!std::is_convertible_v<const char*, secret_key>);
static_assert(std::is_constructible_v<portone_key, std::string>);
static_assert(std::is_constructible_v<secret_key, std::string_view>);

// A secret does not turn back into text, even explicitly, and is not compared with ==
// (secret_key::same_as compares in constant time).
static_assert(!std::is_convertible_v<secret_key, std::string_view>);
static_assert(!std::is_convertible_v<secret_key, std::string>);
static_assert(!std::is_constructible_v<std::string, secret_key>);
static_assert(!std::is_constructible_v<std::string_view, secret_key>);
static_assert(!std::equality_comparable<secret_key>);

} // namespace
