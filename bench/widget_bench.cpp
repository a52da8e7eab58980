// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The annotator view at scale (issue 4): a generated 50 MB document with ~5% non-BMP code points
// and 1,000,000 spans, opened in the view offscreen. Measures open to first painted screen,
// paint after scrolling by a page, paint after jumping anywhere, and tag a selection to repaint.
// Figures go to docs/PERFORMANCE.md.

#include "editing/annotationdocument.h"
#include "editing/documentloader.h"
#include "view/annotationview.h"
#include "generate.h"
#include "view/layerpainter.h"
#include "editing/layerset.h"
#include "editing/reviewmodel.h"
#include "commands/spancommands.h"
#include "spanlistdock.h"
#include "review/metricsdock.h"
#include "reliability/autosaver.h"
#include "hugepages.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QEventLoop>
#include <QScrollBar>
#include <QStandardPaths>
#include <QUndoStack>

#include <benchmark/benchmark.h>

#include <memory>

#include <unistd.h>

using namespace Scholiast;

namespace {

struct Inputs
{
    QByteArray utf8;
    QList<Annotation> spans;
};

const Inputs &inputs()
{
    static const Inputs data = [] {
        Inputs in;
        in.utf8 = Bench::generateDocument();
        in.spans = Bench::generateSpans(in.utf8);
        return in;
    }();
    return data;
}

// Syntax colouring (issue 7): SCHOLIAST_BENCH_SYNTAX=HTML colours every painted line with that
// KSyntaxHighlighting definition; unset, the view draws plain text (bench.txt has no definition).
void applySyntax(AnnotationView &view)
{
    const QString name = qEnvironmentVariable("SCHOLIAST_BENCH_SYNTAX");
    if (!name.isEmpty()) {
        view.setSyntaxDefinition(name);
    }
}

qint64 peakResidentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

/// What a user has after opening: the document with its spans shown in a 1200x800 view.
struct Session
{
    std::unique_ptr<AnnotationDocument> document;
    std::unique_ptr<AnnotationView> view;
    QImage target{1200, 800, QImage::Format_ARGB32_Premultiplied};

    Session()
    {
        Diagnostics diagnostics;
        auto text =
            Document::fromUtf8(inputs().utf8, QStringLiteral("bench.txt"), diagnostics, Document::LoadOptions());
        document = std::make_unique<AnnotationDocument>(std::move(*text), LabelSchema::defaultSchema(), inputs().spans);
        view = std::make_unique<AnnotationView>();
        view->resize(target.size());
        view->setAttribute(Qt::WA_DontShowOnScreen);
        view->show();
        view->setDocument(document.get());
        applySyntax(*view);
    }

