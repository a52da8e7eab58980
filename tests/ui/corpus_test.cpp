// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The corpus navigator, Ctrl+PgDown / Ctrl+PgUp, the document status, the annotator's name and
// the metrics dock, driven through the real window on the offscreen platform (issue 6).
#include "testhelpers.h"
#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "metrics/codepointagreement.h"
#include "corpus.h"
#include "corpus/corpusdock.h"
#include "corpus/corpusmodel.h"
#include "mainwindow.h"
#include "review/metricsdock.h"
#include "review/reviewcontroller.h"
#include "formats/scholiastjson.h"
#include "formats/writecheck.h"
#include "commands/spancommands.h"
#include "metrics/spanscores.h"
#include "testspans.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <memory>

using namespace Scholiast;

namespace {
const QString ANews = QStringLiteral("Port Ardagh council approves the bridge. \"We will build it,\" the mayor said.\n"
                                     "Share this article\n");
const QString BEmoji = QStringLiteral(
    "🇰🇷 Market note 👩‍💻\r\nAnalyst: 박서연 said prices rose 3%.\r\nSign in to comment\r\n");
const QString CCjk = QStringLiteral("東京の市場は上昇した。\n投資家は慎重だ。\n");

struct Needle
{
    QString text;
    QString label;
};

// The code-point range of the first occurrence of `needle` in `text`.
std::pair<qint64, qint64> range(const QString &text, const QString &needle)
{
    const qsizetype at = Testing::indexOrFail(text, needle);
    const qint64 start = text.left(at).toUcs4().size();
    return {start, start + needle.toUcs4().size()};
}

bool writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) == text.toUtf8().size();
}

bool writeSidecar(const QString &documentPath, const QString &sidecarPath, const QList<Needle> &needles,
                  const QJsonObject &fields = {})
{
    Diagnostics diagnostics;
    const auto document = Document::load(documentPath, diagnostics);
    if (!document) {
        return false;
    }
    AnnotationSet set;
    for (const Needle &n : needles) {
        const auto [start, end] = range(document->text(), n.text);
        set.add(Testing::withText(Annotation(CodePoint(start), CodePoint(end), n.label), n.text));
    }
    ScholiastJson::Sidecar sidecar = ScholiastJson::makeSidecar(*document, LabelSchema::defaultSchema(), set);
    sidecar.extraFields = fields;
    return ScholiastJson::write(sidecarPath, sidecar, diagnostics);
}

std::optional<ScholiastJson::Sidecar> readSidecar(const QString &documentPath)
{
    Diagnostics diagnostics;
    return ScholiastJson::read(ScholiastJson::sidecarPath(documentPath), diagnostics);
}

int rowOfLabel(const QTableWidget *table, const QString &label)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0) && table->item(row, 0)->text() == label) {
            return row;
        }
    }
    return -1;
}
} // namespace

class CorpusUiTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return m_dir->filePath(name); }

    // What MetricsDock computes for the open document, synchronously from the library: its
    // gold spans as in memory against the layers on disk.
    MetricsReport expectedReport(const MainWindow &window, const MetricsDock &dock) const
    {
        const Interchange::StatusFilter goldOnly;
        MetricsDocument d;
        d.name = QFileInfo(window.document()->path()).fileName();
        d.length = window.document()->document().length();
        QStringList labels;
        for (const Label &label : window.document()->labels().labels()) {
            labels.append(label.name);
        }
        for (const QString &layer : dock.layers()) {
            QList<Annotation> spans;
            if (layer.isEmpty()) {
                spans = window.document()->spans()->toList();
            } else {
                Diagnostics diagnostics;
                const auto sidecar =
                    ScholiastJson::read(Corpus::layerPath(window.document()->path(), layer), diagnostics);
                if (!sidecar) {
                    return {};
                }
                for (const Label &label : sidecar->labels.labels()) {
                    if (!labels.contains(label.name)) {
                        labels.append(label.name);
                    }
                }
                spans = sidecar->annotations;
            }
            Interchange::filterByStatus(spans, goldOnly);
            d.layers.append(spans);
        }
        return MetricsReport::compute(QStringLiteral("document"), dock.layers(), dock.report().reference,
                                      dock.report().candidate, {d}, labels);
    }

    // The corpus open in `window` at b-emoji.txt, a "new" document, with an annotator named.
    void openNewDocumentOfCorpus(MainWindow &window)
    {
        window.setAnnotatorName(QStringLiteral("ana"));
        QVERIFY(window.openCorpus(m_dir->path()));
        QTRY_VERIFY(!window.corpusDock()->model()->isScanning());
        QVERIFY(window.openAdjacentDocument(1));
        QCOMPARE(window.document()->path(), path(QStringLiteral("b-emoji.txt")));
    }

    std::unique_ptr<MainWindow> openWindow()
    {
        auto window = std::make_unique<MainWindow>();
        window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        window->show();
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ScholiastTest"));
        QCoreApplication::setApplicationName(QStringLiteral("ui_corpus_test"));
    }

    void init()
    {
        QSettings().remove(QStringLiteral("annotator/name"));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(writeFile(path(QStringLiteral("a-news.txt")), ANews));
        QVERIFY(writeFile(path(QStringLiteral("b-emoji.txt")), BEmoji));
        QVERIFY(writeFile(path(QStringLiteral("c-cjk.txt")), CCjk));
        QVERIFY(writeSidecar(path(QStringLiteral("a-news.txt")), path(QStringLiteral("a-news.txt.scholiast.json")),
                             {{QStringLiteral("Port Ardagh council approves the bridge."), QStringLiteral("claim")},
                              {QStringLiteral("We will build it,"), QStringLiteral("quote")},
                              {QStringLiteral("Share this article"), QStringLiteral("boilerplate")}},
                             QJsonObject{{QStringLiteral("corpus_status"), QStringLiteral("done")},
                                         {QStringLiteral("project"), QStringLiteral("harbour-2026")}}));
        // b: the editable sidecar and a gold layer that differs from it in every way a review can.
        QVERIFY(writeSidecar(path(QStringLiteral("b-emoji.txt")), path(QStringLiteral("b-emoji.txt.scholiast.json")),
                             {{QStringLiteral("🇰🇷 Market note 👩‍💻"), QStringLiteral("boilerplate")},
                              {QStringLiteral("박서연 said prices rose 3%."), QStringLiteral("claim")},
                              {QStringLiteral("prices rose"), QStringLiteral("quote")}}));
        QVERIFY(writeSidecar(path(QStringLiteral("b-emoji.txt")),
                             path(QStringLiteral("b-emoji.txt.gold.scholiast.json")),
                             {{QStringLiteral("🇰🇷 Market note 👩‍💻"), QStringLiteral("boilerplate")},
                              {QStringLiteral("Analyst: 박서연 said prices rose 3%."), QStringLiteral("claim")},
                              {QStringLiteral("prices rose"), QStringLiteral("claim")},
                              {QStringLiteral("Sign in to comment"), QStringLiteral("boilerplate")}}));
    }

    void opensAndListsTheCorpus()
    {
        auto window = openWindow();
        QVERIFY(window->openCorpus(m_dir->path()));
        CorpusDock *dock = window->corpusDock();
        CorpusModel *model = dock->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(dock->isVisible());
        QTRY_VERIFY(!model->isScanning());
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(window->document()->path(), path(QStringLiteral("a-news.txt")));

        const auto text = [model](int row, int column) { return model->index(row, column).data().toString(); };
        QCOMPARE(text(0, CorpusModel::NameColumn), QStringLiteral("a-news.txt"));
        QCOMPARE(text(0, CorpusModel::StatusColumn), QStringLiteral("Done"));
        QCOMPARE(text(0, CorpusModel::SpansColumn), QStringLiteral("3"));
        QCOMPARE(text(0, CorpusModel::LabelsColumn), QStringLiteral("boilerplate 1 · claim 1 · quote 1"));
        QCOMPARE(text(1, CorpusModel::StatusColumn), QStringLiteral("New"));
        QCOMPARE(text(1, CorpusModel::LabelsColumn), QStringLiteral("boilerplate 1 · claim 1 · quote 1"));
        QCOMPARE(text(2, CorpusModel::NameColumn), QStringLiteral("c-cjk.txt"));
        QCOMPARE(text(2, CorpusModel::SpansColumn), QStringLiteral("0"));
        QCOMPARE(model->entries().at(1).layers, QStringList{QStringLiteral("gold")});
        QCOMPARE(model->progressText(), QStringLiteral("1 of 3 done"));
        QVERIFY2(dock->progressText().contains(QStringLiteral("1 of 3 done")), qPrintable(dock->progressText()));
        // The open document's row is bold and selected.
        QVERIFY(model->index(0, 0).data(Qt::FontRole).value<QFont>().bold());
        QCOMPARE(dock->selectedDocument(), path(QStringLiteral("a-news.txt")));
    }

    // The acceptance check of issue 6 on a copy of the bundled samples (resources/samples).
    // Issue 18: at 1366x768 the corpus and Metrics docks opened at their full 390 and 330 px and
    // left the text about 380x270; a document with no layer titled the chart "editable against
    // editable".
    void corpusDocksLeaveTheTextRoom_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1366x768 screen") << QSize(1366, 700);
        QTest::newRow("1920x1080 screen") << QSize(1900, 1000);
    }

    void corpusDocksLeaveTheTextRoom()
    {
        QFETCH(QSize, size);
        auto window = openWindow();
        window->resize(size);
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(window->openCorpus(m_dir->path()));
        QTRY_VERIFY(window->metricsDock()->isVisible());
        QTRY_COMPARE(window->size(), size);
        QCoreApplication::processEvents();
        const QSize text = window->view()->size();
        const QString what = QStringLiteral("text %1x%2 in a %3x%4 window")
                                 .arg(text.width())
                                 .arg(text.height())
                                 .arg(window->width())
                                 .arg(window->height());
        QVERIFY2(text.width() >= window->width() * 2 / 5, qPrintable(what));
        QVERIFY2(text.height() >= window->height() * 2 / 5, qPrintable(what));

        MetricsDock *dock = window->metricsDock();
        QTRY_VERIFY(!dock->isComputing());
        QCOMPARE(dock->report().reference, dock->report().candidate); // a-news.txt has no layer
        QCOMPARE(dock->chart()->title(), QString());
    }

    void bundledSamplesOpenNavigateAndShowProgress()
    {
        QTemporaryDir copy;
        const QDir samples(QStringLiteral(SCHOLIAST_SAMPLES));
        const QStringList files = samples.entryList(QDir::Files);
        for (const QString &name : files) {
            QVERIFY(QFile::copy(samples.filePath(name), copy.filePath(name)));
        }
        auto window = openWindow();
        QVERIFY(window->openCorpus(copy.path()));
        CorpusModel *model = window->corpusDock()->model();
        QTRY_VERIFY(!model->isScanning());
        const int documents = int(samples.entryList({QStringLiteral("*.txt")}, QDir::Files).size());
        QCOMPARE(model->rowCount(), documents);
        QCOMPARE(model->progressText(), QStringLiteral("0 of %1 done").arg(documents));
        for (int row = 0; row < model->rowCount(); ++row) {
            QCOMPARE(window->document()->path(), model->documentPath(row));
            QVERIFY(model->entries().at(row).spans > 0);
            QVERIFY(model->entries().at(row).problem.isEmpty());
            QComboBox *box = window->corpusDock()->statusBox();
            const int done = box->findData(int(Corpus::Status::Done));
            box->setCurrentIndex(done);
            Q_EMIT box->activated(done);
            QTRY_COMPARE(model->doneCount(), row + 1);
            QTest::keyClick(window->view(), Qt::Key_PageDown, Qt::ControlModifier);
        }
        QCOMPARE(window->document()->path(), model->documentPath(documents - 1)); // stays on the last one
        QVERIFY(window->save());
        const QString allDone = QStringLiteral("%1 of %1 done").arg(documents);
        QCOMPARE(model->progressText(), allDone);
        QVERIFY2(window->corpusDock()->progressText().contains(allDone),
                 qPrintable(window->corpusDock()->progressText()));
        for (int row = 0; row < model->rowCount(); ++row) {
            QCOMPARE(int(Corpus::statusOf(readSidecar(model->documentPath(row))->extraFields)),
                     int(Corpus::Status::Done));
        }
    }

    void navigatesAndSavesAsItGoes()
    {
        auto window = openWindow();
        QVERIFY(window->openCorpus(m_dir->path()));
        QTRY_VERIFY(!window->corpusDock()->model()->isScanning());
        window->setAnnotatorName(QStringLiteral("ana"));
        const auto [start, end] = range(ANews, QStringLiteral("the mayor"));
        QVERIFY(!window->document()->tag(CodePoint(start), CodePoint(end), QStringLiteral("claim")).isEmpty());
        QVERIFY(window->document()->isModified());

        QTest::keyClick(window->view(), Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(window->document()->path(), path(QStringLiteral("b-emoji.txt")));
        // a-news was saved before b opened: its new span, its status and its other fields are on disk.
        const auto saved = readSidecar(path(QStringLiteral("a-news.txt")));
        QVERIFY(saved);
        QCOMPARE(saved->annotations.size(), 4);
        QCOMPARE(saved->extraFields.value(QStringLiteral("project")).toString(), QStringLiteral("harbour-2026"));
        QCOMPARE(saved->extraFields.value(QStringLiteral("corpus_status")).toString(), QStringLiteral("done"));
        QCOMPARE(window->corpusDock()->selectedDocument(), path(QStringLiteral("b-emoji.txt")));

        QTest::keyClick(window->view(), Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(window->document()->path(), path(QStringLiteral("c-cjk.txt")));
        QVERIFY(!window->openAdjacentDocument(1)); // the last one
        QCOMPARE(window->document()->path(), path(QStringLiteral("c-cjk.txt")));
        QTest::keyClick(window->view(), Qt::Key_PageUp, Qt::ControlModifier);
        QTest::keyClick(window->view(), Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(window->document()->path(), path(QStringLiteral("a-news.txt")));
        QCOMPARE(window->document()->spans()->size(), 4);
        QVERIFY(!window->document()->isModified());
        QVERIFY(!window->openAdjacentDocument(-1)); // the first one
        // The row of a-news counts the new span.
        QTRY_COMPARE(window->corpusDock()->model()->index(0, CorpusModel::SpansColumn).data().toString(),
                     QStringLiteral("4"));
    }

    void statusIsSetFromTheDockAndPersists()
    {
        {
            auto window = openWindow();
            QVERIFY(window->openCorpus(m_dir->path()));
            CorpusDock *dock = window->corpusDock();
            QTRY_VERIFY(!dock->model()->isScanning());
            QVERIFY(window->openAdjacentDocument(1));
            QCOMPARE(window->document()->path(), path(QStringLiteral("b-emoji.txt")));

            // The open document: one undo step, in memory until saved.
            QComboBox *box = dock->statusBox();
            const int done = box->findData(int(Corpus::Status::Done));
            box->setCurrentIndex(done);
            Q_EMIT box->activated(done);
            QCOMPARE(window->document()->undoStack()->count(), 1);
            QCOMPARE(window->document()->undoStack()->text(0), QStringLiteral("Mark document as done"));
            QTRY_COMPARE(dock->model()->index(1, CorpusModel::StatusColumn).data().toString(), QStringLiteral("Done"));
            QCOMPARE(dock->model()->progressText(), QStringLiteral("2 of 3 done"));
            window->document()->undoStack()->undo();
            QTRY_COMPARE(dock->model()->index(1, CorpusModel::StatusColumn).data().toString(), QStringLiteral("New"));
            window->document()->undoStack()->redo();
            QTRY_COMPARE(dock->model()->index(1, CorpusModel::StatusColumn).data().toString(), QStringLiteral("Done"));
            QVERIFY(readSidecar(path(QStringLiteral("b-emoji.txt")))->extraFields.isEmpty()); // not saved yet

            // Another document: written to its sidecar at once (c has none yet).
            dock->tableView()->selectionModel()->setCurrentIndex(
                dock->model()->index(2, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            const int inProgress = box->findData(int(Corpus::Status::InProgress));
            box->setCurrentIndex(inProgress);
            Q_EMIT box->activated(inProgress);
            QTRY_COMPARE(dock->model()->index(2, CorpusModel::StatusColumn).data().toString(),
                         QStringLiteral("In progress"));
            QCOMPARE(readSidecar(path(QStringLiteral("c-cjk.txt")))
                         ->extraFields.value(QStringLiteral("corpus_status"))
                         .toString(),
                     QStringLiteral("in-progress"));
            QCOMPARE(dock->model()->progressText(), QStringLiteral("2 of 3 done · 1 in progress"));

            QVERIFY(window->openAdjacentDocument(1)); // saves b
            QCOMPARE(readSidecar(path(QStringLiteral("b-emoji.txt")))
                         ->extraFields.value(QStringLiteral("corpus_status"))
                         .toString(),
                     QStringLiteral("done"));
        }
        // A new window reads the statuses back.
        auto window = openWindow();
        QVERIFY(window->openCorpus(m_dir->path()));
        QTRY_VERIFY(!window->corpusDock()->model()->isScanning());
        QCOMPARE(window->corpusDock()->model()->progressText(), QStringLiteral("2 of 3 done · 1 in progress"));
    }

    void recordsTheAnnotatorName()
    {
        auto window = openWindow();
        QVERIFY(window->openFile(path(QStringLiteral("c-cjk.txt"))));
        window->setAnnotatorName(QStringLiteral("  박서연 "));
        QCOMPARE(QSettings().value(QStringLiteral("annotator/name")).toString(), QStringLiteral("박서연"));
        auto *label = window->findChild<QLabel *>(QStringLiteral("AnnotatorLabel"));
        QVERIFY(label);
        QCOMPARE(label->text(), QStringLiteral("Annotator: 박서연"));
        window->view()->setSelection(CodePoint(0), CodePoint(2));
        window->applyLabel(QStringLiteral("claim"));
        QCOMPARE(window->document()->spans()->size(), 1);
        const Annotation *span = window->document()->spans()->sorted().front();
        QCOMPARE(span->text(), QStringLiteral("東京"));
        QCOMPARE(span->annotator(), QStringLiteral("박서연"));
        QVERIFY(window->save());
        QCOMPARE(readSidecar(path(QStringLiteral("c-cjk.txt")))->annotations.front().annotator(),
                 QStringLiteral("박서연"));
    }

    void asksForTheNameOnTheFirstTag()
    {
        auto window = openWindow();
        QVERIFY(window->openFile(path(QStringLiteral("c-cjk.txt"))));
        QVERIFY(MainWindow::annotatorName().isEmpty());
        int asked = 0;
        // Answers the modal dialog from inside its event loop.
        QTimer answer;
        answer.setInterval(10);
        connect(&answer, &QTimer::timeout, this, [&] {
            if (auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
                QCOMPARE(dialog->objectName(), QStringLiteral("AnnotatorNameDialog"));
                ++asked;
                dialog->setTextValue(QStringLiteral("bo"));
                dialog->accept();
            }
        });
        answer.start();
        window->view()->setSelection(CodePoint(0), CodePoint(2));
        window->applyLabel(QStringLiteral("claim"));
        window->view()->setSelection(CodePoint(3), CodePoint(5));
        window->applyLabel(QStringLiteral("quote"));
        answer.stop();
        QCOMPARE(asked, 1);
        QCOMPARE(MainWindow::annotatorName(), QStringLiteral("bo"));
        for (const Annotation *span : window->document()->spans()->sorted()) {
            QCOMPARE(span->annotator(), QStringLiteral("bo"));
        }
        QCOMPARE(window->document()->spans()->size(), 2);
        // Closed clean: destroying a window with unsaved changes trips over MainWindow's
        // cleanChanged handler during child deletion (reported, not this test's subject).
        QVERIFY(window->save());
    }

    void metricsEqualTheLibrarys()
    {
        auto window = openWindow();
        QVERIFY(window->openCorpus(m_dir->path()));
        QTRY_VERIFY(!window->corpusDock()->model()->isScanning());
        QVERIFY(window->openAdjacentDocument(1));
        MetricsDock *dock = window->metricsDock();
        QVERIFY(dock->isVisible());
        QCOMPARE(dock->layers(), (QStringList{QString(), QStringLiteral("gold")}));
        QVERIFY(dock->setLayers(QStringLiteral("gold"), QString()));
        QTRY_VERIFY(!dock->isComputing());

        // The same figures straight from annotations/metrics.
        Diagnostics diagnostics;
        const auto gold = ScholiastJson::read(path(QStringLiteral("b-emoji.txt.gold.scholiast.json")), diagnostics);
        QVERIFY(gold);
        const QList<Annotation> editable = window->document()->spans()->toList();
        Metrics::SpanScores scores;
        scores.add(gold->annotations, editable);
        Metrics::CodePointAgreement agreement(2);
        agreement.add(window->document()->document().length(), {gold->annotations, editable});

        const MetricsReport &report = dock->report();
        QCOMPARE(report.scope, QStringLiteral("document"));
        QCOMPARE(report.documents, 1);
        QCOMPARE(report.scores.microExact(), scores.microExact());
        QCOMPARE(report.scores.microOverlap(), scores.microOverlap());
        QCOMPARE(report.scores.confusion(), scores.confusion());
        QCOMPARE(report.scores.missed(), scores.missed());
        QCOMPARE(report.scores.spurious(), scores.spurious());
        // By hand: gold 4 spans, editable 3; exact matches: the flag line only -> P 1/3, R 1/4.
        QCOMPARE(scores.microExact().matched, 1);
        QCOMPARE(*report.scores.microExact().precision(), 1.0 / 3.0);
        QCOMPARE(*report.scores.microExact().recall(), 1.0 / 4.0);
        for (const QString &label : {QStringLiteral("claim"), QStringLiteral("quote"), QStringLiteral("boilerplate")}) {
            QCOMPARE(report.agreement.kappa(label), agreement.kappa(label));
            QCOMPARE(report.agreement.alpha(label), agreement.alpha(label));
        }
        QCOMPARE(report.agreement.alpha(), agreement.alpha());

        // The tables show them.
        const QTableWidget *table = dock->scoresTable();
        const int micro = rowOfLabel(table, QStringLiteral("micro"));
        QVERIFY(micro >= 0);
        QCOMPARE(table->item(micro, 5)->text(), QString::number(*scores.microExact().f1(), 'f', 3));
        QCOMPARE(table->item(micro, 8)->text(), QString::number(*scores.microOverlap().f1(), 'f', 3));
        const int claim = rowOfLabel(table, QStringLiteral("claim"));
        QCOMPARE(table->item(claim, 9)->text(), QString::number(*agreement.kappa(QStringLiteral("claim")), 'f', 3));
        const QTableWidget *confusion = dock->confusionTable();
        const int spurious = rowOfLabel(confusion, QStringLiteral("spurious"));
        QVERIFY(spurious >= 0);
        // The editable claim has no same-range gold span (gold's starts at "Analyst"): spurious.
        const int claimColumn = 1 + int(report.labels().indexOf(QStringLiteral("claim")));
        QCOMPARE(scores.spurious().at(QStringLiteral("claim")), 1);
        QCOMPARE(confusion->item(spurious, claimColumn)->text(), QStringLiteral("1"));
        // The editable quote has the range of a gold claim: a label mismatch, in the claim row.
        const int quoteColumn = 1 + int(report.labels().indexOf(QStringLiteral("quote")));
        QCOMPARE(confusion->item(rowOfLabel(confusion, QStringLiteral("claim")), quoteColumn)->text(),
                 QStringLiteral("1"));
        // One bar set per figure, one bar per label.
        QCOMPARE(dock->chart()->series().size(), 1);
        auto *bars = qobject_cast<QBarSeries *>(dock->chart()->series().front());
        QVERIFY(bars);
        QCOMPARE(bars->count(), 3);
        QCOMPARE(bars->barSets().front()->count(), int(report.labels().size()));

        // Unsaved edits count: the editable layer is the one in memory.
        const auto [start, end] = range(BEmoji, QStringLiteral("Sign in to comment"));
        window->document()->tag(CodePoint(start), CodePoint(end), QStringLiteral("boilerplate"));
        QTRY_COMPARE(dock->report().scores.microExact().matched, 2);
        QTRY_VERIFY(!dock->isComputing());

        // The export, for the Python consumer test (tests/python/test_metrics_dock_export.py).
        const QString out = QStringLiteral(SCHOLIAST_UI_TEST_OUTPUT);
        QVERIFY(QDir().mkpath(out));
        QVERIFY(dock->exportCsv(out + QStringLiteral("/metrics-dock.csv"), diagnostics));
        QVERIFY(dock->exportJson(out + QStringLiteral("/metrics-dock.json"), diagnostics));
        QFile json(out + QStringLiteral("/metrics-dock.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject exported = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(exported.value(QStringLiteral("reference")).toString(), QStringLiteral("gold"));
        QCOMPARE(exported.value(QStringLiteral("candidate")).toString(), QStringLiteral("editable"));
        QCOMPARE(exported.value(QStringLiteral("micro"))
                     .toObject()
                     .value(QStringLiteral("exact"))
                     .toObject()
                     .value(QStringLiteral("matched"))
                     .toInt(),
                 2);

        // The whole corpus: only b has a gold layer, so the figures are b's.
        dock->setScope(MetricsDock::Scope::Corpus);
        QTRY_COMPARE(dock->report().scope, QStringLiteral("corpus"));
        QVERIFY(dock->setLayers(QStringLiteral("gold"), QString()));
        QTRY_VERIFY(!dock->isComputing());
        QCOMPARE(dock->report().documents, 1);
        QCOMPARE(dock->report().scores.microExact().matched, 2);
        QCOMPARE(dock->report().pairwise.size(), 1);
        QCOMPARE(dock->report().pairwise.front().documents, 1);
        QVERIFY(window->save());
    }

    void leavesOutLayersOfAnotherText()
    {
        // A layer written for an edited copy of b: its offsets do not apply, so it is left out
        // and said so, never compared.
        QTemporaryDir other;
        const QString edited = other.filePath(QStringLiteral("b-emoji.txt"));
        QVERIFY(writeFile(edited, QStringLiteral("Breaking: ") + BEmoji));
        QVERIFY(writeSidecar(edited, path(QStringLiteral("b-emoji.txt.stale.scholiast.json")),
                             {{QStringLiteral("Breaking"), QStringLiteral("boilerplate")}}));
        auto window = openWindow();
        QVERIFY(window->openFile(path(QStringLiteral("b-emoji.txt"))));
        MetricsDock *dock = window->metricsDock();
        QVERIFY(dock->setLayers(QStringLiteral("stale"), QString()));
        QTRY_VERIFY(!dock->isComputing());
        QCOMPARE(dock->report().documents, 0);
        QCOMPARE(dock->report().skipped, QStringList{QStringLiteral("b-emoji.txt.stale.scholiast.json")});
        QCOMPARE(dock->report().scores.microExact(), Metrics::MatchCounts());
    }

    // Issue 17: shown, the Metrics dock computes off the GUI thread after an edit: the edit
    // returns with the old report still shown, and the report that arrives later is the one the
    // library computes synchronously from the same spans.
    void shownMetricsDockComputesLater()
    {
        auto window = openWindow();
        QVERIFY(window->openFile(path(QStringLiteral("b-emoji.txt"))));
        MetricsDock *dock = window->metricsDock();
        dock->show();
        QVERIFY(dock->isVisible());
        QVERIFY(dock->setLayers(QStringLiteral("gold"), QString()));
        QTRY_VERIFY(!dock->isComputing());
        const QByteArray first = dock->report().toJson();
        QCOMPARE(first, expectedReport(*window, *dock).toJson());

        AnnotationDocument *document = window->document();
        const auto [start, end] = range(BEmoji, QStringLiteral("Sign in to comment"));
        const QString id = document->tag(CodePoint(start), CodePoint(end), QStringLiteral("boilerplate"));
        QVERIFY(!id.isEmpty());
        QVERIFY(dock->isComputing());
        QCOMPARE(dock->report().toJson(), first); // nothing computed during the edit
        QTRY_VERIFY(!dock->isComputing());
        QVERIFY(dock->report().toJson() != first);
        QCOMPARE(dock->report().toJson(), expectedReport(*window, *dock).toJson());

        // Relabelling, a status that is not gold and removal keep it equal too.
        document->relabel({id}, QStringLiteral("quote"));
        QTRY_VERIFY(!dock->isComputing());
        QCOMPARE(dock->report().toJson(), expectedReport(*window, *dock).toJson());
        document->undoStack()->push(new SetSpanStatus(document->spans(), {id}, Annotation::Status::Pending));
        QTRY_VERIFY(!dock->isComputing());
        QCOMPARE(dock->report().toJson(), expectedReport(*window, *dock).toJson());
        document->undoStack()->undo();
        QTRY_VERIFY(!dock->isComputing());
        QCOMPARE(dock->report().toJson(), expectedReport(*window, *dock).toJson());
        const QList<Annotation> all = document->spans()->toList();
        document->remove({all.front().id});
        QTRY_VERIFY(!dock->isComputing());
        QCOMPARE(dock->report().toJson(), expectedReport(*window, *dock).toJson());
        document->undoStack()->undo();
        document->undoStack()->undo();
        QTRY_VERIFY(!dock->isComputing());
        QCOMPARE(dock->report().toJson(), expectedReport(*window, *dock).toJson());
        document->undoStack()->setClean();
    }

    // Issue 17: a result computed from spans older than the latest edit is dropped, never
    // shown: the first report the dock shows after the edit includes it.
    void metricsDockDropsStaleResults()
    {
        auto window = openWindow();
        QVERIFY(window->openFile(path(QStringLiteral("b-emoji.txt"))));
        MetricsDock *dock = window->metricsDock();
        dock->show();
        QVERIFY(dock->setLayers(QStringLiteral("gold"), QString()));
        QTRY_VERIFY(!dock->isComputing());
        const qint64 before = dock->report().scores.microExact().candidate;

        QSignalSpy computed(dock, &MetricsDock::computed);
        dock->refresh(); // running on a worker; its result cannot arrive before the event loop runs
        window->document()->tag(CodePoint(0), CodePoint(3), QStringLiteral("claim"));
        QVERIFY(computed.wait());
        QCOMPARE(dock->report().scores.microExact().candidate, before + 1);
        QCOMPARE(dock->report().toJson(), expectedReport(*window, *dock).toJson());
        window->document()->undoStack()->setClean();
    }

    // Issue 17: the hidden Metrics dock copied every span on each edit (about a second at 1M
    // spans). Hidden, it waits; shown, it catches up with the edits made meanwhile.
    void hiddenMetricsDockWaitsUntilShown()
    {
        auto window = openWindow();
        QVERIFY(window->openFile(path(QStringLiteral("b-emoji.txt"))));
        MetricsDock *dock = window->metricsDock();
        QVERIFY(!dock->isVisible());
        QVERIFY(dock->setLayers(QStringLiteral("gold"), QString()));
        QTRY_VERIFY(!dock->isComputing());
        const qint64 before = dock->report().scores.microExact().candidate;

        window->document()->tag(CodePoint(0), CodePoint(3), QStringLiteral("claim"));
        QVERIFY(!dock->isComputing()); // nothing scheduled while hidden
        dock->show();
        QVERIFY(dock->isComputing());
        QTRY_VERIFY(!dock->isComputing());
        QCOMPARE(dock->report().scores.microExact().candidate, before + 1);
    }

    // The issue 18 walk-through: accepting a model's span in review mode is annotation work as
    // much as a tag, yet the document stayed "New". It moves to "in progress" in the same undo
    // step, and the review still marks the decision resolved.
    void reviewDecisionMarksANewDocumentInProgress()
    {
        auto window = openWindow();
        openNewDocumentOfCorpus(*window);
        if (QTest::currentTestFailed()) {
            return;
        }
        CorpusModel *model = window->corpusDock()->model();
        QCOMPARE(int(Corpus::statusOf(window->document()->sidecarFields())), int(Corpus::Status::New));

        ReviewController *review = window->reviewController();
        QVERIFY(review->startReview(QString(), QStringLiteral("gold")));
        QVERIFY(review->step(1));
        QVERIFY(review->decide(ReviewDecision::Decision::AcceptCandidate));
        QUndoStack *stack = window->document()->undoStack();
        QCOMPARE(stack->count(), 1); // one step: the decision and the status
        QCOMPARE(int(Corpus::statusOf(window->document()->sidecarFields())), int(Corpus::Status::InProgress));
        QTRY_COMPARE(model->index(1, CorpusModel::StatusColumn).data().toString(), QStringLiteral("In progress"));
        const auto resolved = [review] {
            return std::count_if(review->entries().cbegin(), review->entries().cend(),
                                 [](const ReviewEntry &e) { return e.resolved; });
        };
        QCOMPARE(resolved(), 1);

        stack->undo();
        QCOMPARE(int(Corpus::statusOf(window->document()->sidecarFields())), int(Corpus::Status::New));
        QCOMPARE(resolved(), 0);
        stack->redo();
        QCOMPARE(resolved(), 1);
        QVERIFY(window->save());
    }

    // Issue 18 item 12: tagging a new document of the corpus marks it in progress, in the same
    // undo step; a document opened on its own gets no status.
    void taggingMarksANewDocumentInProgress()
    {
        auto window = openWindow();
        openNewDocumentOfCorpus(*window);
        if (QTest::currentTestFailed()) {
            return;
        }
        CorpusModel *model = window->corpusDock()->model();
        QCOMPARE(model->index(1, CorpusModel::StatusColumn).data().toString(), QStringLiteral("New"));

        const auto [start, end] = range(BEmoji, QStringLiteral("Analyst"));
        window->view()->setSelection(CodePoint(start), CodePoint(end));
        window->applyLabel(QStringLiteral("claim"));
        QUndoStack *stack = window->document()->undoStack();
        QCOMPARE(stack->count(), 1); // one step: the span and the status
        QCOMPARE(stack->text(0), QStringLiteral("Tag claim"));
        QCOMPARE(int(Corpus::statusOf(window->document()->sidecarFields())), int(Corpus::Status::InProgress));
        QTRY_COMPARE(model->index(1, CorpusModel::StatusColumn).data().toString(), QStringLiteral("In progress"));

        // A second tag leaves the status alone: no status step of its own.
        const auto [start2, end2] = range(BEmoji, QStringLiteral("Sign in"));
        window->view()->setSelection(CodePoint(start2), CodePoint(end2));
        window->applyLabel(QStringLiteral("boilerplate"));
        QCOMPARE(stack->count(), 2);
        stack->undo();
        QCOMPARE(int(Corpus::statusOf(window->document()->sidecarFields())), int(Corpus::Status::InProgress));
        stack->undo();
        QCOMPARE(int(Corpus::statusOf(window->document()->sidecarFields())), int(Corpus::Status::New));
        QTRY_COMPARE(model->index(1, CorpusModel::StatusColumn).data().toString(), QStringLiteral("New"));
        stack->redo();
        QVERIFY(window->save());
        QCOMPARE(readSidecar(path(QStringLiteral("b-emoji.txt")))->extraFields.value(QStringLiteral("corpus_status")),
                 QJsonValue(QStringLiteral("in-progress")));

        // A document marked done stays done.
        QVERIFY(window->openAdjacentDocument(-1));
        QCOMPARE(window->document()->path(), path(QStringLiteral("a-news.txt")));
        const auto [start3, end3] = range(ANews, QStringLiteral("the mayor"));
        window->view()->setSelection(CodePoint(start3), CodePoint(end3));
        window->applyLabel(QStringLiteral("quote"));
        QCOMPARE(int(Corpus::statusOf(window->document()->sidecarFields())), int(Corpus::Status::Done));
        QVERIFY(window->save());

        // Outside a corpus a tag writes no status.
        auto alone = openWindow();
        QVERIFY(alone->openFile(path(QStringLiteral("c-cjk.txt"))));
        alone->view()->setSelection(CodePoint(0), CodePoint(2));
        alone->applyLabel(QStringLiteral("claim"));
        QCOMPARE(alone->document()->spans()->size(), 1);
        QVERIFY(!alone->document()->sidecarFields().contains(Corpus::statusKey()));
        QVERIFY(alone->save());
    }

    // Issue 18 item 12: Next at the last document (and Previous at the first) says so.
    void nextAtTheLastDocumentSaysSo()
    {
        auto window = openWindow();
        QVERIFY(window->openCorpus(m_dir->path()));
        QTRY_VERIFY(!window->corpusDock()->model()->isScanning());
        window->statusBar()->clearMessage();
        QVERIFY(!window->openAdjacentDocument(-1));
        QCOMPARE(window->statusBar()->currentMessage(), QStringLiteral("This is the first document of the corpus"));
        QVERIFY(window->openAdjacentDocument(1));
        QVERIFY(window->openAdjacentDocument(1));
        window->statusBar()->clearMessage();
        QTest::keyClick(window->view(), Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(window->document()->path(), path(QStringLiteral("c-cjk.txt")));
        QCOMPARE(window->statusBar()->currentMessage(), QStringLiteral("This is the last document of the corpus"));
    }
};

QTEST_MAIN(CorpusUiTest)
#include "corpus_test.moc"
