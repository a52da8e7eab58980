// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// What several tests need (issue 16: one place, not a copy per test): files read and written
// whole, running the built scholiast-cli, starting the built scholiast as a child, finding its
// recovery files, and finding fixture text in a way that fails loudly.
#pragma once

#include <QByteArray>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <sys/resource.h>

namespace Scholiast::Testing {

/// A file's bytes; empty when it cannot be read.
inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Replaces a file's bytes; false when it cannot be written whole.
[[nodiscard]] inline bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

/// Where `needle` is in `text`. A fixture that no longer holds what a test looks for stops the
/// test program with a message naming it, in every build (Q_ASSERT is compiled out of the CI's
/// release builds, and a -1 would be used as an offset).
inline qsizetype indexOrFail(const QString &text, const QString &needle)
{
    const qsizetype at = text.indexOf(needle);
    if (at < 0) {
        qFatal("test fixture: \"%s\" is not in the text", qPrintable(needle));
    }
    return at;
}

/// The autosave recovery files under `root`: sidecars in a recovery/ folder.
inline QStringList recoveryFiles(const QString &root)
{
    QStringList files;
    QDirIterator it(root, {QStringLiteral("*.scholiast.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (file.contains(QStringLiteral("/recovery/"))) {
            files.append(file);
        }
    }
    return files;
}

#ifdef SCHOLIAST_APP
/// Starts the built scholiast (SCHOLIAST_APP) with `arguments`, offscreen, with its settings and
/// recovery files kept under `home` (home/config, home/data): the child reads and writes nothing
/// of the user's.
inline void startApp(QProcess &process, const QString &home, const QStringList &arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SCHOLIAST_APP), arguments);
}
#endif

#ifdef SCHOLIAST_CLI
/// What a run of scholiast-cli printed and returned.
struct Result
{
    bool finished = false; ///< false: it did not finish in time and was killed (`err` says so)
    bool crashed = false;
    int exitCode = -1;
    QString out;
    QString err;
    QByteArray outBytes; ///< standard output as written, for byte comparisons
};

/// Runs the built scholiast-cli (SCHOLIAST_CLI; the environment's SCHOLIAST_CLI_UNDER_TEST runs
/// the tests against another build, an older main, to see them fail), as a user or a script
/// would: in `folder` when given, with `environment`, and with a stack of `stackBytes` when given
/// (a thread or a sanitizer build has a smaller one: deep recursion shows at once). It is killed
/// after SCHOLIAST_TEST_WAIT_MS milliseconds, four minutes by default.
inline Result run(const QStringList &arguments, const QString &folder = QString(),
                  const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                  rlim_t stackBytes = 0)
{
    QProcess process;
    if (stackBytes > 0) {
        process.setChildProcessModifier([stackBytes] {
            rlimit limit{stackBytes, stackBytes};
            ::setrlimit(RLIMIT_STACK, &limit);
        });
    }
    process.setProcessEnvironment(environment);
    if (!folder.isEmpty()) {
        process.setWorkingDirectory(folder);
    }
    process.start(qEnvironmentVariable("SCHOLIAST_CLI_UNDER_TEST", QStringLiteral(SCHOLIAST_CLI)), arguments);
    const int wait = qEnvironmentVariableIntValue("SCHOLIAST_TEST_WAIT_MS");
    Result r;
    r.finished = process.waitForFinished(wait > 0 ? wait : 240000);
    if (!r.finished) {
        process.kill();
        process.waitForFinished();
    }
    r.crashed = process.exitStatus() == QProcess::CrashExit;
    r.exitCode = r.finished ? process.exitCode() : -1;
    r.outBytes = process.readAllStandardOutput();
    r.out = QString::fromUtf8(r.outBytes);
    r.err = QString::fromUtf8(process.readAllStandardError());
    if (!r.finished) {
        r.err += QStringLiteral("\nscholiast-cli did not finish in time: ") + arguments.join(u' ');
    }
    return r;
}
#endif

} // namespace Scholiast::Testing
