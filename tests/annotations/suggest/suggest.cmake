# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Suggesters (issue 9, docs/SUGGEST.md). Paths relative to tests/annotations/.
scholiast_add_test(suggest_test SOURCES suggest/suggest_test.cpp LIBS scholiast_annotations)
scholiast_add_test(suggest_model_test SOURCES suggest/modelcommand_test.cpp LIBS scholiast_annotations)
target_compile_definitions(suggest_model_test PRIVATE SCHOLIAST_PYTHON="${SCHOLIAST_PYTHON}"
    SCHOLIAST_MODELS="${CMAKE_CURRENT_SOURCE_DIR}/suggest/models")
