// SPDX-License-Identifier: BSL-1.0
// KOMOJU as a PortOne channel: the facts that hold for every KOMOJU method.
#pragma once

#include <portone/core/currency.hpp>

#include <array>
#include <string_view>

namespace portone::komoju {

/// The KOMOJU channel. "Komoju PG currently only supports JPY" and serves Japan only (PortOne's
/// KOMOJU page).
struct channel {
    /// `pmt_channel` in requests, `channel_key` in webhooks, `channel` in refunds.
    static constexpr std::string_view key = "KOMOJU";
    /// The only currency KOMOJU accepts.
    using currency = portone::currency::jpy;
    /// ISO 3166-1 alpha-2 country code.
    static constexpr std::string_view country = "JP";
};

inline constexpr std::string_view pmt_channel = channel::key;
inline constexpr std::string_view currency_code = channel::currency::code;
inline constexpr std::string_view country_code = channel::country;

/// The KOMOJU webhook events a merchant must enable on the KOMOJU dashboard (Manage > Webhooks) so
/// that PortOne learns about payment state changes.
inline constexpr std::array<std::string_view, 5> required_webhook_events = {
    "payment.captured", "payment.expired", "payment.cancelled", "payment.refunded",
    "payment.failed"};

} // namespace portone::komoju
