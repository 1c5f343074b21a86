// SPDX-License-Identifier: BSL-1.0
// What every fuzz target shares: the input as it really arrives, and the properties that hold for
// every error the library returns. A broken property aborts, which libFuzzer reports as a crash
// (with the input saved as crash-<sha1>), so a target fails the way a sanitizer finding does.
#pragma once

#include <portone/core/error.hpp>
#include <portone/core/validation.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

// Whether every error's message and where must be valid UTF-8. On by default; building with
// -DPORTONE_FUZZ_CHECK_MESSAGES=0 lets a target look past a known message bug for other ones.
#ifndef PORTONE_FUZZ_CHECK_MESSAGES
#define PORTONE_FUZZ_CHECK_MESSAGES 1
#endif

namespace fuzz {

/// Bytes from the network live in a buffer that ends where they end: no terminating NUL and no
/// slack after them. Each input is copied into a heap block of exactly its size so that
/// AddressSanitizer reports any read past its end, whatever the fuzzing engine's own buffer is.
class exact_copy {
public:
    exact_copy(const void* data, std::size_t size)
        : bytes_(std::make_unique_for_overwrite<char[]>(size)), size_(size)
    {
        if (size != 0) std::memcpy(bytes_.get(), data, size);
    }
    std::string_view view() const noexcept { return {bytes_.get(), size_}; }

private:
    std::unique_ptr<char[]> bytes_;
    std::size_t size_;
};

/// `text` printable on one line whatever its bytes: \xNN for anything outside printable ASCII.
inline std::string shown(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7F && byte != '\\') {
            out += c;
        } else {
            char escape[5];
            std::snprintf(escape, sizeof escape, "\\x%02X", byte);
            out += escape;
        }
    }
    return out;
}

[[noreturn]] inline void property_failed(const char* property, const char* file, int line,
                                         std::string_view detail)
{
    std::fprintf(stderr, "%s:%d: property broken: %s\n", file, line, property);
    if (!detail.empty()) std::fprintf(stderr, "  %s\n", shown(detail).c_str());
    std::abort();
}

} // namespace fuzz

/// Aborts with the property's text, and with `detail` (the value that broke it) if given.
#define FUZZ_CHECK_DETAIL(property, detail)                                                       \
    do {                                                                                          \
        if (!(property)) ::fuzz::property_failed(#property, __FILE__, __LINE__, (detail));        \
    } while (false)
#define FUZZ_CHECK(property) FUZZ_CHECK_DETAIL(property, std::string_view())

namespace fuzz {

/// What holds for every error, whatever the input: a known code, a sentence, and (the issue's
/// logging rule) a message and a place that are valid UTF-8, so that hostile bytes cannot break
/// the log line or the JSON an application puts them in.
inline void check_error(const portone::error& e)
{
    FUZZ_CHECK_DETAIL(portone::to_string(e.code) != "unknown", e.message);
    FUZZ_CHECK_DETAIL(!e.message.empty(), e.where);
#if PORTONE_FUZZ_CHECK_MESSAGES
    FUZZ_CHECK_DETAIL(portone::validation::is_valid_utf8(e.message), e.message);
    FUZZ_CHECK_DETAIL(portone::validation::is_valid_utf8(e.where), e.where);
#endif
}

/// check_error for each, and there is at least one (an empty list would mean "no problem").
inline void check_errors(const portone::errors& es)
{
    FUZZ_CHECK(!es.empty());
    for (const auto& e : es) check_error(e);
}

/// Two errors from two reads of the same input are the same error.
inline void check_same_error(const portone::error& a, const portone::error& b)
{
    FUZZ_CHECK(a.code == b.code);
    FUZZ_CHECK_DETAIL(a.where == b.where, a.where + " / " + b.where);
    FUZZ_CHECK_DETAIL(a.message == b.message, a.message + " / " + b.message);
}

} // namespace fuzz
