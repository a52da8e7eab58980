// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The core library's budgets (issue 3, docs/PERFORMANCE.md): loading a 50 MB document, offset
// mapping, visible-window queries, reading, validating and writing a 1,000,000-span sidecar, and
// Qt's JSON parser for comparison. Inputs come from generate.h (cached in a temp folder).

#include "annotationset.h"
#include "bench_common.h"
#include "document.h"
#include "generate.h"
#include "formats/scholiastjson.h"
#include "hugepages.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstdio>
#include <cstdlib>

using namespace Scholiast;

namespace {

[[noreturn]] void die(const char *what, const Diagnostics &diagnostics = {})
{
    std::fprintf(stderr, "%s\n", what);
    for (const Diagnostic &d : diagnostics) {
        std::fprintf(stderr, "  %s\n", qPrintable(d.message));
    }
    std::abort();
}

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
            die("cannot load the bench document", diagnostics);
        }
        return *d;
    }();
    return doc;
}

const ScholiastJson::Sidecar &sidecar()
{
    static const ScholiastJson::Sidecar s = [] {
        Diagnostics diagnostics;
        auto r = ScholiastJson::read(files().sidecar, diagnostics, &document());
        if (!r) {
            die("cannot read the bench sidecar", diagnostics);
        }
        return *r;
    }();
    return s;
}

const QByteArray &sidecarBytes()
{
    static const QByteArray bytes = [] {
        QFile file(files().sidecar);
        if (!file.open(QIODevice::ReadOnly)) {
            die("cannot open the bench sidecar");
        }
        QByteArray b;
        b.reserve(file.size() + qsizetype(simdjson::SIMDJSON_PADDING));
        b.append(file.readAll());
        return b;
    }();
    return bytes;
}

const AnnotationSet &annotationSet()
{
    static AnnotationSet *set = [] {
        auto *s = new AnnotationSet;
        s->reset(sidecar().annotations);
        return s;
    }();
    return *set;
}

// Random offsets drawn once, so that a mapping benchmark measures the mapping only.
std::vector<qint64> randomOffsets(qint64 below, quint64 seed)
{
    Bench::Random random(seed);
    std::vector<qint64> out(1 << 16);
    for (qint64 &o : out) {
        o = random.between(0, below - 1);
    }
    return out;
}

// --- Document ---------------------------------------------------------------------------------

void BM_DocumentLoad(benchmark::State &state)
{
    const QString path = files().document;
    qint64 bytes = 0;
    for (auto _ : state) {
        Diagnostics diagnostics;
        auto doc = Document::load(path, diagnostics);
        if (!doc) {
            die("load failed", diagnostics);
        }
        bytes = doc->utf8Length();
        benchmark::DoNotOptimize(doc);
    }
    state.SetBytesProcessed(state.iterations() * bytes);
}
SCHOLIAST_BENCHMARK(BM_DocumentLoad)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CodePointToUtf16(benchmark::State &state)
{
    const Document &doc = document();
    const auto offsets = randomOffsets(doc.length(), 11);
    size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(doc.toUtf16(CodePoint(offsets[i++ & 0xFFFF])));
    }
}
SCHOLIAST_BENCHMARK(BM_CodePointToUtf16);

void BM_Utf16ToCodePoint(benchmark::State &state)
{
    const Document &doc = document();
    const auto offsets = randomOffsets(doc.text().size(), 12);
    size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(doc.toCodePoint(Utf16Index(offsets[i++ & 0xFFFF])));
    }
}
SCHOLIAST_BENCHMARK(BM_Utf16ToCodePoint);

void BM_CodePointToUtf8(benchmark::State &state)
{
    const Document &doc = document();
    const auto offsets = randomOffsets(doc.length(), 13);
    size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(doc.toUtf8(CodePoint(offsets[i++ & 0xFFFF])));
    }
}
SCHOLIAST_BENCHMARK(BM_CodePointToUtf8);

void BM_LineColumn(benchmark::State &state)
{
    const Document &doc = document();
    const auto offsets = randomOffsets(doc.length(), 14);
    size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(doc.lineColumn(CodePoint(offsets[i++ & 0xFFFF])));
    }
}
SCHOLIAST_BENCHMARK(BM_LineColumn);

