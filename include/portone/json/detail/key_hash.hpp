// SPDX-License-Identifier: BSL-1.0
// Finding a key in the reader's member tables (json/detail/member_table.hpp). Every key of every
// body goes through these two functions, so they stay inline here: a call per key into the
// compiled library would cost more than the lookup itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace portone::json::detail {

/// The hash of a key in the member tables: its length and three of its bytes, mixed by one
/// multiplication. Every key of the input is hashed, so it must be cheap; the bytes it reads tell
/// apart the keys of a struct well enough that a lookup is about one string comparison (keys
/// that collide only cost a second probe).
constexpr std::uint32_t key_hash(std::string_view key) noexcept
{
    std::uint32_t x = static_cast<std::uint32_t>(key.size());
    if (!key.empty())
        x ^= std::uint32_t(static_cast<unsigned char>(key.front())) << 8 |
             std::uint32_t(static_cast<unsigned char>(key[key.size() / 2])) << 16 |
             std::uint32_t(static_cast<unsigned char>(key.back())) << 24;
    return x * 0x9E3779B1u;
}

/// Whether the `n` bytes at `a` and at `b` are equal. Keys are short, so the bytes are compared
/// inline, eight (or four) at a time with overlapping loads, where std::memcmp would be a call
/// through the PLT and a dispatch on the CPU's features for every key of the input.
inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept
{
    if (n >= 8) {
        const auto load = [](const char* p) {
            std::uint64_t v;
            std::memcpy(&v, p, sizeof v);
            return v;
        };
        for (std::size_t i = 0; i + 8 < n; i += 8)
            if (load(a + i) != load(b + i)) return false;
        return load(a + n - 8) == load(b + n - 8);
    }
    if (n >= 4) {
        const auto load = [](const char* p) {
            std::uint32_t v;
            std::memcpy(&v, p, sizeof v);
            return v;
        };
        return ((load(a) ^ load(b)) | (load(a + n - 4) ^ load(b + n - 4))) == 0;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

} // namespace portone::json::detail
