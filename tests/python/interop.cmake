# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 15: the interchange fixes checked through scholiast-cli (test_interop_formats.py: one check
# per point, and the brat and Label Studio round trips on CRLF text with emoji), and the CSV export
# read with pandas.
if(SCHOLIAST_PYTHON)
    add_test(NAME python_interop_formats
        COMMAND ${SCHOLIAST_PYTHON} "${CMAKE_CURRENT_SOURCE_DIR}/test_interop_formats.py" $<TARGET_FILE:scholiast-cli>
                "${SCHOLIAST_TEST_DATA}/interchange" "${CMAKE_CURRENT_BINARY_DIR}/interop")
    add_test(NAME python_csv_pandas
        COMMAND ${SCHOLIAST_PYTHON} "${CMAKE_CURRENT_SOURCE_DIR}/test_csv_pandas.py"
                "${CMAKE_CURRENT_BINARY_DIR}/interchange/export.csv" ${ix_documents})
    set_tests_properties(python_csv_pandas PROPERTIES FIXTURES_REQUIRED interchange_exports)
endif()
