// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// git as a team's shared store (docs/TEAMS.md): the span-level merge driver and its setup.
#include "cli.h"

#include "filepolicy.h"
#include "formats/scholiastjson.h"
#include "threewaymerge.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTextStream>

namespace Scholiast::Cli {

namespace {

// One side of a merge, named for the messages by the sidecar's path in the repository: git's
// temporary file names (.merge_file_a1b2c3) mean nothing to the person merging.
std::optional<ScholiastJson::Sidecar> readSide(const QString &file, const QString &name, bool emptyIsNothing,
                                               QTextStream &err)
{
    Diagnostics diagnostics;
    if (emptyIsNothing && QFileInfo(file).exists() && QFileInfo(file).size() == 0) {
        return ScholiastJson::Sidecar{}; // git's base when both branches added the file
    }
    auto bytes = FilePolicy::readInput(file, FilePolicy::Input::Sidecar, diagnostics);
    std::optional<ScholiastJson::Sidecar> sidecar;
    if (bytes) {
        sidecar = ScholiastJson::parse(*bytes, name, diagnostics);
    }
    printDiagnostics(diagnostics, err);
    return sidecar;
}

// git runs the driver through the shell: a path with a space or quote needs quoting.
QString shellQuoted(const QString &text)
{
    static const QString plain =
        QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+:@");
    if (!text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return plain.contains(c); })) {
        return text;
    }
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

// The command git should run: plain `scholiast-cli` when that is this program on PATH (a package
// upgrade keeps working), else this program's absolute path (a build tree).
QString cliCommand()
{
    const QString self = QFileInfo(QCoreApplication::applicationFilePath()).canonicalFilePath();
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("scholiast-cli"));
    if (!onPath.isEmpty() && QFileInfo(onPath).canonicalFilePath() == self) {
        return QStringLiteral("scholiast-cli");
    }
    return shellQuoted(self);
}

struct GitResult
{
    bool ok = false;
    QString output;
};

GitResult git(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("git"), arguments);
    if (!process.waitForStarted() || !process.waitForFinished(60000)) {
        return {false, QStringLiteral("git could not be run: ") + process.errorString()};
    }
    const bool ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    return {ok, QString::fromUtf8(ok ? process.readAllStandardOutput() : process.readAllStandardError()).trimmed()};
}

} // namespace

int mergeDriver(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Q_UNUSED(out)
    QStringList positional;
    for (const QString &arg : arguments) {
        if (arg.startsWith(u'-') && arg.size() > 1) {
            err << "scholiast-cli merge-driver: unknown option " << arg << '\n';
            return Usage;
        }
        positional.append(arg);
    }
    if (positional.size() < 3 || positional.size() > 4) {
        err << "scholiast-cli merge-driver: expected BASE OURS THEIRS [PATH]; see scholiast-cli --help\n";
        return Usage;
    }
    const QString &basePath = positional.at(0);
    const QString &oursPath = positional.at(1);
    const QString &theirsPath = positional.at(2);
    const QString path = positional.size() > 3 ? positional.at(3) : oursPath;
    const auto base = readSide(basePath, path + QStringLiteral(" (base)"), true, err);
    const auto ours = readSide(oursPath, path + QStringLiteral(" (ours)"), false, err);
    const auto theirs = readSide(theirsPath, path + QStringLiteral(" (theirs)"), false, err);
    if (!base || !ours || !theirs) {
        // git keeps ours in the working tree and reports a conflict: nothing is lost.
        err << path << ": not merged: a side is not a valid sidecar (see above); ours is left as it was\n";
        return Invalid;
    }
    const ThreeWayMerge::Result result = ThreeWayMerge::merge(*base, *ours, *theirs);
    Diagnostics diagnostics;
    if (!ScholiastJson::write(oursPath, result.merged, diagnostics)) {
        printDiagnostics(diagnostics, err);
        return Invalid;
    }
    for (const QString &message : result.messages) {
        err << path << ": " << message << '\n';
    }
    if (result.duplicatesMerged > 0) {
        err << path << ": " << result.duplicatesMerged << " span(s) both branches added alike kept once\n";
    }
    if (!result.isClean()) {
        err << path << ": " << result.spanConflicts << " span conflict(s)";
        if (result.otherConflicts > 0) {
            err << ", " << result.otherConflicts << " other conflict(s)";
        }
        err << "; the file is valid: open it in Scholiast to resolve them (A keeps a version, R drops it), "
               "then git add it\n";
        return Invalid;
    }
    return Ok;
}

int gitSetup(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QStringList positional;
    for (const QString &arg : arguments) {
        if (arg.startsWith(u'-') && arg.size() > 1) {
            err << "scholiast-cli git-setup: unknown option " << arg << '\n';
            return Usage;
        }
        positional.append(arg);
    }
    if (positional.size() > 1) {
        err << "scholiast-cli git-setup: expected [REPO]; see scholiast-cli --help\n";
        return Usage;
    }
    const QString repo = positional.isEmpty() ? QDir::currentPath() : positional.first();
    const GitResult top =
        git({QStringLiteral("-C"), repo, QStringLiteral("rev-parse"), QStringLiteral("--show-toplevel")});
    if (!top.ok) {
        err << repo << ": not a git repository (" << top.output << ")\n";
        return Invalid;
    }
    const QString attributesPath = QDir(top.output).filePath(QStringLiteral(".gitattributes"));
    const QByteArray line = "*.scholiast.json merge=scholiast";
    QByteArray attributes;
    if (QFile file(attributesPath); file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            err << attributesPath << ": cannot be read: " << file.errorString() << '\n';
            return Invalid;
        }
        attributes = file.readAll();
    }
    const bool present = attributes.split('\n').contains(line);
    if (!present) {
        if (!attributes.isEmpty() && !attributes.endsWith('\n')) {
            attributes.append('\n');
        }
        attributes.append(line + '\n');
        QSaveFile file(attributesPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(attributes) != attributes.size() || !file.commit()) {
            err << attributesPath << ": cannot be written: " << file.errorString() << '\n';
            return Invalid;
        }
    }
    const QString driver = cliCommand() + QStringLiteral(" merge-driver %O %A %B %P");
    for (const auto &[key, value] :
         {std::pair{QStringLiteral("merge.scholiast.name"), QStringLiteral("Scholiast span-level merge")},
          std::pair{QStringLiteral("merge.scholiast.driver"), driver}}) {
        const GitResult set = git({QStringLiteral("-C"), top.output, QStringLiteral("config"), key, value});
        if (!set.ok) {
            err << top.output << ": git config " << key << " failed: " << set.output << '\n';
            return Invalid;
        }
    }
    out << attributesPath << ": " << (present ? "already has " : "added ") << line << '\n';
    out << top.output << ": git config merge.scholiast.driver \"" << driver << "\"\n";
    return Ok;
}

} // namespace Scholiast::Cli
