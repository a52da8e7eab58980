// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant. Two writers of one path (threads or processes) each replace it
// whole; the last commit wins, never a mix.
#pragma once

#include "diagnostic.h"

#include <QByteArray>
#include <QSaveFile>
#include <QString>

namespace Scholiast {

/// A file written in parts and put in place at once (QSaveFile: a temporary file in the same
/// folder, then a rename): until commit() the old file is untouched, and a writer destroyed
/// without commit() leaves it so. Errors name the path. How `export` writes a corpus a batch at
/// a time.
class AtomicWriter
{
public:
    explicit AtomicWriter(const QString &path);
    ~AtomicWriter();
    Q_DISABLE_COPY_MOVE(AtomicWriter)
    /// Refuses a symbolic link or anything but a regular file at the destination.
    [[nodiscard]] bool open(Diagnostics &diagnostics);
    [[nodiscard]] bool write(const QByteArray &bytes, Diagnostics &diagnostics);
    [[nodiscard]] bool commit(Diagnostics &diagnostics);

private:
    QSaveFile m_file;
};

/// Writes `bytes` to `path` atomically: the file is the old version or the new one, whole. On
/// failure the old file is untouched and an error naming the path is appended. Every writer of
/// a file goes through here or AtomicWriter.
[[nodiscard]] bool writeFileAtomically(const QString &path, const QByteArray &bytes, Diagnostics &diagnostics);

} // namespace Scholiast
