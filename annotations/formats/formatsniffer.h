// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: no state is kept between calls.
#pragma once

#include <QByteArray>
#include <QString>

namespace Scholiast::Interchange {

/// The interchange format (Format::name) a file's content is in, told from its first bytes,
/// the way `file` tells types apart: brat's `T1<TAB>label 0 5` lines, a JSON array of Label
/// Studio tasks, W3C's `@context`, CSV's header, and for JSONL the keys of the first record
/// (doccano's "label"/"entities", spaCy's "spans", the Scholiast dataset's "spans" with ids and
/// a "sha256"). `head` holds at least the first line of the file. Empty when the content names
/// no format clearly: a caller then falls back on the file name, never on a silent default.
[[nodiscard]] QString sniffFormat(const QByteArray &head);
/// The same for a file or folder on disk: a folder is brat's; reads the first line whole (a
/// JSONL record carries its document) or the first 64 KiB. Empty when unreadable or unknown.
[[nodiscard]] QString sniffFormatOfFile(const QString &path);

} // namespace Scholiast::Interchange
