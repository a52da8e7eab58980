// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: readers and writers keep no state between calls (simdjson's parser
// is one per thread), so files may be read and written on several threads at once, as the
// command line does a batch of documents at a time.
#pragma once

#include "interchange.h"

namespace Scholiast::Csv {

/// CSV, one row per span: document, start, end, label, text, note, annotator, source, status, id, score, created,
/// modified. docs/FORMAT.md, "Interchange formats". Readers return what they read, or nothing when the file has errors
/// (appended to `diagnostics`); writers return nothing on errors.
[[nodiscard]] std::optional<Interchange::ReadResult> read(const QString &path, const Interchange::ReadOptions &options,
                                                          Diagnostics &diagnostics);
[[nodiscard]] std::optional<QByteArray> serialize(const QList<Interchange::Item> &items,
                                                  const Interchange::WriteOptions &options, Diagnostics &diagnostics);

} // namespace Scholiast::Csv
