// SPDX-License-Identifier: BSL-1.0
// What protocol/crypto.hpp declares PORTONE_DECL (see portone/config.hpp): the calls into OpenSSL.
#pragma once

#include <portone/protocol/crypto.hpp>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace portone::crypto {

PORTONE_DECL hmac_sha256::hmac_sha256(const secret_key& secret)
{
    mac_.reset(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    if (mac_) keyed_.reset(EVP_MAC_CTX_new(mac_.get()));
    char digest_name[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
        OSSL_PARAM_construct_end()};
    const auto key = secret.reveal();
    if (!keyed_ ||
        EVP_MAC_init(keyed_.get(), reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                     params) != 1)
        throw std::runtime_error("OpenSSL could not set up HMAC-SHA256");
    working_.reset(EVP_MAC_CTX_dup(keyed_.get()));
    if (!working_) throw std::runtime_error("OpenSSL could not set up HMAC-SHA256");
}

PORTONE_DECL hmac_sha256::stream::~stream()
{
    if (busy_) busy_->store(false, std::memory_order_release);
    else EVP_MAC_CTX_free(ctx_); // nullptr (a failed begin()) is a no-op
}

PORTONE_DECL void hmac_sha256::stream::update(std::string_view piece) noexcept
{
    if (failed_) return;
    if (EVP_MAC_update(ctx_, reinterpret_cast<const unsigned char*>(piece.data()), piece.size()) !=
        1)
        failed_ = true;
}

PORTONE_DECL bool hmac_sha256::stream::try_finish(sha256_digest& out) noexcept
{
    if (failed_) return false;
    std::size_t length = 0;
    failed_ = EVP_MAC_final(ctx_, out.data(), &length, out.size()) != 1 || length != out.size();
    return !failed_;
}

PORTONE_DECL sha256_digest hmac_sha256::stream::finish()
{
    sha256_digest out{};
    if (!try_finish(out)) throw std::runtime_error("OpenSSL could not compute HMAC-SHA256");
    return out;
}

PORTONE_DECL hmac_sha256::stream hmac_sha256::begin() const noexcept
{
    if (!keyed_) return stream(nullptr, nullptr); // moved from
    if (!busy_.exchange(true, std::memory_order_acquire)) {
        if (EVP_MAC_init(working_.get(), nullptr, 0, nullptr) != 1) {
            busy_.store(false, std::memory_order_release);
            return stream(nullptr, nullptr);
        }
        return stream(working_.get(), &busy_); // its destructor releases the flag
    }
    // Another message is being computed with the working context (a shared instance):
    // this one gets its own copy of the keyed context (nullptr if OpenSSL fails: failed).
    return stream(EVP_MAC_CTX_dup(keyed_.get()), nullptr);
}

PORTONE_DECL void hmac_sha256::free_mac::operator()(evp_mac_st* m) const noexcept
{
    EVP_MAC_free(m);
}

PORTONE_DECL void hmac_sha256::free_ctx::operator()(evp_mac_ctx_st* c) const noexcept
{
    EVP_MAC_CTX_free(c);
}

PORTONE_DECL sha256_base64::sha256_base64(const sha256_digest& d) noexcept
{
    EVP_EncodeBlock(text_.data(), d.data(), static_cast<int>(d.size()));
}

PORTONE_DECL std::string base64(const unsigned char* data, std::size_t size)
{
    std::string out(4 * ((size + 2) / 3), '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data,
                                  static_cast<int>(size));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

PORTONE_DECL std::string base64url(std::string_view data)
{
    std::string s = base64(reinterpret_cast<const unsigned char*>(data.data()), data.size());
    while (!s.empty() && s.back() == '=') s.pop_back();
    for (char& c : s) {
        if (c == '+') c = '-';
        else if (c == '/') c = '_';
    }
    return s;
}

PORTONE_DECL std::optional<std::string> decode_base64(std::string_view text)
{
    if (text.empty() || text.size() % 4 != 0) return std::nullopt;
    // EVP_DecodeBlock takes an int length.
    if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()) / 4 * 4)
        return std::nullopt;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                              (c >= '0' && c <= '9') || c == '+' || c == '/';
        const bool padding = c == '=' && i + 2 >= text.size() &&
                             (i + 1 == text.size() || text[i + 1] == '=');
        if (!alphabet && !padding) return std::nullopt;
    }
    std::string out(text.size() / 4 * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    // EVP_DecodeBlock counts padding as zero bytes.
    std::size_t size = static_cast<std::size_t>(n);
    if (text.ends_with("==")) size -= 2;
    else if (text.ends_with('=')) size -= 1;
    out.resize(size);
    // EVP_DecodeBlock ignores the bits the padding leaves over ("AB==" reads as "AA=="): only the
    // text base64() would write for these bytes is accepted.
    if (base64(reinterpret_cast<const unsigned char*>(out.data()), out.size()) != text)
        return std::nullopt;
    return out;
}

} // namespace portone::crypto
