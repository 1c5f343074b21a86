# SPDX-License-Identifier: BSL-1.0
# Installs the headers, the exported target portone::portone, and a package config + version file,
# so that `find_package(portone CONFIG REQUIRED)` works from the install prefix.
include(CMakePackageConfigHelpers)

set(portone_cmake_dir "${CMAKE_INSTALL_LIBDIR}/cmake/portone")

install(DIRECTORY include/portone
    DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
    FILES_MATCHING PATTERN "*.hpp" PATTERN "*.inc")

install(TARGETS portone EXPORT portoneTargets)
install(EXPORT portoneTargets
    NAMESPACE portone::
    DESTINATION "${portone_cmake_dir}")

configure_package_config_file(cmake/portoneConfig.cmake.in
    "${PROJECT_BINARY_DIR}/portoneConfig.cmake"
    INSTALL_DESTINATION "${portone_cmake_dir}")
# Header-only: the package fits any architecture.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/portoneConfigVersion.cmake"
    COMPATIBILITY SameMajorVersion
    ARCH_INDEPENDENT)
install(FILES
    "${PROJECT_BINARY_DIR}/portoneConfig.cmake"
    "${PROJECT_BINARY_DIR}/portoneConfigVersion.cmake"
    DESTINATION "${portone_cmake_dir}")
