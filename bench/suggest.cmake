# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# The rule suggesters on 50 MB (issue 9, docs/PERFORMANCE.md "Suggesters"). Included from
# bench/CMakeLists.txt.
add_executable(suggest_bench suggest/suggest_bench.cpp)
target_link_libraries(suggest_bench PRIVATE scholiast_benchgen scholiast_annotations benchmark::benchmark Qt6::Core
    scholiast_warnings)
target_compile_definitions(suggest_bench PRIVATE SCHOLIAST_SAMPLES="${PROJECT_SOURCE_DIR}/resources/samples")
