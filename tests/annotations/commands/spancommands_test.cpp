// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotationset.h"
#include "commands/spancommands.h"
#include "testspans.h"

#include <QTest>
#include <QUndoStack>

using namespace Scholiast;

class SpanCommandsTest : public QObject
{
    Q_OBJECT

private:
    static QList<Annotation> snapshot(const AnnotationSet &set) { return set.toList(); }

private Q_SLOTS:
    void everyCommandUndoesAndRedoes_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("undoText");
        QTest::newRow("add") << QStringLiteral("add") << QStringLiteral("Tag quote");
        QTest::newRow("batch add") << QStringLiteral("batch") << QStringLiteral("Tag 2 matches as claim");
        QTest::newRow("remove") << QStringLiteral("remove") << QStringLiteral("Remove span");
        QTest::newRow("remove many") << QStringLiteral("removeMany") << QStringLiteral("Remove 2 spans");
        QTest::newRow("relabel") << QStringLiteral("relabel") << QStringLiteral("Relabel span as boilerplate");
        QTest::newRow("resize") << QStringLiteral("resize") << QStringLiteral("Resize span");
        QTest::newRow("note") << QStringLiteral("note") << QStringLiteral("Edit note");
        QTest::newRow("accept") << QStringLiteral("accept") << QStringLiteral("Accept 2 spans");
    }

    void everyCommandUndoesAndRedoes()
    {
        QFETCH(QString, command);
        QFETCH(QString, undoText);

        AnnotationSet set;
        set.reset({Testing::withId(Testing::withText(Annotation(CodePoint(0), CodePoint(5), QStringLiteral("claim")),
                                                     QStringLiteral("Hello")),
                                   QStringLiteral("a")),
                   Testing::withId(Testing::withText(Annotation(CodePoint(6), CodePoint(11), QStringLiteral("quote")),
                                                     QStringLiteral("world")),
                                   QStringLiteral("b"))});
        const QList<Annotation> before = snapshot(set);
        QUndoStack stack;
        if (command == u"add") {
            stack.push(new AddSpan(&set,
                                   Testing::withText(Annotation(CodePoint(2), CodePoint(4), QStringLiteral("quote")),
                                                     QStringLiteral("ll"))));
        } else if (command == u"batch") {
            stack.push(new AddSpans(&set,
                                    {Annotation(CodePoint(0), CodePoint(1), QStringLiteral("claim")),
                                     Annotation(CodePoint(3), CodePoint(4), QStringLiteral("claim"))},
                                    QStringLiteral("Tag 2 matches as claim")));
        } else if (command == u"remove") {
            stack.push(new RemoveSpans(&set, {QStringLiteral("a")}));
        } else if (command == u"removeMany") {
            stack.push(new RemoveSpans(&set, {QStringLiteral("a"), QStringLiteral("b")}));
        } else if (command == u"relabel") {
            stack.push(new RelabelSpans(&set, {QStringLiteral("b")}, QStringLiteral("boilerplate")));
        } else if (command == u"resize") {
            stack.push(new ResizeSpan(&set, QStringLiteral("a"), {Fragment{CodePoint(1), CodePoint(5)}},
                                      QStringLiteral("ello")));
        } else if (command == u"note") {
            stack.push(new EditNote(&set, QStringLiteral("a"), QStringLiteral("check the source")));
        } else if (command == u"accept") {
            stack.push(
                new SetSpanStatus(&set, {QStringLiteral("a"), QStringLiteral("b")}, Annotation::Status::Accepted));
        }
        QCOMPARE(stack.undoText(), undoText);
        const QList<Annotation> after = snapshot(set);
        QVERIFY(after != before);
        stack.undo();
        QCOMPARE(snapshot(set), before);
        stack.redo();
        QCOMPARE(snapshot(set), after); // the same ids come back
    }

    // One undo step per gesture: a drag, or arrow keys pressed while the modifiers stay held.
    void resizesOfOneSpanMergeWithinAGesture_data()
    {
        QTest::addColumn<QList<quint64>>("gestures"); // of the two resizes of span a
        QTest::addColumn<int>("steps"); // with the resize of b after them
        QTest::newRow("one gesture") << QList<quint64>{7, 7} << 2;
        QTest::newRow("two gestures") << QList<quint64>{7, 8} << 3;
        QTest::newRow("no gesture never merges") << QList<quint64>{0, 0} << 3;
    }

    void resizesOfOneSpanMergeWithinAGesture()
    {
        QFETCH(QList<quint64>, gestures);
        QFETCH(int, steps);
        AnnotationSet set;
        set.reset({Testing::withId(Testing::withText(Annotation(CodePoint(0), CodePoint(5), QStringLiteral("claim")),
                                                     QStringLiteral("Hello")),
                                   QStringLiteral("a")),
                   Testing::withId(Testing::withText(Annotation(CodePoint(6), CodePoint(11), QStringLiteral("claim")),
                                                     QStringLiteral("world")),
                                   QStringLiteral("b"))});
        QUndoStack stack;
        stack.push(new ResizeSpan(&set, QStringLiteral("a"), {Fragment{CodePoint(0), CodePoint(4)}},
                                  QStringLiteral("Hell"), gestures[0]));
        stack.push(new ResizeSpan(&set, QStringLiteral("a"), {Fragment{CodePoint(0), CodePoint(3)}},
                                  QStringLiteral("Hel"), gestures[1]));
        // The same gesture number on another span never merges.
        stack.push(new ResizeSpan(&set, QStringLiteral("b"), {Fragment{CodePoint(7), CodePoint(11)}},
                                  QStringLiteral("orld"), gestures[1]));
        QCOMPARE(stack.count(), steps);
        while (stack.canUndo()) {
            stack.undo();
        }
        QCOMPARE(set.find(QStringLiteral("a"))->end.value, 5);
        QCOMPARE(set.find(QStringLiteral("a"))->text(), QStringLiteral("Hello"));
        QCOMPARE(set.find(QStringLiteral("b"))->start.value, 6);
    }

    void changesStampModifiedTime()
    {
        AnnotationSet set;
        set.reset({Testing::withId(
            Testing::withText(Annotation(CodePoint(0), CodePoint(5), QStringLiteral("claim")), QStringLiteral("Hello")),
            QStringLiteral("a"))});
        QUndoStack stack;
        stack.push(new RelabelSpans(&set, {QStringLiteral("a")}, QStringLiteral("quote")));
        QVERIFY(set.find(QStringLiteral("a"))->modified().isValid());
        stack.undo();
        QVERIFY(!set.find(QStringLiteral("a"))->modified().isValid());
    }
};

QTEST_GUILESS_MAIN(SpanCommandsTest)
#include "spancommands_test.moc"
