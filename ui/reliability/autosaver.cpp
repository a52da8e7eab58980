// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "autosaver.h"

#include "editing/annotationdocument.h"
#include "formats/scholiastjson.h"
#include "uilog.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QThreadPool>
#include <QTimer>
#include <QUndoStack>

namespace Scholiast {

// One write: filled on the worker, read on the GUI thread once the pool is done with it.
struct AutoSaver::Write
{
    QString path;
    int spans = 0;
    bool ok = false;
    Diagnostics diagnostics;
};

AutoSaver::AutoSaver(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
    , m_pool(new QThreadPool(this))
{
    m_pool->setMaxThreadCount(1);
    m_timer->setInterval(DefaultInterval);
    connect(m_timer, &QTimer::timeout, this, &AutoSaver::startSave);
}

AutoSaver::~AutoSaver()
{
    m_pool->waitForDone(); // its result is not announced: nobody is left to hear it
}

void AutoSaver::setDocument(AnnotationDocument *document)
{
    waitForSave();
    disconnect(m_connection);
    m_document = document;
    m_pending = false;
    if (document) {
        m_connection = connect(document->undoStack(), &QUndoStack::indexChanged, this, [this] { m_pending = true; });
        m_timer->start();
    } else {
        m_timer->stop();
    }
}

void AutoSaver::setInterval(int milliseconds)
{
    m_timer->setInterval(milliseconds);
}

int AutoSaver::interval() const
{
    return m_timer->interval();
}

QString AutoSaver::recoveryPath(const QString &documentPath)
{
    const QString folder =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
    const QByteArray key =
        QCryptographicHash::hash(QFileInfo(documentPath).absoluteFilePath().toUtf8(), QCryptographicHash::Sha1)
            .toHex()
            .left(20);
    return folder + u'/' + QString::fromLatin1(key) + QStringLiteral(".scholiast.json");
}

bool AutoSaver::hasRecovery(const QString &documentPath)
{
    const QFileInfo recovery(recoveryPath(documentPath));
    if (!recovery.exists()) {
        return false;
    }
    const QFileInfo sidecar(ScholiastJson::sidecarPath(documentPath));
    return !sidecar.exists() || recovery.lastModified() >= sidecar.lastModified();
}

bool AutoSaver::saveNow()
{
    waitForSave();
    if (!startSave()) {
        return false;
    }
    const std::shared_ptr<Write> write = m_running;
    waitForSave();
    return write->ok;
}

bool AutoSaver::startSave()
{
    if (!m_document || !m_pending || m_running) {
        return false; // a running write leaves the changes pending for the next tick
    }
    m_pending = false;
    if (!m_document->isModified()) {
        clear();
        return false;
    }
    auto write = std::make_shared<Write>();
    write->path = recoveryPath(m_document->path());
    write->spans = int(m_document->spans()->size());
    QDir().mkpath(QFileInfo(write->path).absolutePath());
    m_running = write;
    m_pool->start([this, write, snapshot = m_document->snapshot()] {
        write->ok = snapshot.write(write->path, write->diagnostics);
        // Queued to this object: dropped if it is gone (its destructor waited for this write).
        QMetaObject::invokeMethod(
            this, [this, write] { finish(write); }, Qt::QueuedConnection);
    });
    return true;
}

void AutoSaver::waitForSave()
{
    m_pool->waitForDone();
    if (m_running) {
        finish(m_running);
    }
}

void AutoSaver::finish(std::shared_ptr<Write> write)
{
    if (m_running != write) {
        return; // announced already, by waitForSave()
    }
    m_running.reset();
    if (!write->ok) {
        // Still unsaved: the next tick tries again rather than waiting for another edit.
        m_pending = m_pending || (m_document && recoveryPath(m_document->path()) == write->path);
        Q_EMIT failed(write->diagnostics);
        return;
    }
    qCDebug(lcUi) << "autosaved" << write->spans << "spans to" << write->path;
    Q_EMIT saved(write->path);
}

void AutoSaver::clear()
{
    waitForSave(); // a write still running would bring the file back
    if (m_document) {
        QFile::remove(recoveryPath(m_document->path()));
    }
}

} // namespace Scholiast
