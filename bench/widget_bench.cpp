// The annotator view at scale (issue 4): a generated 50 MB document with ~5% non-BMP code points
// and 1,000,000 spans, opened in the view offscreen. Measures open to first painted screen,
// paint after scrolling by a page, paint after jumping anywhere, and tag a selection to repaint.
// Figures go to docs/PERFORMANCE.md.

#include "annotationdocument.h"
#include "annotationview.h"
#include "generate.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QUndoStack>

#include <benchmark/benchmark.h>

#include <memory>

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
        auto text = Document::fromUtf8(inputs().utf8, QStringLiteral("bench.txt"), diagnostics, Document::LoadOptions());
        document = std::make_unique<AnnotationDocument>(std::move(*text), LabelSchema::defaultSchema(), inputs().spans);
        view = std::make_unique<AnnotationView>();
        view->resize(target.size());
        view->setAttribute(Qt::WA_DontShowOnScreen);
        view->show();
        view->setDocument(document.get());
    }

    void paint()
    {
        QPainter painter(&target);
        view->viewport()->render(&painter);
    }
};

Session &session()
{
    static Session s;
    return s;
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
        QImage image(1200, 800, QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&image);
        view.viewport()->render(&painter);
        benchmark::DoNotOptimize(image.bits());
    }
    state.counters["peak_rss_MiB"] = double(peakResidentKiB()) / 1024.0;
}

void BM_ViewSetDocumentAndPaint(benchmark::State &state)
{
    Session &s = session();
    for (auto _ : state) {
        s.view->setDocument(nullptr);
        s.view->setDocument(s.document.get());
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
    }
    state.counters["spans"] = double(s.document->spans()->size());
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

} // namespace

BENCHMARK(BM_OpenToFirstPaint)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ViewSetDocumentAndPaint)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_ScrollPagePaint)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JumpScrollPaint)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagSelectionToRepaint)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
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
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