    void paint()
    {
        QPainter painter(&target);
        view->viewport()->render(&painter);
    }
};

// Made on first use and destroyed before the QApplication: a function-local static outlived it,
// and its widgets crashed the program on exit.
std::unique_ptr<Session> &sessionStorage()
{
    static std::unique_ptr<Session> s;
    return s;
}

Session &session()
{
    std::unique_ptr<Session> &s = sessionStorage();
    if (!s) {
        s = std::make_unique<Session>();
    }
    return *s;
}

void BM_OpenToFirstPaint(benchmark::State &state)
{
    const Inputs &in = inputs();
    for (auto _ : state) {
        Diagnostics diagnostics;
        auto text = Document::fromUtf8(in.utf8, QStringLiteral("bench.txt"), diagnostics, Document::LoadOptions());
        AnnotationDocument document(std::move(*text), LabelSchema::defaultSchema(), in.spans);
        AnnotationView view;
        view.resize(1200, 800);
        view.setAttribute(Qt::WA_DontShowOnScreen);
        view.show();
        view.setDocument(&document);
        applySyntax(view);
        QImage image(1200, 800, QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&image);
        view.viewport()->render(&painter);
        benchmark::DoNotOptimize(image.bits());
    }
    state.counters["peak_rss_MiB"] = double(peakResidentKiB()) / 1024.0;
}

// The window's row of issue 17, end to end from the files: read and index the 50 MB text and
// its 1,000,000-span sidecar as the window's loader does (DocumentLoader, Prepare::Document: the
// set is filled on the loader's thread as the sidecar is read), show and paint the first screen
// with spans. The CPU column counts every thread of the process (the document's SHA-256 and the
// sidecar's batches run on the second core too).
void BM_OpenFilesWithSpansToFirstPaint(benchmark::State &state)
{
    // A folder of its own: the metrics bench leaves a candidate sidecar beside the inputs, which
    // the loader would read too, as a layer.
    const Bench::Files files = Bench::ensureFiles(false);
    const QString folder = Bench::inputDirectory() + QStringLiteral("/open-window");
    const QString path = folder + QStringLiteral("/news-50MB.txt");
    QDir().mkpath(folder);
    for (const auto &[from, to] :
         {std::pair{files.document, path}, std::pair{files.sidecar, ScholiastJson::sidecarPath(path)}}) {
        if (!QFileInfo::exists(to)
            && ::link(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0) {
            state.SkipWithError("cannot link the bench inputs");
            return;
        }
    }
    for (auto _ : state) {
        // As the window opens it (MainWindow::open): the loader's thread reads both files and
        // fills the set as the sidecar is read (Prepare::Document); this thread waits for it.
        DocumentLoader loader;
        QEventLoop wait;
        QObject::connect(&loader, &DocumentLoader::finished, &wait, &QEventLoop::quit);
        loader.start(path, DocumentLoader::Prepare::Document);
        wait.exec();
        LoadResult result = loader.takeResult();
        if (!result.prepared) {
            state.SkipWithError("the bench inputs did not load");
            return;
        }
        std::unique_ptr<AnnotationDocument> document = std::move(result.prepared);
        result.sidecar.reset();
        auto view = std::make_unique<AnnotationView>();
        view->resize(1200, 800);
        view->setAttribute(Qt::WA_DontShowOnScreen);
        view->show();
        view->setDocument(document.get());
        QImage image(1200, 800, QImage::Format_ARGB32_Premultiplied);
        {
            QPainter painter(&image);
            view->viewport()->render(&painter);
        }
        benchmark::DoNotOptimize(image.bits());
        state.counters["spans"] = double(document->spans()->size());
        // The first paint is the end of the open: freeing a million spans (150-250 ms) is not
        // part of it, and was timed with it until 2026-12-07.
        state.PauseTiming();
        view.reset();
        document.reset();
        state.ResumeTiming();
    }
    state.counters["peak_rss_MiB"] = double(peakResidentKiB()) / 1024.0;
}

// What the window does for a background load (ui/documentpreview.cpp): the text is painted as soon
// as it is decoded, with no spans; the sidecar is read meanwhile on the loader's thread.
void BM_OpenTextFirstToFirstPaint(benchmark::State &state)
{
    const Inputs &in = inputs();
    for (auto _ : state) {
        Diagnostics diagnostics;
        auto text = Document::fromUtf8(in.utf8, QStringLiteral("bench.txt"), diagnostics, Document::LoadOptions());
        AnnotationDocument preview(std::move(*text), LabelSchema::defaultSchema(), {});
        AnnotationView view;
        view.resize(1200, 800);
        view.setAttribute(Qt::WA_DontShowOnScreen);
        view.show();
        view.setDocument(&preview);
        QImage image(1200, 800, QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&image);
        view.viewport()->render(&painter);
        benchmark::DoNotOptimize(image.bits());
    }
}

void BM_ViewSetDocumentAndPaint(benchmark::State &state)
{
    Session &s = session();
    for (auto _ : state) {
        s.view->setDocument(nullptr);
        s.view->setDocument(s.document.get());
        applySyntax(*s.view);
        s.paint();
    }
}

void BM_ScrollPagePaint(benchmark::State &state)
{
    Session &s = session();
    QScrollBar *bar = s.view->verticalScrollBar();
    bar->setValue(bar->maximum() / 3);
    s.paint();
    for (auto _ : state) {
        if (bar->value() >= bar->maximum() - bar->pageStep()) {
            state.PauseTiming();
            bar->setValue(bar->maximum() / 3);
            state.ResumeTiming();
        }
        bar->triggerAction(QAbstractSlider::SliderPageStepAdd);
        s.paint();
        // Between two page presses the event loop idles (key repeat is ~30 ms at its fastest):
        // the view lays out the next page then, outside the measured time.
        state.PauseTiming();
        QCoreApplication::processEvents();
        state.ResumeTiming();
    }
    state.counters["spans"] = double(s.document->spans()->size());
}

// Page scroll with relations in the set (the quotes rule suggests one per quotation): each of
// state.range(0) relations joins a span to the next one, so about as many arcs are on a page as
// the page has spans with a relation, and the rest are off screen.
void BM_ScrollPagePaintWithRelations(benchmark::State &state)
{
    Session &s = session();
    AnnotationSet &set = *s.document->spans();
    const auto wanted = static_cast<qsizetype>(state.range(0));
    if (set.relations().size() != wanted) {
        QStringList held;
        for (const Relation &relation : set.relations()) {
            held.append(relation.id);
        }
        set.removeRelations(held);
        const std::vector<const Annotation *> order = set.sorted();
        const size_t step = wanted > 0 ? std::max<size_t>(1, order.size() / size_t(wanted)) : order.size();
        QList<Relation> relations;
        for (size_t i = 0; i + 1 < order.size() && relations.size() < wanted; i += step) {
            relations.append(Relation{QString(), QStringLiteral("attributed_to"), order[i]->id, order[i + 1]->id});
        }
        set.addRelations(relations);
    }
    QScrollBar *bar = s.view->verticalScrollBar();
    bar->setValue(bar->maximum() / 3);
    s.paint();
    for (auto _ : state) {
        if (bar->value() >= bar->maximum() - bar->pageStep()) {
            state.PauseTiming();
            bar->setValue(bar->maximum() / 3);
            state.ResumeTiming();
        }
        bar->triggerAction(QAbstractSlider::SliderPageStepAdd);
        s.paint();
        state.PauseTiming();
        QCoreApplication::processEvents();
        state.ResumeTiming();
    }
    state.counters["relations"] = double(set.relations().size());
}

void BM_JumpScrollPaint(benchmark::State &state)
{
    Session &s = session();
    QScrollBar *bar = s.view->verticalScrollBar();
    Bench::Random random(7);
    for (auto _ : state) {
        bar->setValue(int(random.between(0, bar->maximum())));
        s.paint();
    }
}

void BM_TagSelectionToRepaint(benchmark::State &state)
{
    Session &s = session();
    QScrollBar *bar = s.view->verticalScrollBar();
    bar->setValue(bar->maximum() / 2);
    s.paint();
    const QRect rect = s.view->viewport()->rect();
    const CodePoint from = s.view->positionAt(QPoint(rect.width() / 3, rect.height() / 2));
    for (auto _ : state) {
        s.view->setSelection(from, CodePoint(from.value + 12));
        const auto [start, end] = s.view->snappedSelection();
        s.document->tag(start, end, QStringLiteral("quote"));
        s.paint();
        state.PauseTiming();
        s.document->undoStack()->undo();
        state.ResumeTiming();
    }
}

// Remove N spans spread over the 1M (reject all, undo an import; issue 17) with the span list
// dock attached, as in the window, then repaint; the undo that restores them is not timed.
void BM_RemoveSpreadSpansToRepaint(benchmark::State &state)
{
    Session &s = session();
    SpanListDock dock;
    dock.setDocument(s.document.get());
    const QStringList ids = Bench::spreadIds(inputs().spans, state.range(0));
    for (auto _ : state) {
        s.document->remove(ids);
        s.paint();
        state.PauseTiming();
        s.document->undoStack()->undo();
        state.ResumeTiming();
    }
    dock.setDocument(nullptr);
}

// Accept N spans spread over the 1M in one step (accept all suggestions; issue 17), with the
// span list dock attached, then repaint; the undo is not timed.
void BM_AcceptSpreadSpansToRepaint(benchmark::State &state)
{
    Session &s = session();
    SpanListDock dock;
    dock.setDocument(s.document.get());
    const QStringList ids = Bench::spreadIds(inputs().spans, state.range(0));
    for (auto _ : state) {
        s.document->undoStack()->push(new SetSpanStatus(s.document->spans(), ids, Annotation::Status::Accepted));
        s.paint();
        state.PauseTiming();
        s.document->undoStack()->undo();
        state.ResumeTiming();
    }
    dock.setDocument(nullptr);
}

// One edit with the Metrics dock shown (issue 17): tagging a span, the dock's handlers and the
// refresh its debounce timer runs, all on the GUI thread; the computation itself runs on a worker
// and is waited for (untimed) before the next edit, as is the undo. Arg 0: the dock hidden, so
// the edit alone, for comparison.
void BM_EditWithMetricsDockShown(benchmark::State &state)
{
    Session &s = session();
    const bool shown = state.range(0) != 0;
    MetricsDock dock;
    dock.setAttribute(Qt::WA_DontShowOnScreen);
    dock.resize(800, 400);
    if (shown) {
        dock.show();
    }
    const auto settle = [&dock] {
        QEventLoop loop;
        QObject::connect(&dock, &MetricsDock::computed, &loop, &QEventLoop::quit);
        if (dock.isComputing()) {
            loop.exec();
        }
    };
    dock.setDocument(s.document.get());
    settle();
    const CodePoint from(s.document->document().length() / 2);
    for (auto _ : state) {
        s.document->tag(from, CodePoint(from.value + 12), QStringLiteral("quote"));
        if (shown) {
            dock.refresh(); // what the debounce timer calls once edits pause
        }
        state.PauseTiming();
        settle();
        s.document->undoStack()->undo();
        if (shown) {
            dock.refresh();
        }
        settle();
        state.ResumeTiming();
    }
    dock.setDocument(nullptr);
}

// An autosave at 1M spans, the GUI thread's share (issue 17). Arg 0: the sidecar written on the
// GUI thread, as autosave did before; arg 1: AutoSaver::startSave, which takes a snapshot and
// leaves the writing to a worker (waited for, untimed). Written to the test-mode data folder.
void BM_AutosaveOnGuiThread(benchmark::State &state)
{
    QStandardPaths::setTestModeEnabled(true);
    Session &s = session();
    AutoSaver autoSaver;
    autoSaver.setInterval(24 * 3600 * 1000);
    autoSaver.setDocument(s.document.get());
    const QString recovery = AutoSaver::recoveryPath(s.document->path());
    const CodePoint from(s.document->document().length() / 3);
    for (auto _ : state) {
        state.PauseTiming();
        s.document->tag(from, CodePoint(from.value + 12), QStringLiteral("quote"));
        state.ResumeTiming();
        if (state.range(0) == 0) {
            Diagnostics diagnostics;
            benchmark::DoNotOptimize(s.document->writeCopy(recovery, diagnostics));
        } else {
            benchmark::DoNotOptimize(autoSaver.startSave());
        }
        state.PauseTiming();
        autoSaver.waitForSave();
        s.document->undoStack()->undo();
        state.ResumeTiming();
    }
    autoSaver.setDocument(nullptr);
    QFile::remove(recovery);
}

// A 20 MB document that is one line (issue 17): the same news-like text with its line feeds
// made spaces, against the text with lines. Open to the first painted screen, no spans; run
// each row in its own process (--benchmark_filter) for a peak RSS of its own.
constexpr qint64 LongLineDocumentBytes = 20LL * 1000 * 1000;

const QByteArray &longLineInput(bool oneLine)
{
    static const QByteArray withLines = Bench::generateDocument(LongLineDocumentBytes);
    static const QByteArray joined = [] {
        QByteArray text = withLines;
        text.replace('\n', ' ');
        return text;
    }();
    return oneLine ? joined : withLines;
}

void BM_OpenOneLineDocumentToFirstPaint(benchmark::State &state)
{
    const bool oneLine = state.range(0) != 0;
    const QByteArray &utf8 = longLineInput(oneLine);
    for (auto _ : state) {
        Diagnostics diagnostics;
        auto text = Document::fromUtf8(utf8, QStringLiteral("bench.txt"), diagnostics, Document::LoadOptions());
        AnnotationDocument document(std::move(*text), LabelSchema::defaultSchema(), {});
        AnnotationView view;
        view.resize(1200, 800);
        view.setAttribute(Qt::WA_DontShowOnScreen);
        view.show();
        view.setDocument(&document);
        view.setLineNumbersVisible(true);
        QImage image(1200, 800, QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&image);
        view.viewport()->render(&painter);
        benchmark::DoNotOptimize(image.bits());
    }
    state.SetLabel(oneLine ? "one line" : "with lines");
    state.counters["bytes"] = double(utf8.size());
    state.counters["peak_rss_MiB"] = double(peakResidentKiB()) / 1024.0;
}

// Review mode (issue 6): a model's 1,000,000 predictions against the 1,000,000 gold spans.
// Most agree; some are relabelled, cut short, dropped or added, as a tagger's would be.
QList<Annotation> predictions(const QList<Annotation> &gold)
{
    Bench::Random random(11);
    const QString labels[] = {QStringLiteral("claim"), QStringLiteral("quote"), QStringLiteral("boilerplate")};
    QList<Annotation> out;
    out.reserve(gold.size());
    for (const Annotation &g : gold) {
        Annotation p(g.start, g.end, g.label);
        p.id = QStringLiteral("p") + g.id;
        const qint64 roll = random.between(0, 99);
        if (roll < 6) {
            continue; // missed
        } else if (roll < 13) {
            p.label = labels[(random.between(1, 2) + (g.label == labels[1]) + 2 * (g.label == labels[2])) % 3];
        } else if (roll < 20 && g.length() > 4) {
            p.end -= random.between(1, 3); // boundary
        } else if (roll < 25 && g.length() > 4) {
            Annotation nested(g.start + 1, g.end - 1, g.label == labels[0] ? labels[1] : labels[0]);
            nested.id = QStringLiteral("q") + g.id; // spurious, nested
            out.append(nested);
        }
        out.append(p);
    }
    return out;
}

struct ReviewBench
{
    LayerSet layers;
    ReviewModel model;
    LayerPainter painter;
    AnnotationSet *candidate = nullptr;
};

ReviewBench &reviewBench()
{
    // Never destroyed: its QObjects would outlive the QApplication at exit.
    static ReviewBench &r = *new ReviewBench;
    if (!r.candidate) {
        r.layers.addLayer(QStringLiteral("model"), predictions(inputs().spans));
        r.candidate = r.layers.spans(QStringLiteral("model"));
        r.painter.setDocument(session().document.get());
        r.painter.setLayers(&r.layers);
        r.painter.setReview(&r.model);
    }
    return r;
}

// Reading the prediction sidecar is the loader's job (off the GUI thread); this is building the
// layer's interval index from its spans, once per opened document.
void BM_ReviewLayerIndex(benchmark::State &state)
{
    const QList<Annotation> spans = predictions(inputs().spans);
    for (auto _ : state) {
        LayerSet layers;
        layers.addLayer(QStringLiteral("model"), spans);
        benchmark::DoNotOptimize(layers.spans(QStringLiteral("model"))->size());
    }
    state.counters["spans"] = double(spans.size());
}

// Switching review on (reference = the editable spans, candidate = the layer) to the repainted
// screen, at a random place: the budget is 100 ms.
void BM_ReviewSwitchOnRepaint(benchmark::State &state)
{
    Session &s = session();
    ReviewBench &r = reviewBench();
    s.view->setOverlay(&r.painter);
    QScrollBar *bar = s.view->verticalScrollBar();
    Bench::Random random(13);
    for (auto _ : state) {
        state.PauseTiming();
        r.model.setSources(nullptr, nullptr);
        bar->setValue(int(random.between(0, bar->maximum())));
        s.paint();
        state.ResumeTiming();
        r.model.setSources(s.document->spans(), r.candidate);
        s.paint();
    }
    s.view->setOverlay(nullptr);
    r.model.setSources(nullptr, nullptr);
}

// F8 from a random place: the next disagreement.
void BM_ReviewNextDisagreement(benchmark::State &state)
{
    Session &s = session();
    ReviewBench &r = reviewBench();
    r.model.setSources(s.document->spans(), r.candidate);
    const qint64 length = s.document->document().length();
    Bench::Random random(17);
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            r.model.adjacentDisagreement(std::nullopt, CodePoint(random.between(0, length - 1)), 1, length));
    }
    r.model.setSources(nullptr, nullptr);
}

