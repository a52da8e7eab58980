// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "filemonitor.h"

#include "editinglog_p.h"
#include "sha256.h"

#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

namespace Scholiast {

FileMonitor::FileMonitor(QObject *parent)
    : QObject(parent)
    , m_watcher(new QFileSystemWatcher(this))
    , m_settle(new QTimer(this))
{
    m_settle->setSingleShot(true);
    m_settle->setInterval(DefaultSettleMs);
    connect(m_settle, &QTimer::timeout, this, &FileMonitor::checkNow);
    // A replaced or removed file drops out of the watcher; the folder notices it coming back.
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_settle, qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_settle, qOverload<>(&QTimer::start));
}

FileMonitor::~FileMonitor() = default;

void FileMonitor::setSettleTime(int milliseconds)
{
    m_settle->setInterval(milliseconds);
}

FileMonitor::Stamp FileMonitor::stamp(const QString &path, bool withHash)
{
    Stamp s;
    const QFileInfo info(path);
    if (!info.exists()) {
        return s;
    }
    s.exists = true;
    s.size = info.size();
    s.modified = info.lastModified();
    s.changed = info.metadataChangeTime();
    if (withHash) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            Sha256 hash;
            QByteArray chunk(1 << 20, Qt::Uninitialized);
            qint64 n = 0;
            while ((n = file.read(chunk.data(), chunk.size())) > 0) {
                hash.addData(QByteArrayView(chunk.constData(), n));
            }
            if (n == 0) { // the whole file, not a read error part way
                s.hash = hash.result();
            }
        }
    }
    return s;
}

bool FileMonitor::differs(const QString &path, Stamp &known)
{
    Stamp now = stamp(path, false);
    if (now.exists == known.exists && now.size == known.size && now.modified == known.modified
        && now.changed == known.changed) {
        return false;
    }
    if (!now.exists || !known.exists) {
        known = now;
        return true;
    }
    // Touched (renamed over, copied back): only other bytes are a change.
    now = stamp(path, true);
    const bool other = known.hash.isEmpty() || now.hash != known.hash;
    known = now;
    return other;
}

void FileMonitor::watch(const QString &documentPath, const QString &sidecarPath)
{
    stop();
    m_documentPath = documentPath;
    m_sidecarPath = sidecarPath;
    // The document is not hashed (it may be large): any new size or time counts as a change.
    m_document = stamp(documentPath, false);
    m_sidecar = stamp(sidecarPath, true);
    rewatch();
}

void FileMonitor::stop()
{
    m_settle->stop();
    if (!m_watcher->files().isEmpty()) {
        m_watcher->removePaths(m_watcher->files());
    }
    if (!m_watcher->directories().isEmpty()) {
        m_watcher->removePaths(m_watcher->directories());
    }
    m_documentPath.clear();
    m_sidecarPath.clear();
}

void FileMonitor::acknowledgeDocument()
{
    if (!m_documentPath.isEmpty()) {
        m_document = stamp(m_documentPath, false);
        rewatch();
    }
}

void FileMonitor::acknowledgeSidecar()
{
    if (!m_sidecarPath.isEmpty()) {
        m_sidecar = stamp(m_sidecarPath, true);
        rewatch();
    }
}

void FileMonitor::rewatch()
{
    QStringList paths;
    for (const QString &path : {m_documentPath, m_sidecarPath}) {
        if (QFileInfo::exists(path) && !m_watcher->files().contains(path)) {
            paths.append(path);
        }
    }
    const QString folder = QFileInfo(m_documentPath).absolutePath();
    if (QFileInfo::exists(folder) && !m_watcher->directories().contains(folder)) {
        paths.append(folder);
    }
    if (!paths.isEmpty()) {
        m_watcher->addPaths(paths);
    }
}

void FileMonitor::checkNow()
{
    m_settle->stop();
    if (m_documentPath.isEmpty()) {
        return;
    }
    const bool documentDiffers = differs(m_documentPath, m_document);
    const bool sidecarDiffers = differs(m_sidecarPath, m_sidecar);
    rewatch();
    if (documentDiffers || sidecarDiffers) {
        qCDebug(lcEditing) << "changed on disk:" << (documentDiffers ? m_documentPath : QString())
                           << (sidecarDiffers ? m_sidecarPath : QString());
    }
    if (documentDiffers && m_document.exists) {
        Q_EMIT documentChanged();
    } else if (documentDiffers) {
        Q_EMIT documentDeleted();
    }
    if (sidecarDiffers && m_sidecar.exists) {
        Q_EMIT sidecarChanged();
    } else if (sidecarDiffers) {
        Q_EMIT sidecarDeleted();
    }
}

} // namespace Scholiast
