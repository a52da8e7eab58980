# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: MIT
target_sources(scholiast_annotations PRIVATE
    reliability/reanchor.h reliability/reanchor.cpp
    cli/reliability.cpp
)
target_include_directories(scholiast_annotations PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/reliability>)
