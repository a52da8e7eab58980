// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "cli.h"

#include "document.h"
#include "formats/scholiastjson.h"
#include "logging_p.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <map>

namespace Scholiast::Cli {

namespace {

const char *const UsageText = R"(Usage: scholiast-cli COMMAND [OPTIONS] ARGS...

Commands:
  validate DOC [SIDECAR]        check a sidecar against its document
  stats DOC [SIDECAR] [--json]  count spans and covered code points per label
  validate FOLDER, stats FOLDER [--json]
                                the same over every annotated document of a corpus folder;
                                folders given to validate, stats, agree, diff and export are
                                read 64 documents at a time on every core (memory: one
                                batch), with progress on stderr when it is a terminal
  export --to FORMAT [-o OUT] [--status LIST] [--allow-loss] INPUTS...
                                accepted spans of sidecars to jsonl, doccano, brat,
                                label-studio, spacy, w3c, conll or csv; `export --formats`
                                lists them with examples
  import --from FORMAT [--out-dir DIR] INPUTS...
                                those formats (not conll) to sidecars; offset unit detected
  agree REF CAND [MORE...] [--json] [--status LIST]
                                P/R/F1, confusion, kappa and alpha (docs/METRICS.md);
                                sidecars, documents, or folders matched by document;
                                accepted spans only unless --status accepted,pending,...
  diff REF CAND [--status LIST] the disagreements, one per line, with offsets and text
  merge --strategy union|reference-wins|majority OUT INPUT INPUT [MORE...]
                                adjudicate annotators' sidecars of one document;
                                conflicts on stderr and exit status 1
  reanchor DOC [SIDECAR] [--dry-run] [--json]
                                re-attach spans to a changed document; prints counts per
                                outcome (exact, moved, fuzzy, orphaned) and writes the
                                repaired sidecar (orphans are kept, never dropped); a
                                sidecar with bad spans is salvaged, the original kept as .bak
  repair DOC [SIDECAR] [--dry-run]
                                salvage a sidecar the strict reader refuses: bad spans become
                                orphans with their reason and bytes, exact duplicates are
                                removed, the original is kept as SIDECAR.bak (numbered)
  suggest --with quotes|boilerplate|RULES.json | --command CMD [--json] DOC...
                                pending suggestions from rules or a model command
                                (docs/SUGGEST.md), added to each sidecar; --json prints
                                them instead; --timeout S, --min-documents N
  merge-driver BASE OURS THEIRS [PATH]
                                git's merge driver for sidecars: a three-way merge by span id
                                into OURS; spans changed differently on both branches are kept
                                as versions with status "conflict" (exit 1), the file stays valid
  git-setup [REPO]              registers merge-driver in a git repository (.gitattributes and
                                git config); docs/TEAMS.md

SIDECAR defaults to DOC.scholiast.json. Exit status: 0 valid, 1 invalid input, 2 usage error.
Problems are printed one per line as FILE:LINE:COLUMN: error: MESSAGE.

Options:
  -h, --help     show this help
  -V, --version  show the version
)";

struct Inputs
{
    QString documentPath;
    QString sidecarPath;
    bool json = false;
};

// DOC [SIDECAR] plus the flags a command accepts; nullopt after printing a usage error.
std::optional<Inputs> parseInputs(const QString &command, const QStringList &arguments, bool allowJson,
                                  QTextStream &err)
{
    Inputs inputs;
    QStringList positional;
    for (const QString &arg : arguments) {
        if (allowJson && arg == u"--json") {
            inputs.json = true;
        } else if (arg.startsWith(u'-') && arg.size() > 1) {
            err << "scholiast-cli " << command << ": unknown option " << arg << '\n';
            return std::nullopt;
        } else {
            positional.append(arg);
        }
    }
    if (positional.isEmpty() || positional.size() > 2) {
        err << "scholiast-cli " << command << ": expected DOC [SIDECAR]; see scholiast-cli --help\n";
        return std::nullopt;
    }
    inputs.documentPath = positional.at(0);
    inputs.sidecarPath = positional.size() > 1 ? positional.at(1) : ScholiastJson::sidecarPath(inputs.documentPath);
    return inputs;
}

struct Loaded
{
    Document document;
    ScholiastJson::Sidecar sidecar;
};

std::optional<Loaded> load(const Inputs &inputs, QTextStream &err)
{
    Diagnostics diagnostics;
    auto document = Document::load(inputs.documentPath, diagnostics);
    if (!document) {
        printDiagnostics(diagnostics, err);
        return std::nullopt;
    }
    auto sidecar = ScholiastJson::read(inputs.sidecarPath, diagnostics, &*document);
    printDiagnostics(diagnostics, err);
    if (!sidecar) {
        return std::nullopt;
    }
    return Loaded{std::move(*document), std::move(*sidecar)};
}

} // namespace

qint64 coveredLength(std::vector<std::pair<qint64, qint64>> ranges)
{
    std::sort(ranges.begin(), ranges.end());
    qint64 covered = 0;
    qint64 reach = std::numeric_limits<qint64>::min();
    for (const auto &[start, end] : ranges) {
        const qint64 from = std::max(start, reach);
        if (end > from) {
            covered += end - from;
        }
        reach = std::max(reach, end);
    }
    return covered;
}

void appendCovered(std::vector<std::pair<qint64, qint64>> &ranges, const Annotation &span)
{
    if (!span.isDiscontinuous()) {
        ranges.emplace_back(span.start.value, span.end.value);
        return;
    }
    for (const Fragment &f : span.fragments()) {
        ranges.emplace_back(f.start.value, f.end.value);
    }
}

