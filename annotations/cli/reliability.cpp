// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "cli.h"

#include "annotationset.h"
#include "document.h"
#include "documentlock.h"
#include "reliability/reanchor.h"
#include "formats/salvage.h"
#include "formats/scholiastjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace Scholiast::Cli {

int reanchor(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    bool dryRun = false;
    bool json = false;
    QStringList positional;
    for (const QString &arg : arguments) {
        if (arg == u"--dry-run") {
            dryRun = true;
        } else if (arg == u"--json") {
            json = true;
        } else if (arg.startsWith(u'-') && arg.size() > 1) {
            err << "scholiast-cli reanchor: unknown option " << arg << '\n';
            return Usage;
        } else {
            positional.append(arg);
        }
    }
    if (positional.isEmpty() || positional.size() > 2) {
        err << "scholiast-cli reanchor: expected DOC [SIDECAR]; see scholiast-cli --help\n";
        return Usage;
    }
    const QString documentPath = positional.at(0);
    const QString sidecarPath = positional.size() > 1 ? positional.at(1) : ScholiastJson::sidecarPath(documentPath);

    Diagnostics diagnostics;
    const auto document = Document::load(documentPath, diagnostics);
    if (!document) {
        printDiagnostics(diagnostics, err);
        return Invalid;
    }
    // Held from reading to writing: the window or another command must not write in between.
    DocumentLock lock;
    if (!dryRun && !lock.lockForWriting(sidecarPath, diagnostics)) {
        printDiagnostics(diagnostics, err);
        return Invalid;
    }
    // Read against the new document: a changed document is a warning, and misfits are kept.
    // Bad spans are what re-anchoring exists for: a sidecar the strict reader refuses is
    // salvaged, its bad spans tried like any other, and the original kept as a backup.
    Diagnostics strict;
    auto sidecar = ScholiastJson::read(sidecarPath, strict, &*document);
    bool salvaged = false;
    if (!sidecar) {
        auto salvage = ScholiastJson::salvageFile(sidecarPath, diagnostics, *document);
        if (!salvage) {
            printDiagnostics(hasErrors(diagnostics) ? diagnostics : strict, err);
            return Invalid;
        }
        err << sidecarPath << ": " << salvage->summary() << '\n';
        sidecar = std::move(salvage->sidecar);
        salvaged = true;
    } else {
        printDiagnostics(strict, err);
    }
    Reanchor::Result result = Reanchor::reanchor(sidecar->annotations, *document);
    ScholiastJson::settleUnplaced(sidecar->annotations, result.spans, sidecar->labels);

    QJsonArray orphans;
    for (qsizetype i = 0; i < result.spans.size(); ++i) {
        if (result.placements[i].outcome == Reanchor::Outcome::Orphaned) {
            const Annotation &a = result.spans[i];
            orphans.append(QJsonObject{{QStringLiteral("id"), a.id},
                                       {QStringLiteral("start"), a.start.value},
                                       {QStringLiteral("end"), a.end.value},
                                       {QStringLiteral("label"), a.label},
                                       {QStringLiteral("text"), a.text()}});
        }
    }
    if (!dryRun) {
        AnnotationSet spans;
        spans.reset(result.spans, sidecar->relations);
        ScholiastJson::Sidecar repaired = ScholiastJson::makeSidecar(*document, sidecar->labels, spans);
        repaired.extraFields = sidecar->extraFields;
        repaired.documentExtraFields = sidecar->documentExtraFields;
        Diagnostics written;
        if (salvaged) {
            const auto backup = ScholiastJson::keepBackup(sidecarPath, written);
            if (!backup) {
                printDiagnostics(written, err);
                return Invalid;
            }
            err << sidecarPath << ": the file as it was is kept in " << *backup << '\n';
        }
        if (!ScholiastJson::write(sidecarPath, repaired, written)) {
            printDiagnostics(written, err);
            return Invalid;
        }
    }
    if (json) {
        QJsonObject counts;
        for (int k = 0; k < Reanchor::OutcomeCount; ++k) {
            counts.insert(Reanchor::outcomeName(Reanchor::Outcome(k)), result.counts.of(Reanchor::Outcome(k)));
        }
        const QJsonObject report{{QStringLiteral("document"), documentPath},
                                 {QStringLiteral("sidecar"), sidecarPath},
                                 {QStringLiteral("spans"), qint64(result.spans.size())},
                                 {QStringLiteral("counts"), counts},
                                 {QStringLiteral("orphans"), orphans},
                                 {QStringLiteral("written"), !dryRun}};
        out << QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Indented));
    } else {
        out << sidecarPath << ": " << result.spans.size() << " spans: ";
        for (int k = 0; k < Reanchor::OutcomeCount; ++k) {
            out << (k ? ", " : "") << result.counts.of(Reanchor::Outcome(k)) << ' '
                << Reanchor::outcomeName(Reanchor::Outcome(k));
        }
        out << (dryRun ? " (dry run, nothing written)\n" : "\n");
        for (const QJsonValue &o : std::as_const(orphans)) {
            const QJsonObject a = o.toObject();
            out << "orphaned: " << a.value(QStringLiteral("id")).toString() << ' '
                << a.value(QStringLiteral("label")).toString() << ' ' << a.value(QStringLiteral("start")).toInteger()
                << '-' << a.value(QStringLiteral("end")).toInteger() << " \""
                << a.value(QStringLiteral("text")).toString().left(60) << "\"\n";
        }
    }
    return Ok;
}

