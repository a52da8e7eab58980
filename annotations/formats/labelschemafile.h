// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant functions.
#pragma once

#include "diagnostic.h"
#include "labelschema.h"

#include <QString>

#include <optional>

namespace Scholiast::LabelSchemaFile {

/// "labels.scholiast.json": the label schema a corpus folder shares (docs/FORMAT.md §20).
[[nodiscard]] QString fileName();
/// The shared schema's path for a document: the file above, in the document's folder.
[[nodiscard]] QString pathFor(const QString &documentPath);

/// Reads a shared schema. Nothing, with errors naming the file, line and column, when it is not
/// one (malformed JSON, a label without a name, a name or key given twice, a bad colour).
/// Labels without a colour or key get unused ones, as in a sidecar (§5).
[[nodiscard]] std::optional<LabelSchema> read(const QString &path, Diagnostics &diagnostics);
/// The same from bytes already read; `path` names them in diagnostics.
[[nodiscard]] std::optional<LabelSchema> parse(const QByteArray &bytes, const QString &path, Diagnostics &diagnostics);
/// The file's bytes: fixed key order, one label per line.
[[nodiscard]] QByteArray serialize(const LabelSchema &labels);
/// Writes atomically; on failure the old file is untouched and the error appended.
[[nodiscard]] bool write(const QString &path, const LabelSchema &labels, Diagnostics &diagnostics);

} // namespace Scholiast::LabelSchemaFile
