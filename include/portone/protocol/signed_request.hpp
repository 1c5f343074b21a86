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
/// with the merchant's key. Returns a view of the appended text.
template <class Request>
    requires requires(const Request& r) { r.fields(); }
std::string_view write_signed_initiate_payment(std::string& out, const Request& request,
                                               const portone_key& key, const signer& sign)
{
    const std::string signature = sign.sign_request(request, key);
    return json::write_initiate_payment(out, request, key, signature);
}

} // namespace portone
