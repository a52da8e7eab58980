# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# The annotator view benchmark (issue 4): included from bench/CMakeLists.txt.
if(TARGET scholiast_ui)
    add_executable(widget_bench ${CMAKE_CURRENT_LIST_DIR}/widget_bench.cpp)
    target_link_libraries(widget_bench PRIVATE scholiast_ui scholiast_benchgen benchmark::benchmark scholiast_warnings)
endif()
