// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant; the lock is between processes (one per document and user).
#pragma once

#include "diagnostic.h"

#include <QString>

#include <memory>

QT_BEGIN_NAMESPACE
class QLockFile;
QT_END_NAMESPACE

namespace Scholiast {

/// The advisory lock beside a sidecar, `<doc>.scholiast.json.lock`, held by the window while a
/// document is open and by every command that rewrites the sidecar (issue 14; docs/RELIABILITY.md,
/// "Files and paths"). It records the process id and the host. A lock whose process is gone on
/// this host is taken over, and so is a lock file that holds no such record (empty, or written
/// by something else) once it is a few seconds old; a lock from another host is never taken
/// silently and never waited for.
class DocumentLock
{
public:
    enum class State {
        Unlocked,
        Locked, ///< this process holds the lock
        HeldHere, ///< a running process on this host holds it
        HeldElsewhere, ///< a process on another host holds it (or did: it cannot be checked)
        Unavailable ///< the lock file cannot be created (read-only folder, ...): nothing to share
    };

    DocumentLock();
    ~DocumentLock();
    DocumentLock(DocumentLock &&) noexcept;
    DocumentLock &operator=(DocumentLock &&) noexcept;
    Q_DISABLE_COPY(DocumentLock)

    /// Releases any lock held and tries to lock the sidecar's lock file, without waiting.
    State lock(const QString &sidecarPath);
    /// Removes the lock file whoever holds it and locks: for a lock the user says is left over
    /// (another host's, which cannot be checked from here).
    State takeOver(const QString &sidecarPath);
    void unlock();
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] QString path() const { return m_path; }
    /// Who holds it when another process does: its process id, application and host.
    [[nodiscard]] qint64 holderPid() const { return m_pid; }
    [[nodiscard]] QString holderHost() const { return m_host; }
    [[nodiscard]] QString holderApplication() const { return m_application; }
    /// "process 1234 (scholiast) on this host" / "process 1234 (scholiast) on host lab-7".
    [[nodiscard]] QString holder() const;

    /// For a command about to rewrite the sidecar: locks it, or appends refusal() and returns false
    /// when another process holds it. A lock file that cannot be created (a read-only folder) does
    /// not stop the command: the write itself then says what is wrong.
    [[nodiscard]] bool lockForWriting(const QString &sidecarPath, Diagnostics &diagnostics);
    /// An error for a command that cannot write the sidecar: who holds it and what to do.
    [[nodiscard]] Diagnostic refusal(const QString &sidecarPath) const;

    [[nodiscard]] static QString lockPath(const QString &sidecarPath);

private:
    std::unique_ptr<QLockFile> m_lock;
    State m_state = State::Unlocked;
    QString m_path;
    qint64 m_pid = 0;
    QString m_host;
    QString m_application;
};

} // namespace Scholiast
