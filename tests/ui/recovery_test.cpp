// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Autosave recovery after a crash: starts scholiast as a child process with a short autosave
// interval, tags a span, waits for the recovery file, kills the process with SIGKILL, starts it
// again with the recovery restored, and checks the spans it saves.

#include "testhelpers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class RecoveryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recoversAfterSigkill();
};

using Scholiast::Testing::recoveryFiles;
using Scholiast::Testing::startApp;

void RecoveryTest::recoversAfterSigkill()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString document = dir.filePath(QStringLiteral("article.txt"));
    QVERIFY(QFile::copy(QStringLiteral(SCHOLIAST_UI_TEST_DATA "/emoji-crlf-article.txt"), document));
    const QString sidecar = document + QStringLiteral(".scholiast.json");

    // "Written" is code points 39..46 (after an emoji, a flag and CRLF).
    QProcess first;
    startApp(first, dir.path(),
             {QStringLiteral("--autosave-interval-ms"), QStringLiteral("50"), QStringLiteral("--test-tag"),
              QStringLiteral("39:46:quote"), document});
    QVERIFY(first.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(!recoveryFiles(dir.path()).isEmpty(), 30000);
    first.kill(); // SIGKILL on Unix: no clean shutdown, no chance to remove the file
    QVERIFY(first.waitForFinished());
    QCOMPARE(first.exitStatus(), QProcess::CrashExit);
    QVERIFY(!QFile::exists(sidecar));
    QCOMPARE(recoveryFiles(dir.path()).size(), 1);

    QProcess second;
    startApp(
        second, dir.path(),
        {QStringLiteral("--recovery"), QStringLiteral("restore"), QStringLiteral("--test-save-and-quit"), document});
    QVERIFY(second.waitForFinished(60000));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);

    QFile file(sidecar);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray spans =
        QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("annotations")).toArray();
    QCOMPARE(spans.size(), 1);
    const QJsonObject span = spans.first().toObject();
    QCOMPARE(span.value(QStringLiteral("start")).toInteger(), 39);
    QCOMPARE(span.value(QStringLiteral("end")).toInteger(), 46);
    QCOMPARE(span.value(QStringLiteral("label")).toString(), QStringLiteral("quote"));
    QCOMPARE(span.value(QStringLiteral("text")).toString(), QStringLiteral("Written"));
    // A successful save removes the recovery file.
    QVERIFY(recoveryFiles(dir.path()).isEmpty());
}

QTEST_GUILESS_MAIN(RecoveryTest)
#include "recovery_test.moc"
