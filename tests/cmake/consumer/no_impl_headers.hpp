// SPDX-License-Identifier: BSL-1.0
// Included last: with separate compilation, a user's translation unit has parsed neither OpenSSL,
// Boost.URL, Boost.JSON's parser implementation nor its serializer and value types (only the
// library's impl/*.ipp files include them, and src.hpp compiles those).
#pragma once
#ifdef PORTONE_SEPARATE_COMPILATION
#if defined(OPENSSL_EVP_H) || defined(OPENSSL_CRYPTO_H) || defined(BOOST_URL_ENCODE_HPP) ||        \
    defined(BOOST_URL_PARSE_HPP) || defined(BOOST_URL_PCT_STRING_VIEW_HPP) ||                      \
    defined(BOOST_JSON_BASIC_PARSER_IMPL_HPP) || defined(BOOST_JSON_SERIALIZER_HPP) ||            \
    defined(BOOST_JSON_VALUE_HPP)
#error "a translation unit compiled against portone::compiled parsed an impl-only header"
#endif
#ifdef PORTONE_HEADER_ONLY
#error "portone::compiled must not be header-only"
#endif
#endif
