// SPDX-License-Identifier: BSL-1.0
// What protocol/payment_details.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/payment_details.hpp>

namespace portone::detail {

PORTONE_DECL error signature_problem(std::string_view signature, std::string_view where)
{
    auto fail = [&](std::initializer_list<message_part> parts) {
        return error{errc::invalid_signature, std::string(where), compose(parts)};
    };
    if (signature.empty()) return fail({where, " is empty: the message is not signed"});
    const auto bytes = crypto::decode_base64(signature);
    if (!bytes)
        return fail({where, " is not standard Base64 with padding: ", input(signature)});
    if (bytes->size() != crypto::sha256_digest().size())
        return fail({where, " is ", decimal(static_cast<long long>(bytes->size())),
                     " bytes long, not the 32 bytes of an HMAC-SHA256"});
    return fail({where,
                 " does not match: a signed field was changed, or it was signed with another "
                 "secret key"});
}

PORTONE_DECL result<void> signature_result(signature_check check, std::string_view signature,
                                           std::string_view where)
{
    if (check == signature_check::match) return {};
    if (check == signature_check::crypto_failure)
        return error{errc::crypto_failure, std::string(where),
                     "OpenSSL could not compute HMAC-SHA256: the signature was not checked"};
    return signature_problem(signature, where);
}

PORTONE_DECL result<void> check_signature(const signer& sign,
                                          std::span<const signed_field> fields,
                                          std::string_view signature, std::string_view where)
{
    return signature_result(sign.check(fields, signature), signature, where);
}

} // namespace portone::detail

namespace portone {

PORTONE_DECL transaction_status transaction_status::from_text(std::string_view text)
{
    constexpr payment_status all[] = {payment_status::initiated, payment_status::pending,
                                      payment_status::success, payment_status::failed,
                                      payment_status::expired, payment_status::cancelled};
    transaction_status s{payment_status::unknown, std::string(text)};
    for (payment_status p : all)
        if (detail::equal_ignoring_ascii_case(text, to_string(p))) s.value = p;
    if (detail::equal_ignoring_ascii_case(text, "Canceled")) s.value = payment_status::cancelled;
    return s;
}

PORTONE_DECL transaction_status_code transaction_status_code::from_text(std::string_view text)
{
    transaction_status_code c{std::string(text), std::nullopt, status_series::unknown};
    if (text.empty() || text.size() > 9) return c;
    int n = 0;
    for (char d : text) { // (a loop rather than find_first_not_of, which calls memchr per byte)
        if (d < '0' || d > '9') return c;
        n = n * 10 + (d - '0');
    }
    c.number = n;
    switch (n / 1000) {
    case 1:
        c.series = status_series::pending;
        break;
    case 2:
        c.series = status_series::success;
        break;
    case 4:
        c.series = status_series::validation;
        break;
    case 5:
        c.series = status_series::system;
        break;
    case 6:
        c.series = status_series::bank_or_card;
        break;
    case 7:
        c.series = status_series::customer;
        break;
    case 8:
        c.series = status_series::psp;
        break;
    default:
        break;
    }
    return c;
}

} // namespace portone