int repair(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    bool dryRun = false;
    QStringList positional;
    for (const QString &arg : arguments) {
        if (arg == u"--dry-run") {
            dryRun = true;
        } else if (arg.startsWith(u'-') && arg.size() > 1) {
            err << "scholiast-cli repair: unknown option " << arg << '\n';
            return Usage;
        } else {
            positional.append(arg);
        }
    }
    if (positional.isEmpty() || positional.size() > 2) {
        err << "scholiast-cli repair: expected DOC [SIDECAR]; see scholiast-cli --help\n";
        return Usage;
    }
    const QString documentPath = positional.at(0);
    const QString sidecarPath = positional.size() > 1 ? positional.at(1) : ScholiastJson::sidecarPath(documentPath);
    Diagnostics diagnostics;
    const auto document = Document::load(documentPath, diagnostics);
    if (!document) {
        printDiagnostics(diagnostics, err);
        return Invalid;
    }
    Diagnostics strict;
    if (const auto sidecar = ScholiastJson::read(sidecarPath, strict, &*document)) {
        out << sidecarPath << ": nothing to repair, " << sidecar->annotations.size() << " spans read as they are\n";
        return Ok;
    }
    ScholiastJson::SalvageOptions options;
    options.dropDuplicates = true; // the backup keeps them
    auto salvage = ScholiastJson::salvageFile(sidecarPath, diagnostics, *document, options);
    if (!salvage) {
        printDiagnostics(diagnostics, err);
        return Invalid;
    }
    printDiagnostics(salvage->details, err);
    out << sidecarPath << ": " << salvage->summary() << " " << salvage->placed << " spans placed.\n";
    if (dryRun) {
        out << "(dry run, nothing written)\n";
        return Ok;
    }
    Diagnostics written;
    const auto backup = ScholiastJson::keepBackup(sidecarPath, written);
    if (!backup) {
        printDiagnostics(written, err);
        return Invalid;
    }
    AnnotationSet spans;
    spans.reset(salvage->sidecar.annotations, salvage->sidecar.relations);
    ScholiastJson::Sidecar repaired = ScholiastJson::makeSidecar(*document, salvage->sidecar.labels, spans);
    repaired.extraFields = salvage->sidecar.extraFields;
    repaired.documentExtraFields = salvage->sidecar.documentExtraFields;
    if (!ScholiastJson::write(sidecarPath, repaired, written)) {
        printDiagnostics(written, err);
        return Invalid;
    }
    out << sidecarPath << ": repaired; the file as it was is kept in " << *backup << '\n';
    return Ok;
}

} // namespace Scholiast::Cli
