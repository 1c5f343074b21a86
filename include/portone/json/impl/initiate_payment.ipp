// SPDX-License-Identifier: BSL-1.0
// What json/initiate_payment.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/json/initiate_payment.hpp>

#include <cstring>

namespace portone::json {

PORTONE_DECL char* detail::write_tail(char* p, const payment_fields& f, std::string_view key,
                                      std::string_view signature_hash) noexcept
{
    p = write_string_tail(p, key);
    p = write_members(p, f);
    p = put(p, signature_key);
    p = write_string_tail(p, signature_hash);
    *p++ = '}';
    return p;
}

PORTONE_DECL std::size_t detail::tail_bound(const payment_fields& f, std::string_view key,
                                            std::string_view signature_hash) noexcept
{
    return string_bound(key) + members_bound(f) + sizeof(signature_key) +
           string_bound(signature_hash) + 1;
}

PORTONE_DECL std::string_view detail::write_with_head(std::string& out, std::string_view head,
                                                      const payment_fields& f,
                                                      std::string_view key,
                                                      std::string_view signature_hash)
{
    return append_bounded(out, head.size() + tail_bound(f, key, signature_hash), [&](char* p) {
        std::memcpy(p, head.data(), head.size());
        return write_tail(p + head.size(), f, key, signature_hash);
    });
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
