// SPDX-License-Identifier: BSL-1.0
// The portone::compiled library (CMake): the library's compiled part, built once.
#include <portone/src.hpp>
