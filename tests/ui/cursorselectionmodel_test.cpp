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
    void wordEdgeStepWithoutSpaces_data();
    void wordEdgeStepWithoutSpaces();
    void snapEdge();
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
    // Scripts written without spaces snap by character, not to the whole run (issue 18, item 8).
    QTest::newRow("Han") << QStringLiteral("東京都は晴れです。") << qint64(0) << qint64(3) << QStringLiteral("東京都");
    QTest::newRow("Han, one character") << QStringLiteral("東京都は晴れです。") << qint64(1) << qint64(2)
                                        << QStringLiteral("京");
    QTest::newRow("kana") << QStringLiteral("東京都は晴れです。") << qint64(4) << qint64(6) << QStringLiteral("晴れ");
    QTest::newRow("Chinese") << QStringLiteral("北京市今天下雨") << qint64(3) << qint64(5) << QStringLiteral("今天");
    QTest::newRow("Thai keeps its marks") << QStringLiteral("กินข้าว") << qint64(0) << qint64(1) << QStringLiteral("กิ");
    QTest::newRow("Hangul snaps to words")
        << QStringLiteral("서울은 맑다") << qint64(1) << qint64(2) << QStringLiteral("서울은");
    QTest::newRow("Han beside Latin") << QStringLiteral("Tokyo東京") << qint64(1) << qint64(2)
                                      << QStringLiteral("Tokyo");
    QTest::newRow("combining accent") << QStringLiteral("cafe\u0301 noir") << qint64(0) << qint64(2)
                                      << QStringLiteral("cafe\u0301");
    QTest::newRow("half an emoji") << QStringLiteral("a😀b") << qint64(1) << qint64(2) << QStringLiteral("😀");
    QTest::newRow("Han with a supplementary character")
        << QStringLiteral("𠮷野家") << qint64(0) << qint64(1) << QStringLiteral("𠮷");
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

void CursorSelectionModelTest::wordEdgeStepWithoutSpaces_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("position");
    QTest::addColumn<int>("direction");
    QTest::addColumn<bool>("end");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("Han end forward") << QStringLiteral("東京都は晴れ") << qint64(2) << 1 << true << qint64(3);
    QTest::newRow("Han end back") << QStringLiteral("東京都は晴れ") << qint64(3) << -1 << true << qint64(2);
    QTest::newRow("Han start back") << QStringLiteral("東京都は晴れ") << qint64(2) << -1 << false << qint64(1);
    QTest::newRow("Han start forward") << QStringLiteral("東京都は晴れ") << qint64(0) << 1 << false << qint64(1);
    QTest::newRow("Latin end forward") << QStringLiteral("the quick fox") << qint64(3) << 1 << true << qint64(9);
    QTest::newRow("Latin start back") << QStringLiteral("the quick fox") << qint64(10) << -1 << false << qint64(4);
    QTest::newRow("supplementary Han") << QStringLiteral("𠮷野家") << qint64(0) << 1 << true << qint64(2);
}

void CursorSelectionModelTest::wordEdgeStepWithoutSpaces()
{
    QFETCH(QString, text);
    QFETCH(qint64, position);
    QFETCH(int, direction);
    QFETCH(bool, end);
    QFETCH(qint64, expected);
    AnnotationDocument document(Document::fromText(text), LabelSchema(), {});
    CursorSelectionModel model;
    model.reset(&document);
    const auto oneCharacter = [&text](Utf16Index from, int step) {
        qint64 p = from.value + step;
        if (p > 0 && p < text.size() && text.at(p).isLowSurrogate()) {
            p += step;
        }
        return Utf16Index(p);
    };
    QCOMPARE(model.wordEdgeStep(Utf16Index(position), direction, end, oneCharacter).value, expected);
}

void CursorSelectionModelTest::snapEdge()
{
    AnnotationDocument document(Document::fromText(QStringLiteral("the quick fox 東京都")), LabelSchema(), {});
    CursorSelectionModel model;
    model.reset(&document);
    QCOMPARE(model.snapEdge(Utf16Index(6), true), Utf16Index(9)); // qu|ick: on to the word's end
    QCOMPARE(model.snapEdge(Utf16Index(6), false), Utf16Index(4)); // back to its start
    QCOMPARE(model.snapEdge(Utf16Index(15), true), Utf16Index(15)); // 東|京: stays
    model.setSnapToWords(false);
    QCOMPARE(model.snapEdge(Utf16Index(6), true), Utf16Index(6));
}

QTEST_GUILESS_MAIN(CursorSelectionModelTest)
#include "cursorselectionmodel_test.moc"
