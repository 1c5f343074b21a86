// SPDX-License-Identifier: BSL-1.0
// The initiatePayment body (POST /api/initiatePayment), generated from the method's traits and the
// description of payment_fields (core/describe.hpp).
//
// For a request whose method and environment are types, everything that depends only on them
// (`pmt_channel`, `pmt_method`, `currency`, `environment`, and the keys around them) is one
// constant computed at compile time and copied with one memcpy; only the merchant's values are
// scanned for escaping. Absent optional fields are omitted, not written as null.
#pragma once

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

// Out of line: one copy shared by every method's writer instead of one inlined per method, which
// costs one call per request at run time and saves most of the code generated per method.
// Templates (`Fields` is payment_fields) only so that the member writers are compiled where a body
// is written, not in every translation unit that includes the umbrella header.
template <class Fields>
[[gnu::noinline]] char* write_tail(char* p, const Fields& f, std::string_view key,
                                   std::string_view signature_hash) noexcept
{
    p = write_string_tail(p, key);
    p = write_members(p, f);
    p = put(p, signature_key);
    p = write_string_tail(p, signature_hash);
    *p++ = '}';
    return p;
}

template <class Fields>
[[gnu::noinline]] std::size_t tail_bound(const Fields& f, std::string_view key,
                                         std::string_view signature_hash) noexcept
{
    return string_bound(key) + members_bound(f) + sizeof(signature_key) +
           string_bound(signature_hash) + 1;
}

/// The body of a typed request whose constant head (method and environment) is `Head`.
template <class Head, class Fields>
std::string_view write_with_head(std::string& out, const Fields& f, std::string_view key,
                                 std::string_view signature_hash)
{
    return append_bounded(out, Head::size + tail_bound(f, key, signature_hash), [&](char* p) {
        std::memcpy(p, Head::text.data(), Head::size);
        return write_tail(p + Head::size, f, key, signature_hash);
    });
}

} // namespace detail

/// Appends the initiatePayment JSON body of `request` to `out`, with the merchant's PortOne key
/// and the request's signature_hash. Returns a view of the appended text. Allocates nothing when
/// `out` has the capacity.
template <payment_method M, environment_tag Env>
std::string_view write_initiate_payment(std::string& out, const payment_request<M, Env>& request,
                                        const portone_key& key, std::string_view signature_hash)
{
    return detail::write_with_head<detail::initiate_payment_head<M, Env>>(
        out, request.fields(), key.value(), signature_hash);
}

/// The same for a typed request whose environment was read at run time: the head is the typed
/// path's constant for that environment, so the body is the same, byte for byte.
template <payment_method M>
std::string_view write_initiate_payment(std::string& out,
                                        const payment_request<M, runtime_environment>& request,
                                        const portone_key& key, std::string_view signature_hash)
{
    if (request.environment() == environment::sandbox)
        return detail::write_with_head<detail::initiate_payment_head<M, sandbox_t>>(
            out, request.fields(), key.value(), signature_hash);
    return detail::write_with_head<detail::initiate_payment_head<M, live_t>>(
        out, request.fields(), key.value(), signature_hash);
}

/// The same for a request whose method and environment were chosen at run time. (`Request`:
/// leave the default; a template only so that it is compiled where it is called.)
template <class Request = dynamic_payment_request>
std::string_view write_initiate_payment(std::string& out,
                                        const std::type_identity_t<Request>& request,
                                        const portone_key& key, std::string_view signature_hash)
{
    const auto& t = request.traits();
    const std::string_view parts[] = {
        R"({"pmt_channel":")", t.channel,        R"(","pmt_method":")", t.key,
        R"(","currency":")",   t.currency,      R"(","environment":")",
        to_string(request.environment()),            R"(","key":")"};
    std::size_t head = 0;
    for (auto p : parts) head += p.size();
    const auto& f = request.fields();
    return append_bounded(out, head + detail::tail_bound(f, key.value(), signature_hash),
                          [&](char* p) {
                              for (auto part : parts) {
                                  std::memcpy(p, part.data(), part.size());
                                  p += part.size();
                              }
                              return detail::write_tail(p, f, key.value(), signature_hash);
                          });
}

} // namespace portone::json
