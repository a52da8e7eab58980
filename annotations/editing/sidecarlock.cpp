// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "sidecarlock.h"

namespace Scholiast {

SidecarLock::SidecarLock(QObject *parent)
    : QObject(parent)
{
}

SidecarLock::~SidecarLock() = default;

SidecarLock::State SidecarLock::state() const
{
    switch (m_lock.state()) {
    case DocumentLock::State::Unlocked:
        return State::Unlocked;
    case DocumentLock::State::Locked:
        return State::Locked;
    case DocumentLock::State::HeldHere:
    case DocumentLock::State::HeldElsewhere:
        return State::HeldByOther;
    case DocumentLock::State::Unavailable:
        return State::Unavailable;
    }
    return State::Unlocked;
}

SidecarLock::State SidecarLock::lock(const QString &sidecarPath)
{
    m_lock.lock(sidecarPath);
    return state();
}

SidecarLock::State SidecarLock::takeOver(const QString &sidecarPath)
{
    m_lock.takeOver(sidecarPath);
    return state();
}

void SidecarLock::unlock()
{
    m_lock.unlock();
}

} // namespace Scholiast
