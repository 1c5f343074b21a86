// SPDX-License-Identifier: BSL-1.0
// From a method key string (a form value, a webhook's method_key) to the method: its traits, or
// its type through a visitor. An unknown key is a typed error, never a crash.
#pragma once

#include <portone/core/error.hpp>
#include <portone/core/method_catalog.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/komoju/catalog.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace portone::komoju {

/// KOMOJU's methods as a catalog: what the channel-generic readers and checks are handed
/// (portone::parse_payment_webhook(body, komoju::methods), portone::check_form(form,
/// komoju::methods), ...) to look KOMOJU's method keys and konbini store codes up in.
inline constexpr method_catalog methods{channel::key, channel::country, all_traits};

/// The traits of the method with this key ("KOMOJU_PAYPAY"), or nullptr. Keys are case-sensitive.
constexpr const method_traits* find_method(std::string_view key) noexcept
{
    return methods.find(key);
}

/// The traits of the method with this key, or an errc::unknown_method error pointing at `where`.
inline result<const method_traits*> method_by_key(std::string_view key,
                                                  std::string_view where = "pmt_method")
{
    return methods.by_key(key, where);
}

/// The traits of the konbini method whose KOMOJU store code is `store` ("family-mart"), or nullptr.
constexpr const method_traits* find_konbini_store(std::string_view store) noexcept
{
    return methods.find_store(store);
}

/// Calls `f(M{})` with the type M of the method whose key is `key`, and returns what it returns;
/// an unknown key is an errc::unknown_method error and `f` is not called. Every f(M{}) must return
/// the same type.
///
///     auto refundable = komoju::visit_method(key, [](auto m) {
///         return portone::is_refundable_v<decltype(m)>;
///     });
template <class F>
auto visit_method(std::string_view key, F&& f)
    -> result<std::invoke_result_t<F&, credit_card>>
{
    using R = std::invoke_result_t<F&, credit_card>;
    if constexpr (std::is_void_v<R>) {
        bool found = false;
        for_each_method([&](auto m) {
            if (!found && decltype(m)::traits.key == key) {
                found = true;
                f(m);
            }
        });
        if (!found) return methods.unknown_key(key, "pmt_method");
        return {};
    } else {
        std::optional<R> out;
        for_each_method([&](auto m) {
            if (!out && decltype(m)::traits.key == key) out.emplace(f(m));
        });
        if (!out) return methods.unknown_key(key, "pmt_method");
        return std::move(*out);
    }
}

} // namespace portone::komoju
