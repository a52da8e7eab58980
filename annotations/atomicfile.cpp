// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "atomicfile.h"

#include "logging_p.h"
#include "filepolicy.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#ifdef Q_OS_UNIX
#include <unistd.h>

#include <cerrno>
#include <cstring>
#endif

namespace Scholiast {

namespace {
// Why a file cannot be written, in the system's words ("Read-only file system"), when Qt's
// message ("Existing file ... is not writable") does not say.
QString systemReason(const QString &path)
{
#ifdef Q_OS_UNIX
    const QFileInfo info(path);
    const QByteArray target = QFile::encodeName(info.exists() ? path : info.absolutePath());
    if (::access(target.constData(), W_OK) != 0) {
        return QString::fromLocal8Bit(std::strerror(errno));
    }
#else
    Q_UNUSED(path);
#endif
    return {};
}
} // namespace

AtomicWriter::AtomicWriter(const QString &path)
    : m_file(path)
{
}

AtomicWriter::~AtomicWriter()
{
    if (m_file.isOpen()) {
        m_file.cancelWriting();
    }
}

bool AtomicWriter::open(Diagnostics &diagnostics)
{
    const QString path = m_file.fileName();
    // A symbolic link at the destination is refused, not followed (QSaveFile would write its target).
    if (!FilePolicy::checkOutput(path, diagnostics)) {
        return false;
    }
    if (!m_file.open(QIODevice::WriteOnly)) {
        QString message = QStringLiteral("cannot write: ") + m_file.errorString();
        if (const QString reason = systemReason(path); !reason.isEmpty() && !message.contains(reason)) {
            message += QStringLiteral(" (") + reason + u')';
        }
        diagnostics.append(Diagnostic::error(path, message));
        return false;
    }
    return true;
}

bool AtomicWriter::write(const QByteArray &bytes, Diagnostics &diagnostics)
{
    if (m_file.write(bytes) != bytes.size() || m_file.error() != QFileDevice::NoError) {
        diagnostics.append(
            Diagnostic::error(m_file.fileName(), QStringLiteral("cannot write: ") + m_file.errorString()));
        m_file.cancelWriting();
        return false;
    }
    return true;
}

bool AtomicWriter::commit(Diagnostics &diagnostics)
{
    // Flush before commit() and check it: Qt 6.4's commit() can ignore a failed final flush
    // (ENOSPC on a full disk) and rename a truncated file over the old one (issue 8).
    if (!m_file.flush() || m_file.error() != QFileDevice::NoError) {
        diagnostics.append(
            Diagnostic::error(m_file.fileName(), QStringLiteral("cannot write: ") + m_file.errorString()));
        m_file.cancelWriting();
        return false;
    }
    if (!m_file.commit()) {
        diagnostics.append(
            Diagnostic::error(m_file.fileName(), QStringLiteral("cannot save: ") + m_file.errorString()));
        return false;
    }
    qCDebug(lcAnnotations) << "saved" << m_file.fileName() << "atomically";
    return true;
}

bool writeFileAtomically(const QString &path, const QByteArray &bytes, Diagnostics &diagnostics)
{
    AtomicWriter file(path);
    return file.open(diagnostics) && file.write(bytes, diagnostics) && file.commit(diagnostics);
}

} // namespace Scholiast