int validate(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const auto inputs = parseInputs(QStringLiteral("validate"), arguments, false, err);
    if (!inputs) {
        return Usage;
    }
    if (QFileInfo(inputs->documentPath).isDir()) {
        return validateFolder(inputs->documentPath, out, err);
    }
    Diagnostics diagnostics;
    const auto document = Document::load(inputs->documentPath, diagnostics);
    if (!document) {
        printDiagnostics(diagnostics, err);
        return Invalid;
    }
    // A batch of spans at a time when the file is laid out as Scholiast writes it and valid: a
    // sidecar of any size is checked in bounded memory. Anything else is read whole, which
    // says what is wrong and where.
    auto annotations = ScholiastJson::validateStreaming(inputs->sidecarPath, *document);
    qsizetype relations = 0;
    if (!annotations) {
        if (const auto sidecar = ScholiastJson::read(inputs->sidecarPath, diagnostics, &*document)) {
            annotations = sidecar->annotations.size();
            relations = sidecar->relations.size();
        }
    }
    printDiagnostics(diagnostics, err); // the document's warnings too
    if (!annotations) {
        return Invalid;
    }
    out << inputs->sidecarPath << ": valid, " << *annotations << " annotations";
    if (relations > 0) {
        out << " and " << relations << (relations == 1 ? " relation" : " relations");
    }
    out << " on " << document->length() << " code points\n";
    return Ok;
}

int stats(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const auto inputs = parseInputs(QStringLiteral("stats"), arguments, true, err);
    if (!inputs) {
        return Usage;
    }
    if (QFileInfo(inputs->documentPath).isDir()) {
        return statsFolder(inputs->documentPath, inputs->json, out, err);
    }
    const auto loaded = load(*inputs, err);
    if (!loaded) {
        return Invalid;
    }
    const auto &spans = loaded->sidecar.annotations;
    std::map<QString, std::vector<std::pair<qint64, qint64>>> byLabel;
    std::map<QString, qint64> counts;
    for (const Label &label : loaded->sidecar.labels.labels()) {
        byLabel[label.name];
        counts[label.name];
    }
    std::vector<std::pair<qint64, qint64>> all;
    all.reserve(size_t(spans.size()));
    for (const Annotation &a : spans) {
        appendCovered(byLabel[a.label], a);
        ++counts[a.label];
        appendCovered(all, a);
    }
    const qint64 covered = coveredLength(all);
    if (inputs->json) {
        QJsonObject labels;
        for (const auto &[name, ranges] : byLabel) {
            labels.insert(name,
                          QJsonObject{{QStringLiteral("count"), counts[name]},
                                      {QStringLiteral("covered"), coveredLength(ranges)}});
        }
        const QJsonObject result{{QStringLiteral("document"), inputs->documentPath},
                                 {QStringLiteral("sidecar"), inputs->sidecarPath},
                                 {QStringLiteral("length"), loaded->document.length()},
                                 {QStringLiteral("annotations"), qint64(spans.size())},
                                 {QStringLiteral("covered"), covered},
                                 {QStringLiteral("labels"), labels}};
        out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
        return Ok;
    }
    out << inputs->documentPath << ": " << spans.size() << " annotations, " << covered << " of "
        << loaded->document.length() << " code points covered\n";
    qsizetype width = 5;
    for (const auto &entry : byLabel) {
        width = std::max(width, entry.first.size());
    }
    out << QStringLiteral("label").leftJustified(width) << "  count  covered\n";
    for (const auto &[name, ranges] : byLabel) {
        out << name.leftJustified(width) << "  " << QString::number(counts[name]).rightJustified(5) << "  "
            << QString::number(coveredLength(ranges)).rightJustified(7) << '\n';
    }
    return Ok;
}

const QList<Command> &commands()
{
    // One row per command: `scholiast-cli NAME ...` calls the function with the rest.
    static const QList<Command> table{
        {QStringLiteral("validate"), validate},
        {QStringLiteral("stats"), stats},
        {QStringLiteral("export"), exportSpans},
        {QStringLiteral("import"), importSpans},
        {QStringLiteral("agree"), agree},
        {QStringLiteral("diff"), diff},
        {QStringLiteral("merge"), merge},
        {QStringLiteral("reanchor"), reanchor},
        {QStringLiteral("repair"), repair},
        {QStringLiteral("suggest"), suggest},
        {QStringLiteral("merge-driver"), mergeDriver},
        {QStringLiteral("git-setup"), gitSetup},
    };
    return table;
}

int run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    if (arguments.isEmpty()) {
        err << UsageText;
        return Usage;
    }
    const QString command = arguments.first();
    const QStringList rest = arguments.mid(1);
    if (command == u"-h" || command == u"--help" || command == u"help") {
        out << UsageText;
        return Ok;
    }
    if (command == u"-V" || command == u"--version") {
        out << "scholiast-cli " << SCHOLIAST_VERSION << " (Qt " << qVersion() << ")\n";
        return Ok;
    }
    if (rest.contains(QStringLiteral("--help")) || rest.contains(QStringLiteral("-h"))) {
        out << UsageText;
        return Ok;
    }
    for (const Command &c : commands()) {
        if (c.name == command) {
            QElapsedTimer timer;
            timer.start();
            const int status = c.function(rest, out, err);
            qCDebug(lcCli) << command << "exited with" << status << "after" << timer.elapsed() << "ms";
            return status;
        }
    }
    err << "scholiast-cli: unknown command " << command << "; see scholiast-cli --help\n";
    return Usage;
}

void printDiagnostics(const Diagnostics &diagnostics, QTextStream &err)
{
    err << diagnosticsText(diagnostics);
}

QString diagnosticsText(const Diagnostics &diagnostics)
{
    QString text;
    for (const Diagnostic &d : diagnostics) {
        text += d.toString() + u'\n';
    }
    return text;
}

} // namespace Scholiast::Cli
