# SPDX-License-Identifier: BSL-1.0
# The include rules of docs/architecture.md, checked over every file under include/portone:
#
# 1. Layers. core/ (the vocabulary) includes only core/; komoju/ (the catalog) core/ and komoju/;
#    the channel-generic layers request/ < json/ < protocol/ each include core/, themselves and
#    the generic layers below them, and never komoju/, nor name komoju:: outside comments (a
#    second channel must not fork them: they are handed a method_catalog).
#    portone/config.hpp may be included from anywhere. The library's files include with <...>
#    only (a quoted include could reach komoju/ by a relative path).
# 2. OpenSSL, Boost.URL and Boost.JSON's basic_parser_impl.hpp and serializer.hpp are included
#    only from impl/*.ipp files, so that with portone::compiled a user's translation units never
#    parse them.
#
# Files that still break a rule are listed below, each with the rule; the test fails on any other
# break, and on a listed file that no longer breaks its rule (so that the list only shrinks).
#   cmake -DSOURCE_DIR=<project> -P include_rules.cmake
cmake_minimum_required(VERSION 3.25)
set(known_breaks)

get_filename_component(SOURCE_DIR "${SOURCE_DIR}" ABSOLUTE)
set(root "${SOURCE_DIR}/include/portone")
file(GLOB_RECURSE files RELATIVE "${root}" "${root}/*.hpp" "${root}/*.ipp" "${root}/*.inc")
set(found_breaks "")
set(failures "")
foreach(file IN LISTS files)
    # Every include directive, however spaced ("  #  include"), in the one form the rules read.
    file(STRINGS "${root}/${file}" directives REGEX "^[ \t]*#[ \t]*include")
    set(includes "")
    foreach(line IN LISTS directives)
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*" "#include " line "${line}")
        if(line MATCHES "^#include \"")
            list(APPEND failures "${file}: includes with quotes (${line}): the library includes with <...>")
        endif()
        list(APPEND includes "${line}")
    endforeach()
    string(REGEX MATCH "^[a-z_]+/" layer "${file}")
    string(REGEX REPLACE "/$" "" layer "${layer}")
    if(layer STREQUAL "")
        set(layer "top") # komoju.hpp, config.hpp, src.hpp
    endif()
    set(allowed "")
    if(layer STREQUAL "core")
        set(allowed core)
    elseif(layer STREQUAL "komoju")
        set(allowed core komoju)
    elseif(layer STREQUAL "request")
        set(allowed core request)
    elseif(layer STREQUAL "json")
        set(allowed core request json)
    elseif(layer STREQUAL "protocol")
        set(allowed core request json protocol)
    endif()
    set(in_impl FALSE)
    if(file MATCHES "/impl/[^/]+\\.ipp$")
        set(in_impl TRUE)
    endif()
    # A generic layer names nothing of the channel in code either (comments may use it as an
    # example): what it needs of a channel, it is handed (a method_catalog).
    if(layer MATCHES "^(core|request|json|protocol)$")
        # The identifier komoju (komoju::x, namespace k = portone::komoju), outside // comments.
        file(STRINGS "${root}/${file}" uses REGEX "komoju")
        foreach(use IN LISTS uses)
            string(REGEX REPLACE "//.*$" "" code "${use}")
            if(code MATCHES "(^|[^A-Za-z0-9_])komoju([^A-Za-z0-9_]|$)")
                list(APPEND failures "${file}: a channel-generic layer names komoju (${use})")
            endif()
        endforeach()
    endif()
    foreach(line IN LISTS includes)
        if(line MATCHES "^#include <portone/([a-z_]+)/")
            set(target "${CMAKE_MATCH_1}")
            if(NOT layer STREQUAL "top" AND NOT target IN_LIST allowed)
                if(target STREQUAL "komoju")
                    list(APPEND found_breaks "${file}|komoju")
                else()
                    list(APPEND failures "${file}: ${layer}/ may not include ${target}/ (${line})")
                endif()
            endif()
        endif()
        if(line MATCHES "^#include <(openssl/|boost/url|boost/json/basic_parser_impl|boost/json/serializer)" AND NOT in_impl)
            list(APPEND found_breaks "${file}|impl-only")
        endif()
    endforeach()
endforeach()
list(REMOVE_DUPLICATES found_breaks)
foreach(b IN LISTS found_breaks)
    if(NOT b IN_LIST known_breaks)
        string(REPLACE "|" ": breaks the rule " text "${b}")
        if(b MATCHES "\\|komoju$")
            list(APPEND failures "${text} (a channel-generic layer includes komoju/)")
        else()
            list(APPEND failures "${text} (OpenSSL, Boost.URL, basic_parser_impl.hpp or serializer.hpp outside impl/*.ipp)")
        endif()
    endif()
endforeach()
foreach(b IN LISTS known_breaks)
    if(NOT b IN_LIST found_breaks)
        list(APPEND failures "${b}: listed as breaking a rule, but no longer does: remove it from known_breaks")
    endif()
endforeach()
list(LENGTH files count)
if(failures)
    string(JOIN "\n  " text ${failures})
    message(FATAL_ERROR "include rules broken:\n  ${text}")
endif()
list(LENGTH known_breaks known)
message(STATUS "${count} files follow the include rules (${known} known exceptions listed)")
