# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: MIT
# ctest's install_consumer: installs the library's Development component from BUILD into a fresh
# prefix, builds tests/install/consumer against it alone (find_package(Scholiast)), runs it on
# a bundled sample and checks what it printed and wrote.
#   cmake -DBUILD=... -DWORK=... -DSOURCE=... -DSAMPLE=... [-DFLAGS=...] -P check.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "failed (${status}): ${ARGN}\n${output}")
    endif()
    set(output "${output}" PARENT_SCOPE)
endfunction()
run(${CMAKE_COMMAND} --install ${BUILD} --prefix ${WORK}/prefix --component Development)
# Nothing private may be installed.
file(GLOB_RECURSE private_headers ${WORK}/prefix/include/*_p.h)
if(private_headers)
    message(FATAL_ERROR "private headers installed: ${private_headers}")
endif()
run(${CMAKE_COMMAND} -S ${SOURCE} -B ${WORK}/build -G Ninja -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_PREFIX_PATH=${WORK}/prefix "-DCMAKE_CXX_FLAGS=${FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${FLAGS}")
run(${CMAKE_COMMAND} --build ${WORK}/build)
get_filename_component(name ${SAMPLE} NAME)
configure_file(${SAMPLE} ${WORK}/${name} COPYONLY)
configure_file(${SAMPLE}.scholiast.json ${WORK}/${name}.scholiast.json COPYONLY)
run(${WORK}/build/consumer ${WORK}/${name} ${WORK}/copy.scholiast.json)
if(NOT output MATCHES "^spans ([0-9]+), tagged ([0-9]+), after undo ([0-9]+)\n$")
    message(FATAL_ERROR "unexpected output: ${output}")
endif()
math(EXPR expected "${CMAKE_MATCH_1} + 1")
if(NOT CMAKE_MATCH_2 EQUAL expected OR NOT CMAKE_MATCH_3 EQUAL CMAKE_MATCH_1 OR CMAKE_MATCH_1 EQUAL 0)
    message(FATAL_ERROR "tag and undo did not add and remove one span: ${output}")
endif()
file(READ ${WORK}/copy.scholiast.json copy)
file(READ ${WORK}/${name}.scholiast.json original)
string(JSON copied LENGTH "${copy}" annotations)
if(NOT copied EQUAL CMAKE_MATCH_1)
    message(FATAL_ERROR "the copy holds ${copied} spans, not ${CMAKE_MATCH_1}")
endif()
message(STATUS "installed library used from outside: ${output}")
