// SPDX-License-Identifier: BSL-1.0
// The redirect back to the merchant: a URL, request target or query string from the customer's
// browser, parsed and verified.
//
// The input is read twice: alone in a buffer of exactly its size, and as a web server hands it
// over, a view of the request target inside the request line and headers, with more bytes after
// it. Both must give the same result: a parser that looked past the view's end would differ (or
// be caught by AddressSanitizer in the first case). Then the signature properties of the payment
// webhook target, for the redirect's four signed parameters.
#include "harness.hpp"

#include <portone/komoju/dispatch.hpp>
#include <portone/protocol/redirect.hpp>
#include <portone/protocol/signature.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

const portone::secret_key secret("PORTONE_SECRET");

void check_same_redirect(const portone::redirect_result& a, const portone::redirect_result& b)
{
    FUZZ_CHECK(a.channel_order_ref == b.channel_order_ref);
    FUZZ_CHECK(a.merchant_order_ref == b.merchant_order_ref);
    FUZZ_CHECK(a.order_ref == b.order_ref);
    FUZZ_CHECK(a.status.text == b.status.text && a.status.value == b.status.value);
    FUZZ_CHECK(a.signature_hash == b.signature_hash);
    FUZZ_CHECK(a.amount == b.amount);
    FUZZ_CHECK(a.currency == b.currency);
    FUZZ_CHECK(a.link_order_ref == b.link_order_ref);
    FUZZ_CHECK(a.status_code.has_value() == b.status_code.has_value());
    if (a.status_code) FUZZ_CHECK(a.status_code->text == b.status_code->text);
    FUZZ_CHECK(a.status_reason == b.status_reason);
    FUZZ_CHECK(a.method_key == b.method_key);
    FUZZ_CHECK(a.other_params == b.other_params);
}

void check_verification(const portone::redirect_result& redirect, const portone::signer& sign)
{
    const auto first = portone::verify_redirect(redirect, sign);
    const auto second = portone::verify_redirect(redirect, sign);
    FUZZ_CHECK(first.has_value() == second.has_value());
    if (!first) {
        fuzz::check_error(first.error());
        fuzz::check_same_error(first.error(), second.error());
    }

    const portone::signed_field fields[] = {{"status", redirect.status.text},
                                            {"order_ref", redirect.order_ref},
                                            {"merchant_order_ref", redirect.merchant_order_ref},
                                            {"channel_order_ref", redirect.channel_order_ref}};
    portone::redirect_result resigned = redirect;
    resigned.signature_hash = sign.sign(fields);
    FUZZ_CHECK(portone::verify_redirect(resigned, sign).has_value());
    if (first) FUZZ_CHECK(resigned.signature_hash == redirect.signature_hash);

    resigned.merchant_order_ref += '.';
    FUZZ_CHECK(!portone::verify_redirect(resigned, sign).has_value());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const portone::signer sign(secret);
    const fuzz::exact_copy alone(data, size);

    constexpr std::string_view method = "GET ";
    std::string request(method);
    request += alone.view();
    request += " HTTP/1.1\r\nHost: shop.example\r\nAccept: text/html\r\n\r\n";
    const fuzz::exact_copy request_bytes(request.data(), request.size());
    const std::string_view target = request_bytes.view().substr(method.size(), size);

    const auto redirect = portone::parse_redirect(alone.view(), portone::komoju::methods);
    const auto in_request = portone::parse_redirect(target, portone::komoju::methods);
    FUZZ_CHECK(redirect.has_value() == in_request.has_value());
    if (!redirect) {
        fuzz::check_error(redirect.error());
        fuzz::check_same_error(redirect.error(), in_request.error());
        return 0;
    }
    check_same_redirect(*redirect, *in_request);
    check_verification(*redirect, sign);
    return 0;
}
