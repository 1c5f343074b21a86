// SPDX-License-Identifier: BSL-1.0
// Boost.JSON and Boost.URL compiled into the fuzz targets from their sources, with the targets'
// flags: instrumented for coverage and the sanitizers, and with their own assertions on. Debian's
// shared libraries are built with NDEBUG and without instrumentation, so a fuzz target linked to
// them would neither see inside them nor notice an input that trips one of their assertions
// (Boost.URL 1.81 asserts on "ht:\xa4" and "td:]", which the library must never hand it).
#include <boost/json/src.hpp>
#include <boost/url/src.hpp>
