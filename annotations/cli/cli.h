// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#pragma once

#include "annotation.h"
#include "diagnostic.h"

#include <QStringList>

#include <utility>
#include <vector>

QT_BEGIN_NAMESPACE
class QTextStream;
QT_END_NAMESPACE

namespace Scholiast::Cli {

/// Exit codes shared by every command (docs/CLI in the README).
enum ExitCode { Ok = 0, Invalid = 1, Usage = 2 };

/// Runs `scholiast-cli ARGS...` (arguments without the program name); returns the exit code.
/// Results go to `out`, problems to `err`, one line each.
[[nodiscard]] int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

using CommandFunction = int (*)(const QStringList &arguments, QTextStream &out, QTextStream &err);
struct Command
{
    QString name;
    CommandFunction function;
};
/// Every command, in the order --help lists them.
[[nodiscard]] const QList<Command> &commands();

[[nodiscard]] int validate(const QStringList &arguments, QTextStream &out, QTextStream &err);
[[nodiscard]] int stats(const QStringList &arguments, QTextStream &out, QTextStream &err);
/// Every diagnostic, one line each ("FILE:LINE:COLUMN: error: MESSAGE").
void printDiagnostics(const Diagnostics &diagnostics, QTextStream &err);
/// The same lines as one string, for a worker thread to hand to the thread that prints.
[[nodiscard]] QString diagnosticsText(const Diagnostics &diagnostics);
/// Code points covered by the union of [start, end) ranges (stats).
[[nodiscard]] qint64 coveredLength(std::vector<std::pair<qint64, qint64>> ranges);
/// Appends the code point ranges `span` covers: its pieces when it is discontinuous (a gap is
/// nobody's text, docs/FORMAT.md §6.9), else start to end.
void appendCovered(std::vector<std::pair<qint64, qint64>> &ranges, const Annotation &span);
/// `validate FOLDER` / `stats FOLDER`: every annotated document of a corpus, streamed (corpuscli.cpp).
[[nodiscard]] int validateFolder(const QString &folder, QTextStream &out, QTextStream &err);
[[nodiscard]] int statsFolder(const QString &folder, bool json, QTextStream &out, QTextStream &err);
/// Agreement, P/R/F1 and confusion between annotators' sidecars (metrics.cpp, docs/METRICS.md).
[[nodiscard]] int agree(const QStringList &arguments, QTextStream &out, QTextStream &err);
/// The disagreements between a reference and a candidate sidecar, one per line.
[[nodiscard]] int diff(const QStringList &arguments, QTextStream &out, QTextStream &err);
/// Adjudicates several annotators' sidecars of one document; conflicts on `err`, exit 1.
[[nodiscard]] int merge(const QStringList &arguments, QTextStream &out, QTextStream &err);
/// Re-attaches a sidecar's spans to its changed document (reliability.cpp, docs/RELIABILITY.md).
[[nodiscard]] int reanchor(const QStringList &arguments, QTextStream &out, QTextStream &err);
/// Salvages a sidecar the strict reader refuses, keeping the original as a backup (issue 13).
[[nodiscard]] int repair(const QStringList &arguments, QTextStream &out, QTextStream &err);
/// Pending suggestions from rules or a model command (suggest.cpp, docs/SUGGEST.md).
[[nodiscard]] int suggest(const QStringList &arguments, QTextStream &out, QTextStream &err);

/// git's merge driver for sidecars: a span-level three-way merge (teams.cpp, docs/TEAMS.md).
[[nodiscard]] int mergeDriver(const QStringList &arguments, QTextStream &out, QTextStream &err);
/// Registers mergeDriver in a git repository: `.gitattributes` and `git config`.
[[nodiscard]] int gitSetup(const QStringList &arguments, QTextStream &out, QTextStream &err);

/// Converts sidecars to an interchange format (interchange.cpp, docs/FORMAT.md "Interchange formats").
[[nodiscard]] int exportSpans(const QStringList &arguments, QTextStream &out, QTextStream &err);
/// Reads an interchange format into sidecars (interchange.cpp).
[[nodiscard]] int importSpans(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace Scholiast::Cli
