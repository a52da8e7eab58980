// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Editing the labels as one undo step: renames relabel every span (issue 18 item 2).
#include "annotationset.h"
#include "commands/labelcommands.h"
#include "testspans.h"

#include <QTest>
#include <QUndoStack>

using namespace Scholiast;

namespace {
Annotation span(qint64 start, qint64 end, const QString &label, const QString &id)
{
    return Testing::withId(Annotation(CodePoint(start), CodePoint(end), label), id);
}

QStringList labelsOf(const AnnotationSet &set)
{
    QStringList labels;
    for (const Annotation *a : set.sorted()) {
        labels.append(a->id + u'=' + a->label);
    }
    return labels;
}

QStringList namesOf(const LabelSchema &schema)
{
    QStringList names;
    for (const Label &l : schema.labels()) {
        names.append(l.name + u'/' + l.color + u'/' + l.key);
    }
    return names;
}
} // namespace

class LabelCommandsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editLabelsIsOneStep_data()
    {
        QTest::addColumn<QList<Label>>("after");
        QTest::addColumn<QStringList>("renames"); // "old>new"
        QTest::addColumn<QStringList>("spansAfter");
        QTest::addColumn<int>("relabelled");

        const QString red = QStringLiteral("#d55e00");
        const QString blue = QStringLiteral("#0072b2");
        const QString green = QStringLiteral("#009e73");
        QTest::newRow("rename claim to assertion")
            << QList<Label>{{QStringLiteral("assertion"), red, QStringLiteral("1")},
                            {QStringLiteral("quote"), blue, QStringLiteral("2")}}
            << QStringList{QStringLiteral("claim>assertion")}
            << QStringList{QStringLiteral("a=assertion"), QStringLiteral("b=quote"), QStringLiteral("c=assertion")}
            << 2;
        QTest::newRow("swap names") << QList<Label>{{QStringLiteral("quote"), red, QStringLiteral("1")},
                                                    {QStringLiteral("claim"), blue, QStringLiteral("2")}}
                                    << QStringList{QStringLiteral("claim>quote"), QStringLiteral("quote>claim")}
                                    << QStringList{QStringLiteral("a=quote"), QStringLiteral("b=claim"),
                                                   QStringLiteral("c=quote")}
                                    << 3;
        QTest::newRow("recolour, rekey, reorder, add")
            << QList<Label>{{QStringLiteral("quote"), blue, QStringLiteral("q")},
                            {QStringLiteral("claim"), green, QStringLiteral("c")},
                            {QStringLiteral("source"), red, QStringLiteral("s")}}
            << QStringList{}
            << QStringList{QStringLiteral("a=claim"), QStringLiteral("b=quote"), QStringLiteral("c=claim")} << 0;
    }

    void editLabelsIsOneStep()
    {
        QFETCH(QList<Label>, after);
        QFETCH(QStringList, renames);
        QFETCH(QStringList, spansAfter);
        QFETCH(int, relabelled);

        AnnotationSet set;
        set.reset({span(0, 4, QStringLiteral("claim"), QStringLiteral("a")),
                   span(5, 9, QStringLiteral("quote"), QStringLiteral("b")),
                   span(10, 14, QStringLiteral("claim"), QStringLiteral("c"))});
        const QStringList spansBefore = labelsOf(set);
        LabelSchema schema =
            LabelSchema::fromLabels({{QStringLiteral("claim"), QStringLiteral("#d55e00"), QStringLiteral("1")},
                                     {QStringLiteral("quote"), QStringLiteral("#0072b2"), QStringLiteral("2")}});
        const LabelSchema before = schema;
        int schemaChanges = 0;
        // The schema is in place whenever the spans announce their change.
        QStringList labelsSeenByListeners;
        QObject::connect(&set, &AnnotationSet::spansChanged, &set, [&] {
            for (const Annotation *a : set.sorted()) {
                if (!schema.contains(a->label)) {
                    labelsSeenByListeners.append(a->label);
                }
            }
        });
        QHash<QString, QString> renameMap;
        for (const QString &r : renames) {
            renameMap.insert(r.section(u'>', 0, 0), r.section(u'>', 1, 1));
        }
        QUndoStack stack;
        auto *command = new EditLabels(
            &set,
            [&](const LabelSchema &s) {
                schema = s;
                ++schemaChanges;
            },
            before, LabelSchema::fromLabels(after), renameMap);
        QCOMPARE(command->relabelledSpans(), relabelled);
        stack.push(command);
        QCOMPARE(stack.count(), 1);
        QCOMPARE(stack.undoText(), QStringLiteral("Edit labels"));
        QCOMPARE(namesOf(schema), namesOf(LabelSchema::fromLabels(after)));
        QCOMPARE(labelsOf(set), spansAfter);
        QVERIFY2(labelsSeenByListeners.isEmpty(), qPrintable(labelsSeenByListeners.join(u',')));

        stack.undo();
        QCOMPARE(namesOf(schema), namesOf(before));
        QCOMPARE(labelsOf(set), spansBefore);
        stack.redo();
        QCOMPARE(labelsOf(set), spansAfter);
        QCOMPARE(schemaChanges, 3);
    }
};

QTEST_GUILESS_MAIN(LabelCommandsTest)
#include "labelcommands_test.moc"
