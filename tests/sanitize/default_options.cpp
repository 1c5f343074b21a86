// SPDX-License-Identifier: BSL-1.0
// The sanitizers' settings, built into the sanitized test programs rather than left to the
// environment, so that a run by hand (outside CTest) fails exactly as the test does. A variable
// such as ASAN_OPTIONS still adds to them or overrides them.
//
// Every finding stops the program with a non-zero exit status (the code is also compiled with
// -fno-sanitize-recover=all), with a stack trace.

extern "C" {

// Called by the AddressSanitizer runtime before main. Leaks are reported at exit (LeakSanitizer),
// which also makes the exit status non-zero.
const char* __asan_default_options()
{
    return "halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:"
           "check_initialization_order=1:strict_init_order=1:strict_string_checks=1";
}

// UndefinedBehaviorSanitizer prints no stack by default.
const char* __ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1";
}

}
