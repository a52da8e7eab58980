// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "atomicfile.h"

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

bool writeFileAtomically(const QString &path, const QByteArray &bytes, Diagnostics &diagnostics)
{
    // A symbolic link at the destination is refused, not followed (QSaveFile would write its target).
    if (!FilePolicy::checkOutput(path, diagnostics)) {
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        QString message = QStringLiteral("cannot write: ") + file.errorString();
        if (const QString reason = systemReason(path); !reason.isEmpty() && !message.contains(reason)) {
            message += QStringLiteral(" (") + reason + u')';
        }
        diagnostics.append(Diagnostic::error(path, message));
        return false;
    }
    // Flush before commit() and check it: Qt 6.4's commit() can ignore a failed final flush
    // (ENOSPC on a full disk) and rename a truncated file over the old one (issue 8).
    if (file.write(bytes) != bytes.size() || !file.flush() || file.error() != QFileDevice::NoError) {
        diagnostics.append(Diagnostic::error(path, QStringLiteral("cannot write: ") + file.errorString()));
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        diagnostics.append(Diagnostic::error(path, QStringLiteral("cannot save: ") + file.errorString()));
        return false;
    }
    return true;
}

} // namespace Scholiast
