// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The Metrics dock through the real window on the offscreen platform (issue 18): it opens on a
// meaningful pair of layers, "Whole corpus" accounts for every document (item 7), and a click on
// a confusion cell or a label row lists its spans, a double click shows one in the text (item 16).
#include "corpus.h"
#include "corpus/corpusdock.h"
#include "corpus/corpusmodel.h"
#include "editing/annotationdocument.h"
#include "formats/scholiastjson.h"
#include "formats/writecheck.h"
#include "mainwindow.h"
#include "review/metricsdock.h"
#include "view/annotationview.h"

#include <QApplication>
#include <QChart>
#include <QDir>
#include <QFile>
#include <QFontMetrics>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <QValueAxis>
#include <QUndoStack>

#include <memory>

using namespace Scholiast;

namespace {
void clickCell(QTableWidget *table, int row, int column, bool twice = false)
{
    QTableWidgetItem *item = table->item(row, column);
    QVERIFY(item);
    table->scrollToItem(item);
    const QPoint at = table->visualItemRect(item).center();
    if (twice) {
        // As the window system sends it: QTest::mouseDClick() alone is a double click without
        // the first click, which an item view takes for a press.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseRelease(table->viewport(), Qt::LeftButton, {}, at);
    } else {
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
    }
}

const QStringList Samples{QStringLiteral("climate-panel-bom.txt"), QStringLiteral("harbour-bridge-vote.txt"),
                          QStringLiteral("seoul-market-report.txt")};

// Copies the three samples above (documents, sidecars, layers) into `folder`.
bool copySamples(const QString &folder)
{
    const QDir samples(QStringLiteral(SCHOLIAST_SAMPLES));
    QStringList files;
    for (const QString &name : samples.entryList(QDir::Files)) {
        if (std::any_of(Samples.begin(), Samples.end(),
                        [&](const QString &sample) { return name.startsWith(sample); })) {
            files.append(name);
        }
    }
    for (const QString &name : files) {
        if (!QFile::copy(samples.filePath(name), QDir(folder).filePath(name))) {
            return false;
        }
    }
    return !files.isEmpty();
}

// The accepted spans of one sidecar (what the dock scores).
QList<Annotation> goldSpans(const QString &sidecarPath)
{
    Diagnostics diagnostics;
    const auto sidecar = ScholiastJson::read(sidecarPath, diagnostics);
    if (!sidecar) {
        return {};
    }
    QList<Annotation> spans = sidecar->annotations;
    Interchange::filterByStatus(spans, Interchange::StatusFilter());
    return spans;
}

QString summary(const MetricsDock *dock)
{
    const auto *label = dock->findChild<QLabel *>(QStringLiteral("MetricsSummary"));
    return label ? label->text() : QString();
}
} // namespace

class MetricsDockTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ScholiastTest"));
        QCoreApplication::setApplicationName(QStringLiteral("ui_metricsdock_test"));
        QSettings().setValue(QStringLiteral("annotator/name"), QStringLiteral("Tester"));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(copySamples(m_dir->path()));
    }

    void cleanup()
    {
        if (m_window && m_window->document()) {
            m_window->document()->undoStack()->setClean();
        }
        m_window.reset();
        m_dir.reset();
    }

    void defaultPair_data()
    {
        QTest::addColumn<QStringList>("layers");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("candidate");
        const QString editable;
        QTest::newRow("editable and model")
            << QStringList{editable, QStringLiteral("model")} << editable << QStringLiteral("model");
        QTest::newRow("gold and model") << QStringList{editable, QStringLiteral("alice"), QStringLiteral("gold"),
                                                       QStringLiteral("model")}
                                        << QStringLiteral("gold") << QStringLiteral("model");
        QTest::newRow("an annotator's layer")
            << QStringList{editable, QStringLiteral("alice")} << editable << QStringLiteral("alice");
        QTest::newRow("gold only") << QStringList{editable, QStringLiteral("Gold")} << QStringLiteral("Gold")
                                   << editable;
        QTest::newRow("editable only") << QStringList{editable} << editable << editable;
    }

    void defaultPair()
    {
        QFETCH(QStringList, layers);
        QFETCH(QString, reference);
        QFETCH(QString, candidate);
        const auto [r, c] = MetricsDock::defaultPair(layers);
        QCOMPARE(r, reference);
        QCOMPARE(c, candidate);
    }

    // Issue 18 item 7: the dock opened on the model as the reference and the editable spans as
    // the candidate; it opens on the editable spans (gold) against the model.
    void opensOnAMeaningfulPair()
    {
        openWindow(QStringLiteral("harbour-bridge-vote.txt"));
        MetricsDock *dock = m_window->metricsDock();
        dock->show();
        QTRY_VERIFY(!dock->isComputing());
        const MetricsReport &report = dock->report();
        QCOMPARE(report.layers, (QStringList{QString(), QStringLiteral("model")}));
        QCOMPARE(report.layers.value(report.reference), QString());
        QCOMPARE(report.layers.value(report.candidate), QStringLiteral("model"));
        QCOMPARE(report.documents, 1);
        QVERIFY(report.scores.microExact().reference > 0);
        QVERIFY(report.scores.microExact().candidate > 0);

        // A document with no layer: nothing to compare, and no 1.0 of the spans against themselves.
        QVERIFY(m_window->openFile(m_dir->filePath(QStringLiteral("seoul-market-report.txt"))));
        QTRY_VERIFY(!dock->isComputing());
        QCOMPARE(dock->report().reference, dock->report().candidate);
        QCOMPARE(dock->report().documents, 0);
        QVERIFY(dock->report().scores.labels().empty());
        QVERIFY2(summary(dock).contains(QStringLiteral("Nothing to compare")), qPrintable(summary(dock)));
    }

    // Relation P/R/F1 (issue 19): a tab of its own only where there are relations; it follows an
    // edit of the open document's relations.
    void relationsTab()
    {
        openWindow(QStringLiteral("harbour-bridge-vote.txt"));
        MetricsDock *dock = m_window->metricsDock();
        dock->show();
        QTRY_VERIFY(!dock->isComputing());
        auto *tabs = dock->findChild<QTabWidget *>();
        QVERIFY(tabs);
        QVERIFY(!dock->report().withRelations);
        QCOMPARE(tabs->indexOf(dock->relationsTable()), -1);

        // The quotes sample and a model layer that missed one attribution.
        const QDir samples(QStringLiteral(SCHOLIAST_SAMPLES));
        const QString document = m_dir->filePath(QStringLiteral("flood-fund-quotes.txt"));
        QVERIFY(QFile::copy(samples.filePath(QStringLiteral("flood-fund-quotes.txt")), document));
        QVERIFY(QFile::copy(samples.filePath(QStringLiteral("flood-fund-quotes.txt.scholiast.json")),
                            ScholiastJson::sidecarPath(document)));
        Diagnostics diagnostics;
        auto model = ScholiastJson::read(ScholiastJson::sidecarPath(document), diagnostics);
        QVERIFY(model);
        QCOMPARE(model->relations.size(), 6);
        model->relations.removeAt(1);
        QVERIFY(ScholiastJson::write(m_dir->filePath(QStringLiteral("flood-fund-quotes.txt.model.scholiast.json")),
                                     *model, diagnostics));
        QVERIFY(m_window->openFile(document));
        QTRY_VERIFY(!dock->isComputing());
        QVERIFY(dock->report().withRelations);
        QVERIFY(tabs->indexOf(dock->relationsTable()) >= 0);
        QTableWidget *table = dock->relationsTable();
        QCOMPARE(table->rowCount(), 3); // attributed_to, micro, macro
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("attributed_to"));
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("6"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("5"));
        QCOMPARE(table->item(0, 10)->text(), QStringLiteral("1")); // missed; the other five match
        QCOMPARE(table->item(0, 11)->text(), QStringLiteral("0")); // spurious

        // Removing an attribution in the text is scored at once.
        m_window->document()->spans()->removeRelations({model->relations.first().id});
        QTRY_COMPARE(dock->report().relationScores.microExact().reference, 5);
        QTRY_COMPARE(table->item(0, 1)->text(), QStringLiteral("5"));
        QVERIFY(dock->report().toJson().contains("\"relations\""));
        QVERIFY(dock->report().toCsv().contains("relations,attributed_to,exact_f1,"));

        // Back to a spans-only document: the tab goes.
        m_window->document()->undoStack()->setClean();
        QVERIFY(m_window->openFile(m_dir->filePath(QStringLiteral("harbour-bridge-vote.txt"))));
        QTRY_VERIFY(!dock->isComputing());
        QTRY_COMPARE(tabs->indexOf(dock->relationsTable()), -1);
        QVERIFY(!dock->report().toJson().contains("\"relations\""));
    }

    // The walk-through at 1366x768 (issue 18): in a short dock the chart's 0..1 axis showed "…"
    // for every label, Qt Charts eliding labels that overlap. A short chart gets fewer ticks.
    void valueAxisLabelsFit_data()
    {
        QTest::addColumn<int>("dockHeight");
        QTest::newRow("short dock") << 230;
        QTest::newRow("tall dock") << 420;
    }

    void valueAxisLabelsFit()
    {
        QFETCH(int, dockHeight);
        openWindow(QStringLiteral("harbour-bridge-vote.txt"));
        MetricsDock *dock = m_window->metricsDock();
        dock->show();
        m_window->resizeDocks({dock}, {dockHeight}, Qt::Vertical);
        QTRY_VERIFY(!dock->isComputing());
        QTRY_VERIFY(!dock->chart()->axes(Qt::Vertical).isEmpty());
        QCoreApplication::processEvents();
        auto *values = qobject_cast<QValueAxis *>(dock->chart()->axes(Qt::Vertical).constFirst());
        QVERIFY(values);
        const qreal plot = dock->chart()->plotArea().height();
        const int label = QFontMetrics(values->labelsFont()).height();
        QVERIFY2(plot / (values->tickCount() - 1) >= label * 1.5,
                 qPrintable(QStringLiteral("%1 ticks on %2 px").arg(values->tickCount()).arg(plot)));
        if (plot >= 5 * label * 1.5) {
            QCOMPARE(values->tickCount(), 6); // every 0.2 where they fit
        }
        QCOMPARE(MetricsDock::valueTickCount(0, label), 2);
        QCOMPARE(MetricsDock::valueTickCount(3 * label, label), 3);
        QCOMPARE(MetricsDock::valueTickCount(8 * label, label), 6);
    }

    // Issue 18 item 7: "Whole corpus" on the three samples used 1 of 3 documents: only one has
    // the model layer. A document without the candidate's layer is one where it found nothing;
    // one without the reference's is left out; the summary says which.
    void wholeCorpusUsesEveryDocument()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        m_window->resize(1200, 800);
        m_window->show();
        QVERIFY(m_window->openCorpus(m_dir->path()));
        QTRY_VERIFY(!m_window->corpusDock()->model()->isScanning());
        MetricsDock *dock = m_window->metricsDock();
        QVERIFY(dock->isVisible());
        dock->setScope(MetricsDock::Scope::Corpus);
        QVERIFY(dock->setLayers(QString(), QStringLiteral("model")));
        QTRY_VERIFY(!dock->isComputing());
        const MetricsReport &report = dock->report();
        QCOMPARE(report.scope, QStringLiteral("corpus"));
        QCOMPARE(report.totalDocuments, 3);
        QCOMPARE(report.documents, 3);
        QCOMPARE(report.withoutCandidate, 2);
        QCOMPARE(report.withoutReference, 0);
        qint64 gold = 0;
        for (const QString &name : Samples) {
            gold += goldSpans(ScholiastJson::sidecarPath(m_dir->filePath(name))).size();
        }
        const qint64 predicted = goldSpans(Corpus::layerPath(m_dir->filePath(QStringLiteral("harbour-bridge-vote.txt")),
                                                             QStringLiteral("model")))
                                     .size();
        QCOMPARE(report.scores.microExact().reference, gold);
        QCOMPARE(report.scores.microExact().candidate, predicted);
        QVERIFY2(summary(dock).startsWith(QStringLiteral("3 of 3 document(s)")), qPrintable(summary(dock)));
        QVERIFY2(summary(dock).contains(QStringLiteral("2 without “model”, scored as no spans")),
                 qPrintable(summary(dock)));

        // The other way round there is nothing to score two of them against: left out, and said.
        QVERIFY(dock->setLayers(QStringLiteral("model"), QString()));
        QTRY_VERIFY(!dock->isComputing());
        QCOMPARE(dock->report().documents, 1);
        QCOMPARE(dock->report().withoutReference, 2);
        QVERIFY2(summary(dock).startsWith(QStringLiteral("1 of 3 document(s)")), qPrintable(summary(dock)));
        QVERIFY2(summary(dock).contains(QStringLiteral("2 without the reference “model”, left out")),
                 qPrintable(summary(dock)));
    }

    // Issue 18 item 16: a click on a confusion cell lists its spans, a double click selects one.
    void confusionCellListsItsSpans()
    {
        openWindow(QStringLiteral("harbour-bridge-vote.txt"));
        MetricsDock *dock = m_window->metricsDock();
        dock->show();
        QTRY_VERIFY(!dock->isComputing());
        QTableWidget *confusion = dock->confusionTable();
        dock->findChild<QTabWidget *>()->setCurrentWidget(confusion);
        QTableWidget *listed = dock->instancesTable();
        const QStringList labels = dock->report().labels();
        const auto count = int(labels.size());

        // Every cell lists as many spans as it counts, each with the cell's labels.
        for (int r = 0; r <= count; ++r) {
            for (int c = 1; c <= count + 1; ++c) {
                const QTableWidgetItem *item = confusion->item(r, c);
                if (!item || item->text().isEmpty()) {
                    continue;
                }
                clickCell(confusion, r, c);
                QCOMPARE(listed->rowCount(), item->text().toInt());
                for (int row = 0; row < listed->rowCount(); ++row) {
                    QCOMPARE(listed->item(row, 3)->text(), r < count ? labels.at(r) : QStringLiteral("(none)"));
                    QCOMPARE(listed->item(row, 4)->text(), c <= count ? labels.at(c - 1) : QStringLiteral("(none)"));
                }
            }
        }

        // The relabelled spans, found by hand: same range, another label in the model.
        QList<Annotation> gold = m_window->document()->spans()->toList();
        Interchange::filterByStatus(gold, Interchange::StatusFilter()); // accepted spans are scored
        const QList<Annotation> model =
            goldSpans(Corpus::layerPath(m_window->document()->path(), QStringLiteral("model")));
        QList<std::pair<Annotation, Annotation>> relabelled;
        for (const Annotation &g : gold) {
            for (const Annotation &m : model) {
                if (g.start == m.start && g.end == m.end && g.label != m.label) {
                    relabelled.append({g, m});
                }
            }
        }
        QVERIFY(!relabelled.isEmpty());
        std::sort(relabelled.begin(), relabelled.end(),
                  [](const auto &a, const auto &b) { return a.first.start < b.first.start; });
        const Annotation expected = relabelled.front().first;
        const QString modelLabel = relabelled.front().second.label;
        clickCell(confusion, int(labels.indexOf(expected.label)), 1 + int(labels.indexOf(modelLabel)));
        int row = -1;
        for (int i = 0; i < listed->rowCount(); ++i) {
            if (listed->item(i, 1)->text().toLongLong() == expected.start.value) {
                row = i;
            }
        }
        QVERIFY(row >= 0);
        QCOMPARE(listed->item(row, 0)->text(), QStringLiteral("harbour-bridge-vote.txt"));
        QCOMPARE(listed->item(row, 2)->text().toLongLong(), expected.end.value);
        QCOMPARE(listed->item(row, 3)->text(), expected.label);
        QCOMPARE(listed->item(row, 4)->text(), modelLabel);
        QCOMPARE(listed->item(row, 5)->toolTip(), expected.text());

        // A double click selects it in the text; the editable span becomes current.
        m_window->view()->setCursorPosition(CodePoint(0));
        clickCell(listed, row, 5, true);
        QCOMPARE(m_window->view()->selection(), CodePointRange(expected.start, expected.end));
        QCOMPARE(m_window->view()->currentSpan(), expected.id);
    }

    void labelRowListsItsSpans()
    {
        openWindow(QStringLiteral("harbour-bridge-vote.txt"));
        MetricsDock *dock = m_window->metricsDock();
        dock->show();
        QTRY_VERIFY(!dock->isComputing());
        QTableWidget *scores = dock->scoresTable();
        QTableWidget *listed = dock->instancesTable();
        const MetricsReport &report = dock->report();
        for (int r = 0; r < report.labels().size(); ++r) {
            const QString label = report.labels().at(r);
            clickCell(scores, r, 0);
            // Its spans on either side, a same-range same-label pair once.
            const Metrics::LabelScores s = report.scores.labels().at(label);
            const auto diagonal = report.scores.confusion().count(label)
                ? report.scores.confusion().at(label).count(label) ? report.scores.confusion().at(label).at(label) : 0
                : 0;
            QCOMPARE(listed->rowCount(), int(s.exact.reference + s.exact.candidate - diagonal));
            for (int row = 0; row < listed->rowCount(); ++row) {
                QVERIFY(listed->item(row, 3)->text() == label || listed->item(row, 4)->text() == label);
            }
        }
    }

    // In the whole corpus a span of another document opens it first.
    void instanceOfAnotherDocumentOpensIt()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        m_window->resize(1200, 800);
        m_window->show();
        QVERIFY(m_window->openCorpus(m_dir->path()));
        QTRY_VERIFY(!m_window->corpusDock()->model()->isScanning());
        QVERIFY(m_window->openFile(m_dir->filePath(QStringLiteral("harbour-bridge-vote.txt"))));
        MetricsDock *dock = m_window->metricsDock();
        dock->setScope(MetricsDock::Scope::Corpus);
        QVERIFY(dock->setLayers(QString(), QStringLiteral("model")));
        QTRY_VERIFY(!dock->isComputing());
        QTableWidget *confusion = dock->confusionTable();
        dock->findChild<QTabWidget *>()->setCurrentWidget(confusion);
        QTableWidget *listed = dock->instancesTable();
        const QStringList labels = dock->report().labels();
        // The climate panel has no model layer: its claims are all missed.
        clickCell(confusion, int(labels.indexOf(QStringLiteral("claim"))), int(labels.size()) + 1);
        const int rows = listed->rowCount();
        int row = -1;
        for (int i = 0; i < rows && row < 0; ++i) {
            if (listed->item(i, 0)->text() == u"climate-panel-bom.txt") {
                row = i;
            }
        }
        QVERIFY(row >= 0);
        const CodePointRange range(CodePoint(listed->item(row, 1)->text().toLongLong()),
                                   CodePoint(listed->item(row, 2)->text().toLongLong()));
        QSignalSpy activated(dock, &MetricsDock::instanceActivated);
        clickCell(listed, row, 5, true);
        QCOMPARE(activated.count(), 1);
        QTRY_COMPARE(m_window->document()->path(), m_dir->filePath(QStringLiteral("climate-panel-bom.txt")));
        QTRY_COMPARE(m_window->view()->selection(), range);
        const Annotation *span = m_window->document()->spans()->find(m_window->view()->currentSpan());
        QVERIFY(span);
        QCOMPARE(CodePointRange(span->start, span->end), range);
        // The same comparison, computed again for the newly open document: still listed.
        QTRY_VERIFY(!dock->isComputing());
        QCOMPARE(listed->rowCount(), rows);
    }

private:
    void openWindow(const QString &sample)
    {
        m_window = std::make_unique<MainWindow>();
        m_window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        m_window->resize(1200, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openFile(m_dir->filePath(sample)));
        QVERIFY(m_window->document());
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(MetricsDockTest)
#include "metricsdock_test.moc"