// --- AnnotationSet ----------------------------------------------------------------------------

// The spans an editor view paints: [a, a + 3000) code points, about 40 lines of text.
void BM_OverlappingVisibleWindow(benchmark::State &state)
{
    const AnnotationSet &set = annotationSet();
    const qint64 window = state.range(0);
    const auto starts = randomOffsets(document().length() - window, 15);
    size_t i = 0;
    qint64 found = 0;
    for (auto _ : state) {
        const qint64 a = starts[i++ & 0xFFFF];
        const auto spans = set.overlapping(CodePoint(a), CodePoint(a + window));
        found += qint64(spans.size());
        benchmark::DoNotOptimize(spans.data());
    }
    state.counters["spans_per_query"] = double(found) / double(state.iterations());
}
SCHOLIAST_BENCHMARK(BM_OverlappingVisibleWindow)->Arg(3000)->Unit(benchmark::kMicrosecond);

// Hover and click: the spans at one code point.
void BM_SpansAt(benchmark::State &state)
{
    const AnnotationSet &set = annotationSet();
    const auto offsets = randomOffsets(document().length(), 16);
    size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(set.at(CodePoint(offsets[i++ & 0xFFFF])));
    }
}
SCHOLIAST_BENCHMARK(BM_SpansAt);

void BM_AnnotationSetReset(benchmark::State &state)
{
    const QList<Annotation> &spans = sidecar().annotations;
    AnnotationSet set;
    for (auto _ : state) {
        set.reset(spans);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * spans.size());
}
SCHOLIAST_BENCHMARK(BM_AnnotationSetReset)->Unit(benchmark::kMillisecond)->UseRealTime();

// Remove N spans spread over the 1M-span set in one call (reject all, undo an import; issue 17),
// then put them back untimed.
void BM_AnnotationSetRemove(benchmark::State &state)
{
    const QList<Annotation> &spans = sidecar().annotations;
    AnnotationSet set;
    set.reset(spans);
    const QStringList ids = Bench::spreadIds(spans, state.range(0));
    QList<Annotation> removed;
    for (auto _ : state) {
        removed = set.remove(ids);
        state.PauseTiming();
        set.add(removed);
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * ids.size());
}
SCHOLIAST_BENCHMARK(BM_AnnotationSetRemove)->Arg(10000)->Arg(40000)->Unit(benchmark::kMillisecond)->UseRealTime();

// --- Scholiast JSON ---------------------------------------------------------------------------

