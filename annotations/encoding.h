// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: no state is kept between calls.
#pragma once

#include "diagnostic.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace Scholiast::Encoding {

/// Documents are UTF-8 (docs/FORMAT.md §2); a file in another encoding is refused, and these
/// help the user make a UTF-8 copy of it (issue 18 item 15). Nothing here decodes by a guess:
/// detect() only names the likely encoding, decode() uses the one the user chose.

/// True when the build names encodings (SCHOLIAST_WITH_UCHARDET, Debian's libuchardet).
[[nodiscard]] bool canDetect();
/// The most likely encoding of `bytes` by uchardet, as iconv names it ("WINDOWS-1252",
/// "SHIFT_JIS", "ISO-8859-1"); empty when uchardet cannot tell, says UTF-8 or ASCII, or is not
/// built in. Looks at the first few megabytes only.
[[nodiscard]] QString detect(const QByteArray &bytes);
/// The encodings offered for a copy, `first` (the detected one) at the top when given.
[[nodiscard]] QStringList choices(const QString &first = QString());
/// A name for people: "Windows-1252 (Western European)".
[[nodiscard]] QString displayName(const QString &encoding);
/// `bytes` decoded from `encoding` with iconv; nothing, with an error naming the byte offset,
/// when a byte sequence is not valid in that encoding or the encoding is unknown.
[[nodiscard]] std::optional<QString> decode(const QByteArray &bytes, const QString &encoding, const QString &path,
                                            Diagnostics &diagnostics);
/// Where the UTF-8 copy of `path` goes: beside it, "name.utf8.txt" (the suffix kept), or
/// "name.utf8-2.txt" and on when that exists. Never `path` itself.
[[nodiscard]] QString copyPath(const QString &path);

} // namespace Scholiast::Encoding
