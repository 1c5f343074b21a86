// PortOne's signatures: HMAC-SHA256 with the PortOne Secret Key over some of a message's fields,
// sorted by name and form-encoded as Go's url.Values.Encode does, in standard Base64.
//
//   payment request (initiatePayment `signature_hash`): amount, client_key, currency, failure_url,
//                                                       merchant_order_id, success_url
//   payment webhook (`signature_hash` in the body):     amount, channel_key, channel_order_ref,
//       country_code, currency, merchant_order_ref, method_name, order_ref, status
//   redirect (`signature_hash` in the query):           channel_order_ref, merchant_order_ref,
//                                                       order_ref, status
//
// Encoding: bytes of RFC 3986's unreserved set (A-Z a-z 0-9 - _ . ~) are kept, a space becomes
// '+', every other byte becomes %XX with upper-case hex (Boost.URL's encode does it). Amounts are
// printed without trailing zeros: yen are integers, so 5000 is "5000".
#pragma once

#include <portone/core/credentials.hpp>
#include <portone/core/money.hpp>
#include <portone/protocol/crypto.hpp>
#include <portone/request/payment_request.hpp>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace portone {

/// One signed field: its name and its value exactly as sent.
struct signed_field {
    std::string_view name;
    std::string_view value;
};

/// The fields each signature covers, in the order they are signed (sorted by name).
inline constexpr std::array<std::string_view, 6> payment_request_signed_fields = {
    "amount", "client_key", "currency", "failure_url", "merchant_order_id", "success_url"};
inline constexpr std::array<std::string_view, 9> webhook_signed_fields = {
    "amount",   "channel_key",        "channel_order_ref", "country_code", "currency",
    "merchant_order_ref", "method_name", "order_ref",         "status"};
inline constexpr std::array<std::string_view, 4> redirect_signed_fields = {
    "channel_order_ref", "merchant_order_ref", "order_ref", "status"};

/// Appends `text` form-encoded as Go's url.QueryEscape does (see the top of this file).
inline void append_form_encoded(std::string& out, std::string_view text)
{
    const boost::urls::encoding_opts opts(/*space_as_plus=*/true, /*lower_case=*/false,
                                          /*disallow_null=*/false);
    const std::size_t n = boost::urls::encoded_size(text, boost::urls::unreserved_chars, opts);
    const std::size_t old = out.size();
    out.resize(old + n);
    boost::urls::encode(out.data() + old, n, text, boost::urls::unreserved_chars, opts);
}

/// `name=value&name=value...` sorted by name (then value), as Go's url.Values.Encode writes it.
inline std::string form_encode(std::span<const signed_field> fields)
{
    std::vector<signed_field> sorted(fields.begin(), fields.end());
    std::sort(sorted.begin(), sorted.end(), [](const signed_field& a, const signed_field& b) {
        return a.name != b.name ? a.name < b.name : a.value < b.value;
    });
    std::string out;
    for (const auto& f : sorted) {
        if (!out.empty()) out += '&';
        append_form_encoded(out, f.name);
        out += '=';
        append_form_encoded(out, f.value);
    }
    return out;
}

/// An amount as PortOne's signatures print it: no decimal point, no trailing zeros.
class amount_text {
public:
    explicit amount_text(yen amount) noexcept
        : size_(static_cast<std::size_t>(
              std::to_chars(text_, text_ + sizeof text_, amount.minor_units()).ptr - text_))
    {
    }
    std::string_view view() const noexcept { return {text_, size_}; }

private:
    char text_[24];
    std::size_t size_;
};

/// Signs and verifies with the merchant's secret key. Keep one per thread and reuse it: the
/// HMAC is set up once (crypto::hmac_sha256).
class signer {
public:
    explicit signer(const secret_key& secret) : mac_(secret) {}

    /// The Base64 signature of `fields` (any order: they are sorted).
    std::string sign(std::span<const signed_field> fields) const
    {
        return crypto::base64(mac_(form_encode(fields)));
    }

    /// Whether `signature` is the signature of `fields`. The comparison is constant-time; an
    /// empty or malformed signature is simply not equal.
    bool verify(std::span<const signed_field> fields, std::string_view signature) const
    {
        return crypto::constant_time_equal(sign(fields), signature);
    }

    /// The initiatePayment `signature_hash` for these values (they must be the ones sent).
    std::string payment_request_signature(const portone_key& key, yen amount,
                                          std::string_view currency,
                                          std::string_view failure_url,
                                          std::string_view merchant_order_id,
                                          std::string_view success_url) const
    {
        const amount_text amount_str(amount);
        const signed_field fields[] = {{"amount", amount_str.view()},
                                       {"client_key", key.value()},
                                       {"currency", currency},
                                       {"failure_url", failure_url},
                                       {"merchant_order_id", merchant_order_id},
                                       {"success_url", success_url}};
        return sign(fields);
    }

    /// The `signature_hash` of a checked request (typed or dynamic).
    template <class Request>
        requires requires(const Request& r) {
            r.fields();
            r.amount();
        }
    std::string sign_request(const Request& request, const portone_key& key) const
    {
        const auto& f = request.fields();
        return payment_request_signature(key, request.amount(), request.traits().currency,
                                         f.failure_url, f.merchant_order_id, f.success_url);
    }

private:
    crypto::hmac_sha256 mac_;
};

} // namespace portone
