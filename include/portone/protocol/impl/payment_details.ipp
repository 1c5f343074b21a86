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
