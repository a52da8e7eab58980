// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// `validate FOLDER` and `stats FOLDER` (issue 20): a corpus read document by document, in batches
// on every core, memory bounded by a batch whatever the corpus size, progress on a terminal.
#include "cli.h"
#include "batches.h"

#include "corpus.h"
#include "document.h"
#include "formats/scholiastjson.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <map>

namespace Scholiast::Cli {

namespace {

// The documents of a folder that have a sidecar.
QList<Corpus::Entry> annotatedDocuments(const QString &folder)
{
    QList<Corpus::Entry> entries = Corpus::listDocuments(folder);
    entries.removeIf(
        [](const Corpus::Entry &e) { return !QFileInfo::exists(ScholiastJson::sidecarPath(e.documentPath)); });
    return entries;
}

struct Checked
{
    QString problems; // the diagnostics, one per line
    bool valid = false;
    qint64 spans = 0;
    // stats: spans and covered code points per label
    std::map<QString, std::pair<qint64, std::vector<std::pair<qint64, qint64>>>> labels;
    qint64 length = 0;
    qint64 covered = 0;
};

Checked check(const Corpus::Entry &entry, bool withStats)
{
    Checked result;
    Diagnostics diagnostics;
    const auto document = Document::load(entry.documentPath, diagnostics);
    std::optional<ScholiastJson::Sidecar> sidecar;
    if (document) {
        ScholiastJson::ReadOptions options;
        options.spansOnly = true; // checked all the same; the text is not kept
        sidecar = ScholiastJson::read(ScholiastJson::sidecarPath(entry.documentPath), diagnostics, &*document, options);
    }
    result.problems += diagnosticsText(diagnostics);
    result.valid = sidecar.has_value();
    if (!sidecar) {
        return result;
    }
    result.spans = sidecar->annotations.size();
    result.length = document->length();
    if (withStats) {
        std::vector<std::pair<qint64, qint64>> all;
        for (const Label &label : sidecar->labels.labels()) {
            result.labels[label.name];
        }
        for (const Annotation &a : std::as_const(sidecar->annotations)) {
            auto &slot = result.labels[a.label];
            ++slot.first;
            appendCovered(slot.second, a);
            appendCovered(all, a);
        }
        result.covered = coveredLength(std::move(all));
    }
    return result;
}

} // namespace

int validateFolder(const QString &folder, QTextStream &out, QTextStream &err)
{
    const QList<Corpus::Entry> entries = annotatedDocuments(folder);
    ProgressLine progress(QStringLiteral("validate"), entries.size(), err);
    qsizetype valid = 0;
    qint64 spans = 0;
    inBatches<Checked>(
        entries.size(), progress, [&](qsizetype i) { return check(entries.at(i), false); },
        [&](qsizetype, const Checked &r) {
            err << r.problems;
            valid += r.valid ? 1 : 0;
            spans += r.spans;
        });
    out << folder << ": " << valid << " of " << entries.size() << " annotated documents valid, " << spans
        << " annotations\n";
    return valid == entries.size() ? Ok : Invalid;
}

int statsFolder(const QString &folder, bool json, QTextStream &out, QTextStream &err)
{
    const QList<Corpus::Entry> entries = annotatedDocuments(folder);
    ProgressLine progress(QStringLiteral("stats"), entries.size(), err);
    qsizetype read = 0;
    qint64 spans = 0;
    qint64 length = 0;
    qint64 coveredTotal = 0;
    std::map<QString, std::pair<qint64, qint64>> labels; // count, covered
    inBatches<Checked>(
        entries.size(), progress, [&](qsizetype i) { return check(entries.at(i), true); },
        [&](qsizetype, const Checked &r) {
            err << r.problems;
            if (!r.valid) {
                return;
            }
            ++read;
            spans += r.spans;
            length += r.length;
            coveredTotal += r.covered;
            for (const auto &[name, ranges] : r.labels) {
                labels[name].first += ranges.first;
                labels[name].second += coveredLength(ranges.second);
            }
        });
    if (json) {
        QJsonObject perLabel;
        for (const auto &[name, counts] : labels) {
            perLabel.insert(
                name, QJsonObject{{QStringLiteral("count"), counts.first}, {QStringLiteral("covered"), counts.second}});
        }
        const QJsonObject result{{QStringLiteral("folder"), folder},
                                 {QStringLiteral("documents"), read},
                                 {QStringLiteral("unreadable"), entries.size() - read},
                                 {QStringLiteral("length"), length},
                                 {QStringLiteral("annotations"), spans},
                                 {QStringLiteral("covered"), coveredTotal},
                                 {QStringLiteral("labels"), perLabel}};
        out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
    } else {
        out << folder << ": " << read << " documents, " << spans << " annotations, " << coveredTotal << " of " << length
            << " code points covered\n";
        qsizetype width = 5;
        for (const auto &entry : labels) {
            width = std::max(width, entry.first.size());
        }
        out << QStringLiteral("label").leftJustified(width) << "  count  covered\n";
        for (const auto &[name, counts] : labels) {
            out << name.leftJustified(width) << "  " << QString::number(counts.first).rightJustified(5) << "  "
                << QString::number(counts.second).rightJustified(7) << '\n';
        }
    }
    return read == entries.size() ? Ok : Invalid;
}

} // namespace Scholiast::Cli
