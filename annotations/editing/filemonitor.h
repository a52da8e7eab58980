// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: QObjects of the thread that made them (the GUI thread in the window); call
// them from that thread only.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QFileSystemWatcher;
class QTimer;
QT_END_NAMESPACE

namespace Scholiast {

/// Watches an open document and its sidecar for changes made by other programs. Our own saves
/// replace the sidecar too (QSaveFile renames a new file over it): the window acknowledges each
/// one, and a file whose bytes are the ones acknowledged is not reported.
///
/// Notifications settle for a moment before the files are compared, since editors write in
/// several steps (truncate, write, rename).
class FileMonitor : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileMonitor)

public:
    static constexpr int DefaultSettleMs = 200;

    explicit FileMonitor(QObject *parent = nullptr);
    ~FileMonitor() override;

    /// Starts watching a document and its sidecar as they are now on disk.
    void watch(const QString &documentPath, const QString &sidecarPath);
    void stop();
    /// The document or the sidecar as it is now on disk is ours (just read or written).
    void acknowledgeDocument();
    void acknowledgeSidecar();
    /// Compares the files with what was acknowledged now, instead of after the settle time.
    void checkNow();
    void setSettleTime(int milliseconds);

Q_SIGNALS:
    void documentChanged();
    void documentDeleted();
    void sidecarChanged();
    void sidecarDeleted();

private:
    /// What a file on disk is: cheap metadata first, the content hash only when that differs.
    struct Stamp
    {
        bool exists = false;
        qint64 size = -1;
        QDateTime modified;
        QDateTime changed;
        QByteArray hash; ///< SHA-256 of the bytes; empty when not computed
    };
    [[nodiscard]] static Stamp stamp(const QString &path, bool withHash);
    /// Whether the file now differs from `known`; updates `known` to what is there.
    [[nodiscard]] static bool differs(const QString &path, Stamp &known);
    void rewatch();

    QFileSystemWatcher *m_watcher;
    QTimer *m_settle;
    QString m_documentPath;
    QString m_sidecarPath;
    Stamp m_document;
    Stamp m_sidecar;
};

} // namespace Scholiast
