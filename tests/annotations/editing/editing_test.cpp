// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 16: the editing layer opens a document with undo without a window. This test links
// scholiast_editing alone (no Qt Widgets, no QApplication): load a sample off the main thread,
// tag, relabel and undo, save, and read the saved sidecar back.
#include "editing/annotationdocument.h"
#include "editing/documentloader.h"
#include "formats/scholiastjson.h"

#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Scholiast;

class EditingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void openTagUndoSaveWithoutAWindow_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::newRow("harbour bridge (CRLF, curly quotes)") << QStringLiteral("harbour-bridge-vote.txt");
        QTest::newRow("Seoul market (Hangul)") << QStringLiteral("seoul-market-report.txt");
    }

    void openTagUndoSaveWithoutAWindow()
    {
        QFETCH(QString, sample);
        QVERIFY(qobject_cast<QCoreApplication *>(QCoreApplication::instance()));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(sample);
        for (const QString &name : {sample, QString(sample + QStringLiteral(".scholiast.json"))}) {
            QVERIFY(QFile::copy(QStringLiteral(SCHOLIAST_SAMPLES "/") + name, dir.filePath(name)));
            QVERIFY(QFile::setPermissions(dir.filePath(name), QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        }

        DocumentLoader loader;
        QSignalSpy finished(&loader, &DocumentLoader::finished);
        loader.start(path);
        QVERIFY(finished.wait(30000));
        LoadResult result = loader.takeResult();
        QVERIFY(result.document && result.sidecar);
        const qsizetype before = result.sidecar->annotations.size();
        QVERIFY(before > 0);

        AnnotationDocument document(*result.document, result.sidecar->labels, result.sidecar->annotations);
        const CodePoint end(std::min<qint64>(5, document.document().length()));
        const QString id = document.tag(CodePoint(0), end, QStringLiteral("boilerplate"));
        QVERIFY(!id.isEmpty());
        document.relabel({id}, QStringLiteral("claim"));
        QCOMPARE(document.spans()->size(), before + 1);
        QCOMPARE(document.spans()->find(id)->label, QStringLiteral("claim"));
        document.undoStack()->undo(); // the relabel
        QCOMPARE(document.spans()->find(id)->label, QStringLiteral("boilerplate"));
        QVERIFY(document.isModified());

        Diagnostics diagnostics;
        QVERIFY(document.save(diagnostics));
        QVERIFY(!document.isModified());
        const auto saved = ScholiastJson::read(document.sidecarPath(), diagnostics, &document.document());
        QVERIFY(saved);
        QCOMPARE(saved->annotations.size(), before + 1);
        const auto it = std::find_if(saved->annotations.cbegin(), saved->annotations.cend(),
                                     [&](const Annotation &a) { return a.id == id; });
        QVERIFY(it != saved->annotations.cend());
        QCOMPARE(it->label, QStringLiteral("boilerplate"));
        QCOMPARE(it->start.value, 0);
        QCOMPARE(it->end.value, end.value);
    }
};

QTEST_GUILESS_MAIN(EditingTest)
#include "editing_test.moc"
