// Typed errors shared by every layer: what went wrong (a code), where (a field or JSON path) and a
// sentence for humans. Functions that can fail return portone::result<T>; nothing in the
// non-throwing API throws.
#pragma once

#include <boost/system/result.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
    }
    return "unknown";
}

/// One problem: a code, the place it concerns (a request field such as
/// "billing_details.billing_phone", or a JSON path such as "/additional_payment_details/store"),
/// and a sentence. Messages never contain secrets.
struct error {
    errc code{};
    std::string where;
    std::string message;

    friend bool operator==(const error&, const error&) = default;
};

/// Every problem found in one input, in the order they were found. Validation reports all of them
/// at once so a form can show every mistake in one round trip.
struct errors : std::vector<error> {
    using std::vector<error>::vector;

    /// True if some error has this code and place.
    bool contains(errc c, std::string_view where) const noexcept
    {
        for (const auto& e : *this)
            if (e.code == c && e.where == where) return true;
        return false;
    }

    /// All messages, one per line.
    std::string to_string() const
    {
        std::string s;
        for (const auto& e : *this) {
            if (!s.empty()) s += '\n';
            s += e.message;
        }
        return s;
    }
};

/// `text` quoted for an error message: at most 64 bytes, control characters shown as '?', so that
/// hostile input cannot flood or forge log lines.
inline std::string quoted(std::string_view text)
{
    constexpr std::size_t limit = 64;
    std::string s = "\"";
    for (std::size_t i = 0; i < text.size() && i < limit; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        s += (c < 0x20 || c == 0x7F) ? '?' : static_cast<char>(c);
    }
    s += text.size() > limit ? "\"..." : "\"";
    return s;
}

/// Thrown only by the throwing accessors (result::value()) when the caller asked for a value that
/// is not there. The non-throwing API never throws it.
class error_exception : public std::runtime_error {
public:
    explicit error_exception(portone::errors e)
        : std::runtime_error(e.to_string()), errors_(std::move(e)) {}
    const portone::errors& errors() const noexcept { return errors_; }

private:
    portone::errors errors_;
};

// Boost.System's result<T, E>::value() finds these by argument-dependent lookup.
[[noreturn]] inline void throw_exception_from_error(const error& e, const boost::source_location&)
{
    throw error_exception(errors{e});
}
[[noreturn]] inline void throw_exception_from_error(const errors& e, const boost::source_location&)
{
    throw error_exception(e);
}

/// A value or one error. `r.has_value()`, `*r`, `r.error()`; `r.value()` throws error_exception.
template <class T>
using result = boost::system::result<T, error>;

/// A value or every problem found (validation).
template <class T>
using checked = boost::system::result<T, errors>;

} // namespace portone
