// SPDX-License-Identifier: BSL-1.0
// How the library is compiled: header-only (the default) or separately (portone::compiled).
//
// Header-only: every function that is not a template is PORTONE_DECL (inline) in its header and
// defined in an impl/*.ipp file that the header includes at its end, so one include path is all a
// user needs. Separately compiled: the user defines PORTONE_SEPARATE_COMPILATION (CMake's
// portone::compiled target does), the headers only declare those functions, and one translation
// unit, <portone/src.hpp> (the portone::compiled library), defines them all. Then OpenSSL,
// Boost.URL and Boost.JSON's parser implementation and serializer, which only the .ipp files
// include, are parsed once, not in every user's translation unit. This is Boost.JSON's
// arrangement (boost/json/detail/config.hpp, boost/json/src.hpp).
#pragma once

#if defined(PORTONE_SEPARATE_COMPILATION) && defined(PORTONE_HEADER_ONLY)
#error "PORTONE_SEPARATE_COMPILATION and PORTONE_HEADER_ONLY: define one of them, not both"
#endif

#ifdef PORTONE_SEPARATE_COMPILATION
/// Declares a function defined once, in <portone/src.hpp>.
#define PORTONE_DECL
#else
#ifndef PORTONE_HEADER_ONLY
/// Defined when the headers define everything (the default).
#define PORTONE_HEADER_ONLY
#endif
/// Declares a function the headers define (an impl/*.ipp file included at the header's end).
#define PORTONE_DECL inline
#endif
