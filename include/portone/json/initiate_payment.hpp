// SPDX-License-Identifier: BSL-1.0
// The initiatePayment body (POST /api/initiatePayment), generated from the method's traits and the
// description of payment_fields (core/describe.hpp).
//
// For a request whose method and environment are types, everything that depends only on them
// (`pmt_channel`, `pmt_method`, `currency`, `environment`, and the keys around them) is one
// constant computed at compile time and copied with one memcpy; only the merchant's values are
// scanned for escaping. Absent optional fields are omitted, not written as null.
#pragma once

#include <portone/config.hpp>
#include <portone/core/credentials.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/json/describe.hpp>
#include <portone/json/output.hpp>
#include <portone/json/string_escape.hpp>
#include <portone/request/payment_request.hpp>

#include <array>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace portone::json {

namespace detail {

constexpr bool is_plain(std::string_view s) noexcept
{
    for (char c : s)
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) return false;
    return true;
}

/// `{"pmt_channel":"KOMOJU","pmt_method":"KOMOJU_PAYPAY","currency":"JPY","environment":"sandbox","key":"`
template <payment_method M, environment_tag Env>
struct initiate_payment_head {
    static constexpr std::string_view parts[] = {
        R"({"pmt_channel":")", M::channel::key,           R"(","pmt_method":")",
        M::traits.key,         R"(","currency":")",       M::channel::currency::code,
        R"(","environment":")", to_string(Env::value),    R"(","key":")"};

    static constexpr std::size_t size = [] {
        std::size_t n = 0;
        for (auto p : parts) n += p.size();
        return n;
    }();

    static constexpr std::array<char, size> text = [] {
        std::array<char, size> a{};
        std::size_t i = 0;
        for (auto p : parts)
            for (char c : p) a[i++] = c;
        return a;
    }();

    // The catalog constants are copied unescaped, so they must not need escaping.
    static_assert(is_plain(M::channel::key) && is_plain(M::traits.key) &&
                  is_plain(M::channel::currency::code));
};

inline constexpr char signature_key[] = {',', '"', 's', 'i', 'g', 'n', 'a', 't', 'u', 'r', 'e',
                                         '_', 'h', 'a', 's', 'h', '"', ':', '"'};

// One writer for what follows the head, shared by every method (json/impl/initiate_payment.ipp).

/// The body of a request whose head (method and environment, a constant of the typed path) is
/// `head`. Not a template: the code each method would otherwise instantiate, an append_bounded of
/// its own, is compiled once (in the library with portone::compiled); a method only names its
/// constant head.
PORTONE_DECL std::string_view write_with_head(std::string& out, std::string_view head,
                                              const payment_fields& f, std::string_view key,
                                              std::string_view signature_hash);

/// The head of method M in environment Env, as a view of its compile-time constant.
template <payment_method M, environment_tag Env>
inline constexpr std::string_view head_of{initiate_payment_head<M, Env>::text.data(),
                                          initiate_payment_head<M, Env>::size};

} // namespace detail

/// Appends the initiatePayment JSON body of `request` to `out`, with the merchant's PortOne key
/// and the request's signature_hash. Returns a view of the appended text. Allocates nothing when
/// `out` has the capacity.
template <payment_method M, environment_tag Env>
std::string_view write_initiate_payment(std::string& out, const payment_request<M, Env>& request,
                                        const portone_key& key, std::string_view signature_hash)
{
    return detail::write_with_head(out, detail::head_of<M, Env>, request.fields(), key.value(),
                                   signature_hash);
}

/// The same for a typed request whose environment was read at run time: the head is the typed
/// path's constant for that environment, so the body is the same, byte for byte.
template <payment_method M>
std::string_view write_initiate_payment(std::string& out,
                                        const payment_request<M, runtime_environment>& request,
                                        const portone_key& key, std::string_view signature_hash)
{
    const std::string_view head = request.environment() == environment::sandbox
                                      ? detail::head_of<M, sandbox_t>
                                      : detail::head_of<M, live_t>;
    return detail::write_with_head(out, head, request.fields(), key.value(), signature_hash);
}

/// The same for a request whose method and environment were chosen at run time.
PORTONE_DECL std::string_view write_initiate_payment(std::string& out,
                                                     const dynamic_payment_request& request,
                                                     const portone_key& key,
                                                     std::string_view signature_hash);

} // namespace portone::json

#ifdef PORTONE_HEADER_ONLY
#include <portone/json/impl/initiate_payment.ipp>
#endif
