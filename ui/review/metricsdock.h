// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostic.h"
#include "editing/goldspanmirror.h"
#include "editing/metricsreport.h"

#include <QDockWidget>
#include <QPointer>

#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QModelIndex;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QTabWidget;
class QTimer;
QT_END_NAMESPACE

namespace Scholiast {

class AnnotationDocument;

/// The metrics dock: a candidate layer scored against a reference layer, for the open document
/// (its editable spans as in memory, unsaved changes included) or the whole corpus (the same layer
/// names paired across documents). Tables of P/R/F1 exact and overlap per label with micro and
/// macro rows, the confusion table with missed and spurious, pairwise F1 and alpha, a bar chart
/// per label, and CSV/JSON export. Everything is computed by annotations/metrics, off the GUI
/// thread.
class MetricsDock : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsDock)

public:
    enum class Scope { Document, Corpus };

    explicit MetricsDock(QWidget *parent = nullptr);
    ~MetricsDock() override;

    void setDocument(AnnotationDocument *document);
    /// The corpus's documents (absolute paths) and the layer names found beside them.
    void setCorpus(const QStringList &documentPaths, const QStringList &layers);

    [[nodiscard]] Scope scope() const;
    void setScope(Scope scope);
    /// Layers offered: "" is the editable sidecar, the others `<doc>.<name>.scholiast.json`.
    [[nodiscard]] QStringList layers() const;
    /// Chooses the layers compared (by name, "" for the editable one); false when one is not offered.
    bool setLayers(const QString &reference, const QString &candidate);

    /// The pair offered first among `layers` ("" is the editable sidecar): reference a layer
    /// named gold, else the editable spans; candidate a layer named model, else another layer.
    [[nodiscard]] static std::pair<QString, QString> defaultPair(const QStringList &layers);

    /// Computes again (after a choice, a save, a change of spans: called for you on those).
    void refresh();
    /// A computation is running or about to start (edits are waiting for a pause).
    [[nodiscard]] bool isComputing() const;
    /// The last computed report.
    [[nodiscard]] const MetricsReport &report() const { return m_report; }

    [[nodiscard]] bool exportCsv(const QString &path, Diagnostics &diagnostics) const;
    [[nodiscard]] bool exportJson(const QString &path, Diagnostics &diagnostics) const;

    [[nodiscard]] QTableWidget *scoresTable() const { return m_scores; }
    [[nodiscard]] QTableWidget *confusionTable() const { return m_confusion; }
    [[nodiscard]] QTableWidget *agreementTable() const { return m_agreement; }
    /// Relation P/R/F1 per relation label (docs/METRICS.md §2.7); a tab only while relations are scored.
    [[nodiscard]] QTableWidget *relationsTable() const { return m_relations; }
    [[nodiscard]] QChart *chart() const { return m_chart; }

    /// How many ticks the chart's 0..1 axis gets in a plot area `plotHeight` pixels tall, so that
    /// none of its labels is elided to "…".
    [[nodiscard]] static int valueTickCount(qreal plotHeight, int labelHeight);

    /// The spans a click on a confusion cell or a label's row listed.
    [[nodiscard]] QTableWidget *instancesTable() const { return m_instances; }
    /// The most spans listed at once.
    static constexpr int MaxInstances = 2000;

Q_SIGNALS:
    /// A report has been computed and shown.
    void computed();
    /// A listed span was double-clicked: show [start, end) of the document at `path`;
    /// `editableLabel` is the label of the editable span there, empty when the span listed is
    /// not one of the editable spans.
    void instanceActivated(const QString &path, Scholiast::CodePoint start, Scholiast::CodePoint end,
                           const QString &editableLabel);

protected:
    void showEvent(QShowEvent *event) override;

private:
    // One instance of the confusion table: a same-range pair, or one span alone.
    struct Instance
    {
        int document = 0; // in m_documents
        std::optional<Annotation> reference;
        std::optional<Annotation> candidate;
    };
    // Reference label, candidate label (null when that side has no span) -> listed.
    using InstanceFilter = std::function<bool(const QString *, const QString *)>;
    [[nodiscard]] QList<Instance> instances(const InstanceFilter &filter) const;
    void listConfusionCell(int row, int column);
    void listLabelRow(int row, int column);
    void showInstances(const QList<Instance> &instances, const QString &title);
    void activateInstance(const QModelIndex &index);
    void updateLayerChoices();
    void scheduleRefresh();
    void spansEdited();
    void showReport(const MetricsReport &report);
    void exportInteractively(bool json);

    QPointer<AnnotationDocument> m_document;
    QList<QMetaObject::Connection> m_connections;
    QStringList m_corpusDocuments;
    QStringList m_corpusLayers;
    QComboBox *m_scope;
    QComboBox *m_reference;
    QComboBox *m_candidate;
    QLabel *m_summary;
    QPushButton *m_exportCsv;
    QPushButton *m_exportJson;
    QTabWidget *m_tabs;
    QTableWidget *m_scores;
    QTableWidget *m_confusion;
    QTableWidget *m_agreement;
    QTableWidget *m_relations;
    QChart *m_chart;
    QChartView *m_chartView;
    QLabel *m_instancesTitle;
    QTableWidget *m_instances;
    QList<MetricsDocument> m_documents; // what m_report was computed from
    QStringList m_paths; // their paths
    QList<Instance> m_shown; // the rows of m_instances
    std::function<void()> m_listing; // lists them again from a new report of the same comparison
    QTimer *m_refreshTimer;
    MetricsReport m_report;
    // The open document's gold spans, kept up to date edit by edit once a computation needed them:
    // a request takes a snapshot of it instead of copying and sorting every span (issue 17).
    GoldSpanMirror m_gold;
    bool m_goldValid = false;
    quint64 m_generation = 0; // bumped by each request and each edit: older results are dropped
    bool m_running = false;
    bool m_rerun = false; // asked again while computing
    bool m_staleWhileHidden = false; // spans changed while the dock was not shown
    bool m_updatingChoices = false; // set while the combo boxes are refilled
};

} // namespace Scholiast
