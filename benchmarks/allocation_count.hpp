// SPDX-License-Identifier: BSL-1.0
// Allocation counting for the benchmarks. Include it in exactly one translation unit of a binary
// (each benchmark is one): it replaces the global operator new.
//
// allocation_count counts the heap allocations of the program (operator new); the allocations
// OpenSSL makes inside libcrypto (with malloc, which operator new does not see) are counted in
// openssl_allocation_count through CRYPTO_set_mem_functions, which OpenSSL accepts only before
// its first allocation: this header installs them during static initialisation, so include it
// before any global that uses OpenSSL.
#pragma once

#include <benchmark/benchmark.h>
#include <openssl/crypto.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>

namespace {
// Per thread, so that counting is a plain increment: a locked atomic add on every allocation
// would inflate the times of exactly the code that allocates. The benchmarks run on one thread.
thread_local std::size_t allocation_count = 0;
thread_local std::size_t openssl_allocation_count = 0;

void* openssl_malloc(std::size_t n, const char*, int)
{
    ++openssl_allocation_count;
    return std::malloc(n);
}
void* openssl_realloc(void* p, std::size_t n, const char*, int)
{
    ++openssl_allocation_count;
    return std::realloc(p, n);
}
void openssl_free(void* p, const char*, int) { std::free(p); }

const bool openssl_counted = [] {
    if (CRYPTO_set_mem_functions(openssl_malloc, openssl_realloc, openssl_free) != 1) {
        std::fputs("OpenSSL's allocations cannot be counted\n", stderr);
        std::abort();
    }
    return true;
}();

/// Reports the allocations made between its construction and report() as the counters
/// allocs_per_call and openssl_allocs_per_call.
class allocation_report {
public:
    void report(benchmark::State& state) const
    {
        const auto iterations = static_cast<double>(state.iterations());
        state.counters["allocs_per_call"] =
            static_cast<double>(allocation_count - allocations_) / iterations;
        state.counters["openssl_allocs_per_call"] =
            static_cast<double>(openssl_allocation_count - openssl_allocations_) / iterations;
    }

private:
    std::size_t allocations_ = allocation_count;
    std::size_t openssl_allocations_ = openssl_allocation_count;
};
} // namespace

// libstdc++'s array and nothrow forms call these, so they are counted too. Out of line, as the
// versions they replace are: where g++ inlines them it sees free() applied to operator new's
// result and warns (-Wmismatched-new-delete).
[[gnu::noinline]] void* operator new(std::size_t n)
{
    ++allocation_count;
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }
