// SPDX-License-Identifier: BSL-1.0
// What json/initiate_payment.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/json/initiate_payment.hpp>

#include <cstring>

namespace portone::json {

namespace detail {

/// What follows the head: the key's value, the fields, the signature. Written by `w`
/// (optimistic or exact), within tail_bound<optimistic>.
inline char* write_tail(value_writer<write_mode{}>& w, char* p, const payment_fields& f,
                        std::string_view key, std::string_view signature_hash) noexcept
{
    p = w.string_tail(p, key);
    p = w.members(p, f);
    p = put(p, signature_key);
    p = w.string_tail(p, signature_hash);
    *p++ = '}';
    return p;
}

template <bool Clean>
std::size_t tail_bound(const payment_fields& f, std::string_view key,
                       std::string_view signature_hash) noexcept
{
    return text_bound<Clean>(key) + members_bound<Clean>(f) + sizeof(signature_key) +
           text_bound<Clean>(signature_hash) + 1;
}

/// The body: `head` (the constant part, or its parts), then the tail, each value read once unless
/// a string needs escaping (append_optimistically).
template <class Head>
std::string_view write_body(std::string& out, std::size_t head_size, const Head& put_head,
                            const payment_fields& f, std::string_view key,
                            std::string_view signature_hash)
{
    return append_optimistically<write_mode{}>(
        out,
        [&](auto clean) {
            return head_size + tail_bound<decltype(clean)::value>(f, key, signature_hash);
        },
        [&](auto& w, char* p) { return write_tail(w, put_head(p), f, key, signature_hash); });
}

} // namespace detail

PORTONE_DECL std::string_view detail::write_with_head(std::string& out, std::string_view head,
                                                      const payment_fields& f,
                                                      std::string_view key,
                                                      std::string_view signature_hash)
{
    return write_body(
        out, head.size(),
        [&](char* p) {
            std::memcpy(p, head.data(), head.size());
            return p + head.size();
        },
        f, key, signature_hash);
}

PORTONE_DECL std::string_view write_initiate_payment(std::string& out,
                                                     const dynamic_payment_request& request,
                                                     const portone_key& key,
                                                     std::string_view signature_hash)
{
    const auto& t = request.traits();
    const std::string_view parts[] = {
        R"({"pmt_channel":")", t.channel,        R"(","pmt_method":")", t.key,
        R"(","currency":")",   t.currency,      R"(","environment":")",
        to_string(request.environment()),            R"(","key":")"};
    std::size_t head = 0;
    for (auto p : parts) head += p.size();
    return detail::write_body(
        out, head,
        [&](char* p) {
            for (auto part : parts) {
                std::memcpy(p, part.data(), part.size());
                p += part.size();
            }
            return p;
        },
        request.fields(), key.value(), signature_hash);
}

} // namespace portone::json
