// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: a QObject of the thread that made it; suggesters run on a worker thread and
// the result comes back through a queued signal, on the owning thread.
#pragma once

#include "annotation.h"
#include "diagnostic.h"
#include "document.h"
#include "suggest/attribution.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <atomic>
#include <memory>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace Scholiast {

/// Runs one suggester (docs/SUGGEST.md) off the GUI thread and hands the finished suggestions
/// back, as DocumentLoader does for big files: progress, cancel, one result.
class SuggestionRunner : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SuggestionRunner)

public:
    enum class Kind { Quotes, Boilerplate, Rules, Model };

    struct Request
    {
        Kind kind = Kind::Quotes;
        Document document;
        QStringList labels;
        QString rulesPath; ///< Kind::Rules
        QString command; ///< Kind::Model
        int timeoutMs = 60'000;
        /// Kind::Quotes: who said it, when the labels have a relation for it (docs/SUGGEST.md).
        std::optional<Suggest::AttributionLabels> attribution = {};
        /// The document's spans that attribution may attribute (claims), copied for the worker.
        QList<Annotation> claims = {};
    };

    explicit SuggestionRunner(QObject *parent = nullptr);
    ~SuggestionRunner() override;

    /// Starts a run; false when one is already running.
    bool start(const Request &request);
    [[nodiscard]] bool isRunning() const;
    /// Stops the run; finished() follows with `cancelled` true.
    void cancel();
    /// A short name of the suggester for messages and undo steps: "quotes", "names.json", ...
    [[nodiscard]] static QString describe(const Request &request);

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    /// The pending suggestions (empty on failure), the relations suggested between them and the
    /// document's spans, the problems met, and whether it was cancelled.
    void finished(const QList<Scholiast::Annotation> &suggestions,
                  const QList<Scholiast::Suggest::SuggestedRelation> &relations,
                  const Scholiast::Diagnostics &diagnostics, bool cancelled);

private:
    QPointer<QThread> m_thread;
    bool m_running = false; // from start() until finished() is emitted
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace Scholiast
