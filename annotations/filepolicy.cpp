// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "filepolicy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRandomGenerator>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace Scholiast::FilePolicy {

namespace {

constexpr qint64 MiB = 1024 * 1024;

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QString typeName(mode_t mode)
{
    if (S_ISFIFO(mode)) {
        return QStringLiteral("a FIFO (named pipe)");
    }
    if (S_ISCHR(mode)) {
        return QStringLiteral("a character device");
    }
    if (S_ISBLK(mode)) {
        return QStringLiteral("a block device");
    }
    if (S_ISSOCK(mode)) {
        return QStringLiteral("a socket");
    }
    if (S_ISDIR(mode)) {
        return QStringLiteral("a folder");
    }
    return QStringLiteral("not a regular file");
}

qint64 capFromEnvironment(const char *name, qint64 fallback)
{
    bool ok = false;
    const qint64 value = qgetenv(name).toLongLong(&ok);
    return ok && value > 0 ? value : fallback;
}

// A test hook: stop the process after this many renames of a staged write, as a kill would.
int stopAfterRenames()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("SCHOLIAST_TEST_STOP_AFTER_RENAMES", &ok);
    return ok ? n : -1;
}

} // namespace

qint64 sizeCap(Input kind)
{
    switch (kind) {
    case Input::Document:
        return 0x7fffffffLL; // Document::LoadOptions::maxBytes applies (512 MiB by default)
    case Input::Sidecar:
        return capFromEnvironment("SCHOLIAST_MAX_SIDECAR_BYTES", 1024 * MiB);
    case Input::Import:
        return capFromEnvironment("SCHOLIAST_MAX_IMPORT_BYTES", 1024 * MiB);
    case Input::ModelOutput:
        return capFromEnvironment("SCHOLIAST_MAX_MODEL_OUTPUT_BYTES", 64 * MiB);
    }
    return 512 * MiB;
}

QString inputName(Input kind)
{
    switch (kind) {
    case Input::Document:
        return QStringLiteral("document");
    case Input::Sidecar:
        return QStringLiteral("sidecar");
    case Input::Import:
        return QStringLiteral("import file");
    case Input::ModelOutput:
        return QStringLiteral("model output");
    }
    return QString();
}

bool checkInput(const QString &path, Input kind, Diagnostics &diagnostics)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        diagnostics.append(Diagnostic::error(path, QStringLiteral("cannot open: %1").arg(systemError(errno))));
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        diagnostics.append(Diagnostic::error(path,
                                             QStringLiteral("is %1, not a regular file; a %2 must be a file")
                                                 .arg(typeName(st.st_mode), inputName(kind))));
        return false;
    }
    const qint64 cap = sizeCap(kind);
    if (qint64(st.st_size) > cap) {
        diagnostics.append(Diagnostic::error(path,
                                             QStringLiteral("is %1 bytes, larger than the limit of %2 bytes for a %3")
                                                 .arg(qint64(st.st_size))
                                                 .arg(cap)
                                                 .arg(inputName(kind))));
        return false;
    }
    return true;
}

std::optional<QByteArray> readInput(const QString &path, Input kind, Diagnostics &diagnostics, qsizetype padding)
{
    if (!checkInput(path, kind, diagnostics)) {
        return std::nullopt;
    }
    // O_NONBLOCK: a file swapped for a FIFO after the check still does not block the open.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        diagnostics.append(Diagnostic::error(path, QStringLiteral("cannot open: %1").arg(systemError(errno))));
        return std::nullopt;
    }
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        diagnostics.append(Diagnostic::error(path, QStringLiteral("is not a regular file")));
        return std::nullopt;
    }
    const qint64 cap = sizeCap(kind);
    QByteArray bytes;
    bytes.reserve(qsizetype(std::min<qint64>(qint64(st.st_size), cap)) + padding + 1);
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            diagnostics.append(Diagnostic::error(path, QStringLiteral("read failed: %1").arg(systemError(error))));
            return std::nullopt;
        }
        if (n == 0) {
            break;
        }
        if (bytes.size() + n > cap) {
            ::close(fd);
            diagnostics.append(Diagnostic::error(
                path, QStringLiteral("is larger than the limit of %1 bytes for a %2").arg(cap).arg(inputName(kind))));
            return std::nullopt;
        }
        bytes.append(buffer, n);
    }
    ::close(fd);
    if (padding > 0 && bytes.capacity() - bytes.size() < padding) {
        bytes.reserve(bytes.size() + padding);
    }
    return bytes;
}

QString identity(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists() && !info.isSymLink()) {
        return info.canonicalFilePath();
    }
    if (info.isSymLink()) {
        // A link names its target; a dangling one is known by its own place.
        const QString target = info.canonicalFilePath();
        if (!target.isEmpty()) {
            return target;
        }
    }
    QString rest = info.fileName();
    QFileInfo folder(info.absolutePath());
    while (!folder.exists() && !folder.isRoot() && folder.absoluteFilePath() != folder.absolutePath()) {
        rest = folder.fileName() + u'/' + rest;
        folder = QFileInfo(folder.absolutePath());
    }
    const QString base = folder.exists() ? folder.canonicalFilePath() : folder.absoluteFilePath();
    return QDir::cleanPath(base + u'/' + rest);
}

std::optional<QString> confined(const QString &folder, const QString &name, QString *error)
{
    const auto refuse = [&](const QString &why) -> std::optional<QString> {
        if (error) {
            *error = why;
        }
        return std::nullopt;
    };
    if (name.isEmpty()) {
        return refuse(QStringLiteral("the name is empty"));
    }
    if (name.contains(QChar(0))) {
        return refuse(QStringLiteral("the name \"%1\" contains a NUL character").arg(name));
    }
    if (QDir::isAbsolutePath(name) || name.startsWith(u'~')) {
        return refuse(QStringLiteral("\"%1\" is an absolute path; names inside a file must stay in %2")
                          .arg(name, QDir::toNativeSeparators(folder)));
    }
    const QString cleaned = QDir::cleanPath(name);
    if (cleaned == u".." || cleaned.startsWith(QStringLiteral("../")) || cleaned == u"." || cleaned.isEmpty()) {
        return refuse(QStringLiteral("\"%1\" leaves the folder %2").arg(name, QDir::toNativeSeparators(folder)));
    }
    const QString path = QDir(folder).filePath(cleaned);
    // Symbolic links inside the folder must not lead out of it either.
    const QString root = identity(folder);
    const QString resolved = identity(path);
    if (resolved != root && !resolved.startsWith(root.endsWith(u'/') ? root : root + u'/')) {
        return refuse(QStringLiteral("\"%1\" leads out of the folder %2 (to %3) through a symbolic link")
                          .arg(name, QDir::toNativeSeparators(folder), resolved));
    }
    return path;
}

void Protected::add(const QString &path)
{
    if (!path.isEmpty()) {
        m_paths.insert(identity(path));
    }
}

void Protected::addDocument(const QString &documentPath)
{
    add(documentPath);
    add(documentPath + QStringLiteral(".scholiast.json"));
}

bool Protected::contains(const QString &path) const
{
    return m_paths.contains(identity(path));
}

bool Protected::check(const QString &path, Diagnostics &diagnostics) const
{
    if (!contains(path)) {
        return true;
    }
    diagnostics.append(Diagnostic::error(path,
                                         QStringLiteral("is one of this command's inputs (%1); an output never "
                                                        "replaces an input: choose another output")
                                             .arg(identity(path))));
    return false;
}

bool checkOutput(const QString &path, Diagnostics &diagnostics)
{
    struct stat st
    {
    };
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0) {
        return true; // created new
    }
    if (S_ISLNK(st.st_mode)) {
        diagnostics.append(Diagnostic::error(path,
                                             QStringLiteral("is a symbolic link (to %1); it is not followed: "
                                                            "remove it or write elsewhere")
                                                 .arg(QFileInfo(path).symLinkTarget())));
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        diagnostics.append(Diagnostic::error(
            path, QStringLiteral("is %1; only a regular file is replaced").arg(typeName(st.st_mode))));
        return false;
    }
    return true;
}

StagedWrite::~StagedWrite()
{
    if (!m_committed) {
        removeTemporaries();
    }
}

void StagedWrite::removeTemporaries()
{
    for (File &file : m_files) {
        if (!file.temporary.isEmpty()) {
            ::unlink(QFile::encodeName(file.temporary).constData());
            file.temporary.clear();
        }
    }
    for (auto it = m_madeFolders.crbegin(); it != m_madeFolders.crend(); ++it) {
        ::rmdir(QFile::encodeName(*it).constData()); // only when empty
    }
    m_madeFolders.clear();
}

void StagedWrite::add(const QString &path, const QByteArray &bytes, const QString &what)
{
    m_files.append(File{path, bytes, what, QString()});
}

bool StagedWrite::checkUnflushed(Diagnostics &diagnostics)
{
    bool ok = true;
    for (qsizetype i = m_flushed; i < m_files.size(); ++i) {
        const File &file = m_files.at(i);
        const QString id = identity(file.path);
        if (const auto it = m_seen.constFind(id); it != m_seen.constEnd()) {
            const File &earlier = m_files.at(*it);
            diagnostics.append(Diagnostic::error(
                file.path,
                QStringLiteral("two outputs would be written to this one file (%1 and %2): nothing is written")
                    .arg(earlier.what.isEmpty() ? earlier.path : earlier.what,
                         file.what.isEmpty() ? file.path : file.what)));
            ok = false;
            continue;
        }
        m_seen.insert(id, i);
        if (m_inputs && !m_inputs->check(file.path, diagnostics)) {
            ok = false;
            continue;
        }
        ok &= checkOutput(file.path, diagnostics);
    }
    return ok;
}

bool StagedWrite::flush(Diagnostics &diagnostics)
{
    if (!checkUnflushed(diagnostics)) {
        removeTemporaries();
        return false;
    }
    for (; m_flushed < m_files.size(); ++m_flushed) {
        File &file = m_files[m_flushed];
        const QFileInfo info(file.path);
        const QString folder = info.absolutePath();
        // Folders made for the files are removed again when the write is abandoned.
        QStringList made;
        for (QString up = folder; !QFileInfo::exists(up) && !up.isEmpty(); up = QFileInfo(up).absolutePath()) {
            made.prepend(up);
            if (QFileInfo(up).absolutePath() == up) {
                break;
            }
        }
        m_madeFolders.append(made);
        if (!QDir().mkpath(folder)) {
            diagnostics.append(Diagnostic::error(folder, QStringLiteral("cannot create the folder")));
            removeTemporaries();
            return false;
        }
        // Created with 0666 less the umask, as any new file; a replaced file keeps its mode.
        int fd = -1;
        QString temporary;
        for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
            temporary = folder + QStringLiteral("/.") + info.fileName() + u'.'
                + QString::number(QRandomGenerator::global()->generate64(), 36) + QStringLiteral(".tmp");
            fd = ::open(QFile::encodeName(temporary).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                        0666);
            if (fd < 0 && errno != EEXIST) {
                break;
            }
        }
        if (fd < 0) {
            diagnostics.append(
                Diagnostic::error(file.path, QStringLiteral("cannot write: %1").arg(systemError(errno))));
            removeTemporaries();
            return false;
        }
        file.temporary = temporary;
        if (struct stat old{}; ::stat(QFile::encodeName(file.path).constData(), &old) == 0) {
            ::fchmod(fd, old.st_mode & 07777);
        }
        const char *data = file.bytes.constData();
        qint64 left = file.bytes.size();
        int error = 0;
        while (left > 0) {
            const ssize_t n = ::write(fd, data, size_t(left));
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                error = n < 0 ? errno : ENOSPC;
                break;
            }
            data += n;
            left -= n;
        }
        if (!error && ::fsync(fd) != 0) {
            error = errno;
        }
        if (::close(fd) != 0 && !error) {
            error = errno;
        }
        if (error) {
            diagnostics.append(
                Diagnostic::error(file.path, QStringLiteral("cannot write: %1").arg(systemError(error))));
            removeTemporaries();
            return false;
        }
        file.bytes = QByteArray(); // on disk now
    }
    return true;
}

bool StagedWrite::commit(Diagnostics &diagnostics)
{
    if (!flush(diagnostics)) {
        return false;
    }
    // Every file is written: now the renames, each atomic.
    const int stopAfter = stopAfterRenames();
    for (qsizetype i = 0; i < m_files.size(); ++i) {
        if (i == stopAfter) {
            std::_Exit(137);
        }
        if (::rename(QFile::encodeName(m_files.at(i).temporary).constData(),
                     QFile::encodeName(m_files.at(i).path).constData())
            != 0) {
            const int error = errno;
            diagnostics.append(Diagnostic::error(
                m_files.at(i).path,
                QStringLiteral("cannot save: %1%2")
                    .arg(systemError(error))
                    .arg(i > 0 ? QStringLiteral(" (%1 of %2 files were already saved)").arg(i).arg(m_files.size())
                               : QString())));
            for (qsizetype j = 0; j < i; ++j) {
                m_files[j].temporary.clear(); // in place: not removed
            }
            removeTemporaries();
            return false;
        }
    }
    m_committed = true;
    return true;
}

} // namespace Scholiast::FilePolicy
