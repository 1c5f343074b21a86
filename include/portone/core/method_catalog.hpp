// SPDX-License-Identifier: BSL-1.0
// A channel's payment methods as data: what channel-generic code looks a method key or a konbini
// store code up in (the webhook, redirect and transaction readers, the run-time form and Checkout
// checks). The generic layers never name a channel; their callers hand them a catalog, such as
// komoju::methods, so that a second channel is a second catalog, not a fork of the readers.
//
//   auto hook = portone::parse_payment_webhook(body, portone::komoju::methods);
#pragma once

#include <portone/config.hpp>
#include <portone/core/error.hpp>
#include <portone/core/method_traits.hpp>

#include <span>
#include <string_view>

namespace portone {

/// The methods of one channel (or of several, joined by the program), each by its traits.
struct method_catalog {
    /// How errors name the catalog: "KOMOJU" in "\"X\" is not a KOMOJU payment method key".
    std::string_view name;
    /// The channel's country (ISO 3166-1 alpha-2, "JP"): a Checkout request's `country_code`.
    std::string_view country;
    std::span<const method_traits* const> methods;

    /// The traits of the method with this key ("KOMOJU_PAYPAY"), or nullptr. Keys are
    /// case-sensitive.
    constexpr const method_traits* find(std::string_view key) const noexcept
    {
        for (const method_traits* t : methods)
            if (t->key == key) return t;
        return nullptr;
    }

    /// The traits of the konbini method whose store code is `store` ("family-mart"), or nullptr.
    constexpr const method_traits* find_store(std::string_view store) const noexcept
    {
        for (const method_traits* t : methods)
            if (t->kind == method_kind::konbini && t->store == store) return t;
        return nullptr;
    }

    /// find(key), or an errc::unknown_method error at `where` that names this catalog.
    PORTONE_DECL result<const method_traits*> by_key(std::string_view key,
                                                     std::string_view where) const;

    /// The errc::unknown_method error by_key gives for `key`.
    PORTONE_DECL error unknown_key(std::string_view key, std::string_view where) const;
};

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/core/impl/method_catalog.ipp>
#endif
