# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Interchange exports (issue 5) checked by independent Python readers: scholiast-cli writes
# every format first (CMake fixtures), then Python loads each with json/csv and slices the text.
if(SCHOLIAST_PYTHON)
    set(ix_out "${CMAKE_CURRENT_BINARY_DIR}/interchange")
    set(ix_documents
        "${SCHOLIAST_SAMPLES}/climate-panel-bom.txt"
        "${SCHOLIAST_SAMPLES}/harbour-bridge-vote.txt"
        "${SCHOLIAST_SAMPLES}/seoul-market-report.txt"
        "${SCHOLIAST_TEST_DATA}/emoji-crlf.txt"
        "${SCHOLIAST_TEST_DATA}/interchange/market-crlf.txt")
    add_test(NAME interchange_export_folder COMMAND ${CMAKE_COMMAND} -E make_directory "${ix_out}")
    set_tests_properties(interchange_export_folder PROPERTIES FIXTURES_SETUP interchange_folder)
    foreach(format jsonl doccano label-studio spacy w3c conll csv brat)
        if(format STREQUAL "brat")
            set(target "${ix_out}/brat")
        else()
            set(target "${ix_out}/export.${format}")
        endif()
        add_test(NAME interchange_export_${format}
            COMMAND $<TARGET_FILE:scholiast-cli> export --to ${format} -o "${target}" ${ix_documents})
        set_tests_properties(interchange_export_${format} PROPERTIES
            FIXTURES_REQUIRED interchange_folder FIXTURES_SETUP interchange_exports)
    endforeach()
    add_test(NAME python_interchange_exports
        COMMAND ${SCHOLIAST_PYTHON} "${CMAKE_CURRENT_SOURCE_DIR}/test_interchange_exports.py" "${ix_out}"
                "${CMAKE_CURRENT_SOURCE_DIR}/w3c-annotation.schema.json" ${ix_documents})
    set_tests_properties(python_interchange_exports PROPERTIES FIXTURES_REQUIRED interchange_exports)
endif()

# Relations (issue 19): read by Python as a training script would, and through brat and back.
if(SCHOLIAST_PYTHON)
    add_test(NAME python_relations
        COMMAND ${SCHOLIAST_PYTHON} "${CMAKE_CURRENT_SOURCE_DIR}/test_relations.py" $<TARGET_FILE:scholiast-cli>
                "${SCHOLIAST_SAMPLES}/flood-fund-quotes.txt" "${CMAKE_CURRENT_BINARY_DIR}/relations")
endif()
