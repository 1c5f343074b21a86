// The hosted Checkout body (POST /api/paymentLink), from a checked checkout_request:
//
//   {"portone_key":"...","currency":"JPY","country_code":"JP","environment":"sandbox",
//    "source":"api","merchant_order_id":"...","amount":5000,...,"merchant_details":{...},
//    "chosen_payment_methods":[{"payment_channel":"KOMOJU","payment_method":"KOMOJU_PAYPAY"}],
//    "signature_hash":"..."}
//
// `source` is "api" (PortOne: "'default', 'api' or 'checkout'": the link is created by the
// merchant's server). The merchant's fields are written from the description of
// checkout_details (json/describe.hpp), absent optional fields omitted; `expiry_date` is UTC,
// YYYY-MM-DDTHH:MM:SS.000Z as in PortOne's example. The signature_hash covers the same six values
// as initiatePayment's (portone::signer::payment_request_signature; PortOne's paymentLink schema
// points to that algorithm).
#pragma once

#include <portone/core/credentials.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/json/describe.hpp>
#include <portone/json/output.hpp>
#include <portone/json/string_escape.hpp>
#include <portone/request/checkout_request.hpp>

#include <chrono>
#include <cstddef>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

namespace portone::json {

namespace detail {

/// `2025-03-31T14:30:00.000Z`. The year is within [1970, 9999] (checked by checkout()).
inline char* put_utc_timestamp(char* p, std::chrono::sys_seconds t) noexcept
{
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss<seconds> time{t - day};
    const auto digits = [&p](long v, int n) {
        for (int i = n - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
        p += n;
    };
    digits(static_cast<int>(ymd.year()), 4);
    *p++ = '-';
    digits(static_cast<unsigned>(ymd.month()), 2);
    *p++ = '-';
    digits(static_cast<unsigned>(ymd.day()), 2);
    *p++ = 'T';
    digits(time.hours().count(), 2);
    *p++ = ':';
    digits(time.minutes().count(), 2);
    *p++ = ':';
    digits(static_cast<long>(time.seconds().count()), 2);
    std::memcpy(p, ".000Z", 5);
    return p + 5;
}
inline constexpr std::size_t utc_timestamp_size = 24;

/// The whole body. Not a template: the offered methods arrive as a list of traits, so the code is
/// shared by every checkout_request type.
[[gnu::noinline]] inline std::string_view write_checkout_body(
    std::string& out, const checkout_details& d, std::span<const method_traits* const> methods,
    environment env, std::string_view currency, std::string_view country, std::string_view key,
    std::string_view signature_hash)
{
    constexpr std::string_view key_head = R"({"portone_key":")";
    // Each literal continues after a closing quote (write_string_tail writes the closing one).
    constexpr std::string_view currency_key = R"(,"currency":")";
    constexpr std::string_view country_key = R"(,"country_code":")";
    constexpr std::string_view environment_key = R"(,"environment":")";
    constexpr std::string_view source = R"(","source":"api")";
    constexpr std::string_view expiry_key = R"(,"expiry_date":")";
    constexpr std::string_view methods_key = R"(,"chosen_payment_methods":[)";
    constexpr std::string_view channel_key = R"({"payment_channel":")";
    constexpr std::string_view method_key = R"(,"payment_method":")";
    constexpr std::string_view signature_key = R"(],"signature_hash":")";
    const std::string_view env_text = to_string(env);

    std::size_t bound = key_head.size() + string_bound(key) + currency_key.size() +
                        string_bound(currency) + country_key.size() + string_bound(country) +
                        environment_key.size() + env_text.size() + source.size() +
                        members_bound(d) + expiry_key.size() + utc_timestamp_size + 1 +
                        methods_key.size() + signature_key.size() +
                        string_bound(signature_hash) + 1;
    for (const method_traits* t : methods)
        bound += channel_key.size() + string_bound(t->channel) + method_key.size() +
                 string_bound(t->key) + 2;

    return append_bounded(out, bound, [&](char* p) {
        p = put_text(p, key_head);
        p = write_string_tail(p, key);
        p = put_text(p, currency_key);
        // Catalog constants, escaped anyway: one scan each, and no assumption about the catalog.
        p = write_string_tail(p, currency);
        p = put_text(p, country_key);
        p = write_string_tail(p, country);
        p = put_text(p, environment_key);
        p = put_text(p, env_text); // "sandbox" or "live"
        p = put_text(p, source);
        p = write_members(p, d);
        if (d.expiry_date) {
            p = put_text(p, expiry_key);
            p = put_utc_timestamp(p, *d.expiry_date);
            *p++ = '"';
        }
        p = put_text(p, methods_key);
        const char* const first = p;
        for (const method_traits* t : methods) {
            if (p != first) *p++ = ',';
            p = put_text(p, channel_key);
            p = write_string_tail(p, t->channel);
            p = put_text(p, method_key);
            p = write_string_tail(p, t->key);
            *p++ = '}';
        }
        p = put_text(p, signature_key);
        p = write_string_tail(p, signature_hash);
        *p++ = '}';
        return p;
    });
}

} // namespace detail

/// Appends the paymentLink JSON body of `request` to `out`, with the merchant's PortOne key and
/// the request's signature_hash. Returns a view of the appended text.
template <environment_tag Env, payment_method... Ms>
std::string_view write_checkout(std::string& out, const checkout_request<Env, Ms...>& request,
                                const portone_key& key, std::string_view signature_hash)
{
    using first = typename portone::detail::first_of<Ms...>::type;
    return detail::write_checkout_body(out, request.details(), request.methods, Env::value,
                                       first::channel::currency::code, first::channel::country,
                                       key.value(), signature_hash);
}

} // namespace portone::json
