// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "documentlock.h"

#include <QLockFile>
#include <QSysInfo>

namespace Scholiast {

DocumentLock::DocumentLock() = default;
DocumentLock::~DocumentLock() = default;
DocumentLock::DocumentLock(DocumentLock &&) noexcept = default;
DocumentLock &DocumentLock::operator=(DocumentLock &&) noexcept = default;

QString DocumentLock::lockPath(const QString &sidecarPath)
{
    return sidecarPath + QStringLiteral(".lock");
}

DocumentLock::State DocumentLock::lock(const QString &sidecarPath)
{
    unlock();
    m_path = lockPath(sidecarPath);
    m_lock = std::make_unique<QLockFile>(m_path);
    // No age limit: a document stays open for hours. A lock whose process is gone is still
    // taken over, because QLockFile checks that the recorded process runs on this host.
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0)) {
        m_state = State::Locked;
        return m_state;
    }
    if (m_lock->error() != QLockFile::LockFailedError) {
        m_lock.reset();
        m_state = State::Unavailable;
        return m_state;
    }
    if (!m_lock->getLockInfo(&m_pid, &m_host, &m_application)) {
        // Empty or not a lock record (a lock file committed to a repository, another program's):
        // nobody can be asked about it, so it does not lock anyone out for good. A lock being
        // written right now is safe: its owner holds flock() on it, so the removal fails.
        if (m_lock->removeStaleLockFile() && m_lock->tryLock(0)) {
            m_pid = 0;
            m_host.clear();
            m_application.clear();
            m_state = State::Locked;
            return m_state;
        }
    }
    m_state = !m_host.isEmpty() && m_host != QSysInfo::machineHostName() ? State::HeldElsewhere : State::HeldHere;
    m_lock.reset();
    return m_state;
}

DocumentLock::State DocumentLock::takeOver(const QString &sidecarPath)
{
    unlock();
    QLockFile stale(lockPath(sidecarPath));
    (void)stale.removeStaleLockFile();
    return lock(sidecarPath);
}

void DocumentLock::unlock()
{
    if (m_lock) {
        m_lock->unlock();
        m_lock.reset();
    }
    m_state = State::Unlocked;
    m_pid = 0;
    m_host.clear();
    m_application.clear();
}

QString DocumentLock::holder() const
{
    QString who = m_pid > 0 ? QStringLiteral("process %1").arg(m_pid) : QStringLiteral("a process");
    if (!m_application.isEmpty()) {
        who += QStringLiteral(" (%1)").arg(m_application);
    }
    if (m_state == State::HeldElsewhere) {
        return who + QStringLiteral(" on host %1").arg(m_host);
    }
    return who + QStringLiteral(" on this computer");
}

bool DocumentLock::lockForWriting(const QString &sidecarPath, Diagnostics &diagnostics)
{
    const State state = lock(sidecarPath);
    if (state == State::HeldHere || state == State::HeldElsewhere) {
        diagnostics.append(refusal(sidecarPath));
        return false;
    }
    return true;
}

Diagnostic DocumentLock::refusal(const QString &sidecarPath) const
{
    if (m_state == State::HeldElsewhere) {
        return Diagnostic::error(
            sidecarPath,
            QStringLiteral("is locked by %1 (%2); it cannot be checked from here whether that process "
                           "still runs: nothing is written. If it does not, delete %3 and run again")
                .arg(holder(), m_path, m_path));
    }
    return Diagnostic::error(sidecarPath,
                             QStringLiteral("is locked by %1, which has the document open (%2): nothing is "
                                            "written; close it there and run again")
                                 .arg(holder(), m_path));
}

} // namespace Scholiast
