// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The 1,000,000-span sidecar read, built once per simdjson kernel (bench/CMakeLists.txt):
// scholiastjsonreader.cpp compiled with the project's flags (fallback kernel), for the westmere kernel
// (SSE4.2 + PCLMUL) and for the haswell kernel (AVX2). docs/PERFORMANCE.md, "simdjson kernel".

#include "bench_common.h"
#include "document.h"
#include "generate.h"
#include "formats/scholiastjson.h"

#include <QFile>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

using namespace Scholiast;

namespace {

const Bench::Files &files()
{
    static const Bench::Files f = Bench::ensureFiles();
    return f;
}

const Document &document()
{
    static const Document doc = [] {
        Diagnostics diagnostics;
        auto d = Document::load(files().document, diagnostics);
        if (!d) {
            std::abort();
        }
        return *d;
    }();
    return doc;
}

void BM_SidecarReadValidate(benchmark::State &state)
{
    const Document &doc = document();
    for (auto _ : state) {
        Diagnostics diagnostics;
        auto s = ScholiastJson::read(files().sidecar, diagnostics, &doc);
        if (!s) {
            std::fprintf(stderr, "read failed\n");
            std::abort();
        }
        benchmark::DoNotOptimize(s);
    }
}
SCHOLIAST_BENCHMARK(BM_SidecarReadValidate)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SidecarParseNoDocument(benchmark::State &state)
{
    QFile file(files().sidecar);
    if (!file.open(QIODevice::ReadOnly)) {
        std::abort();
    }
    QByteArray bytes;
    bytes.reserve(file.size() + 64);
    bytes.append(file.readAll());
    for (auto _ : state) {
        Diagnostics diagnostics;
        auto s = ScholiastJson::parse(bytes, files().sidecar, diagnostics);
        if (!s) {
            std::abort();
        }
        benchmark::DoNotOptimize(s);
    }
}
SCHOLIAST_BENCHMARK(BM_SidecarParseNoDocument)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    Bench::addSimdjsonContext();
    (void)files();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
