#include "sidecarlock.h"

#include <QLockFile>

namespace Scholiast {

SidecarLock::SidecarLock(QObject *parent)
    : QObject(parent)
{
}

SidecarLock::~SidecarLock() = default;

QString SidecarLock::lockPath(const QString &sidecarPath)
{
    return sidecarPath + QStringLiteral(".lock");
}

SidecarLock::State SidecarLock::lock(const QString &sidecarPath)
{
    unlock();
    m_path = lockPath(sidecarPath);
    m_lock = std::make_unique<QLockFile>(m_path);
    // No age limit: a document stays open for hours. A lock whose process is gone is still
    // taken over, because QLockFile checks that the recorded process runs.
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0)) {
        m_state = State::Locked;
        return m_state;
    }
    if (m_lock->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host;
        QString application;
        if (m_lock->getLockInfo(&pid, &host, &application)) {
            m_holder = tr("process %1 on %2").arg(pid).arg(host);
        }
        m_state = State::HeldByOther;
    } else {
        m_state = State::Unavailable;
    }
    m_lock.reset();
    return m_state;
}

void SidecarLock::unlock()
{
    if (m_lock) {
        m_lock->unlock();
        m_lock.reset();
    }
    m_state = State::Unlocked;
    m_holder.clear();
}

} // namespace Scholiast
