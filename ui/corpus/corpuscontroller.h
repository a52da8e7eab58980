// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "corpus.h"
#include "diagnostic.h"

#include <QObject>
#include <QPointer>

namespace Scholiast {

class AnnotationDocument;
class CorpusDock;
class MetricsDock;

/// The corpus navigator's side of the open document (issue 6): the open document's row follows
/// its status and label counts as it is edited; a status chosen in the dock becomes one undo
/// step on the open document, or is written to another document's sidecar; the metrics dock
/// gets the corpus once it is scanned. Opening and saving documents stay the window's: the
/// controller only says which document is next.
class CorpusController : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CorpusController)

public:
    /// Neither dock is owned.
    CorpusController(CorpusDock *dock, MetricsDock *metrics, QObject *parent = nullptr);

    /// The open document (nullptr: none), shown in both docks.
    void setDocument(AnnotationDocument *document);
    [[nodiscard]] AnnotationDocument *document() const { return m_document; }

    /// The corpus document `step` away from the open one (the first or the last when the open
    /// one is not in the corpus); empty without a corpus, and at either end (message() says so).
    [[nodiscard]] QString adjacentDocument(int step);

Q_SIGNALS:
    /// A line for the status bar, shown for `timeout` milliseconds.
    void message(const QString &text, int timeout);
    /// Something could not be done; the window shows the diagnostics under a title.
    void problems(const QString &title, const QString &intro, const Diagnostics &diagnostics);

private:
    void setStatus(const QString &path, Corpus::Status status);
    void updateMetricsCorpus();

    CorpusDock *m_dock;
    MetricsDock *m_metrics;
    QPointer<AnnotationDocument> m_document;
};

} // namespace Scholiast
