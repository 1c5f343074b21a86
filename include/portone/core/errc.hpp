// SPDX-License-Identifier: BSL-1.0
// The library's error codes, as an error-code enum: portone::errc converts to
// boost::system::error_code and std::error_code (category "portone"), as Boost.JSON's
// boost::json::error does, so code that handles error_codes handles the library's too. The typed
// error that carries one (portone::error: code, where, message) is in core/error.hpp.
#pragma once

#include <boost/system/error_category.hpp>
#include <boost/system/error_code.hpp>

#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace portone {

/// What kind of problem an error reports. Stable: callers may switch on it.
enum class errc {
    missing_field = 1,       ///< a field the method or PortOne requires is absent
    invalid_value,           ///< a value is present but malformed (email, phone, URL, ...)
    amount_not_positive,     ///< zero or negative amount
    amount_too_large,        ///< above portone::max_yen_amount
    amount_mismatch,         ///< order items do not add up to the amount
    unsupported_currency,    ///< a currency the channel does not accept
    unknown_method,          ///< a method key not in the catalog
    not_available_in_sandbox,///< the method has no sandbox
    not_refundable,          ///< the method does not support refunds
    not_available_in_checkout,///< the method cannot be offered through hosted Checkout
    invalid_json,            ///< input is not JSON, or is truncated
    wrong_type,              ///< a JSON value has the wrong type
    limit_exceeded,          ///< input over a size or depth limit
    duplicate_key,           ///< a JSON object repeats a key
    invalid_signature,       ///< a signature is missing, malformed or does not match
    mismatch,                ///< a message disagrees with what the merchant expected
    api_error,               ///< PortOne answered with an error body
    crypto_failure,          ///< OpenSSL failed (out of memory, broken provider): nothing was
                             ///< checked; answer 5xx so that PortOne retries, not 401
};

/// A short, stable name for an error code ("missing_field").
constexpr std::string_view to_string(errc c) noexcept
{
    switch (c) {
    case errc::missing_field: return "missing_field";
    case errc::invalid_value: return "invalid_value";
    case errc::amount_not_positive: return "amount_not_positive";
    case errc::amount_too_large: return "amount_too_large";
    case errc::amount_mismatch: return "amount_mismatch";
    case errc::unsupported_currency: return "unsupported_currency";
    case errc::unknown_method: return "unknown_method";
    case errc::not_available_in_sandbox: return "not_available_in_sandbox";
    case errc::not_refundable: return "not_refundable";
    case errc::not_available_in_checkout: return "not_available_in_checkout";
    case errc::invalid_json: return "invalid_json";
    case errc::wrong_type: return "wrong_type";
    case errc::limit_exceeded: return "limit_exceeded";
    case errc::duplicate_key: return "duplicate_key";
    case errc::invalid_signature: return "invalid_signature";
    case errc::mismatch: return "mismatch";
    case errc::api_error: return "api_error";
    case errc::crypto_failure: return "crypto_failure";
    }
    return "unknown";
}

/// What a code means, as a phrase: error_code::message() for a portone::errc.
constexpr std::string_view message_of(errc c) noexcept
{
    switch (c) {
    case errc::missing_field: return "a field the method or PortOne requires is absent";
    case errc::invalid_value: return "a value is present but malformed (email, phone, URL, ...)";
    case errc::amount_not_positive: return "an amount of zero or less";
    case errc::amount_too_large: return "an amount above portone::max_yen_amount";
    case errc::amount_mismatch: return "order items do not add up to the amount";
    case errc::unsupported_currency: return "a currency the channel does not accept";
    case errc::unknown_method: return "a method key not in the catalog";
    case errc::not_available_in_sandbox: return "the method has no sandbox";
    case errc::not_refundable: return "the method does not support refunds";
    case errc::not_available_in_checkout: return "the method cannot be offered through hosted Checkout";
    case errc::invalid_json: return "input is not JSON, or is truncated";
    case errc::wrong_type: return "a JSON value has the wrong type";
    case errc::limit_exceeded: return "input over a size or depth limit";
    case errc::duplicate_key: return "a JSON object repeats a key";
    case errc::invalid_signature: return "a signature is missing, malformed or does not match";
    case errc::mismatch: return "a message disagrees with what the merchant expected";
    case errc::api_error: return "PortOne answered with an error body";
    case errc::crypto_failure: return "OpenSSL failed, so nothing was checked";
    }
    return "unknown portone error";
}

namespace detail {

/// The "portone" error category. One object for the program (a function-local static of an
/// inline function), compared by address as Boost.System does for categories without an id.
class error_category_impl final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "portone"; }
    std::string message(int ev) const override
    {
        return std::string(message_of(static_cast<errc>(ev)));
    }
    const char* message(int ev, char* buffer, std::size_t size) const noexcept override
    {
        const std::string_view text = message_of(static_cast<errc>(ev));
        if (size == 0) return buffer;
        const std::size_t n = text.size() < size - 1 ? text.size() : size - 1;
        text.copy(buffer, n);
        buffer[n] = '\0';
        return buffer;
    }
};

} // namespace detail

/// The category of portone::errc values.
inline const boost::system::error_category& error_category() noexcept
{
    static const detail::error_category_impl category;
    return category;
}

/// Found by argument-dependent lookup when an errc becomes an error_code.
inline boost::system::error_code make_error_code(errc c) noexcept
{
    return {static_cast<int>(c), error_category()};
}

} // namespace portone

template <>
struct boost::system::is_error_code_enum<portone::errc> : std::true_type {};

// std::error_code{errc::x} calls make_error_code (above), whose boost::system::error_code converts
// to std::error_code.
template <>
struct std::is_error_code_enum<portone::errc> : std::true_type {};
