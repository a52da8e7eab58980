# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: MIT
target_sources(scholiast_annotations PRIVATE
    reliability/reanchor.h reliability/reanchor.cpp
    cli/reliability.cpp
)
