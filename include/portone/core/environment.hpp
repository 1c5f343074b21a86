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

} // namespace portone
