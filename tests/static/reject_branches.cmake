# SPDX-License-Identifier: BSL-1.0
# Every field of PORTONE_DETAIL_REQUIRABLE_FIELDS (core/fields.hpp) has its branch, with its
# sentence, in a method's reject() (core/detail/define_method.inc).
#
# The branches are written out rather than generated from the field list: generated, each
# static_assert would sit inside two macro expansions, and g++ prints both under the error
# (a missing-phone diagnostic grows from 18 to 25 lines, over the 20-line limit). This check is
# what keeps the two lists equal instead.
#   cmake -DSOURCE_DIR=<project> -P reject_branches.cmake
cmake_minimum_required(VERSION 3.25)
file(READ "${SOURCE_DIR}/include/portone/core/fields.hpp" fields)
file(READ "${SOURCE_DIR}/include/portone/core/detail/define_method.inc" define_method)

# The macro's body: from its #define to the first line that does not end in a backslash.
string(REGEX MATCH "#define PORTONE_DETAIL_REQUIRABLE_FIELDS\\(X, KEY\\)([^\n]*\\\\\n)*[^\n]*"
    list_macro "${fields}")
string(REGEX MATCHALL "X\\(KEY, [a-z_]+\\)" entries "${list_macro}")
list(LENGTH entries count)
if(count LESS 1)
    message(FATAL_ERROR "no X(KEY, name) entries found in core/fields.hpp")
endif()
set(failed 0)
foreach(entry IN LISTS entries)
    string(REGEX REPLACE "X\\(KEY, ([a-z_]+)\\)" "\\1" name "${entry}")
    set(branch "rule::missing<field::${name}>>)")
    set(sentence "PORTONE_METHOD_KEY \" requires \" PORTONE_DETAIL_REQUIRES_${name})")
    string(FIND "${define_method}" "${branch}" at_branch)
    string(FIND "${define_method}" "${sentence}" at_sentence)
    if(at_branch EQUAL -1 OR at_sentence EQUAL -1)
        message(SEND_ERROR "core/detail/define_method.inc has no reject() branch for the "
            "requirable field '${name}' (write the if constexpr / static_assert pair for it)")
        set(failed 1)
    endif()
endforeach()
string(REGEX MATCHALL "rule::missing<field::[a-z_]+>>\\)" branches "${define_method}")
list(LENGTH branches branch_count)
if(NOT branch_count EQUAL count)
    message(SEND_ERROR "core/detail/define_method.inc has ${branch_count} missing-field branches "
        "for ${count} requirable fields in core/fields.hpp")
    set(failed 1)
endif()
if(NOT failed)
    message(STATUS "${count} requirable fields, each with its reject() branch")
endif()
