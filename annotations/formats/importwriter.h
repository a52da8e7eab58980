// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: readers and writers keep no state between calls (simdjson's parser
// is one per thread), so files may be read and written on several threads at once, as the
// command line does a batch of documents at a time.
#pragma once

#include "diagnostic.h"
#include "interchange.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Scholiast::Interchange {

/// Where and how the records read by an import are written.
struct ImportTarget
{
    QString formatName; ///< the format read ("brat"): spans' `source`, the kept foreign fields
    /// The folder documents and sidecars go to; empty: sidecars beside the format's own document
    /// files where it has them, documents it carries into the current folder.
    QString outDir;
    bool merge = false; ///< add to an existing sidecar (one span per range and label kept)
    bool replace = false; ///< replace an existing sidecar
};

/// What one written sidecar received.
struct ImportedSidecar
{
    QString sidecarPath;
    qsizetype imported = 0;
    qsizetype duplicatesSkipped = 0;
};

/// The sidecar field that keeps a foreign record's fields for a round trip through its format.
[[nodiscard]] QString importKey();

/// Writes what an import read as documents and their sidecars (scholiast-cli import, a JSONL
/// dataset opened as a corpus): every destination is planned and checked first (never onto
/// `inputs` or another document, never outside `outDir`, a sidecar locked while it is written),
/// then all files are written together. `sourceOf[i]` names the file item i was read from, for
/// messages. Nothing is written when anything is refused: nothing is returned and the errors,
/// with their files, are in `diagnostics` (warnings are there either way). `step` is called
/// once per sidecar made.
[[nodiscard]] std::optional<QList<ImportedSidecar>> writeImported(const ReadResult &result, const QStringList &sourceOf,
                                                                  const QStringList &inputs, const ImportTarget &target,
                                                                  Diagnostics &diagnostics,
                                                                  const std::function<void()> &step = {});

} // namespace Scholiast::Interchange
