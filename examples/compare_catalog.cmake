# SPDX-License-Identifier: BSL-1.0
# Fails if `demo --catalog-markdown` differs from the checked-in docs/catalog.md.
execute_process(COMMAND "${GENERATOR_EXE}" --catalog-markdown
    OUTPUT_VARIABLE generated RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "demo --catalog-markdown failed (${rc})")
endif()
file(READ "${EXPECTED}" expected)
if(NOT generated STREQUAL expected)
    message(FATAL_ERROR "docs/catalog.md is out of date: regenerate it with\n"
                        "  build/<compiler>/examples/demo --catalog-markdown > docs/catalog.md")
endif()
