// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include "diagnostic.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>

namespace Scholiast::Corpus {

/// How far the annotation of one document has got, set by the user; kept in the document's own
/// sidecar as the top-level field `corpus_status` (docs/FORMAT.md §19).
enum class Status { New, InProgress, Done };

/// The sidecar's top-level key: "corpus_status".
[[nodiscard]] QString statusKey();
/// "new", "in-progress", "done".
[[nodiscard]] QString statusName(Status status);
/// What the window shows: "New", "In progress", "Done" (translatable, context "Corpus").
[[nodiscard]] QString statusTitle(Status status);
/// Nothing for an unknown name.
[[nodiscard]] std::optional<Status> statusFromName(QStringView name);
/// The status recorded in a sidecar's top-level unknown fields; New when absent or unknown.
[[nodiscard]] Status statusOf(const QJsonObject &extraFields);

/// One document of a corpus and what its sidecars say.
struct Entry
{
    QString documentPath; ///< absolute
    QString name; ///< path relative to the corpus folder, with '/'
    bool summarized = false; ///< the fields below are filled in (summarize() has run)
    bool hasSidecar = false;
    Status status = Status::New;
    qint64 spans = 0;
    std::map<QString, qint64> labelCounts; ///< spans per label of the editable sidecar
    std::map<QString, QString> labelColors; ///< the sidecar's label colours, "#rrggbb"
    /// Annotators' read-only sidecars beside the document, `<doc>.<name>.scholiast.json`: the names.
    QStringList layers;
    QString problem; ///< why the sidecar could not be read (one line), empty when fine
};

/// The documents of a corpus folder, sorted by relative path: every file of the folder and its
/// subfolders (hidden ones skipped) that has a `.txt`, `.md` or `.text` suffix or a sidecar
/// beside it, sidecars excluded. Cheap: only lists the folders.
[[nodiscard]] QList<Entry> listDocuments(const QString &folder);

/// Reads the entry's sidecar and finds its layers; fills in the summary fields. Reads whole
/// files: call it off the GUI thread for large corpora.
void summarize(Entry &entry);

/// The layer sidecar of a document: `layer` empty gives `<doc>.scholiast.json`, else
/// `<doc>.<layer>.scholiast.json`.
[[nodiscard]] QString layerPath(const QString &documentPath, const QString &layer);
/// Names of the layer sidecars beside a document (not the editable one), sorted.
[[nodiscard]] QStringList layersOf(const QString &documentPath);

/// Records a status in the document's sidecar (creating one with the default labels when it has
/// none), keeping everything else; atomic. False, with diagnostics, when the sidecar cannot be
/// read or written (it is left as it was).
[[nodiscard]] bool writeStatus(const QString &documentPath, Status status, Diagnostics &diagnostics);

/// The working folder of a Scholiast JSONL dataset: `gold.jsonl` -> `gold.jsonl.corpus`.
[[nodiscard]] QString datasetFolder(const QString &jsonlPath);
/// Opens a JSONL dataset as a corpus: the first time, each record becomes a document file and its
/// sidecar in datasetFolder() (as `scholiast-cli import --from jsonl --out-dir` writes them;
/// built in a temporary folder and renamed, so it is whole or absent); later, the existing folder
/// is used as it is. Returns the folder, or nothing with diagnostics (nothing is written then).
[[nodiscard]] std::optional<QString> unpackDataset(const QString &jsonlPath, Diagnostics &diagnostics);

} // namespace Scholiast::Corpus
