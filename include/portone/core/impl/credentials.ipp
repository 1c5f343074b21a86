// SPDX-License-Identifier: BSL-1.0
// What core/credentials.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/core/credentials.hpp>

#include <openssl/crypto.h>

namespace portone::detail {

PORTONE_DECL void secure_erase(void* data, std::size_t size) noexcept
{
    OPENSSL_cleanse(data, size);
}

PORTONE_DECL bool equal_bytes(const void* a, const void* b, std::size_t size) noexcept
{
    return CRYPTO_memcmp(a, b, size) == 0;
}

} // namespace portone::detail
