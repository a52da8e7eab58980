// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#pragma once

#include "diagnostic.h"

#include <QByteArray>
#include <QString>

namespace Scholiast {

/// Writes `bytes` to `path` atomically (QSaveFile: a temporary file in the same folder, then a
/// rename): the file is the old version or the new one, whole. On failure the old file is
/// untouched and an error naming the path is appended. Every writer of a file goes through here.
[[nodiscard]] bool writeFileAtomically(const QString &path, const QByteArray &bytes, Diagnostics &diagnostics);

} // namespace Scholiast
