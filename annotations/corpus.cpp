// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "corpus.h"

#include "document.h"
#include "formats/importwriter.h"
#include "formats/jsonldataset.h"
#include "labelschema.h"
#include "formats/scholiastjson.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>

#include <algorithm>

namespace Scholiast::Corpus {

namespace {
const QString SidecarSuffix = QStringLiteral(".scholiast.json");

bool isTextSuffix(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    return suffix == u"txt" || suffix == u"md" || suffix == u"text";
}
} // namespace

QString statusKey()
{
    return QStringLiteral("corpus_status");
}

QString statusName(Status status)
{
    switch (status) {
    case Status::New:
        return QStringLiteral("new");
    case Status::InProgress:
        return QStringLiteral("in-progress");
    case Status::Done:
        return QStringLiteral("done");
    }
    return QStringLiteral("new");
}

QString statusTitle(Status status)
{
    switch (status) {
    case Status::New:
        return QCoreApplication::translate("Corpus", "New");
    case Status::InProgress:
        return QCoreApplication::translate("Corpus", "In progress");
    case Status::Done:
        return QCoreApplication::translate("Corpus", "Done");
    }
    return QString();
}

std::optional<Status> statusFromName(QStringView name)
{
    for (const Status status : {Status::New, Status::InProgress, Status::Done}) {
        if (name == statusName(status)) {
            return status;
        }
    }
    return std::nullopt;
}

Status statusOf(const QJsonObject &extraFields)
{
    return statusFromName(extraFields.value(statusKey()).toString()).value_or(Status::New);
}

QList<Entry> listDocuments(const QString &folder)
{
    const QDir root(folder);
    QList<Entry> entries;
    // Per folder, the files there: a document is a text file or a file with a sidecar.
    QDirIterator it(root.absolutePath(), QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    QSet<QString> files;
    QStringList candidates;
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = root.relativeFilePath(path);
        // Skips hidden files and anything under a hidden folder (.git).
        if (relative.startsWith(u'.') || relative.contains(QStringLiteral("/."))) {
            continue;
        }
        files.insert(path);
        if (!path.endsWith(SidecarSuffix)) {
            candidates.append(path);
        }
    }
    for (const QString &path : std::as_const(candidates)) {
        if (isTextSuffix(path) || files.contains(path + SidecarSuffix)) {
            Entry entry;
            entry.documentPath = path;
            entry.name = root.relativeFilePath(path);
            entries.append(std::move(entry));
        }
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.name < b.name; });
    return entries;
}

QString layerPath(const QString &documentPath, const QString &layer)
{
    return layer.isEmpty() ? ScholiastJson::sidecarPath(documentPath) : documentPath + u'.' + layer + SidecarSuffix;
}

QStringList layersOf(const QString &documentPath)
{
    const QFileInfo info(documentPath);
    const QDir dir = info.absoluteDir();
    const QString prefix = info.fileName() + u'.';
    QStringList layers;
    const QStringList names = dir.entryList({prefix + u'*' + SidecarSuffix}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        const QString layer = name.mid(prefix.size(), name.size() - prefix.size() - SidecarSuffix.size());
        // `a.txt.b.txt.scholiast.json` is the sidecar of the document `a.txt.b.txt`, not a layer.
        if (!layer.isEmpty() && !dir.exists(prefix + layer)) {
            layers.append(layer);
        }
    }
    return layers;
}

void summarize(Entry &entry)
{
    entry.layers = layersOf(entry.documentPath);
    entry.labelCounts.clear();
    entry.labelColors.clear();
    entry.spans = 0;
    entry.status = Status::New;
    entry.problem.clear();
    const QString sidecarPath = ScholiastJson::sidecarPath(entry.documentPath);
    entry.hasSidecar = QFileInfo::exists(sidecarPath);
    entry.summarized = true;
    if (!entry.hasSidecar) {
        return;
    }
    Diagnostics diagnostics;
    const auto sidecar = ScholiastJson::read(sidecarPath, diagnostics);
    if (!sidecar) {
        for (const Diagnostic &d : std::as_const(diagnostics)) {
            if (d.isError()) {
                entry.problem = d.toString();
                break;
            }
        }
        return;
    }
    entry.status = statusOf(sidecar->extraFields);
    for (const Label &label : sidecar->labels.labels()) {
        entry.labelColors[label.name] = label.color;
    }
    entry.spans = sidecar->annotations.size();
    for (const Annotation &span : sidecar->annotations) {
        ++entry.labelCounts[span.label];
    }
}

