# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# scholiast-cli agree and diff on two 1,000,000-span sidecars of one 50 MB document (issue 6,
# docs/PERFORMANCE.md "Agreement and diff"). Included from bench/CMakeLists.txt.
add_executable(metrics_bench metrics/metrics_bench.cpp)
target_link_libraries(metrics_bench PRIVATE scholiast_benchgen scholiast_annotations benchmark::benchmark Qt6::Core
    scholiast_warnings)
