// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scholiastjson.h"
#include "testspans.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Scholiast;

// Kills a process that keeps saving a sidecar, at random moments, many times; after each kill
// the file on disk must be the old or the new version, whole (docs/RELIABILITY.md).
class KillLoopTest : public QObject
{
    Q_OBJECT

private:
    static QByteArray makeSidecar(int spans, const QString &label)
    {
        ScholiastJson::Sidecar sidecar;
        sidecar.documentName = QStringLiteral("big.txt");
        sidecar.documentSha256 = QString(64, u'a');
        sidecar.documentLength = 10'000'000;
        sidecar.labels = LabelSchema::defaultSchema();
        for (int i = 0; i < spans; ++i) {
            sidecar.annotations.append(Testing::withId(Testing::withText(Annotation(CodePoint(i * 10), CodePoint(i * 10 + 5), label),
                                                       QStringLiteral("words")), QString::number(i)));
        }
        return ScholiastJson::serialize(sidecar);
    }

private Q_SLOTS:
    void everyKillLeavesAWholeFile_data()
    {
        QTest::addColumn<int>("kills");
        QTest::addColumn<quint32>("seed");
        QTest::newRow("200 kills") << 200 << 20261127u;
    }

    void everyKillLeavesAWholeFile()
    {
        QFETCH(int, kills);
        QFETCH(quint32, seed);
        QTemporaryDir dir;
        // Sizes differ (about 400 and 200 kB) so that a torn write could not pass for either.
        const QByteArray a = makeSidecar(6000, QStringLiteral("claim"));
        const QByteArray b = makeSidecar(3000, QStringLiteral("quote"));
        const QString aPath = dir.filePath(QStringLiteral("a.json"));
        const QString bPath = dir.filePath(QStringLiteral("b.json"));
        for (const auto &[path, bytes] : {std::pair{aPath, a}, std::pair{bPath, b}}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        }
        const QString target = dir.filePath(QStringLiteral("work/doc.txt.scholiast.json"));
        QVERIFY(QDir().mkpath(QFileInfo(target).path()));
        QVERIFY(QFile::copy(aPath, target));

        QRandomGenerator random(seed);
        int sawA = 0;
        int sawB = 0;
        for (int k = 0; k < kills; ++k) {
            QProcess saver;
            saver.start(QStringLiteral(SAVE_LOOP), {target, aPath, bPath});
            QVERIFY(saver.waitForReadyRead(30000)); // "ready": the inputs are read
            // A random moment within the first few saves (one takes a few milliseconds).
            QTest::qSleep(int(random.bounded(25))); // sets the moment of the kill, synchronises nothing
            ::kill(pid_t(saver.processId()), SIGKILL);
            QVERIFY(saver.waitForFinished(30000));
            QCOMPARE(saver.exitStatus(), QProcess::CrashExit);

            QFile file(target);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray onDisk = file.readAll();
            QVERIFY2(onDisk == a || onDisk == b, qPrintable(QStringLiteral("kill %1: %2 bytes on disk").arg(k).arg(onDisk.size())));
            (onDisk == a ? sawA : sawB)++;
            Diagnostics diagnostics;
            QVERIFY(ScholiastJson::parse(onDisk, target, diagnostics));
        }
        qInfo("%d kills: old/new version on disk %d/%d times", kills, sawA, sawB);
        QVERIFY(sawA > 0 && sawB > 0); // the kills did land between saves of both kinds
        // Temporary files of interrupted saves are left beside the sidecar, never in its place.
        const QStringList leftovers = QDir(QFileInfo(target).path()).entryList(QDir::Files | QDir::Hidden);
        QVERIFY(leftovers.contains(QFileInfo(target).fileName()));
    }
};

QTEST_GUILESS_MAIN(KillLoopTest)
#include "killloop_test.moc"
