// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "importwriter.h"

#include "annotationset.h"
#include "documentlock.h"
#include "filepolicy.h"
#include "scholiastjson.h"
#include "writecheck.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QSet>

#include <vector>

namespace Scholiast::Interchange {

QString importKey()
{
    return QStringLiteral("import");
}

std::optional<QList<ImportedSidecar>> writeImported(const ReadResult &result, const QStringList &sourceOf,
                                                    const QStringList &inputs, const ImportTarget &target,
                                                    Diagnostics &diagnostics, const std::function<void()> &step)
{
    // Files no output may replace (issue 14): the import files and the documents they refer to.
    FilePolicy::Protected protectedInputs;
    for (const QString &input : inputs) {
        protectedInputs.add(input);
    }

    // Where each document and sidecar go; checked for every item before anything is written.
    struct Plan
    {
        const Item *item;
        QString documentPath;
        bool writeDocument;
        QByteArray documentBytes;
        QString sidecarPath;
        std::optional<ScholiastJson::Sidecar> existing;
    };
    std::vector<Plan> plans;
    std::vector<DocumentLock> locks;
    QSet<QString> used;
    const QString &outDir = target.outDir;
    if (!outDir.isEmpty() && !QDir().mkpath(outDir)) {
        diagnostics.append(Diagnostic::error(outDir, QStringLiteral("cannot create the folder")));
    }
    for (qsizetype index = 0; index < result.items.size(); ++index) {
        const Item &item = result.items.at(index);
        const QString &source = sourceOf.value(index);
        Plan plan{&item, QString(), false, QByteArray(), QString(), std::nullopt};
        if (!item.documentPath.isEmpty() && outDir.isEmpty()) {
            plan.documentPath = item.documentPath;
        } else {
            QString name = item.name;
            const QString base = QFileInfo(name).completeBaseName();
            const QString suffix = QFileInfo(name).suffix();
            for (int n = 2; used.contains(name); ++n) {
                name = QStringLiteral("%1-%2.%3").arg(base).arg(n).arg(suffix);
            }
            // A name from inside the file stays inside the output folder (issue 14).
            QString why;
            const auto confined = FilePolicy::confined(outDir.isEmpty() ? QStringLiteral(".") : outDir, name, &why);
            if (!confined) {
                diagnostics.append(Diagnostic::error(
                    source, QStringLiteral("document \"%1\": %2; nothing is written").arg(item.name, why)));
                continue;
            }
            plan.documentPath = *confined;
            if (!item.documentPath.isEmpty()) {
                if (auto bytes = FilePolicy::readInput(item.documentPath, FilePolicy::Input::Document, diagnostics)) {
                    plan.documentBytes = *bytes;
                }
            } else {
                plan.documentBytes = item.document.toFileBytes();
            }
            plan.writeDocument = true;
            if (QFileInfo(plan.documentPath).isFile()) {
                Diagnostics ignored;
                const auto existing = FilePolicy::readInput(plan.documentPath, FilePolicy::Input::Document, ignored);
                if (existing && *existing == plan.documentBytes) {
                    plan.writeDocument = false;
                } else {
                    // Never replaced, not even with --replace: a user's document (its line ends, its
                    // BOM) is worth more than the copy a format carries (issues 14 and 15).
                    diagnostics.append(Diagnostic::error(
                        plan.documentPath,
                        QStringLiteral("exists with other bytes than the document %1 from %2; an import never "
                                       "overwrites a document: import into another folder (--out-dir)")
                            .arg(item.name, item.documentPath.isEmpty() ? source : item.documentPath)));
                }
            }
        }
        used.insert(QFileInfo(plan.documentPath).fileName());
        plan.sidecarPath = ScholiastJson::sidecarPath(plan.documentPath);
        // Held until the sidecar is written: the window or another command must not write between.
        DocumentLock &lock = locks.emplace_back();
        if (!lock.lockForWriting(plan.sidecarPath, diagnostics)) {
            continue;
        }
        if (QFileInfo::exists(plan.sidecarPath) && !target.replace) {
            if (!target.merge) {
                diagnostics.append(Diagnostic::error(plan.sidecarPath,
                                                     QStringLiteral("exists; use --merge to add the "
                                                                    "imported spans or --replace")));
            } else if (plan.writeDocument) {
                diagnostics.append(Diagnostic::error(plan.sidecarPath,
                                                     QStringLiteral("cannot merge: its document is "
                                                                    "replaced")));
            } else {
                plan.existing = ScholiastJson::read(plan.sidecarPath, diagnostics, &item.document);
            }
        }
        plans.push_back(std::move(plan));
    }
    if (hasErrors(diagnostics)) {
        return std::nullopt;
    }

    // Every file is made in memory, then all are written together: an error or a kill leaves the
    // old files (issue 14). Sidecars go first and documents last: a document is only ever created
    // (never replaced with other bytes), so no moment pairs a new document with an old sidecar.
    FilePolicy::StagedWrite staged(&protectedInputs);
    QList<ImportedSidecar> reports;
    {
        for (const Plan &plan : plans) {
            const Item &item = *plan.item;
            Document document = item.document; // in place: the sidecar goes beside the format's own file
            if (!plan.documentBytes.isNull()) {
                // The text as written into the output folder: the sidecar names and hashes that file.
                auto written = Document::fromUtf8(plan.documentBytes, plan.documentPath, diagnostics, {});
                if (!written) {
                    continue;
                }
                document = *written;
            }
            AnnotationSet set;
            LabelSchema labels = item.labels;
            ScholiastJson::Sidecar sidecarBase;
            if (plan.existing) {
                sidecarBase = *plan.existing;
                set.add(plan.existing->annotations);
                set.addRelations(plan.existing->relations);
                labels = plan.existing->labels;
                for (const Label &label : item.labels.labels()) {
                    if (!labels.contains(label.name)) {
                        labels.add(Label{label.name, QString(), QString()});
                    }
                }
            }
            // One span per range and label (docs/FORMAT.md §8.5): a span already there is not added twice.
            QList<Annotation> incoming = item.spans;
            const qsizetype duplicates = Interchange::removeExactDuplicates(
                plan.existing ? plan.existing->annotations : QList<Annotation>(), incoming);
            const QStringList addedIds = set.add(incoming);
            qsizetype relationsLeftOut = 0;
            set.addRelations(
                Interchange::relationsOntoSet(item.relations, item.spans, incoming, addedIds, set, relationsLeftOut));
            if (relationsLeftOut > 0) {
                diagnostics.append(Diagnostic::warning(
                    plan.sidecarPath,
                    QStringLiteral("%1 relations join a span that was not imported: left out").arg(relationsLeftOut)));
            }
            for (const RelationLabel &label : item.labels.relationLabels()) {
                if (!labels.findRelationLabel(label.name)) {
                    QList<RelationLabel> relationLabels = labels.relationLabels();
                    relationLabels.append(label);
                    labels.setRelationLabels(relationLabels);
                }
            }
            ScholiastJson::Sidecar sidecar =
                ScholiastJson::makeSidecar(document, Interchange::schemaFor(labels, incoming), set);
            sidecar.extraFields = sidecarBase.extraFields;
            sidecar.documentExtraFields = sidecarBase.documentExtraFields;
            if (!item.meta.isEmpty()) {
                sidecar.extraFields.insert(
                    importKey(),
                    QJsonObject{{QStringLiteral("format"), target.formatName}, {QStringLiteral("meta"), item.meta}});
            }
            staged.add(plan.sidecarPath, ScholiastJson::serialize(sidecar),
                       QStringLiteral("the sidecar of %1").arg(item.name));
            reports.append({plan.sidecarPath, incoming.size(), duplicates});
            if (step) {
                step();
            }
        }
    }
    for (const Plan &plan : plans) {
        if (plan.writeDocument) {
            staged.add(plan.documentPath, plan.documentBytes, QStringLiteral("the document %1").arg(plan.item->name));
        }
    }
    if (hasErrors(diagnostics) || !staged.commit(diagnostics)) {
        return std::nullopt;
    }
    return reports;
}

} // namespace Scholiast::Interchange
