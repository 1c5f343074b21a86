// SPDX-License-Identifier: BSL-1.0
// Sandbox or live, as types (for requests built at compile time) and as a value (for requests whose
// environment is read at run time). PortOne selects the environment with a body field, not a host.
#pragma once

#include <concepts>
#include <optional>
#include <string_view>

namespace portone {

/// The run-time form, for values read from configuration or a form.
enum class environment { sandbox, live };

constexpr std::string_view to_string(environment e) noexcept
{
    return e == environment::sandbox ? "sandbox" : "live";
}

/// "sandbox" or "live" (exact spelling, as on the wire); anything else is not an environment.
constexpr std::optional<environment> environment_from_string(std::string_view s) noexcept
{
    if (s == "sandbox") return environment::sandbox;
    if (s == "live") return environment::live;
    return std::nullopt;
}

/// The compile-time forms: pass portone::sandbox or portone::live to a request builder.
struct sandbox_t {
    static constexpr environment value = environment::sandbox;
};
struct live_t {
    static constexpr environment value = environment::live;
};
inline constexpr sandbox_t sandbox{};
inline constexpr live_t live{};

/// sandbox_t or live_t.
template <class E>
concept environment_tag = std::same_as<E, sandbox_t> || std::same_as<E, live_t>;

/// An environment known only at run time (read from configuration), for a request builder:
///
///   const auto env = portone::environment_from_string(config["portone_environment"]);
///   auto request = portone::initiate_payment<komoju::paypay>()
///                      .environment(portone::runtime_environment(*env))  // ... .build();
///
/// The rest of the request stays typed. R6 (a sandbox for a method without one) is then checked by
/// build(), at run time, with the compiler's sentence (errc::not_available_in_sandbox); the
/// request's environment() is the value given, and its JSON is the typed path's, byte for byte.
class runtime_environment {
public:
    constexpr explicit runtime_environment(environment e) noexcept : value_(e) {}
    constexpr environment value() const noexcept { return value_; }

private:
    environment value_;
};

} // namespace portone
