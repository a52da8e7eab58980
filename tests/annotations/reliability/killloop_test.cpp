// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "formats/scholiastjson.h"
#include "testspans.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <csignal>
#include <thread>

using namespace Scholiast;

// Kills a process that keeps saving a sidecar, many times, each time at another point of a save;
// after each kill the file on disk must be the old or the new version, whole (docs/RELIABILITY.md).
// The points are a fixed schedule, not random: the saver reports how long its first save took,
// and kill k of n comes 2k/n of that time after the report, so the kills sweep one whole save (open,
// write, flush, rename) and the start of the next. A save that wrote the file in place would be
// caught by the kills that land while it writes.
class KillLoopTest : public QObject
{
    Q_OBJECT

private:
    /// Reads the saver's lines up to its first "saved MICROSECONDS"; -1 when it never came.
    static qint64 firstSaveMicroseconds(QProcess &saver)
    {
        while (saver.canReadLine() || saver.waitForReadyRead(30000)) {
            while (saver.canReadLine()) {
                const QByteArray line = saver.readLine().trimmed();
                if (line.startsWith("saved ")) {
                    return line.mid(6).toLongLong();
                }
            }
        }
        return -1;
    }

    static QByteArray makeSidecar(int spans, const QString &label)
    {
        ScholiastJson::Sidecar sidecar;
        sidecar.documentName = QStringLiteral("big.txt");
        sidecar.documentSha256 = QString(64, u'a');
        sidecar.documentLength = 10'000'000;
        sidecar.labels = LabelSchema::defaultSchema();
        for (int i = 0; i < spans; ++i) {
            sidecar.annotations.append(Testing::withId(
                Testing::withText(Annotation(CodePoint(i * 10), CodePoint(i * 10 + 5), label), QStringLiteral("words")),
                QString::number(i)));
        }
        return ScholiastJson::serialize(sidecar);
    }

private Q_SLOTS:
    void everyKillLeavesAWholeFile_data()
    {
        QTest::addColumn<int>("kills");
        QTest::newRow("200 kills") << 200;
    }

    void everyKillLeavesAWholeFile()
    {
        QFETCH(int, kills);
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

        int sawA = 0;
        int sawB = 0;
        for (int k = 0; k < kills; ++k) {
            QProcess saver;
            saver.start(QStringLiteral(SAVE_LOOP), {target, aPath, bPath});
            // The report comes as the second save starts; the delay sets where in it the kill lands
            // and synchronises nothing.
            const qint64 save = firstSaveMicroseconds(saver);
            QVERIFY2(save >= 0, "the saver never finished a save");
            std::this_thread::sleep_for(std::chrono::microseconds(2 * save * k / kills));
            ::kill(pid_t(saver.processId()), SIGKILL);
            QVERIFY(saver.waitForFinished(30000));
            QCOMPARE(saver.exitStatus(), QProcess::CrashExit);

            QFile file(target);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray onDisk = file.readAll();
            QVERIFY2(onDisk == a || onDisk == b,
                     qPrintable(QStringLiteral("kill %1: %2 bytes on disk").arg(k).arg(onDisk.size())));
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