bool writeStatus(const QString &documentPath, Status status, Diagnostics &diagnostics)
{
    const auto document = Document::load(documentPath, diagnostics);
    if (!document) {
        return false;
    }
    const QString path = ScholiastJson::sidecarPath(documentPath);
    ScholiastJson::Sidecar sidecar;
    if (QFileInfo::exists(path)) {
        Diagnostics read;
        auto existing = ScholiastJson::read(path, read, &*document);
        diagnostics.append(read);
        if (!existing) {
            return false;
        }
        sidecar = std::move(*existing);
    } else {
        sidecar.documentName = document->fileName();
        sidecar.documentSha256 = document->sha256();
        sidecar.documentLength = document->length();
        sidecar.labels = LabelSchema::defaultSchema();
        sidecar.document = *document;
    }
    sidecar.extraFields.insert(statusKey(), statusName(status));
    return ScholiastJson::write(path, sidecar, diagnostics);
}

QString datasetFolder(const QString &jsonlPath)
{
    return QFileInfo(jsonlPath).absoluteFilePath() + QStringLiteral(".corpus");
}

std::optional<QString> unpackDataset(const QString &jsonlPath, Diagnostics &diagnostics)
{
    const QString folder = datasetFolder(jsonlPath);
    if (QFileInfo(folder).isDir()) {
        return folder; // the sidecars there are the storage now; the dataset is not read again
    }
    if (!QFileInfo(jsonlPath).isFile()) {
        diagnostics.append(Diagnostic::error(jsonlPath, QStringLiteral("no such file")));
        return std::nullopt;
    }
    // Checked first, so that a bad dataset is reported with its lines and columns.
    const std::optional<Interchange::ReadResult> read =
        JsonlDataset::read(jsonlPath, Interchange::ReadOptions{}, diagnostics);
    if (!read) {
        return std::nullopt;
    }
    const Interchange::ReadResult &records = *read;
    // Built beside the final folder, then renamed: an interrupted import leaves no half corpus.
    QTemporaryDir staging(folder + QStringLiteral(".partial-XXXXXX"));
    if (!staging.isValid()) {
        diagnostics.append(
            Diagnostic::error(folder, QStringLiteral("cannot create the folder: %1").arg(staging.errorString())));
        return std::nullopt;
    }
    // QTemporaryDir makes its folder 0700; the corpus is made inside it by mkdir, with the
    // permissions any new folder gets (issue 14), and that is what is renamed.
    const QString built = staging.filePath(QStringLiteral("corpus"));
    if (!QDir().mkdir(built)) {
        diagnostics.append(Diagnostic::error(folder, QStringLiteral("cannot create the folder %1").arg(built)));
        return std::nullopt;
    }
    // The records already read are written as documents and sidecars, as `import` writes them.
    Interchange::ImportTarget target;
    target.formatName = QStringLiteral("jsonl");
    target.outDir = built;
    const QStringList sourceOf(records.items.size(), jsonlPath);
    if (!Interchange::writeImported(records, sourceOf, {jsonlPath}, target, diagnostics)) {
        diagnostics.append(
            Diagnostic::error(jsonlPath, QStringLiteral("the dataset could not be written to %1").arg(folder)));
        return std::nullopt;
    }
    if (!QDir().rename(built, folder)) {
        diagnostics.append(Diagnostic::error(folder, QStringLiteral("cannot rename %1 to it").arg(built)));
        return std::nullopt;
    }
    return folder;
}

} // namespace Scholiast::Corpus
