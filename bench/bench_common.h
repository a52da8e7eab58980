// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the benchmark programs: the simdjson kernels in use, as Google Benchmark context.

#include "kernel_name.h"

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <algorithm>
#include <string>
#include <vector>

namespace Scholiast::Bench {

inline void addSimdjsonContext()
{
    benchmark::AddCustomContext("simdjson_version", SIMDJSON_STRINGIFY(SIMDJSON_VERSION));
    // Inlined into scholiastjsonreader.cpp: On-Demand iteration, string unescaping, number parsing.
    benchmark::AddCustomContext("simdjson_ondemand_builtin_kernel", scholiastBenchOndemandKernel());
    // Chosen at run time inside libsimdjson.so: On-Demand's stage 1 (structural index), the DOM
    // parser, validate_utf8 (used by Document).
    benchmark::AddCustomContext("simdjson_active_runtime_kernel",
                                std::string(simdjson::get_active_implementation()->name()));
    benchmark::AddCustomContext("simdjson_library_builtin_kernel",
                                std::string(simdjson::builtin_implementation()->name()));
}

} // namespace Scholiast::Bench

// Every benchmark also reports the best repetition ("_min"): on a shared 2-core machine the
// fastest run is the one least disturbed by other work (docs/PERFORMANCE.md, "Method").
#define SCHOLIAST_BENCHMARK(fn)                                                                                        \
    BENCHMARK(fn)->ComputeStatistics(                                                                                  \
        "min", [](const std::vector<double> &v) { return *std::min_element(v.begin(), v.end()); })
