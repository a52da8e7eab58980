// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
// A StagedWrite belongs to one thread.
#pragma once

#include "diagnostic.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace Scholiast::FilePolicy {

// What Scholiast reads and writes (issue 14; docs/RELIABILITY.md, "Files and paths").

/// The kinds of input, each with its own size cap.
enum class Input { Document, Sidecar, Import, ModelOutput };

/// The size cap of a kind of input, in bytes: documents 2 GiB (Document::LoadOptions sets
/// 512 MiB by default), sidecars 1 GiB, import files
/// 1 GiB, model output 64 MiB per line; SCHOLIAST_MAX_SIDECAR_BYTES, SCHOLIAST_MAX_IMPORT_BYTES
/// and SCHOLIAST_MAX_MODEL_OUTPUT_BYTES (a byte count) set another.
[[nodiscard]] qint64 sizeCap(Input kind);
/// "sidecar", "import file", ...
[[nodiscard]] QString inputName(Input kind);

/// Whether `path` may be read as `kind`: it must be a regular file (symbolic links followed) no
/// larger than the cap. A FIFO, a device, a socket or a folder is refused by its type before it
/// is opened, so nothing blocks or reads forever. Appends an error naming the path when not.
[[nodiscard]] bool checkInput(const QString &path, Input kind, Diagnostics &diagnostics);
/// Reads a whole input file after checkInput(), never more than the cap (a file that grows while
/// it is read is refused). Nothing, with an error naming the path, on failure.
[[nodiscard]] std::optional<QByteArray> readInput(const QString &path, Input kind, Diagnostics &diagnostics,
                                                  qsizetype padding = 0);

/// The path a file is known by, symbolic links resolved: the canonical path of an existing
/// file, else the canonical path of its nearest existing folder plus the rest. Two paths naming
/// the same file give the same identity.
[[nodiscard]] QString identity(const QString &path);

/// A path named inside a file (a CSV `document` column, a W3C `file:` source, a dataset id),
/// confined to `folder`: relative, no `..` leaving it after normalisation, and, symbolic links
/// resolved, still inside it. Nothing, with `error` set to why, when it leaves the folder.
[[nodiscard]] std::optional<QString> confined(const QString &folder, const QString &name, QString *error = nullptr);

/// The files an output must never replace: the inputs of a command (documents, sidecars,
/// import files), compared by identity().
class Protected
{
public:
    void add(const QString &path);
    /// A document and its sidecar.
    void addDocument(const QString &documentPath);
    [[nodiscard]] bool contains(const QString &path) const;
    /// An error naming the output and the input when `path` is one of them.
    bool check(const QString &path, Diagnostics &diagnostics) const;

private:
    QSet<QString> m_paths;
};

/// Whether `path` may be created or replaced: not a symbolic link (not followed, even when it
/// dangles), not a folder, not a FIFO or device. Appends an error naming it when not.
[[nodiscard]] bool checkOutput(const QString &path, Diagnostics &diagnostics);

/// Several files written as one: every file goes to a temporary beside its destination first;
/// only when all of them were written completely are they renamed into place, in the order
/// added. An error leaves every destination as it was. Two files with one destination, a
/// destination that is a protected input, or a symbolic link, are errors before anything is
/// written.
class StagedWrite
{
public:
    explicit StagedWrite(const Protected *inputs = nullptr)
        : m_inputs(inputs)
    {
    }
    /// Removes the temporaries of a write that was not committed.
    ~StagedWrite();
    Q_DISABLE_COPY_MOVE(StagedWrite)

    /// `what` names who wants the file ("record 3"), for the collision message.
    void add(const QString &path, const QByteArray &bytes, const QString &what = QString());
    /// Checks the files added since the last flush and writes their temporaries now, letting their
    /// bytes go: a corpus exported a batch at a time holds one batch, not every file. False, with
    /// errors, when one is refused or cannot be written; nothing is renamed until commit().
    [[nodiscard]] bool flush(Diagnostics &diagnostics);
    /// Flushes, then renames every temporary into place; false, with errors naming the paths,
    /// when nothing was replaced.
    [[nodiscard]] bool commit(Diagnostics &diagnostics);
    [[nodiscard]] qsizetype size() const { return m_files.size(); }

private:
    struct File
    {
        QString path;
        QByteArray bytes;
        QString what;
        QString temporary; ///< written by flush()
    };
    /// Checks the files added since the last flush against each other, the earlier ones and the
    /// protected inputs; remembers their destinations.
    bool checkUnflushed(Diagnostics &diagnostics);
    void removeTemporaries();
    QList<File> m_files;
    qsizetype m_flushed = 0; ///< files before this one have their temporary
    QHash<QString, qsizetype> m_seen; ///< destinations of the flushed files
    QStringList m_madeFolders; ///< folders flush() created, outermost first
    bool m_committed = false;
    const Protected *m_inputs;
};

} // namespace Scholiast::FilePolicy
