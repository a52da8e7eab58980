// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "corpuscontroller.h"

#include "editing/annotationdocument.h"
#include "editing/corpuscommands.h"
#include "corpusdock.h"
#include "corpusmodel.h"
#include "review/metricsdock.h"

#include <QFileInfo>
#include <QTimer>
#include <QUndoStack>

#include <map>

namespace Scholiast {

namespace {
std::map<QString, qint64> labelCounts(const AnnotationDocument &document)
{
    std::map<QString, qint64> counts;
    const QHash<QString, qsizetype> &maintained = document.spans()->labelCounts();
    for (auto it = maintained.begin(); it != maintained.end(); ++it) {
        counts.emplace(it.key(), it.value());
    }
    return counts;
}
} // namespace

CorpusController::CorpusController(CorpusDock *dock, MetricsDock *metrics, QObject *parent)
    : QObject(parent)
    , m_dock(dock)
    , m_metrics(metrics)
{
    connect(m_dock, &CorpusDock::statusChangeRequested, this, &CorpusController::setStatus);
    connect(m_dock->model(), &CorpusModel::scanFinished, this, &CorpusController::updateMetricsCorpus);
}

void CorpusController::setStatus(const QString &path, Corpus::Status status)
{
    if (m_document && m_document->path() == path) {
        // The open document keeps its fields in memory: one undo step, saved with the spans.
        if (Corpus::statusOf(m_document->sidecarFields()) != status) {
            m_document->undoStack()->push(new SetCorpusStatus(m_document, status));
        }
        return;
    }
    Diagnostics diagnostics;
    if (!Corpus::writeStatus(path, status, diagnostics)) {
        Q_EMIT problems(
            tr("Cannot Set the Status"),
            tr("The status of %1 could not be recorded; its sidecar is unchanged.").arg(QFileInfo(path).fileName()),
            diagnostics);
    }
    m_dock->model()->rescanDocument(path);
}

void CorpusController::updateMetricsCorpus()
{
    QStringList paths;
    QStringList layers;
    for (const Corpus::Entry &entry : m_dock->model()->entries()) {
        paths.append(entry.documentPath);
        layers.append(entry.layers);
    }
    layers.removeDuplicates();
    layers.sort();
    m_metrics->setCorpus(paths, layers);
}

QString CorpusController::adjacentDocument(int step)
{
    CorpusModel *model = m_dock->model();
    if (model->entries().isEmpty()) {
        return {};
    }
    const int row = m_document ? model->rowOf(m_document->path()) : -1;
    const int target = row < 0 ? (step > 0 ? 0 : int(model->entries().size()) - 1) : row + step;
    if (target < 0 || target >= model->entries().size()) {
        Q_EMIT message(step > 0 ? tr("This is the last document of the corpus")
                                : tr("This is the first document of the corpus"),
                       4000);
        return {};
    }
    return model->documentPath(target);
}

void CorpusController::setDocument(AnnotationDocument *document)
{
    m_document = document;
    m_metrics->setDocument(document);
    CorpusModel *model = m_dock->model();
    if (!document) {
        m_dock->setOpenDocument(QString());
        return;
    }
    m_dock->setOpenDocument(document->path());
    document->setInCorpus(model->rowOf(document->path()) >= 0);
    if (!document->isInCorpus()) {
        return;
    }
    // The row follows the open document as it is edited; counting walks the spans, so it waits
    // for a pause in the edits.
    auto *timer = new QTimer(document);
    timer->setSingleShot(true);
    timer->setInterval(200);
    QPointer<AnnotationDocument> guarded(document);
    const auto update = [this, guarded] {
        if (guarded && guarded == m_document) {
            std::map<QString, QString> colors;
            for (const Label &label : guarded->labels().labels()) {
                colors[label.name] = label.color;
            }
            m_dock->model()->setOpenState(Corpus::statusOf(guarded->sidecarFields()), labelCounts(*guarded), colors);
            m_dock->setOpenDocument(guarded->path());
        }
    };
    connect(timer, &QTimer::timeout, this, update);
    const auto later = [timer] { timer->start(); };
    connect(document->spans(), &AnnotationSet::spansAdded, timer, later);
    connect(document->spans(), &AnnotationSet::spansRemoved, timer, later);
    connect(document->spans(), &AnnotationSet::spansChanged, timer, later);
    connect(document->spans(), &AnnotationSet::wasReset, timer, later);
    connect(document, &AnnotationDocument::sidecarFieldsChanged, this, update);
    update();
}

} // namespace Scholiast
