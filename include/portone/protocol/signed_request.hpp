// SPDX-License-Identifier: BSL-1.0
// The initiatePayment body with its signature_hash computed from the request itself, so the six
// signed values and the body can never disagree.
#pragma once

#include <portone/core/credentials.hpp>
#include <portone/json/initiate_payment.hpp>
#include <portone/protocol/signature.hpp>
#include <portone/request/payment_request.hpp>

#include <string>
#include <string_view>

namespace portone {

/// Appends the initiatePayment JSON of `request` (typed or dynamic) to `out`, signed by `sign`
/// with the merchant's key. Returns a view of the appended text. Allocates nothing when `out` has
/// the capacity: the signature is computed without a string (signer::request_signature; only
/// libcrypto allocates, 2 blocks of its own per HMAC).
template <class Request>
    requires requires(const Request& r) { r.fields(); }
std::string_view write_signed_initiate_payment(std::string& out, const Request& request,
                                               const portone_key& key, const signer& sign)
{
    const crypto::sha256_base64 signature = sign.request_signature(request, key);
    return json::write_initiate_payment(out, request, key, signature.view());
}

} // namespace portone
