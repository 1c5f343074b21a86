// SPDX-License-Identifier: BSL-1.0
// The stand-in's cryptography and encodings, on OpenSSL 3 directly (not the library's signer),
// so that the library's signatures are checked by a second implementation.
#include "detail.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <string>

namespace portone_stand_in::detail {

namespace {

[[noreturn]] void fail(const char* what)
{
    throw std::runtime_error(std::string("OpenSSL: ") + what + " failed");
}

template <class T, void (*Free)(T*)>
struct openssl_deleter {
    void operator()(T* p) const noexcept { Free(p); }
};
template <class T, void (*Free)(T*)>
using owned = std::unique_ptr<T, openssl_deleter<T, Free>>;

using mac_ptr = owned<EVP_MAC, EVP_MAC_free>;
using mac_ctx_ptr = owned<EVP_MAC_CTX, EVP_MAC_CTX_free>;
using pkey_ptr = owned<EVP_PKEY, EVP_PKEY_free>;
using x509_ptr = owned<X509, X509_free>;
using ext_ptr = owned<X509_EXTENSION, X509_EXTENSION_free>;
using bio_ptr = owned<BIO, BIO_free_all>;
using bn_ptr = owned<BIGNUM, BN_free>;

/// HMAC fetched once: EVP_MAC objects are immutable and may be shared by threads.
EVP_MAC* hmac_algorithm()
{
    static const mac_ptr mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    if (!mac) fail("EVP_MAC_fetch(HMAC)");
    return mac.get();
}

std::string bio_text(BIO* bio)
{
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    if (n <= 0 || data == nullptr) fail("BIO_get_mem_data");
    return std::string(data, static_cast<std::size_t>(n));
}

void add_extension(X509* cert, X509V3_CTX* ctx, int nid, const char* value)
{
    const ext_ptr ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) fail("X509_add_ext");
}

} // namespace

std::string hmac_sha256(std::string_view key, std::string_view message)
{
    const mac_ctx_ptr ctx(EVP_MAC_CTX_new(hmac_algorithm()));
    if (!ctx) fail("EVP_MAC_CTX_new");
    char digest_name[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
        OSSL_PARAM_construct_end()};
    // HMAC accepts a key of any length, but EVP_MAC_init reads a null key as "keep the old one".
    const unsigned char none = 0;
    const auto* k = key.empty() ? &none : reinterpret_cast<const unsigned char*>(key.data());
    if (EVP_MAC_init(ctx.get(), k, key.size(), params) != 1) fail("EVP_MAC_init");
    if (EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1)
        fail("EVP_MAC_update");
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    std::size_t n = 0;
    if (EVP_MAC_final(ctx.get(), out.data(), &n, out.size()) != 1 || n != 32)
        fail("EVP_MAC_final");
    return std::string(reinterpret_cast<const char*>(out.data()), n);
}

std::string base64(std::string_view bytes)
{
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(bytes.data()),
                                  static_cast<int>(bytes.size()));
    if (n < 0) fail("EVP_EncodeBlock");
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string base64url(std::string_view bytes)
{
    std::string s = base64(bytes);
    while (!s.empty() && s.back() == '=') s.pop_back();
    for (char& c : s) {
        if (c == '+') c = '-';
        else if (c == '/') c = '_';
    }
    return s;
}

std::optional<std::string> base64url_decode(std::string_view text)
{
    // Written out rather than through EVP_DecodeBlock, which accepts whitespace and '+' '/'.
    const auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '-') return 62;
        if (c == '_') return 63;
        return -1;
    };
    if (text.size() % 4 == 1) return std::nullopt;
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        const int v = value(c);
        if (v < 0) return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFFu));
        }
    }
    // The leftover bits must be zero: one spelling per byte string.
    if ((buffer & ((1u << bits) - 1u)) != 0) return std::nullopt;
    return out;
}

bool same_text(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size()) return false;
    return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_text(std::size_t n, std::string_view alphabet)
{
    // Rejection sampling: bytes at or above the largest multiple of the alphabet size are
    // dropped, so every character is equally likely.
    const unsigned size = static_cast<unsigned>(alphabet.size());
    const unsigned limit = 256u - 256u % size;
    std::string out;
    while (out.size() < n) {
        std::array<unsigned char, 64> bytes{};
        if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) fail("RAND_bytes");
        for (unsigned char b : bytes)
            if (b < limit && out.size() < n) out.push_back(alphabet[b % size]);
    }
    return out;
}

std::string go_query_escape(std::string_view s)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
                                c == '~';
        if (unreserved) out.push_back(ch);
        else if (c == ' ') out.push_back('+');
        else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

std::string go_values_encode(field_list fields)
{
    // url.Values is a map from name to the values in the order they were added; Encode sorts the
    // names and keeps each name's values in that order.
    std::stable_sort(fields.begin(), fields.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) out.push_back('&');
        out += go_query_escape(name);
        out.push_back('=');
        out += go_query_escape(value);
    }
    return out;
}

std::string portone_signature(std::string_view secret, field_list fields)
{
    return base64(hmac_sha256(secret, go_values_encode(std::move(fields))));
}

tls_identity make_tls_identity()
{
    const pkey_ptr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key) fail("EVP_PKEY_Q_keygen(EC, P-256)");

    const x509_ptr cert(X509_new());
    if (!cert) fail("X509_new");
    if (X509_set_version(cert.get(), 2) != 1) fail("X509_set_version"); // v3
    {
        const bn_ptr serial(BN_new());
        if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
            !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())))
            fail("serial number");
    }
    // Five minutes back, for clients whose clock is a little behind; one day ahead.
    if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -300) ||
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24L * 60 * 60))
        fail("X509_gmtime_adj");
    if (X509_set_pubkey(cert.get(), key.get()) != 1) fail("X509_set_pubkey");

    X509_NAME* name = X509_get_subject_name(cert.get());
    const auto add_name = [&](const char* field, const char* value) {
        if (X509_NAME_add_entry_by_txt(name, field, MBSTRING_ASC,
                                       reinterpret_cast<const unsigned char*>(value), -1, -1,
                                       0) != 1)
            fail("X509_NAME_add_entry_by_txt");
    };
    add_name("O", "PortOne stand-in");
    add_name("CN", "127.0.0.1");
    if (X509_set_issuer_name(cert.get(), name) != 1) fail("X509_set_issuer_name");

    // Self-signed and trusted directly by the client: a CA that may sign itself (keyCertSign) and
    // a TLS server (digitalSignature, serverAuth), with the names clients check in the SAN.
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    add_extension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), &ctx, NID_key_usage, "critical,digitalSignature,keyCertSign");
    add_extension(cert.get(), &ctx, NID_ext_key_usage, "serverAuth");
    add_extension(cert.get(), &ctx, NID_subject_key_identifier, "hash");
    add_extension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always");
    add_extension(cert.get(), &ctx, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");

    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) fail("X509_sign");

    tls_identity id;
    {
        const bio_ptr bio(BIO_new(BIO_s_mem()));
        if (!bio || PEM_write_bio_X509(bio.get(), cert.get()) != 1) fail("PEM_write_bio_X509");
        id.certificate_pem = bio_text(bio.get());
    }
    {
        const bio_ptr bio(BIO_new(BIO_s_mem()));
        if (!bio || PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                             nullptr) != 1)
            fail("PEM_write_bio_PrivateKey");
        id.private_key_pem = bio_text(bio.get());
    }
    return id;
}

} // namespace portone_stand_in::detail