// What opening a document's sidecar costs: read the file, parse, check every span against the
// document (offsets, text, SHA-256).
void BM_SidecarReadValidate(benchmark::State &state)
{
    const Document &doc = document();
    const QString path = files().sidecar;
    qsizetype spans = 0;
    for (auto _ : state) {
        Diagnostics diagnostics;
        auto s = ScholiastJson::read(path, diagnostics, &doc);
        if (!s) {
            die("read failed", diagnostics);
        }
        spans = s->annotations.size();
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(state.iterations() * spans);
    state.SetBytesProcessed(state.iterations() * sidecarBytes().size());
}
SCHOLIAST_BENCHMARK(BM_SidecarReadValidate)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

// The same from bytes in memory and without a document: parsing and the document-free checks.
void BM_SidecarParseNoDocument(benchmark::State &state)
{
    const QByteArray &bytes = sidecarBytes();
    const QString path = files().sidecar;
    for (auto _ : state) {
        Diagnostics diagnostics;
        auto s = ScholiastJson::parse(bytes, path, diagnostics);
        if (!s) {
            die("parse failed", diagnostics);
        }
        benchmark::DoNotOptimize(s);
    }
    state.SetBytesProcessed(state.iterations() * bytes.size());
}
SCHOLIAST_BENCHMARK(BM_SidecarParseNoDocument)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SidecarSerialize(benchmark::State &state)
{
    const ScholiastJson::Sidecar &s = sidecar();
    qsizetype bytes = 0;
    for (auto _ : state) {
        const QByteArray out = ScholiastJson::serialize(s);
        bytes = out.size();
        benchmark::DoNotOptimize(out.constData());
    }
    state.SetBytesProcessed(state.iterations() * bytes);
}
SCHOLIAST_BENCHMARK(BM_SidecarSerialize)->Unit(benchmark::kMillisecond)->UseRealTime();

// What saving costs: serialize, then write through QSaveFile (temp file, fsync-free rename).
void BM_SidecarWrite(benchmark::State &state)
{
    const ScholiastJson::Sidecar &s = sidecar();
    QTemporaryDir dir(Bench::inputDirectory() + QStringLiteral("/write-XXXXXX"));
    const QString path = dir.filePath(QStringLiteral("out.txt.scholiast.json"));
    for (auto _ : state) {
        Diagnostics diagnostics;
        if (!ScholiastJson::write(path, s, diagnostics)) {
            die("write failed", diagnostics);
        }
    }
    state.SetItemsProcessed(state.iterations() * s.annotations.size());
}
SCHOLIAST_BENCHMARK(BM_SidecarWrite)->Unit(benchmark::kMillisecond)->UseRealTime();

// --- Parsers compared (docs/PERFORMANCE.md, "Why simdjson") -------------------------------------
// Each builds the same QList<Annotation> (id, start, end, label, text) from the bytes in memory,
// without validation, so that the parsers are compared on equal work.

void BM_ParseQJsonDocument(benchmark::State &state)
{
    const QByteArray &bytes = sidecarBytes();
    for (auto _ : state) {
        QJsonParseError error;
        const QJsonDocument json = QJsonDocument::fromJson(bytes, &error);
        if (error.error != QJsonParseError::NoError) {
            die(qPrintable(error.errorString()));
        }
        const QJsonArray array = json.object().value(QLatin1String("annotations")).toArray();
        QList<Annotation> spans;
        spans.reserve(array.size());
        for (const QJsonValue &v : array) {
            const QJsonObject o = v.toObject();
            Annotation span(CodePoint(o.value(QLatin1String("start")).toInteger()),
                            CodePoint(o.value(QLatin1String("end")).toInteger()),
                            o.value(QLatin1String("label")).toString());
            span.setText(o.value(QLatin1String("text")).toString());
            span.id = o.value(QLatin1String("id")).toString();
            spans.append(span);
        }
        if (spans.size() != Bench::SpanCount) {
            die("QJsonDocument: wrong span count");
        }
        benchmark::DoNotOptimize(spans);
    }
    state.SetBytesProcessed(state.iterations() * bytes.size());
}
SCHOLIAST_BENCHMARK(BM_ParseQJsonDocument)->Unit(benchmark::kMillisecond)->UseRealTime();

QString fromUtf8(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// simdjson On-Demand as scholiastjsonreader.cpp uses it (compiled with the same flags, so the same kernel).
void BM_ParseSimdjsonOnDemand(benchmark::State &state)
{
    const QByteArray &bytes = sidecarBytes();
    simdjson::ondemand::parser parser;
    for (auto _ : state) {
        simdjson::ondemand::document doc = parser.iterate(
            simdjson::padded_string_view(bytes.constData(), size_t(bytes.size()), size_t(bytes.capacity())));
        QList<Annotation> spans;
        spans.reserve(Bench::SpanCount);
        for (simdjson::ondemand::object o : doc["annotations"].get_array()) {
            Annotation a;
            for (auto field : o) {
                const std::string_view key = field.unescaped_key();
                if (key == "id") {
                    a.id = fromUtf8(field.value().get_string());
                } else if (key == "start") {
                    a.start = CodePoint(field.value().get_int64());
                } else if (key == "end") {
                    a.end = CodePoint(field.value().get_int64());
                } else if (key == "label") {
                    a.label = fromUtf8(field.value().get_string());
                } else if (key == "text") {
                    a.setText(fromUtf8(field.value().get_string()));
                }
            }
            spans.append(std::move(a));
        }
        if (spans.size() != Bench::SpanCount) {
            die("On-Demand: wrong span count");
        }
        benchmark::DoNotOptimize(spans);
    }
    state.SetBytesProcessed(state.iterations() * bytes.size());
}
SCHOLIAST_BENCHMARK(BM_ParseSimdjsonOnDemand)->Unit(benchmark::kMillisecond)->UseRealTime();

// simdjson's DOM parser: stage 1 and 2 run in libsimdjson.so with the kernel picked at run time.
void BM_ParseSimdjsonDom(benchmark::State &state)
{
    const QByteArray &bytes = sidecarBytes();
    simdjson::dom::parser parser;
    for (auto _ : state) {
        simdjson::dom::element doc = parser.parse(bytes.constData(), size_t(bytes.size()), false);
        QList<Annotation> spans;
        spans.reserve(Bench::SpanCount);
        for (simdjson::dom::object o : doc["annotations"].get_array()) {
            Annotation a;
            for (auto [key, value] : o) {
                if (key == "id") {
                    a.id = fromUtf8(value.get_string());
                } else if (key == "start") {
                    a.start = CodePoint(value.get_int64());
                } else if (key == "end") {
                    a.end = CodePoint(value.get_int64());
                } else if (key == "label") {
                    a.label = fromUtf8(value.get_string());
                } else if (key == "text") {
                    a.setText(fromUtf8(value.get_string()));
                }
            }
            spans.append(std::move(a));
        }
        if (spans.size() != Bench::SpanCount) {
            die("DOM: wrong span count");
        }
        benchmark::DoNotOptimize(spans);
    }
    state.SetBytesProcessed(state.iterations() * bytes.size());
}
SCHOLIAST_BENCHMARK(BM_ParseSimdjsonDom)->Unit(benchmark::kMillisecond)->UseRealTime();

// The parsers alone, building nothing: what the JSON layer costs before any QString is made.
void BM_ParseSimdjsonOnDemandNoQt(benchmark::State &state)
{
    const QByteArray &bytes = sidecarBytes();
    simdjson::ondemand::parser parser;
    for (auto _ : state) {
        simdjson::ondemand::document doc = parser.iterate(
            simdjson::padded_string_view(bytes.constData(), size_t(bytes.size()), size_t(bytes.capacity())));
        size_t sum = 0;
        for (simdjson::ondemand::object o : doc["annotations"].get_array()) {
            for (auto field : o) {
                simdjson::ondemand::value v = field.value();
                if (v.type() == simdjson::ondemand::json_type::string) {
                    sum += std::string_view(v.get_string()).size();
                } else {
                    sum += size_t(int64_t(v.get_int64()));
                }
            }
        }
        benchmark::DoNotOptimize(sum);
    }
    state.SetBytesProcessed(state.iterations() * bytes.size());
}
SCHOLIAST_BENCHMARK(BM_ParseSimdjsonOnDemandNoQt)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ParseSimdjsonDomNoQt(benchmark::State &state)
{
    const QByteArray &bytes = sidecarBytes();
    simdjson::dom::parser parser;
    for (auto _ : state) {
        simdjson::dom::element doc = parser.parse(bytes.constData(), size_t(bytes.size()), false);
        size_t sum = 0;
        for (simdjson::dom::object o : doc["annotations"].get_array()) {
            for (auto [key, value] : o) {
                sum += value.is_string() ? std::string_view(value.get_string()).size()
                                         : size_t(int64_t(value.get_int64()));
            }
        }
        benchmark::DoNotOptimize(sum);
    }
    state.SetBytesProcessed(state.iterations() * bytes.size());
}
SCHOLIAST_BENCHMARK(BM_ParseSimdjsonDomNoQt)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ParseQJsonDocumentNoWalk(benchmark::State &state)
{
    const QByteArray &bytes = sidecarBytes();
    for (auto _ : state) {
        const QJsonDocument json = QJsonDocument::fromJson(bytes);
        benchmark::DoNotOptimize(json.isObject());
    }
    state.SetBytesProcessed(state.iterations() * bytes.size());
}
SCHOLIAST_BENCHMARK(BM_ParseQJsonDocumentNoWalk)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

int main(int argc, char **argv)
{
    Scholiast::startAgainWithHugePages(argv); // as the applications start
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    Bench::addSimdjsonContext();
    (void)files(); // generate before timing starts
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
