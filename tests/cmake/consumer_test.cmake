# SPDX-License-Identifier: BSL-1.0
# Runs one packaging test (see CMakeLists.txt). Invoked with cmake -P.
cmake_minimum_required(VERSION 3.25)

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
        string(JOIN " " cmd ${ARGN})
        message(FATAL_ERROR "failed (${rc}): ${cmd}\n${out}")
    endif()
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(consumer_args
    -S "${PORTONE_SOURCE_DIR}/tests/cmake/consumer"
    -B "${WORK_DIR}/build"
    -G "${GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${CXX}"
    -DCMAKE_BUILD_TYPE=Release
    "-DPORTONE_CONSUMER_MODE=${MODE}")

if(MODE STREQUAL "find_package")
    run("${CMAKE_COMMAND}" --install "${PORTONE_BINARY_DIR}" --prefix "${WORK_DIR}/prefix")
    if(NOT EXISTS "${WORK_DIR}/prefix/include/portone/komoju.hpp")
        message(FATAL_ERROR "the install has no portone/komoju.hpp")
    endif()
    list(APPEND consumer_args "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix")
else()
    list(APPEND consumer_args "-DPORTONE_SOURCE_DIR=${PORTONE_SOURCE_DIR}")
endif()

run("${CMAKE_COMMAND}" ${consumer_args})
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/consumer")
run("${WORK_DIR}/build/consumer_compiled")
message(STATUS "consumer (${MODE}) built and ran, header-only and with portone::compiled")
