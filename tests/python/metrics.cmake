# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# scholiast-cli agree --json against independent references (issue 6): scikit-learn's
# cohen_kappa_score, NLTK's AnnotationTask alpha, and P/R/F1 with a brute-force matching, on a
# random fixture the script generates with a fixed seed.
if(SCHOLIAST_PYTHON)
    add_test(NAME python_metrics_reference
        COMMAND ${SCHOLIAST_PYTHON} "${CMAKE_CURRENT_SOURCE_DIR}/test_metrics_reference.py"
            "$<TARGET_FILE:scholiast-cli>" "${CMAKE_CURRENT_BINARY_DIR}/metrics-fixture")
    set_tests_properties(python_metrics_reference PROPERTIES TIMEOUT 300)
endif()
