// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: readers and writers keep no state between calls (simdjson's parser
// is one per thread), so files may be read and written on several threads at once, as the
// command line does a batch of documents at a time.
#pragma once

#include "interchange.h"

namespace Scholiast::Brat {

/// brat standoff: `doc.txt` + `doc.ann` (T lines, discontinuous `0 5;10 15` spans, `#` notes, `A`
/// attributes) and `annotation.conf`. brat counts code points of the .txt as it is: a CRLF is two
/// characters, a BOM one. docs/FORMAT.md, "brat standoff".

/// Reads `path` (an .ann or .txt file, or a folder of them) with the .txt beside each .ann.
[[nodiscard]] std::optional<Interchange::ReadResult> read(const QString &path, const Interchange::ReadOptions &options,
                                                          Diagnostics &diagnostics);
/// Writes each item as NAME.txt (the document byte for byte) and NAME.ann, plus annotation.conf, into `folder`.
[[nodiscard]] bool writeFolder(const QList<Interchange::Item> &items, const QString &folder,
                               const Interchange::WriteOptions &options, Diagnostics &diagnostics);

/// The labels of an annotation.conf's [entities] section, in order (hierarchy marks removed).
[[nodiscard]] QStringList readConfEntities(const QByteArray &conf);
/// An annotation.conf declaring these entity types and attributes.
/// `relations`: the relation labels used, by name, with the span labels each end may have.
[[nodiscard]] QByteArray writeConf(const QStringList &entities, const QMap<QString, QStringList> &attributes,
                                   const QMap<QString, RelationLabel> &relations = {});
/// The schema's relation label of this name, or one that allows any span labels.
[[nodiscard]] RelationLabel relationLabelFor(const LabelSchema &labels, const QString &name);
/// Spaces are not allowed in brat type names: "my label" -> "my_label".
[[nodiscard]] QString typeName(const QString &label);

} // namespace Scholiast::Brat
