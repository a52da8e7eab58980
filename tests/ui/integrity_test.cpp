// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 13 in the window: a sidecar with bad spans opens with every good span placed and the bad
// ones orphaned (one line in the banner, with Details), saving keeps the original as .bak and
// writes the bad spans back byte for byte; tagging twice gives one span; exports write accepted
// spans unless asked; the span list shows the status and the Labels dock counts pending apart.
#include "testhelpers.h"
#include "editing/annotationdocument.h"
#include "view/annotationview.h"
#include "legenddock.h"
#include "mainwindow.h"
#include "reliability/orphansdock.h"
#include "formats/salvage.h"
#include "formats/scholiastjson.h"
#include "spanlistdock.h"
#include "spanlistmodel.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

#include <memory>

using namespace Scholiast;

namespace {

QJsonArray savedAnnotations(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object().value(QStringLiteral("annotations")).toArray();
}

int countOrphans(const QJsonArray &spans)
{
    int n = 0;
    for (const QJsonValue &v : spans) {
        n += v.toObject().value(QStringLiteral("orphan")).toBool() ? 1 : 0;
    }
    return n;
}

QList<QByteArray> spanLines(const QByteArray &json)
{
    QList<QByteArray> lines;
    for (QByteArray line : json.split('\n')) {
        line = line.trimmed();
        if (line.endsWith(',')) {
            line.chop(1);
        }
        if (line.startsWith("{\"id\"") && line.endsWith('}')) {
            lines.append(line);
        }
    }
    return lines;
}

// With SCHOLIAST_SCREENSHOTS set to a folder, saves what the window shows, for a person to look at.
void screenshot(QWidget *window, const QString &name)
{
    const QString folder = qEnvironmentVariable("SCHOLIAST_SCREENSHOTS");
    if (!folder.isEmpty()) {
        for (int i = 0; i < 3; ++i) { // laid out and painted: not a synchronisation, a picture
            QCoreApplication::sendPostedEvents();
            QApplication::processEvents();
        }
        window->grab().save(QDir(folder).filePath(name));
    }
}

} // namespace

class IntegrityTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    QString copySample()
    {
        const QString name = QStringLiteral("seoul-market-report.txt");
        const QString document = m_dir->filePath(name);
        QFile::copy(QStringLiteral(SCHOLIAST_SAMPLES "/") + name, document);
        QFile::copy(QStringLiteral(SCHOLIAST_SAMPLES "/") + name + QStringLiteral(".scholiast.json"),
                    document + QStringLiteral(".scholiast.json"));
        QFile::setPermissions(document + QStringLiteral(".scholiast.json"), QFile::ReadOwner | QFile::WriteOwner);
        return document;
    }

    static std::unique_ptr<MainWindow> open(const QString &path)
    {
        auto window = std::make_unique<MainWindow>();
        window->setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        window->resize(1100, 700);
        window->show();
        if (!window->openFile(path)) {
            return {};
        }
        return window;
    }

    // A document with spans of every status, saved as its sidecar.
    QString writeStatusFixture()
    {
        const QString text = QStringLiteral("Title\n\nThe mayor said \"we will build it\" on Tuesday.\n");
        const QString path = m_dir->filePath(QStringLiteral("status.txt"));
        if (!Testing::writeAll(path, text.toUtf8())) {
            qFatal("cannot write %s", qPrintable(path));
        }
        Diagnostics diagnostics;
        const auto document = Document::load(path, diagnostics);
        AnnotationSet spans;
        const auto span = [&](qint64 start, qint64 end, const QString &label, Annotation::Status status,
                              const QString &id) {
            Annotation a(CodePoint(start), CodePoint(end), label);
            a.setText(text.mid(start, end - start));
            a.id = id;
            a.setStatus(status);
            return a;
        };
        spans.add({span(0, 5, QStringLiteral("boilerplate"), Annotation::Status::Unset, QStringLiteral("t")),
                   span(5, 6, QStringLiteral("boilerplate"), Annotation::Status::Accepted, QStringLiteral("nl")),
                   span(7, 50, QStringLiteral("claim"), Annotation::Status::Accepted, QStringLiteral("c")),
                   span(23, 39, QStringLiteral("quote"), Annotation::Status::Pending, QStringLiteral("p")),
                   span(11, 16, QStringLiteral("quote"), Annotation::Status::Rejected, QStringLiteral("r"))});
        const auto sidecar = ScholiastJson::makeSidecar(*document, LabelSchema::defaultSchema(), spans);
        [&] { QVERIFY(ScholiastJson::write(ScholiastJson::sidecarPath(path), sidecar, diagnostics)); }();
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setApplicationName(QStringLiteral("scholiast-integrity-test"));
        QApplication::setOrganizationName(QStringLiteral("Scholiast"));
        QSettings().setValue(QStringLiteral("annotator/name"), QStringLiteral("tester")); // not asked for here
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { m_dir.reset(); }

    // Acceptance: 1 bad span of 24 opens with 23 placed and 1 orphan, saves, and the orphan is
    // still in the file byte for byte; the original is kept as .bak.
    void oneBadSpanOfTwentyFour()
    {
        const QString path = copySample();
        const QString sidecar = ScholiastJson::sidecarPath(path);
        QByteArray original = Testing::readAll(sidecar);
        original.replace("\"start\": 944, \"end\": 1059,", "\"start\": 944, \"end\": 99059,");
        QVERIFY(Testing::writeAll(sidecar, original));
        const QByteArray badLine = spanLines(original).at(9);
        QVERIFY(badLine.contains("99059"));

        auto window = open(path);
        QVERIFY(window);
        QCOMPARE(window->document()->spans()->size(), 24);
        QCOMPARE(window->document()->orphanCount(), 1);
        QVERIFY2(window->bannerText().contains(QStringLiteral("1 of 24 span(s) could not be placed")),
                 qPrintable(window->bannerText()));
        QVERIFY(!window->bannerText().contains(QStringLiteral("past the document")));
        auto *details = window->findChild<QPushButton *>(QStringLiteral("BannerDetailsButton"));
        QVERIFY(details);
        screenshot(window.get(), QStringLiteral("salvage-banner.png"));
        details->click();
        QVERIFY(window->bannerText().contains(QStringLiteral("end 99059 is past the document")));
        screenshot(window.get(), QStringLiteral("salvage-details.png"));
        details->click();
        QVERIFY(!window->bannerText().contains(QStringLiteral("end 99059 is past the document")));
        QTreeWidget *orphans = window->orphansDock()->list();
        QCOMPARE(orphans->topLevelItemCount(), 1);
        QCOMPARE(orphans->topLevelItem(0)->text(3),
                 QStringLiteral("end 99059 is past the document (2875 code points)"));
        QVERIFY(!window->document()->isModified()); // nothing changed yet: opening salvages in memory

        QVERIFY(window->save());
        QCOMPARE(Testing::readAll(sidecar + QStringLiteral(".bak")), original);
        QVERIFY(window->statusBar()->currentMessage().contains(sidecar + QStringLiteral(".bak")));
        const QByteArray saved = Testing::readAll(sidecar);
        QCOMPARE(savedAnnotations(saved).size(), 24);
        QCOMPARE(countOrphans(savedAnnotations(saved)), 1);
        QVERIFY2(saved.contains(badLine), saved.constData());

        // Reopened, the file reads as it is (no salvage, no new backup) and saves unchanged.
        window.reset();
        auto again = open(path);
        QVERIFY(again);
        QCOMPARE(again->document()->spans()->size(), 24);
        QCOMPARE(again->document()->orphanCount(), 1);
        QVERIFY(!again->bannerText().contains(QStringLiteral("could not be placed")));
        QVERIFY(again->save());
        QCOMPARE(Testing::readAll(sidecar), saved);
        QVERIFY(!QFileInfo::exists(sidecar + QStringLiteral(".1.bak")));
    }

    // Acceptance: a truncated sidecar recovers every complete line; the .bak is the original.
    void truncatedSidecar()
    {
        const QString path = copySample();
        const QString sidecar = ScholiastJson::sidecarPath(path);
        const QByteArray whole = Testing::readAll(sidecar);
        const QByteArray truncated = whole.left(whole.indexOf("\"id\": \"s0011\"") + 30);
        QVERIFY(Testing::writeAll(sidecar, truncated));
        auto window = open(path);
        QVERIFY(window);
        QCOMPARE(window->document()->spans()->size(), 10);
        QCOMPARE(window->document()->orphanCount(), 10);
        QVERIFY2(window->bannerText().contains(QStringLiteral("not valid JSON")), qPrintable(window->bannerText()));
        QVERIFY(window->save());
        QCOMPARE(Testing::readAll(sidecar + QStringLiteral(".bak")), truncated);
        const QByteArray saved = Testing::readAll(sidecar);
        for (const QByteArray &line : spanLines(truncated)) {
            QVERIFY(saved.contains(line));
        }
        // Re-anchor Spans places them all again, as one undo step.
        window->document()->reanchorSpans();
        QCOMPARE(window->document()->orphanCount(), 0);
        QVERIFY(window->save());
        Diagnostics diagnostics;
        const auto reread = ScholiastJson::read(sidecar, diagnostics, &window->document()->document());
        QVERIFY(reread);
        QVERIFY(!Testing::readAll(sidecar).contains("\"original\""));
    }

    // Acceptance: tagging twice gives one span; the status bar says so and undo stays clean.
    void taggingTwiceGivesOneSpan()
    {
        const QString path = writeStatusFixture();
        QFile::remove(ScholiastJson::sidecarPath(path));
        auto window = open(path);
        QVERIFY(window);
        window->view()->setSelection(CodePoint(7), CodePoint(10));
        window->applyLabel(QStringLiteral("claim"));
        QCOMPARE(window->document()->spans()->size(), 1);
        QCOMPARE(window->document()->undoStack()->count(), 1);
        const QString first = window->view()->currentSpan();
        window->view()->setSelection(CodePoint(7), CodePoint(10));
        window->applyLabel(QStringLiteral("claim"));
        QCOMPARE(window->document()->spans()->size(), 1);
        QCOMPARE(window->document()->undoStack()->count(), 1);
        QCOMPARE(window->view()->currentSpan(), first);
        QVERIFY2(window->statusBar()->currentMessage().contains(QStringLiteral("Already tagged claim")),
                 qPrintable(window->statusBar()->currentMessage()));
        // Another label over the same range is another span.
        window->view()->setSelection(CodePoint(7), CodePoint(10));
        window->applyLabel(QStringLiteral("quote"));
        QCOMPARE(window->document()->spans()->size(), 2);
        // Tag all matches and imports skip what is there.
        QCOMPARE(window->document()->tagAll({{CodePoint(7), CodePoint(10)}, {CodePoint(0), CodePoint(5)}},
                                            QStringLiteral("claim")),
                 1);
        QCOMPARE(window->document()->importSpans({*window->document()->spans()->find(first)}, QStringLiteral("test")),
                 0);
    }

    // Acceptance: an export after suggestions holds only accepted spans; the choice includes others.
    void exportWritesAcceptedSpansUnlessAsked()
    {
        const QString path = writeStatusFixture();
        auto window = open(path);
        QVERIFY(window);
        const QString out = m_dir->filePath(QStringLiteral("out.jsonl"));
        QVERIFY(window->exportAnnotations(out, QStringLiteral("jsonl"), true));
        QByteArray bytes = Testing::readAll(out);
        QVERIFY(bytes.contains("\"c\"") || bytes.contains("7, 50"));
        QVERIFY2(!bytes.contains("pending") && !bytes.contains("rejected"), bytes.constData());
        QVERIFY(
            window->exportAnnotations(out, QStringLiteral("jsonl"), true, QStringLiteral("accepted,pending,rejected")));
        bytes = Testing::readAll(out);
        QVERIFY2(bytes.contains("pending") && bytes.contains("rejected"), bytes.constData()); // the format keeps status

        // brat: the line-break-only span is left out, never written empty.
        const QString brat = m_dir->filePath(QStringLiteral("brat"));
        QVERIFY(window->exportAnnotations(brat, QStringLiteral("brat"), true));
        const QByteArray ann = Testing::readAll(brat + QStringLiteral("/status.ann"));
        int entities = 0;
        for (const QByteArray &line : ann.split('\n')) {
            if (line.startsWith('T')) {
                ++entities;
                QVERIFY2(!line.split('\t').value(2).isEmpty(), ann.constData());
            }
        }
        QCOMPARE(entities, 2); // t and c: nl cannot be held, p and r are not accepted
    }

    void statusColumnAndLabelCounts()
    {
        const QString path = writeStatusFixture();
        auto window = open(path);
        QVERIFY(window);
        SpanListModel *model = window->spanListDock()->model();
        QCOMPARE(model->headerData(SpanListModel::StatusColumn, Qt::Horizontal).toString(), QStringLiteral("Status"));
        QStringList statuses;
        for (int row = 0; row < model->rowCount(); ++row) {
            statuses.append(model->index(row, SpanListModel::StatusColumn).data().toString());
        }
        statuses.sort();
        screenshot(window.get(), QStringLiteral("status-column.png"));
        QCOMPARE(statuses,
                 (QStringList{QStringLiteral("accepted"), QStringLiteral("accepted"), QStringLiteral("accepted"),
                              QStringLiteral("pending"), QStringLiteral("rejected")}));
        LegendDock *legend = window->legendDock();
        QCOMPARE(legend->acceptedCount(QStringLiteral("quote")), 0);
        QCOMPARE(legend->pendingCount(QStringLiteral("quote")), 1);
        QCOMPARE(legend->acceptedCount(QStringLiteral("boilerplate")), 2);
        QCOMPARE(legend->count(QStringLiteral("quote")), 2);
    }
};

QTEST_MAIN(IntegrityTest)
#include "integrity_test.moc"