// F8 when nothing disagrees (a layer against itself): the walk classifies the whole document.
void BM_ReviewNextDisagreementNoneLeft(benchmark::State &state)
{
    Session &s = session();
    ReviewBench &r = reviewBench();
    r.model.setSources(s.document->spans(), s.document->spans());
    const qint64 length = s.document->document().length();
    for (auto _ : state) {
        benchmark::DoNotOptimize(r.model.adjacentDisagreement(std::nullopt, CodePoint(0), 1, length));
    }
    r.model.setSources(nullptr, nullptr);
}

} // namespace

BENCHMARK(BM_ReviewLayerIndex)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ReviewSwitchOnRepaint)->Unit(benchmark::kMillisecond)->Iterations(20);
BENCHMARK(BM_ReviewNextDisagreement)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReviewNextDisagreementNoneLeft)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_OpenToFirstPaint)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_OpenOneLineDocumentToFirstPaint)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK(BM_OpenFilesWithSpansToFirstPaint)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK(BM_OpenTextFirstToFirstPaint)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ViewSetDocumentAndPaint)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_ScrollPagePaint)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScrollPagePaintWithRelations)->Arg(100000)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JumpScrollPaint)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagSelectionToRepaint)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RemoveSpreadSpansToRepaint)->Arg(1000)->Arg(40000)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_EditWithMetricsDockShown)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK(BM_AutosaveOnGuiThread)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_AcceptSpreadSpansToRepaint)->Arg(1000)->Arg(40000)->Unit(benchmark::kMillisecond)->Iterations(2);

int main(int argc, char **argv)
{
    Scholiast::startAgainWithHugePages(argv); // as the application starts
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    benchmark::AddCustomContext("document_bytes", std::to_string(Bench::DocumentBytes));
    benchmark::AddCustomContext("spans", std::to_string(Bench::SpanCount));
    const QString syntax = qEnvironmentVariable("SCHOLIAST_BENCH_SYNTAX");
    benchmark::AddCustomContext("syntax", syntax.isEmpty() ? std::string("none") : syntax.toStdString());
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    sessionStorage().reset();
    return 0;
}
