# SPDX-License-Identifier: BSL-1.0
# One compile-time budget check: compiles SOURCE with g++ -std=c++20 -O2 -fmem-report and fails
# if the memory g++ allocated for its own garbage-collected data (GGC: the "Total" line's first
# column) is over LIMIT_MB. GGC measures how much the compiler had to build for a translation unit;
# unlike time it does not depend on the machine's load, so a regression shows on a shared machine
# too. Collection is switched off (ggc-min-heapsize of 16 GB), so the figure is everything
# allocated, not what a collection run left, which would depend on the machine's memory (g++ sizes
# its collection thresholds from it). Not -ftime-report's GGC column: g++ 12 stops with an internal
# error in its timers (timevar.cc:453) on the header-only umbrella.
#   cmake -DCXX=g++ -DSOURCE_DIR=<project> -DSOURCE=<file> [-DDEFINES=A,B] -DLIMIT_MB=<n> -P check_ggc.cmake
cmake_minimum_required(VERSION 3.25)
string(REPLACE "," ";" DEFINES "${DEFINES}") # A,B: a list that survives add_test
set(flags -std=c++20 -O2 "-I${SOURCE_DIR}/include" -fmem-report --param ggc-min-heapsize=16777216)
foreach(d IN LISTS DEFINES)
    list(APPEND flags "-D${d}")
endforeach()
execute_process(COMMAND "${CXX}" ${flags} -c "${SOURCE}" -o /dev/null
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${SOURCE} does not compile:\n${out}")
endif()
string(REGEX MATCH "\nTotal +([0-9]+)([kMG]) " line "${out}")
if(NOT line)
    message(FATAL_ERROR "no Total line in g++'s -fmem-report output:\n${out}")
endif()
set(amount "${CMAKE_MATCH_1}")
set(unit "${CMAKE_MATCH_2}")
if(unit STREQUAL "k")
    math(EXPR mb "${amount} / 1024")
elseif(unit STREQUAL "G")
    math(EXPR mb "${amount} * 1024")
else()
    set(mb "${amount}")
endif()
if(mb GREATER LIMIT_MB)
    message(FATAL_ERROR "${SOURCE} ${DEFINES}: g++ GGC ${mb} MB, over the budget of ${LIMIT_MB} MB "
        "(docs/benchmarks.md says what each translation unit costs and why; find what grew, or "
        "raise the budget in tests/compile_budget/CMakeLists.txt with the reason in the commit)")
endif()
message(STATUS "${SOURCE} ${DEFINES}: g++ GGC ${mb} MB (budget ${LIMIT_MB} MB)")
