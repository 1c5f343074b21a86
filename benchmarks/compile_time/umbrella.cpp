// SPDX-License-Identifier: BSL-1.0
// Compile-time subject: the umbrella header alone.
#include <portone/komoju.hpp>
