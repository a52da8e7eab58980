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
#include <QTimer>
#include <QUndoStack>

namespace Scholiast {

AutoSaver::AutoSaver(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(DefaultInterval);
    connect(m_timer, &QTimer::timeout, this, &AutoSaver::saveNow);
}

AutoSaver::~AutoSaver() = default;

void AutoSaver::setDocument(AnnotationDocument *document)
{
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
    if (!m_document || !m_pending) {
        return false;
    }
    m_pending = false;
    if (!m_document->isModified()) {
        clear();
        return false;
    }
    const QString path = recoveryPath(m_document->path());
    QDir().mkpath(QFileInfo(path).absolutePath());
    Diagnostics diagnostics;
    if (!m_document->writeCopy(path, diagnostics)) {
        Q_EMIT failed(diagnostics);
        return false;
    }
    qCDebug(lcUi) << "autosaved" << m_document->spans()->size() << "spans to" << path;
    Q_EMIT saved(path);
    return true;
}

void AutoSaver::clear()
{
    if (m_document) {
        QFile::remove(recoveryPath(m_document->path()));
    }
}

} // namespace Scholiast
