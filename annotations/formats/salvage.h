// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: readers and writers keep no state between calls (simdjson's parser
// is one per thread), so files may be read and written on several threads at once, as the
// command line does a batch of documents at a time.
#pragma once

#include "scholiastjson.h"

#include <QList>
#include <QString>

#include <optional>

namespace Scholiast {

class AnnotationSet;

/// Reading what can be read of a damaged sidecar (docs/FORMAT.md §8.4, issue 13). The strict
/// reader (ScholiastJson::read) stays the default; salvage is for opening a file the strict
/// reader refused, so that no span in it is ever lost.
namespace ScholiastJson {

/// Extra fields of a span that could not be placed: `original` holds the span exactly as it was
/// found (written back byte for byte), `reason` why it could not be placed.
inline constexpr char OriginalField[] = "original";
inline constexpr char ReasonField[] = "reason";

struct SalvageOptions
{
    /// Drop a span with the same start, end and label as an earlier one (repair), instead of
    /// keeping it as an orphan (the window).
    bool dropDuplicates = false;
};

struct Salvage
{
    Sidecar sidecar;
    qsizetype placed = 0; ///< spans read as they were
    qsizetype unplaced = 0; ///< bad spans kept as orphans with their reason
    qsizetype duplicatesDropped = 0; ///< only with SalvageOptions::dropDuplicates
    bool notJson = false; ///< recovered line by line: the file is not valid JSON
    /// What the strict reader found, for a "Details" disclosure.
    Diagnostics details;
    /// One readable line: "1 of 24 spans could not be placed ...".
    [[nodiscard]] QString summary() const;
};

/// Reads a sidecar the strict reader refuses: every good span is kept as it is; each bad one (an
/// offset past the end, start >= end, text that differs from the same document, an unknown
/// label, a field of the wrong type, a duplicate) becomes an orphan carrying `original` and
/// `reason`. A file that is not valid JSON is read line by line (the writer puts one span per
/// line): every complete span line becomes an orphan, every complete label line a label. Nothing
/// when the file cannot be salvaged at all (it cannot be opened, is for another document, or is
/// of a newer version); the reasons are appended to `diagnostics`.
[[nodiscard]] std::optional<Salvage> salvage(const QByteArray &json, const QString &path, Diagnostics &diagnostics,
                                             const Document &document, SalvageOptions options = {});
[[nodiscard]] std::optional<Salvage> salvageFile(const QString &path, Diagnostics &diagnostics,
                                                 const Document &document, SalvageOptions options = {});

/// True for an orphan made by salvage (it carries `original`).
[[nodiscard]] bool isUnplaced(const Annotation &span);
/// Why a salvaged orphan could not be placed; empty for other spans.
[[nodiscard]] QString unplacedReason(const Annotation &span);
/// The span without `original` and `reason`, for when it is placed: the fields `original` holds
/// (status, note, annotator, source, score, times, unknown fields) are carried onto it.
/// `complete` is false when one of them has the wrong type or form and could not be carried.
[[nodiscard]] Annotation withoutSalvageFields(Annotation span, bool *complete = nullptr);

/// After re-anchoring `before` into `after` (same order): a salvaged orphan that was placed loses
/// `original` and `reason`; one placed where it cannot stand (an empty range, a label not in
/// `labels`, the same range and label as another span) is put back as it was.
void settleUnplaced(const QList<Annotation> &before, QList<Annotation> &after, const LabelSchema &labels);

/// The first free backup name: `<path>.bak`, then `<path>.1.bak`, `<path>.2.bak`, ...
[[nodiscard]] QString backupPath(const QString &path);
/// Copies `path` to backupPath(path) before it is replaced. Returns the backup's path, or nothing
/// with an error appended (the caller must then not replace the file).
[[nodiscard]] std::optional<QString> keepBackup(const QString &path, Diagnostics &diagnostics);

/// Spans with the same start, end and label as an earlier one in file order (orphans aside), as
/// (duplicate id, id of the span it repeats). docs/FORMAT.md §8.5.
[[nodiscard]] QList<std::pair<QString, QString>> exactDuplicates(const QList<Annotation> &spans);

} // namespace ScholiastJson
} // namespace Scholiast
