# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
scholiast_add_test(reanchor_test SOURCES reliability/reanchor_test.cpp LIBS scholiast_annotations)

add_executable(save_loop reliability/save_loop.cpp)
target_link_libraries(save_loop PRIVATE scholiast_annotations scholiast_warnings)
scholiast_add_test(killloop_test SOURCES reliability/killloop_test.cpp LIBS scholiast_annotations)
target_compile_definitions(killloop_test PRIVATE SAVE_LOOP="$<TARGET_FILE:save_loop>")
add_dependencies(killloop_test save_loop)
scholiast_add_test(hostile_test SOURCES reliability/hostile_test.cpp LIBS scholiast_annotations)
