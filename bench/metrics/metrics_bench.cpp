// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Agreement and diff between two annotators' 1,000,000-span sidecars of the 50 MB bench
// document (issue 6 budget: <= 2 s each, end to end). The reference is generate.h's sidecar; the
// candidate is derived from it with a fixed seed, so that every review class occurs:
//   80% kept, 5% relabelled, 7% boundaries moved by 1-5 code points, 4% dropped,
//   plus 4% spurious spans placed at random.
// `metrics_bench --write-inputs` only writes the inputs and prints their paths (for timing the
// CLI with `time`).

#include "cli/cli.h"
#include "metrics/codepointagreement.h"
#include "document.h"
#include "generate.h"
#include "metrics/review.h"
#include "formats/scholiastjson.h"
#include "metrics/spanlist.h"
#include "metrics/spanscores.h"
#include "hugepages.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <tuple>

using namespace Scholiast;

namespace {

struct Inputs
{
    QString document;
    QString reference;
    QString candidate;
};

[[noreturn]] void die(const char *what, const Diagnostics &diagnostics = {})
{
    std::fprintf(stderr, "%s\n", what);
    for (const Diagnostic &d : diagnostics) {
        std::fprintf(stderr, "  %s\n", qPrintable(d.toString()));
    }
    std::exit(1);
}

ScholiastJson::Sidecar makeCandidate(const Document &document, const ScholiastJson::Sidecar &reference)
{
    Bench::Random random(Bench::DefaultSeed + 6);
    const QString labels[] = {QStringLiteral("claim"), QStringLiteral("quote"), QStringLiteral("boilerplate")};
    const qint64 length = document.length();
    ScholiastJson::Sidecar candidate = reference;
    candidate.annotations.clear();
    candidate.annotations.reserve(reference.annotations.size() * 21 / 20);
    qint64 made = 0;
    const auto fresh = [&made] { return QStringLiteral("c%1").arg(++made, 11, 10, QLatin1Char('0')); };
    for (const Annotation &r : reference.annotations) {
        const quint64 roll = random.next() % 100;
        Annotation a(r.start, r.end, r.label);
        a.setText(r.text());
        a.id = r.id;
        if (roll < 4) {
            continue; // dropped: missed
        }
        if (roll < 9) {
            a.label = labels[(random.next() % 2 + 1 + (r.label == labels[1] ? 1 : r.label == labels[2] ? 2 : 0)) % 3];
        } else if (roll < 16) {
            a.start = std::clamp(r.start + random.between(-5, 5), CodePoint(0), CodePoint(length - 1));
            a.end = std::clamp(r.end + random.between(-5, 5), a.start + 1, CodePoint(length));
            a.setText(document.slice(a.start, a.end).toString());
        }
        candidate.annotations.append(a);
        if (random.next() % 100 < 4) {
            const qint64 start = random.between(0, length - 6);
            const qint64 end = std::min(length, start + random.between(5, 200));
            Annotation extra(CodePoint(start), CodePoint(end), labels[random.next() % 3]);
            extra.setText(document.slice(CodePoint(start), CodePoint(end)).toString());
            extra.id = fresh();
            candidate.annotations.append(extra);
        }
    }
    std::sort(candidate.annotations.begin(), candidate.annotations.end(), [](const Annotation &x, const Annotation &y) {
        return std::tie(x.start.value, x.end.value, x.label, x.id)
            < std::tie(y.start.value, y.end.value, y.label, y.id);
    });
    // One span per range and label, as the reader requires since issue 13: a moved or relabelled
    // span can land on another one's range and label.
    const auto twin = std::unique(candidate.annotations.begin(), candidate.annotations.end(),
                                  [](const Annotation &x, const Annotation &y) {
                                      return x.start == y.start && x.end == y.end && x.label == y.label;
                                  });
    candidate.annotations.erase(twin, candidate.annotations.end());
    return candidate;
}

const Inputs &inputs()
{
    static const Inputs in = [] {
        const Bench::Files files = Bench::ensureFiles();
        Inputs i{files.document, files.sidecar, files.document + QStringLiteral(".candidate.scholiast.json")};
        if (!QFileInfo::exists(i.candidate)) {
            std::fprintf(stderr, "generating %s ...\n", qPrintable(i.candidate));
            Diagnostics diagnostics;
            const auto document = Document::load(i.document, diagnostics);
            const auto reference = ScholiastJson::read(i.reference, diagnostics);
            if (!document || !reference) {
                die("cannot read the bench inputs", diagnostics);
            }
            if (!ScholiastJson::write(i.candidate, makeCandidate(*document, *reference), diagnostics)) {
                die("cannot write the candidate sidecar", diagnostics);
            }
        }
        return i;
    }();
    return in;
}

const ScholiastJson::Sidecar &sidecar(bool candidate)
{
    static const auto read = [](const QString &path) {
        Diagnostics diagnostics;
        auto s = ScholiastJson::read(path, diagnostics);
        if (!s) {
            die("cannot read a bench sidecar", diagnostics);
        }
        return *s;
    };
    static const ScholiastJson::Sidecar reference = read(inputs().reference);
    static const ScholiastJson::Sidecar cand = read(inputs().candidate);
    return candidate ? cand : reference;
}

// The whole command as a user runs it (reading both sidecars included), output discarded.
void runCli(benchmark::State &state, const char *command)
{
    const QStringList arguments{QString::fromLatin1(command), inputs().reference, inputs().candidate};
    for (auto _ : state) {
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        QTextStream out(&sink);
        QString errors;
        QTextStream err(&errors);
        const int code = Cli::run(arguments, out, err);
        out.flush();
        if (code != 0) {
            die(qPrintable(errors));
        }
        state.counters["output_bytes"] = double(sink.size());
    }
}

void BM_AgreeCli(benchmark::State &state)
{
    runCli(state, "agree");
}

void BM_DiffCli(benchmark::State &state)
{
    runCli(state, "diff");
}

void BM_SpanScores(benchmark::State &state)
{
    const auto &r = sidecar(false).annotations;
    const auto &c = sidecar(true).annotations;
    for (auto _ : state) {
        Metrics::SpanScores scores;
        scores.add(r, c);
        benchmark::DoNotOptimize(scores.microOverlap().matched);
    }
}

void BM_CodePointAgreement(benchmark::State &state)
{
    const auto &r = sidecar(false);
    const auto &c = sidecar(true);
    for (auto _ : state) {
        Metrics::CodePointAgreement agreement(2);
        agreement.add(r.documentLength, {r.annotations, c.annotations});
        benchmark::DoNotOptimize(agreement.alpha());
    }
}

void BM_Review(benchmark::State &state)
{
    const auto &r = sidecar(false).annotations;
    const auto &c = sidecar(true).annotations;
    for (auto _ : state) {
        const Metrics::Review review = Metrics::Review::compare(r, c);
        state.counters["disagreements"] = double(review.disagreements().size());
    }
}

// As `agree` and `diff` gather a sidecar's spans while they read it: in a SpanList, in document
// order, which the metrics read in place.
const Metrics::SpanList &spanList(bool candidate)
{
    static const Metrics::SpanList reference(sidecar(false).annotations);
    static const Metrics::SpanList other(sidecar(true).annotations);
    return candidate ? other : reference;
}

void BM_SpanScoresSpanList(benchmark::State &state)
{
    const Metrics::SpanList &r = spanList(false);
    const Metrics::SpanList &c = spanList(true);
    for (auto _ : state) {
        Metrics::SpanScores scores;
        scores.add(r, c);
        benchmark::DoNotOptimize(scores.microOverlap().matched);
    }
}

void BM_ReviewSpanList(benchmark::State &state)
{
    const Metrics::SpanList &r = spanList(false);
    const Metrics::SpanList &c = spanList(true);
    for (auto _ : state) {
        const Metrics::Review review = Metrics::Review::compare(r, c);
        state.counters["disagreements"] = double(review.disagreements().size());
    }
}

// Every thread's CPU: the reads and the scores run on threads of their own.
BENCHMARK(BM_AgreeCli)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(3)
    ->Repetitions(3);
BENCHMARK(BM_DiffCli)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(3)
    ->Repetitions(3);
BENCHMARK(BM_SpanScores)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_CodePointAgreement)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_Review)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_SpanScoresSpanList)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ReviewSpanList)->Unit(benchmark::kMillisecond)->Iterations(3);

} // namespace

int main(int argc, char **argv)
{
    Scholiast::startAgainWithHugePages(argv); // as scholiast-cli starts on large inputs
    QCoreApplication app(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "--write-inputs") == 0) {
        const Inputs &i = inputs();
        std::printf("%s\n%s\n%s\n", qPrintable(i.document), qPrintable(i.reference), qPrintable(i.candidate));
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
