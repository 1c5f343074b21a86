// SPDX-License-Identifier: BSL-1.0
#pragma once

/// Runs the merchant's loop against PortOne's stand-in and prints each step; 0 if every step
/// went as expected.
int run_loop_demo();
