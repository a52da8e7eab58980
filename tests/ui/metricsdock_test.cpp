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
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace Scholiast;

namespace {
const QStringList Samples{QStringLiteral("climate-panel-bom.txt"), QStringLiteral("harbour-bridge-vote.txt"),
                          QStringLiteral("seoul-market-report.txt")};

// Copies the bundled samples (documents, sidecars, layers) into `folder`.
bool copySamples(const QString &folder)
{
    const QDir samples(QStringLiteral(SCHOLIAST_SAMPLES));
    const QStringList files = samples.entryList(QDir::Files);
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
