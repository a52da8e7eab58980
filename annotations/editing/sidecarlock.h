// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: QObjects of the thread that made them (the GUI thread in the window); call
// them from that thread only.
#pragma once

#include "documentlock.h"

#include <QObject>
#include <QString>

namespace Scholiast {

/// The lock an open document holds beside its sidecar (`<doc>.scholiast.json.lock`), so that a
/// second Scholiast, or a `scholiast-cli` command, opening the same document knows and leaves it
/// alone. The rules are DocumentLock's: a lock left by a process that no longer runs (a crash,
/// SIGKILL) or an unreadable lock file is taken over; another host's lock is only taken when the
/// user says so (takeOver()).
class SidecarLock : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SidecarLock)

public:
    enum class State {
        Unlocked,
        Locked, ///< this process holds the lock
        HeldByOther, ///< another process holds it: open read-only
        Unavailable ///< the lock file cannot be created (read-only folder, ...): nothing to share
    };

    explicit SidecarLock(QObject *parent = nullptr);
    ~SidecarLock() override;

    /// Releases any lock held and tries to lock the sidecar's lock file without waiting.
    State lock(const QString &sidecarPath);
    /// Removes another host's lock (the user says it is left over) and locks.
    State takeOver(const QString &sidecarPath);
    void unlock();
    [[nodiscard]] State state() const;
    [[nodiscard]] QString path() const { return m_lock.path(); }
    /// "process 1234 (scholiast) on this computer", when another process holds the lock.
    [[nodiscard]] QString holder() const { return m_lock.holder(); }
    /// The holder is on another host: whether it still runs cannot be checked from here.
    [[nodiscard]] bool heldElsewhere() const { return m_lock.state() == DocumentLock::State::HeldElsewhere; }

    [[nodiscard]] static QString lockPath(const QString &sidecarPath) { return DocumentLock::lockPath(sidecarPath); }

private:
    DocumentLock m_lock;
};

} // namespace Scholiast
