// SPDX-License-Identifier: BSL-1.0
// What protocol/http_request.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/http_request.hpp>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/pchars.hpp>

#include <cstring>

namespace portone::detail {

PORTONE_DECL bool append_path_segment(std::string& target, std::string_view segment,
                                      std::string_view what, errors& out)
{
    if (segment.empty() || segment == "." || segment == "..") {
        out.add(errc::invalid_value, what,
                {what, " ", input(segment), " cannot be a path segment (empty, \".\" or \"..\")"});
        return false;
    }
    target += '/';
    const std::size_t n = boost::urls::encoded_size(segment, boost::urls::pchars);
    const std::size_t old = target.size();
    target.resize(old + n);
    boost::urls::encode(target.data() + old, n, segment, boost::urls::pchars);
    return true;
}

PORTONE_DECL bool check_header_value(std::string_view value, std::string_view what, errors& out)
{
    if (value.empty()) {
        out.add(errc::invalid_value, what, {what, " is empty"});
        return false;
    }
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) {
            out.add(errc::invalid_value, what,
                    {what, " contains a control character and cannot be sent in a header"});
            return false;
        }
    }
    return true;
}

PORTONE_DECL result<http_request> make_http_request(http_method method,
                                                    std::initializer_list<path_part> parts,
                                                    const portone_key& key,
                                                    const bearer_token* token, std::string body)
{
    errors problems;
    http_request r;
    r.method = method;
    for (const auto& part : parts) {
        if (part.segment) append_path_segment(r.target, part.text, part.what, problems);
        else r.target += part.text;
    }
    if (check_header_value(key.value(), "X-Portone-Client-Key", problems))
        r.headers.push_back({"X-Portone-Client-Key", std::string(key.value())});
    if (token && check_header_value(token->value(), "Authorization", problems)) {
        std::string bearer = "Bearer ";
        bearer += token->value();
        r.headers.push_back({"Authorization", std::move(bearer)});
    }
    if (!problems.empty()) return problems.front();
    if (!body.empty()) r.headers.push_back({"Content-Type", "application/json"});
    r.body = std::move(body);
    return r;
}

PORTONE_DECL std::string order_ref_body(std::string_view order_ref)
{
    constexpr std::string_view head = R"({"order_ref":")";
    std::string body;
    json::append_bounded(body, head.size() + json::string_bound(order_ref) + 1, [&](char* p) {
        std::memcpy(p, head.data(), head.size());
        p = json::write_string_tail(p + head.size(), order_ref);
        *p++ = '}';
        return p;
    });
    return body;
}

} // namespace portone::detail

namespace portone::api {

PORTONE_DECL result<http_request> list_refunds(std::string_view order_ref, const portone_key& key,
                                               const bearer_token& token)
{
    return detail::make_http_request(http_method::get,
                                     {{"/api/refund"}, {order_ref, true, "order_ref"}}, key,
                                     &token, {});
}

PORTONE_DECL result<http_request> transaction_status(std::string_view merchant_order_ref,
                                                     const portone_key& key,
                                                     const bearer_token& token)
{
    return detail::make_http_request(
        http_method::get,
        {{"/api/transaction"}, {merchant_order_ref, true, "merchant_order_ref"}, {"/status"}},
        key, &token, {});
}

PORTONE_DECL result<http_request> transaction_details(std::string_view order_ref,
                                                      const portone_key& key,
                                                      const bearer_token& token)
{
    if (order_ref.empty())
        return error{errc::missing_field, "order_ref", "transaction-details needs an order_ref"};
    return detail::make_http_request(
        http_method::post, {{"/api"}, {key.value(), true, "key"}, {"/transaction-details"}}, key,
        &token, detail::order_ref_body(order_ref));
}

PORTONE_DECL std::string checkout_signature(const dynamic_checkout_request& request,
                                            const portone_key& key, const signer& sign)
{
    const auto& d = request.details();
    return sign.payment_request_signature(key, d.amount, request.methods().front()->currency,
                                          d.failure_url, d.merchant_order_id, d.success_url);
}

} // namespace portone::api
