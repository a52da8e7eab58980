// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The view's caret and selection without a view: clamping, surrogate pairs, word snapping and
// the signals the window's status bar follows.

#include "editing/annotationdocument.h"
#include "view/cursorselectionmodel.h"

#include <QSignalSpy>
#include <QTest>

using namespace Scholiast;

class CursorSelectionModelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void snapRange_data();
    void snapRange();
    void moveCursor();
    void snapSelectionKeepsDirection();
    void wordAt();
};

void CursorSelectionModelTest::snapRange_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<QString>("snapped");
    QTest::newRow("inside a word") << QStringLiteral("the quick fox") << qint64(5) << qint64(7)
                                   << QStringLiteral("quick");
    QTest::newRow("spaces trimmed") << QStringLiteral("the quick fox") << qint64(3) << qint64(10)
                                    << QStringLiteral("quick");
    QTest::newRow("apostrophe") << QStringLiteral("I don't know") << qint64(3) << qint64(4) << QStringLiteral("don't");
    QTest::newRow("only spaces") << QStringLiteral("a   b") << qint64(1) << qint64(4) << QString();
}

void CursorSelectionModelTest::snapRange()
{
    QFETCH(QString, text);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(QString, snapped);
    const auto [start, end] = CursorSelectionModel::snapRange(text, Utf16Index(from), Utf16Index(to));
    QCOMPARE(text.mid(start.value, end - start), snapped);
}

void CursorSelectionModelTest::moveCursor()
{
    AnnotationDocument document(Document::fromText(QStringLiteral("a😀b")), LabelSchema(), {});
    CursorSelectionModel model;
    model.reset(&document);
    QSignalSpy moved(&model, &CursorSelectionModel::cursorPositionChanged);
    QSignalSpy selected(&model, &CursorSelectionModel::selectionChanged);
    model.moveCursor(Utf16Index(2), false); // between the halves of the emoji
    QCOMPARE(model.cursor(), Utf16Index(1));
    QCOMPARE(model.cursorPosition(), CodePoint(1));
    QCOMPARE(moved.size(), 1);
    QCOMPARE(selected.size(), 0);
    model.moveCursor(Utf16Index(99), true); // clamped to the end
    QCOMPARE(model.cursor(), Utf16Index(4));
    QCOMPARE(model.selection(), CodePointRange(CodePoint(1), CodePoint(3)));
    QCOMPARE(model.selectedText(), QStringLiteral("😀b"));
    QCOMPARE(selected.size(), 1);
    model.moveCursor(model.cursor(), false);
    QVERIFY(!model.hasSelection());
    QCOMPARE(selected.size(), 2);
}

void CursorSelectionModelTest::snapSelectionKeepsDirection()
{
    AnnotationDocument document(Document::fromText(QStringLiteral("the quick brown fox")), LabelSchema(), {});
    CursorSelectionModel model;
    model.reset(&document);
    model.select(Utf16Index(12), Utf16Index(6)); // backwards, "ick br"
    model.snapSelection();
    QCOMPARE(model.anchor(), Utf16Index(15));
    QCOMPARE(model.cursor(), Utf16Index(4));
    QCOMPARE(model.selectedText(), QStringLiteral("quick brown"));
    model.setSnapToWords(false);
    model.select(Utf16Index(5), Utf16Index(7));
    model.snapSelection(); // snapping off: unchanged
    QCOMPARE(model.selectedText(), QStringLiteral("ui"));
    QCOMPARE(model.snappedSelection(), model.selection());
}

void CursorSelectionModelTest::wordAt()
{
    AnnotationDocument document(Document::fromText(QStringLiteral("the quick fox")), LabelSchema(), {});
    CursorSelectionModel model;
    model.reset(&document);
    model.selectWordAt(Utf16Index(6));
    QCOMPARE(model.selectedText(), QStringLiteral("quick"));
    model.selectAll();
    QCOMPARE(model.selectedText(), QStringLiteral("the quick fox"));
}

QTEST_GUILESS_MAIN(CursorSelectionModelTest)
#include "cursorselectionmodel_test.moc"
