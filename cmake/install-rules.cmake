# SPDX-License-Identifier: BSL-1.0
# Installs the headers, the exported targets portone::portone (header-only) and portone::compiled
# (the static library of <portone/src.hpp>), and a package config + version file, so that
# `find_package(portone CONFIG REQUIRED)` works from the install prefix.
include(CMakePackageConfigHelpers)

set(portone_cmake_dir "${CMAKE_INSTALL_LIBDIR}/cmake/portone")

install(DIRECTORY include/portone
    DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
    FILES_MATCHING PATTERN "*.hpp" PATTERN "*.ipp" PATTERN "*.inc")

install(TARGETS portone portone_compiled EXPORT portoneTargets)
install(EXPORT portoneTargets
    NAMESPACE portone::
    DESTINATION "${portone_cmake_dir}")

configure_package_config_file(cmake/portoneConfig.cmake.in
    "${PROJECT_BINARY_DIR}/portoneConfig.cmake"
    INSTALL_DESTINATION "${portone_cmake_dir}")
# Not ARCH_INDEPENDENT: the package holds portone::compiled's static library.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/portoneConfigVersion.cmake"
    COMPATIBILITY SameMajorVersion)
install(FILES
    "${PROJECT_BINARY_DIR}/portoneConfig.cmake"
    "${PROJECT_BINARY_DIR}/portoneConfigVersion.cmake"
    DESTINATION "${portone_cmake_dir}")
