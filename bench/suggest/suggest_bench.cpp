// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The rule suggesters on 50 MB (issue 9 budget: <= 2 s each, docs/PERFORMANCE.md "Suggesters").
// Two inputs: generate.h's 50 MB document (words, CJK, emoji; no quotation marks or page
// furniture: the cost of the scan), and 50 MB of the bundled sample articles repeated (a
// realistic density: about one quotation and one furniture line every 160 code points).

#include "suggest/boilerplate.h"
#include "document.h"
#include "generate.h"
#include "suggest/patterns.h"
#include "suggest/quotes.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

using namespace Scholiast;

namespace {

[[noreturn]] void die(const char *what)
{
    std::fprintf(stderr, "%s\n", what);
    std::exit(1);
}

const Document &generated()
{
    static const Document document = [] {
        Diagnostics diagnostics;
        auto d = Document::fromUtf8(Bench::generateDocument(), QStringLiteral("generated.txt"), diagnostics, {});
        if (!d) {
            die("cannot make the generated document");
        }
        return *d;
    }();
    return document;
}

const Document &samples()
{
    static const Document document = [] {
        QByteArray one;
        const QDir dir(QStringLiteral(SCHOLIAST_SAMPLES));
        for (const QString &name : dir.entryList({QStringLiteral("*.txt")}, QDir::Files)) {
            QFile file(dir.filePath(name));
            if (!file.open(QIODevice::ReadOnly)) {
                die("cannot read a sample");
            }
            QByteArray bytes = file.readAll();
            if (bytes.startsWith("\xEF\xBB\xBF")) {
                bytes.remove(0, 3);
            }
            one += bytes + "\n\n";
        }
        QByteArray all;
        all.reserve(Bench::DocumentBytes + one.size());
        while (all.size() < Bench::DocumentBytes) {
            all += one;
        }
        Diagnostics diagnostics;
        auto d = Document::fromUtf8(all, QStringLiteral("samples-50mb.txt"), diagnostics, {});
        if (!d) {
            die("cannot make the samples document");
        }
        return *d;
    }();
    return document;
}

const Suggest::PatternRules &rules()
{
    static const Suggest::PatternRules parsed = [] {
        Diagnostics diagnostics;
        auto r = Suggest::PatternRules::parse(
            R"json({"rules": [
              {"name": "places", "label": "claim", "words": ["Port Ardagh", "West Quay", "Seoul", "Lausanne", "Chamonix", "Gull Island"]},
              {"name": "money", "label": "claim", "pattern": "\\d[\\d,.]* (million|billion|trillion) (euros|won|dollars)"}
            ]})json",
            QStringLiteral("bench-rules.json"), diagnostics);
        if (!r) {
            die("bad bench rules");
        }
        return *r;
    }();
    return parsed;
}

template <typename F> void run(benchmark::State &state, const Document &document, F &&suggester)
{
    qsizetype spans = 0;
    for (auto _ : state) {
        const Suggest::Result result = suggester(document);
        spans = result.spans.size();
        benchmark::DoNotOptimize(spans);
    }
    state.counters["spans"] = double(spans);
    state.counters["MB"] = double(document.utf8Length()) / 1e6;
}

void quotesGenerated(benchmark::State &state)
{
    run(state, generated(), [](const Document &d) { return Suggest::suggestQuotes(d); });
}
void quotesSamples(benchmark::State &state)
{
    run(state, samples(), [](const Document &d) { return Suggest::suggestQuotes(d); });
}
void boilerplateGenerated(benchmark::State &state)
{
    run(state, generated(), [](const Document &d) { return Suggest::suggestBoilerplate(d); });
}
void boilerplateSamples(benchmark::State &state)
{
    run(state, samples(), [](const Document &d) { return Suggest::suggestBoilerplate(d); });
}
void patternsGenerated(benchmark::State &state)
{
    run(state, generated(), [](const Document &d) { return Suggest::suggestPatterns(d, rules()); });
}
void patternsSamples(benchmark::State &state)
{
    run(state, samples(), [](const Document &d) { return Suggest::suggestPatterns(d, rules()); });
}

} // namespace

BENCHMARK(quotesGenerated)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(quotesSamples)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(boilerplateGenerated)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(boilerplateSamples)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(patternsGenerated)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(patternsSamples)->Unit(benchmark::kMillisecond)->Iterations(3);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
