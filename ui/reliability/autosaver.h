// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostic.h"

#include <QObject>
#include <QPointer>

#include <memory>

QT_BEGIN_NAMESPACE
class QThreadPool;
class QTimer;
QT_END_NAMESPACE

namespace Scholiast {

class AnnotationDocument;

/// Autosave: every interval, writes the unsaved spans of the open document to a recovery file
/// in the application data folder, keyed by the document's path. A successful save or a clean
/// close removes it; after a crash the next start finds it and offers to restore it.
///
/// The timer's writes run on a worker thread from a snapshot of the document (issue 17: writing
/// a million spans took the GUI thread about a second); taking it shares the spans' storage, so
/// the GUI thread's part is O(n / 1024), and the worker sorts and copies them. One write at a time, in order: a tick
/// during a write leaves the changes pending for the next tick; clear(), setDocument() and the
/// destructor wait for a running write, so a recovery file is never written after it was removed.
class AutoSaver : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AutoSaver)

public:
    static constexpr int DefaultInterval = 30 * 1000;

    explicit AutoSaver(QObject *parent = nullptr);
    ~AutoSaver() override;

    void setDocument(AnnotationDocument *document);
    void setInterval(int milliseconds);
    [[nodiscard]] int interval() const;

    /// Writes the recovery file now if there are changes it does not have yet, and waits for it.
    bool saveNow();
    /// Starts writing the recovery file on a worker if there are changes it does not have yet and
    /// no write is running; true when started. saved() or failed() follows.
    bool startSave();
    /// A write is running (or its result not yet announced).
    [[nodiscard]] bool isSaving() const { return bool(m_running); }
    /// Waits for a running write and announces its result.
    void waitForSave();
    /// The document changed without an undo step (reloaded from disk): write at the next tick.
    void markPending() { m_pending = !m_document.isNull(); }
    /// Removes the open document's recovery file.
    void clear();

    /// `<AppDataLocation>/recovery/<hash of the absolute path>.scholiast.json`.
    [[nodiscard]] static QString recoveryPath(const QString &documentPath);
    /// A recovery file for the document that is newer than its sidecar (or there is no sidecar).
    [[nodiscard]] static bool hasRecovery(const QString &documentPath);

Q_SIGNALS:
    void saved(const QString &path);
    void failed(const Scholiast::Diagnostics &diagnostics);

private:
    struct Write;
    void finish(std::shared_ptr<Write> write); // by value: it resets m_running, which may be the argument

    QPointer<AnnotationDocument> m_document;
    QTimer *m_timer;
    QThreadPool *m_pool; // one thread: writes never overlap and never reorder
    std::shared_ptr<Write> m_running;
    bool m_pending = false;
    QMetaObject::Connection m_connection;
};

} // namespace Scholiast
