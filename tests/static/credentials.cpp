// SPDX-License-Identifier: BSL-1.0
// PortOne's two credentials are distinct types that do not convert into each other, nor from or
// into plain strings implicitly: a secret passed where the public key goes (into a request body,
// a log line) does not compile. (Streaming and serializing a secret are compile-fail tests.)
#include <portone/komoju.hpp>

#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

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
// Nor into a number: the one conversion declared, to long double, exists so that std::to_string
// has exactly one viable overload, and using it does not compile (compile-fail secret.to_string).
static_assert(!std::is_convertible_v<secret_key, int> && !std::is_convertible_v<secret_key, double>);
static_assert(!std::is_convertible_v<secret_key, bool> && !std::is_constructible_v<bool, secret_key>);
// The JSON writers know a secret when they see one, nested or not.
struct with_secret {
    std::optional<secret_key> secret;
};
struct holder {
    std::vector<with_secret> items;
};

PORTONE_DESCRIBE(with_secret, secret);
PORTONE_DESCRIBE(holder, items);

} // namespace
static_assert(portone::json::detail::holds_secret<holder>);
static_assert(!portone::json::detail::holds_secret<portone::payment_fields>);
static_assert(!portone::json::detail::holds_secret<portone::checkout_details>);

// A bearer token (make_jwt's, or the one PortOne's auth-token answer issues) is a credential too:
// not from text implicitly, not into text, and the JSON writers refuse a struct that holds one,
// such as the auth-token answer (secret_of names it, for the token's own sentence).
static_assert(!std::is_convertible_v<std::string, portone::bearer_token>);
static_assert(!std::is_convertible_v<portone::bearer_token, std::string_view>);
static_assert(portone::json::detail::holds_secret<portone::auth_token_response>);
static_assert(std::is_same_v<portone::json::detail::secret_of<portone::auth_token_response>,
                             portone::bearer_token>);
static_assert(std::is_same_v<portone::json::detail::secret_of<holder>, secret_key>);
