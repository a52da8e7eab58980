// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotationset.h"
#include "commands/spancommands.h"

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
        set.reset({Annotation(0, 5, QStringLiteral("claim"), QStringLiteral("Hello"), QStringLiteral("a")),
                   Annotation(6, 11, QStringLiteral("quote"), QStringLiteral("world"), QStringLiteral("b"))});
        const QList<Annotation> before = snapshot(set);
        QUndoStack stack;
        if (command == u"add") {
            stack.push(new AddSpan(&set, Annotation(2, 4, QStringLiteral("quote"), QStringLiteral("ll"))));
        } else if (command == u"batch") {
            stack.push(new AddSpans(&set, {Annotation(0, 1, QStringLiteral("claim")), Annotation(3, 4, QStringLiteral("claim"))},
                                    QStringLiteral("Tag 2 matches as claim")));
        } else if (command == u"remove") {
            stack.push(new RemoveSpans(&set, {QStringLiteral("a")}));
        } else if (command == u"removeMany") {
            stack.push(new RemoveSpans(&set, {QStringLiteral("a"), QStringLiteral("b")}));
        } else if (command == u"relabel") {
            stack.push(new RelabelSpans(&set, {QStringLiteral("b")}, QStringLiteral("boilerplate")));
        } else if (command == u"resize") {
            stack.push(new ResizeSpan(&set, QStringLiteral("a"), 1, 5, QStringLiteral("ello")));
        } else if (command == u"note") {
            stack.push(new EditNote(&set, QStringLiteral("a"), QStringLiteral("check the source")));
        } else if (command == u"accept") {
            stack.push(new SetSpanStatus(&set, {QStringLiteral("a"), QStringLiteral("b")}, Annotation::Status::Accepted));
        }
        QCOMPARE(stack.undoText(), undoText);
        const QList<Annotation> after = snapshot(set);
        QVERIFY(after != before);
        stack.undo();
        QCOMPARE(snapshot(set), before);
        stack.redo();
        QCOMPARE(snapshot(set), after); // the same ids come back
    }

    void resizesOfOneSpanMerge()
    {
        AnnotationSet set;
        set.reset({Annotation(0, 5, QStringLiteral("claim"), QStringLiteral("Hello"), QStringLiteral("a")),
                   Annotation(6, 11, QStringLiteral("claim"), QStringLiteral("world"), QStringLiteral("b"))});
        QUndoStack stack;
        stack.push(new ResizeSpan(&set, QStringLiteral("a"), 0, 4, QStringLiteral("Hell")));
        stack.push(new ResizeSpan(&set, QStringLiteral("a"), 0, 3, QStringLiteral("Hel")));
        stack.push(new ResizeSpan(&set, QStringLiteral("b"), 7, 11, QStringLiteral("orld")));
        QCOMPARE(stack.count(), 2);
        stack.undo();
        stack.undo();
        QCOMPARE(set.find(QStringLiteral("a"))->end, 5);
        QCOMPARE(set.find(QStringLiteral("a"))->text, QStringLiteral("Hello"));
        QCOMPARE(set.find(QStringLiteral("b"))->start, 6);
    }

    void changesStampModifiedTime()
    {
        AnnotationSet set;
        set.reset({Annotation(0, 5, QStringLiteral("claim"), QStringLiteral("Hello"), QStringLiteral("a"))});
        QUndoStack stack;
        stack.push(new RelabelSpans(&set, {QStringLiteral("a")}, QStringLiteral("quote")));
        QVERIFY(set.find(QStringLiteral("a"))->modified().isValid());
        stack.undo();
        QVERIFY(!set.find(QStringLiteral("a"))->modified().isValid());
    }
};

QTEST_GUILESS_MAIN(SpanCommandsTest)
#include "spancommands_test.moc"
