# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: MIT
# The core as a library (issue 16): its public headers under include/Scholiast/, keeping their
# folders (formats/, metrics/, ...), and an exported CMake package, so that
#   find_package(Scholiast) + target_link_libraries(app Scholiast::Annotations)
# works from an install. Private headers (`_p.h`) and the command line's are not installed.
# Installed as the "Development" component; the Debian package, which ships the programs only,
# turns it off (SCHOLIAST_INSTALL_LIBRARY=OFF in debian/rules).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(SCHOLIAST_QT_MIN 6.4)
set(scholiast_library_targets scholiast_annotations)
set(SCHOLIAST_EXPORTED_QT_COMPONENTS Core)
if(TARGET scholiast_editing)
    list(APPEND scholiast_library_targets scholiast_commands scholiast_editing)
    set(SCHOLIAST_EXPORTED_QT_COMPONENTS "Core Gui")
endif()

set(scholiast_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/Scholiast)
install(TARGETS ${scholiast_library_targets} EXPORT ScholiastTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Development
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Development)

# Every public header of a library target, from its sources, at its path below annotations/.
foreach(target IN LISTS scholiast_library_targets)
    get_target_property(sources ${target} SOURCES)
    get_target_property(source_dir ${target} SOURCE_DIR)
    foreach(source IN LISTS sources)
        if(NOT source MATCHES "\\.h$" OR source MATCHES "_p\\.h$")
            continue()
        endif()
        get_filename_component(absolute ${source} ABSOLUTE BASE_DIR ${source_dir})
        file(RELATIVE_PATH relative ${PROJECT_SOURCE_DIR}/annotations ${absolute})
        if(relative MATCHES "^cli/")
            continue() # the command line's own headers
        endif()
        get_filename_component(folder ${relative} DIRECTORY)
        install(FILES ${absolute} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/Scholiast/${folder} COMPONENT Development)
    endforeach()
endforeach()

install(EXPORT ScholiastTargets NAMESPACE Scholiast:: DESTINATION ${scholiast_cmake_dir} COMPONENT Development)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/ScholiastConfig.cmake.in
    ${CMAKE_CURRENT_BINARY_DIR}/ScholiastConfig.cmake INSTALL_DESTINATION ${scholiast_cmake_dir})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/ScholiastConfigVersion.cmake
    COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/ScholiastConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/ScholiastConfigVersion.cmake
    DESTINATION ${scholiast_cmake_dir} COMPONENT Development)
