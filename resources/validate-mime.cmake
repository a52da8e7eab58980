# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks the shared-MIME-info package: well-formed XML, compiled by update-mime-database into a
# scratch tree, and the compiled glob list maps *.scholiast.json to our type.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/packages")
execute_process(COMMAND "${XMLLINT}" --noout "${MIME_XML}" RESULT_VARIABLE lint)
if(NOT lint EQUAL 0)
    message(FATAL_ERROR "${MIME_XML}: not well-formed XML")
endif()
file(COPY "${MIME_XML}" DESTINATION "${WORK}/packages")
execute_process(COMMAND "${UPDATE_MIME}" -V "${WORK}" RESULT_VARIABLE update OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT update EQUAL 0 OR err MATCHES "[Ee]rror|[Ww]arning|[Uu]nknown")
    message(FATAL_ERROR "update-mime-database rejected ${MIME_XML}:\n${out}${err}")
endif()
file(READ "${WORK}/globs2" globs)
if(NOT globs MATCHES "application/x-scholiast\\+json:\\*\\.scholiast\\.json")
    message(FATAL_ERROR "the compiled globs do not map *.scholiast.json:\n${globs}")
endif()
message(STATUS "MIME type OK")
