// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 18 item 9: the span list appended new spans at the bottom and cut large offsets
// ("1954…"); the status column and the status bar's pending count follow accept and reject.
#include "editing/annotationdocument.h"
#include "formats/scholiastjson.h"
#include "mainwindow.h"
#include "spanlistdock.h"
#include "spanlistmodel.h"
#include "testspans.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace Scholiast;

namespace {
const QString News = QStringLiteral("Bridge vote delayed again. The council met on Tuesday. \"We need more time,\" "
                                    "the mayor said. Residents were not surprised.\n");

Annotation spanOf(const QString &text, const QString &needle, const QString &label)
{
    const qsizetype at = text.indexOf(needle);
    Q_ASSERT(at >= 0);
    const qint64 start = text.left(at).toUcs4().size();
    return Testing::withText(Annotation(CodePoint(start), CodePoint(start + needle.toUcs4().size()), label), needle);
}

// The rows' spans, in row order, as (start, end).
QList<std::pair<qint64, qint64>> rows(const SpanListModel *model, const AnnotationDocument &doc)
{
    QList<std::pair<qint64, qint64>> out;
    for (int row = 0; row < model->rowCount(); ++row) {
        const Annotation *span = doc.spans()->find(model->idAt(row));
        out.append({span->start.value, span->end.value});
    }
    return out;
}

// The set's own order.
QList<std::pair<qint64, qint64>> fileOrder(const AnnotationDocument &doc)
{
    QList<std::pair<qint64, qint64>> out;
    for (const Annotation *span : doc.spans()->sorted()) {
        out.append({span->start.value, span->end.value});
    }
    return out;
}
} // namespace

class SpanListTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ScholiastTest"));
        QCoreApplication::setApplicationName(QStringLiteral("ui_spanlist_test"));
        QSettings().setValue(QStringLiteral("annotator/name"), QStringLiteral("tester"));
    }

    // A span tagged before the others is inserted at its row, by one insertion, not a reset.
    void newSpanGoesWhereItSorts_data()
    {
        QTest::addColumn<QString>("needle");
        QTest::addColumn<int>("row");
        QTest::newRow("first") << QStringLiteral("Bridge vote") << 0;
        QTest::newRow("between") << QStringLiteral("delayed") << 1;
        QTest::newRow("same start, shorter") << QStringLiteral("The") << 1;
        QTest::newRow("last") << QStringLiteral("Residents") << 3;
    }

    void newSpanGoesWhereItSorts()
    {
        QFETCH(QString, needle);
        QFETCH(int, row);
        AnnotationDocument doc(Document::fromText(News, QStringLiteral("news.txt")), LabelSchema::defaultSchema(),
                               {spanOf(News, QStringLiteral("Bridge vote delayed again."), QStringLiteral("claim")),
                                spanOf(News, QStringLiteral("The council met on Tuesday."), QStringLiteral("claim")),
                                spanOf(News, QStringLiteral("We need more time,"), QStringLiteral("quote"))});
        SpanListDock dock;
        dock.setDocument(&doc);
        SpanListModel *model = dock.model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(model, &QAbstractItemModel::modelReset);
        const Annotation span = spanOf(News, needle, QStringLiteral("boilerplate"));
        const QString id = doc.tag(span.start, span.end, QStringLiteral("boilerplate"));
        QVERIFY(!id.isEmpty());
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), row);
        QCOMPARE(model->rowOf(id), row);
        QCOMPARE(rows(model, doc), fileOrder(doc));
        // The table shows them so (document order until the user sorts by a column).
        QCOMPARE(dock.tableView()->model()->index(row, 0).data(SpanListModel::IdRole).toString(), id);
        doc.undoStack()->undo();
        QCOMPARE(rows(model, doc), fileOrder(doc));
        doc.undoStack()->redo();
        QCOMPARE(rows(model, doc), fileOrder(doc));
    }

    // Many spans at once (tag all matches, an import) land sorted too; a resize or relabel
    // that changes a span's place moves its row.
    void batchesAndMovesStaySorted()
    {
        QString text;
        for (int i = 0; i < 400; ++i) {
            text += QStringLiteral("Ferry %1 leaves the harbour. ").arg(i, 3, 10, QLatin1Char('0'));
        }
        QList<Annotation> initial;
        for (int i = 0; i < 400; i += 2) {
            initial.append(Testing::withText(
                Annotation(CodePoint(i * 30), CodePoint(i * 30 + 5), QStringLiteral("claim")), text.mid(i * 30, 5)));
        }
        AnnotationDocument doc(Document::fromText(text, QStringLiteral("ferry.txt")), LabelSchema::defaultSchema(),
                               initial);
        SpanListDock dock;
        dock.setDocument(&doc);
        SpanListModel *model = dock.model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(rows(model, doc), fileOrder(doc));
        // A few spread spans: separate insertions.
        QList<CodePointRange> few;
        for (int i : {1, 99, 301}) {
            few.append({CodePoint(i * 30), CodePoint(i * 30 + 5)});
        }
        QCOMPARE(doc.tagAll(few, QStringLiteral("quote")), 3);
        QCOMPARE(rows(model, doc), fileOrder(doc));
        // Many spread spans.
        QList<CodePointRange> many;
        for (int i = 3; i < 400; i += 2) {
            many.append({CodePoint(i * 30 + 1), CodePoint(i * 30 + 4)});
        }
        QVERIFY(doc.tagAll(many, QStringLiteral("boilerplate")) > 100);
        QCOMPARE(rows(model, doc), fileOrder(doc));

        // Resizing the first span past others moves its row; so does a relabel at a tie.
        const QString first = model->idAt(0);
        QSignalSpy moved(model, &QAbstractItemModel::rowsMoved);
        doc.resize(first, CodePoint(200 * 30), CodePoint(200 * 30 + 3));
        QCOMPARE(moved.count(), 1);
        QCOMPARE(rows(model, doc), fileOrder(doc));
        QVERIFY(model->rowOf(first) > 0);
        doc.undoStack()->undo();
        QCOMPARE(model->rowOf(first), 0);
        QCOMPARE(rows(model, doc), fileOrder(doc));
        // Two spans on the same range sort by label.
        const QString twin = doc.tag(CodePoint(0), CodePoint(5), QStringLiteral("quote"));
        QCOMPARE(model->rowOf(twin), 1); // claim < quote
        doc.relabel({twin}, QStringLiteral("boilerplate"));
        QCOMPARE(model->rowOf(twin), 0);
        QCOMPARE(rows(model, doc), fileOrder(doc));
    }

    // Start and End fit the largest offset of the document.
    void offsetColumnsFitLargeOffsets()
    {
        const QString text = QString(1954400, u'x') + u'\n';
        AnnotationDocument doc(
            Document::fromText(text, QStringLiteral("long.txt")), LabelSchema::defaultSchema(),
            {Testing::withText(Annotation(CodePoint(1954321), CodePoint(1954399), QStringLiteral("claim")),
                               text.mid(1954321, 78))});
        SpanListDock dock;
        dock.resize(400, 300);
        dock.show();
        dock.setDocument(&doc);
        QTableView *table = dock.tableView();
        const int margin = 2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1);
        for (const int column : {int(SpanListModel::StartColumn), int(SpanListModel::EndColumn)}) {
            const QString shown = dock.model()->index(0, column).data().toString();
            QCOMPARE(shown.size(), 7);
            const QString elided =
                table->fontMetrics().elidedText(shown, Qt::ElideRight, table->columnWidth(column) - margin);
            QCOMPARE(elided, shown);
        }
    }

    // The Status column and the status bar's pending count follow accept and reject.
    void statusColumnAndPendingCountFollowDecisions()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("news.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(News.toUtf8());
        file.close();
        Diagnostics diagnostics;
        const auto document = Document::load(path, diagnostics);
        QVERIFY(document);
        AnnotationSet set;
        Annotation a = spanOf(News, QStringLiteral("Bridge vote delayed again."), QStringLiteral("claim"));
        a.setStatus(Annotation::Status::Pending);
        Annotation b = spanOf(News, QStringLiteral("We need more time,"), QStringLiteral("quote"));
        b.setStatus(Annotation::Status::Pending);
        set.add(a);
        set.add(b);
        QVERIFY(ScholiastJson::write(ScholiastJson::sidecarPath(path),
                                     ScholiastJson::makeSidecar(*document, LabelSchema::defaultSchema(), set),
                                     diagnostics));

        MainWindow window;
        window.setRecoveryPolicy(MainWindow::RecoveryPolicy::Ignore);
        window.show();
        QVERIFY(window.openFile(path));
        SpanListModel *model = window.spanListDock()->model();
        QVERIFY(!window.spanListDock()->tableView()->isColumnHidden(SpanListModel::StatusColumn));
        QCOMPARE(model->headerData(SpanListModel::StatusColumn, Qt::Horizontal).toString(), QStringLiteral("Status"));
        const auto status = [model](int row) {
            return model->index(row, SpanListModel::StatusColumn).data().toString();
        };
        const auto countText = [&window] {
            QStringList texts;
            for (const QLabel *label : window.statusBar()->findChildren<QLabel *>()) {
                texts.append(label->text());
            }
            return texts.join(u'|');
        };
        QCOMPARE(status(0), QStringLiteral("pending"));
        QCOMPARE(status(1), QStringLiteral("pending"));
        QVERIFY2(countText().contains(QStringLiteral(" · 2 pending")), qPrintable(countText()));

        window.action(QStringLiteral("accept_suggestion"))->trigger();
        QCOMPARE(status(0), QStringLiteral("accepted"));
        QVERIFY2(countText().contains(QStringLiteral(" · 1 pending")), qPrintable(countText()));
        window.action(QStringLiteral("reject_suggestion"))->trigger(); // a rejected suggestion goes
        QCOMPARE(model->rowCount(), 1);
        QVERIFY2(!countText().contains(QStringLiteral("pending")), qPrintable(countText()));
        window.document()->undoStack()->undo();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(status(1), QStringLiteral("pending"));
        QVERIFY2(countText().contains(QStringLiteral("1 pending")), qPrintable(countText()));
    }
};

QTEST_MAIN(SpanListTest)
#include "spanlist_test.moc"
