// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "metricsdock.h"

#include "editing/annotationdocument.h"
#include "atomicfile.h"
#include "elidetext.h"
#include "corpus.h"
#include "formats/scholiastjson.h"
#include "formats/writecheck.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSet>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QThreadPool>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

namespace Scholiast {

using namespace Metrics;

int MetricsDock::valueTickCount(qreal plotHeight, int labelHeight)
{
    // Ticks at 0.2, else 0.5, else the ends only, whichever keeps a label's height and a half
    // between two labels.
    for (const int ticks : {6, 3}) {
        if (plotHeight / (ticks - 1) >= labelHeight * 1.5) {
            return ticks;
        }
    }
    return 2;
}

namespace {
QString figure(std::optional<double> value)
{
    return value ? QString::number(*value, 'f', 3) : QStringLiteral("–");
}

QTableWidgetItem *cell(const QString &text, bool number = true, bool bold = false)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (number) {
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (bold) {
        QFont font = item->font();
        font.setBold(true);
        item->setFont(font);
    }
    return item;
}

QTableWidget *makeTable(const QString &name)
{
    auto *table = new QTableWidget;
    table->setObjectName(name);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(false);
    return table;
}

// What a computation needs, taken on the GUI thread: paths to read and a snapshot of the open
// document's gold spans as they are in memory (cheap to take: GoldSpanMirror shares its chunks).
struct Request
{
    QString scope;
    QStringList layers;
    int reference = 0;
    int candidate = 0;
    QStringList documentPaths;
    QString openPath;
    qint64 openLength = 0;
    QString openSha256;
    GoldSpanMirror::Snapshot openSpans;
    // The open document's relations and the gold spans they join (the snapshot has no ids).
    QList<Relation> openRelations; // implicitly shared: a copy costs nothing until an edit
    QList<Annotation> openRelationEnds;
    QStringList schemaLabels;
    QStringList relationLabels;
};

// A report and the documents it was computed from (their spans list a cell's instances).
struct Computed
{
    MetricsReport report;
    QList<MetricsDocument> documents;
    QStringList paths;
};

Computed computeReport(const Request &request)
{
    QList<MetricsDocument> documents;
    QStringList skipped;
    QStringList labels = request.schemaLabels;
    QStringList relationLabels = request.relationLabels;
    for (const QString &path : request.documentPaths) {
        MetricsDocument d;
        d.name = QFileInfo(path).fileName();
        QString sha;
        if (path == request.openPath) {
            d.length = request.openLength;
            sha = request.openSha256;
        }
        for (const QString &layer : request.layers) {
            // Gold means accepted (docs/FORMAT.md §6.5): pending and rejected spans are not scored.
            const Interchange::StatusFilter gold;
            if (layer.isEmpty() && path == request.openPath) {
                d.layers.append(request.openSpans.spans()); // gold only already
                d.relations.append({request.openRelationEnds, request.openRelations});
                continue;
            }
            const QString sidecarPath = Corpus::layerPath(path, layer);
            Diagnostics diagnostics;
            const auto sidecar =
                QFileInfo::exists(sidecarPath) ? ScholiastJson::read(sidecarPath, diagnostics) : std::nullopt;
            // Offsets only compare between sidecars of the same text.
            if (!sidecar || (!sha.isEmpty() && sidecar->documentSha256 != sha)) {
                if (QFileInfo::exists(sidecarPath)) {
                    skipped.append(QFileInfo(sidecarPath).fileName());
                    d.unusable.append(int(d.layers.size()));
                }
                d.layers.append(std::nullopt);
                d.relations.append(MetricsDocument::LayerRelations());
                continue;
            }
            if (sha.isEmpty()) {
                sha = sidecar->documentSha256;
                d.length = sidecar->documentLength;
            }
            for (const Label &label : sidecar->labels.labels()) {
                if (!labels.contains(label.name)) {
                    labels.append(label.name);
                }
            }
            for (const RelationLabel &label : sidecar->labels.relationLabels()) {
                if (!relationLabels.contains(label.name)) {
                    relationLabels.append(label.name);
                }
            }
            QList<Annotation> spans = sidecar->annotations;
            Interchange::filterByStatus(spans, gold);
            d.layers.append(spans);
            QList<Relation> relations = sidecar->relations; // pending ones and those to a span filtered out go
            Interchange::filterRelationsByStatus(relations, spans, gold);
            d.relations.append({spans, relations});
        }
        documents.append(std::move(d));
    }
    MetricsReport report = MetricsReport::compute(request.scope, request.layers, request.reference, request.candidate,
                                                  documents, labels, relationLabels);
    report.skipped = skipped;
    return {std::move(report), std::move(documents), request.documentPaths};
}
} // namespace

MetricsDock::MetricsDock(QWidget *parent)
    : QDockWidget(tr("Metrics"), parent)
    , m_scope(new QComboBox)
    , m_reference(new QComboBox)
    , m_candidate(new QComboBox)
    , m_summary(new QLabel)
    , m_exportCsv(new QPushButton(tr("Export CSV…")))
    , m_exportJson(new QPushButton(tr("Export JSON…")))
    , m_tabs(new QTabWidget)
    , m_scores(makeTable(QStringLiteral("MetricsScores")))
    , m_confusion(makeTable(QStringLiteral("MetricsConfusion")))
    , m_agreement(makeTable(QStringLiteral("MetricsAgreement")))
    , m_relations(makeTable(QStringLiteral("MetricsRelations")))
    , m_chart(new QChart)
    , m_chartView(new QChartView(m_chart))
    , m_instancesTitle(new QLabel)
    , m_instances(makeTable(QStringLiteral("MetricsInstances")))
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("MetricsDock"));
    m_scope->setObjectName(QStringLiteral("MetricsScope"));
    m_scope->addItem(tr("This document"), int(Scope::Document));
    m_scope->addItem(tr("Whole corpus"), int(Scope::Corpus));
    m_reference->setObjectName(QStringLiteral("MetricsReference"));
    m_candidate->setObjectName(QStringLiteral("MetricsCandidate"));
    m_reference->setToolTip(tr("The reference layer (gold): the editable sidecar or an annotator's layer"));
    m_candidate->setToolTip(tr("The candidate layer scored against the reference"));
    m_summary->setObjectName(QStringLiteral("MetricsSummary"));
    m_summary->setWordWrap(true);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_scope);
    controls->addSpacing(8);
    controls->addWidget(new QLabel(tr("Reference:")));
    controls->addWidget(m_reference);
    controls->addWidget(new QLabel(tr("Candidate:")));
    controls->addWidget(m_candidate);
    controls->addSpacing(8);
    controls->addWidget(m_summary, 1);
    controls->addWidget(m_exportCsv);
    controls->addWidget(m_exportJson);

    m_tabs->addTab(m_scores, tr("Scores"));
    m_tabs->addTab(m_confusion, tr("Confusion"));
    m_tabs->addTab(m_agreement, tr("Agreement"));
    m_relations->setParent(this); // a tab of its own only while relations are scored (showReport)
    m_relations->hide();

    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    // Qt Charts draws "…" for value labels that would overlap: a short chart gets fewer ticks.
    connect(m_chart, &QChart::plotAreaChanged, this, [this](const QRectF &area) {
        for (QAbstractAxis *axis : m_chart->axes(Qt::Vertical)) {
            if (auto *values = qobject_cast<QValueAxis *>(axis)) {
                values->setTickCount(valueTickCount(area.height(), QFontMetrics(values->labelsFont()).height()));
            }
        }
    });
    m_chartView->setObjectName(QStringLiteral("MetricsChart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumWidth(340);

    // A click on a confusion cell or a label's row lists its spans here; a double click (or
    // Enter) shows one in the text.
    m_instancesTitle->setObjectName(QStringLiteral("MetricsInstancesTitle"));
    m_instancesTitle->setText(tr("Click a cell of the confusion table or a label's row to list its spans."));
    m_instancesTitle->setWordWrap(true);
    m_instances->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_instances->setSelectionMode(QAbstractItemView::SingleSelection);
    m_instances->horizontalHeader()->setStretchLastSection(true);
    m_instances->setToolTip(tr("Double-click a span (or press Enter) to show it in the text"));
    auto *instances = new QWidget;
    auto *instancesLayout = new QVBoxLayout(instances);
    instancesLayout->setContentsMargins(0, 0, 0, 0);
    instancesLayout->addWidget(m_instancesTitle);
    instancesLayout->addWidget(m_instances, 1);
    // Side by side: the dock sits under the text, wide and low.
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_tabs);
    splitter->addWidget(instances);
    splitter->addWidget(m_chartView);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 2);

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);
    setWidget(content);

    // Edits come in bursts (dragging an edge, tag all): compute once they pause.
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(300);
    connect(m_refreshTimer, &QTimer::timeout, this, &MetricsDock::refresh);
    connect(m_scope, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updatingChoices) {
            updateLayerChoices();
            refresh();
        }
    });
    for (QComboBox *box : {m_reference, m_candidate}) {
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_updatingChoices) {
                refresh();
            }
        });
    }
    connect(m_confusion, &QTableWidget::cellClicked, this, &MetricsDock::listConfusionCell);
    connect(m_scores, &QTableWidget::cellClicked, this, &MetricsDock::listLabelRow);
    connect(m_instances, &QAbstractItemView::activated, this, &MetricsDock::activateInstance);
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { exportInteractively(false); });
    connect(m_exportJson, &QPushButton::clicked, this, [this] { exportInteractively(true); });
    updateLayerChoices();
    showReport(m_report);
}

MetricsDock::~MetricsDock() = default;

void MetricsDock::setDocument(AnnotationDocument *document)
{
    for (const auto &connection : std::as_const(m_connections)) {
        disconnect(connection);
    }
    m_connections.clear();
    m_document = document;
    m_gold.clear();
    m_goldValid = false;
    if (document) {
        // The mirror follows each edit at the cost of the spans it touches; a hidden dock (the
        // default) computes nothing on an edit and catches up when it is shown (issue 17).
        AnnotationSet *spans = document->spans();
        m_connections << connect(spans, &AnnotationSet::spansAdded, this, [this, spans](const QStringList &ids) {
            if (m_goldValid) {
                for (const QString &id : ids) {
                    if (const Annotation *span = spans->find(id)) {
                        m_gold.insert(*span);
                    }
                }
            }
            spansEdited();
        }) << connect(spans, &AnnotationSet::spansRemoved, this, [this](const QList<Annotation> &removed) {
            if (m_goldValid) {
                for (const Annotation &span : removed) {
                    m_goldValid &= m_gold.erase(span); // else rebuilt from the set when next needed
                }
            }
            spansEdited();
        }) << connect(spans, &AnnotationSet::spansChanged, this, [this, spans](const QList<Annotation> &before) {
            if (m_goldValid) {
                // One update may change a span twice: its first value before is the one held.
                QSet<QString> ids;
                for (const Annotation &span : before) {
                    if (!ids.contains(span.id)) {
                        m_goldValid &= m_gold.erase(span); // else rebuilt from the set when next needed
                        ids.insert(span.id);
                    }
                }
                for (const QString &id : std::as_const(ids)) {
                    if (const Annotation *span = spans->find(id); span && m_goldValid) {
                        m_gold.insert(*span);
                    }
                }
            }
            spansEdited();
        }) << connect(spans, &AnnotationSet::wasReset, this, [this] {
            m_goldValid = false;
            spansEdited();
        }) << connect(spans, &AnnotationSet::relationsChanged, this, &MetricsDock::spansEdited);
    }
    updateLayerChoices();
    refresh();
}

void MetricsDock::setCorpus(const QStringList &documentPaths, const QStringList &layers)
{
    m_corpusDocuments = documentPaths;
    m_corpusLayers = layers;
    updateLayerChoices();
    if (scope() == Scope::Corpus) {
        refresh();
    }
}

MetricsDock::Scope MetricsDock::scope() const
{
    return Scope(m_scope->currentData().toInt());
}

void MetricsDock::setScope(Scope scope)
{
    m_scope->setCurrentIndex(m_scope->findData(int(scope)));
}

QStringList MetricsDock::layers() const
{
    QStringList names;
    for (int i = 0; i < m_reference->count(); ++i) {
        names.append(m_reference->itemData(i).toString());
    }
    return names;
}

bool MetricsDock::setLayers(const QString &reference, const QString &candidate)
{
    const int r = m_reference->findData(reference);
    const int c = m_candidate->findData(candidate);
    if (r < 0 || c < 0) {
        return false;
    }
    {
        const QScopedValueRollback<bool> guard(m_updatingChoices, true);
        m_reference->setCurrentIndex(r);
        m_candidate->setCurrentIndex(c);
    }
    refresh();
    return true;
}

void MetricsDock::updateLayerChoices()
{
    QStringList names{QString()};
    if (scope() == Scope::Corpus) {
        names.append(m_corpusLayers);
    } else if (m_document) {
        names.append(Corpus::layersOf(m_document->path()));
    }
    names.removeDuplicates();
    const QScopedValueRollback<bool> guard(m_updatingChoices, true);
    const QString reference = m_reference->currentData().toString();
    const QString candidate = m_candidate->currentData().toString();
    const bool hadChoice = m_reference->count() > 1;
    for (QComboBox *box : {m_reference, m_candidate}) {
        box->clear();
        for (const QString &name : std::as_const(names)) {
            box->addItem(MetricsReport::layerTitle(name), name);
        }
    }
    // Kept by name; the first time, a meaningful pair (defaultPair()).
    if (hadChoice && m_reference->findData(reference) >= 0 && m_candidate->findData(candidate) >= 0) {
        m_reference->setCurrentIndex(m_reference->findData(reference));
        m_candidate->setCurrentIndex(m_candidate->findData(candidate));
    } else {
        const auto [r, c] = defaultPair(names);
        m_reference->setCurrentIndex(int(names.indexOf(r)));
        m_candidate->setCurrentIndex(int(names.indexOf(c)));
    }
}

std::pair<QString, QString> MetricsDock::defaultPair(const QStringList &layers)
{
    // The reference is gold: a layer named so, else the editable spans (the document's own
    // annotation); the candidate is another layer, a model's first. Never a layer against itself
    // unless it is the only one.
    const auto named = [&layers](const QString &name) {
        for (const QString &layer : layers) {
            if (!layer.isEmpty() && layer.compare(name, Qt::CaseInsensitive) == 0) {
                return layer;
            }
        }
        return QString();
    };
    const QString gold = named(QStringLiteral("gold"));
    const QString reference = gold; // "" when there is none: the editable spans
    QString candidate = named(QStringLiteral("model"));
    if (candidate.isEmpty() || candidate == reference) {
        candidate = reference;
        for (const QString &layer : layers) {
            if (layer != reference) {
                candidate = layer;
                break;
            }
        }
    }
    return {layers.contains(reference) ? reference : layers.value(0), candidate};
}

bool MetricsDock::isComputing() const
{
    return m_running || m_refreshTimer->isActive();
}

void MetricsDock::showEvent(QShowEvent *event)
{
    QDockWidget::showEvent(event);
    if (std::exchange(m_staleWhileHidden, false)) {
        scheduleRefresh();
    }
}

void MetricsDock::spansEdited()
{
    ++m_generation; // a computation running now started before this edit: its result is stale
    if (isVisible()) {
        scheduleRefresh();
    } else {
        m_staleWhileHidden = true;
    }
}

void MetricsDock::scheduleRefresh()
{
    m_refreshTimer->start();
}

void MetricsDock::refresh()
{
    m_refreshTimer->stop();
    m_staleWhileHidden = false;
    if (m_running) {
        // What runs answers an older question (another document, scope or pair of layers, or
        // spans since edited): its report must not be shown, let alone exported.
        ++m_generation;
        m_rerun = true;
        return;
    }
    Request request;
    request.scope = scope() == Scope::Corpus ? QStringLiteral("corpus") : QStringLiteral("document");
    request.layers = layers();
    request.reference = m_reference->currentIndex();
    request.candidate = m_candidate->currentIndex();
    if (m_document) {
        request.openPath = m_document->path();
        request.openLength = m_document->document().length();
        request.openSha256 = m_document->document().sha256();
        if (!m_goldValid) {
            m_gold.reset(*m_document->spans());
            m_goldValid = true;
        }
        request.openSpans = m_gold.snapshot();
        request.openRelations = GoldSpanMirror::goldRelations(*m_document->spans());
        request.openRelationEnds = GoldSpanMirror::relationEnds(*m_document->spans());
        for (const Label &label : m_document->labels().labels()) {
            request.schemaLabels.append(label.name);
        }
        for (const RelationLabel &label : m_document->labels().relationLabels()) {
            request.relationLabels.append(label.name);
        }
    }
    if (scope() == Scope::Corpus) {
        request.documentPaths = m_corpusDocuments;
    } else if (m_document) {
        request.documentPaths = {m_document->path()};
    }
    if (request.reference < 0 || request.candidate < 0) {
        return;
    }
    if (request.reference == request.candidate) {
        // A layer against itself scores 1.0 everywhere, which says nothing: the summary says why.
        MetricsReport empty;
        empty.scope = request.scope;
        empty.layers = request.layers;
        empty.reference = empty.candidate = request.reference;
        ++m_generation; // a computation still running is about another pair
        m_documents.clear();
        m_paths.clear();
        showReport(empty);
        Q_EMIT computed();
        return;
    }
    m_running = true;
    m_summary->setText(tr("Computing…"));
    const quint64 generation = ++m_generation;
    QPointer<MetricsDock> self(this);
    QThreadPool::globalInstance()->start([self, generation, request = std::move(request)] {
        Computed result = computeReport(request);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, generation, result = std::move(result)] {
                if (!self) {
                    return;
                }
                self->m_running = false;
                // Older than the latest request or edit: never shown; the edit has scheduled
                // a computation of its own (or marked the hidden dock stale).
                const bool current = generation == self->m_generation;
                if (current) {
                    self->m_documents = result.documents;
                    self->m_paths = result.paths;
                    self->showReport(result.report);
                }
                if (std::exchange(self->m_rerun, false)) {
                    self->refresh();
                } else if (current) {
                    Q_EMIT self->computed();
                }
            },
            Qt::QueuedConnection);
    });
}

void MetricsDock::showReport(const MetricsReport &report)
{
    // The same comparison computed again (an edit, another document of the corpus opened from
    // the list): what was listed is listed again from the new figures.
    const bool same = report.scope == m_report.scope && report.layers == m_report.layers
        && report.reference == m_report.reference && report.candidate == m_report.candidate
        && report.labels() == m_report.labels(); // the listing names its cell by row and column
    m_report = report;
    if (same && m_listing) {
        m_listing();
    } else {
        m_listing = nullptr;
        showInstances({}, QString());
        m_instancesTitle->setText(tr("Click a cell of the confusion table or a label's row to list its spans."));
    }
    const QStringList labels = report.labels();
    const QString reference = MetricsReport::layerTitle(report.layers.value(report.reference));
    const QString candidate = MetricsReport::layerTitle(report.layers.value(report.candidate));
    if (report.layers.isEmpty()) {
        m_summary->setText(tr("No document"));
    } else if (report.reference == report.candidate) {
        m_summary->setText(report.layers.size() < 2
                               ? tr("Nothing to compare: add a layer, <i>document</i>.<i>name</i>.scholiast.json")
                               : tr("Reference and candidate are the same layer: choose another"));
    } else {
        // Every document is accounted for: scored, scored with no candidate span, or left out.
        QString text = tr("%1 of %n document(s), %2 code points", nullptr, int(report.totalDocuments))
                           .arg(report.documents)
                           .arg(QLocale().toString(report.units));
        if (report.withoutCandidate > 0) {
            text += QStringLiteral(" · ")
                + tr("%n without “%1”, scored as no spans", nullptr, int(report.withoutCandidate)).arg(candidate);
        }
        if (report.withoutReference > 0) {
            text += QStringLiteral(" · ")
                + tr("%n without the reference “%1”, left out", nullptr, int(report.withoutReference)).arg(reference);
        }
        m_summary->setText(text);
    }
    if (!report.skipped.isEmpty()) {
        m_summary->setText(
            m_summary->text()
            + tr(" · <span style='color:#b35900'>%n sidecar(s) left out</span>", nullptr, int(report.skipped.size())));
        m_summary->setToolTip(
            tr("Written for another text of their document, or unreadable:\n%1").arg(report.skipped.join(u'\n')));
    } else {
        m_summary->setToolTip(QString());
    }
    m_exportCsv->setEnabled(!report.layers.isEmpty());
    m_exportJson->setEnabled(!report.layers.isEmpty());

    // Scores: one row per label, then micro and macro.
    const QStringList scoreColumns{tr("Label"),       tr("Ref"),       tr("Cand"),       tr("Exact\nP"),
                                   tr("Exact\nR"),    tr("Exact\nF1"), tr("Overlap\nP"), tr("Overlap\nR"),
                                   tr("Overlap\nF1"), tr("κ"),         tr("α")};
    m_scores->clear();
    m_scores->setColumnCount(int(scoreColumns.size()));
    m_scores->setHorizontalHeaderLabels(scoreColumns);
    m_scores->horizontalHeaderItem(9)->setToolTip(tr("Cohen's kappa over code points (docs/METRICS.md §4)"));
    m_scores->horizontalHeaderItem(10)->setToolTip(
        tr("Krippendorff's alpha, nominal, over code points; in the micro row over all labels"));
    m_scores->setRowCount(int(labels.size()) + 2);
    int row = 0;
    for (const QString &label : labels) {
        const LabelScores s = report.scores.labels().count(label) ? report.scores.labels().at(label) : LabelScores();
        const QStringList values{QString::number(s.exact.reference),
                                 QString::number(s.exact.candidate),
                                 figure(s.exact.precision()),
                                 figure(s.exact.recall()),
                                 figure(s.exact.f1()),
                                 figure(s.overlap.precision()),
                                 figure(s.overlap.recall()),
                                 figure(s.overlap.f1()),
                                 figure(report.agreement.kappa(label)),
                                 figure(report.agreement.alpha(label))};
        m_scores->setItem(row, 0, cell(label, false));
        for (int c = 0; c < values.size(); ++c) {
            m_scores->setItem(row, c + 1, cell(values.at(c)));
        }
        ++row;
    }
    const MatchCounts microExact = report.scores.microExact();
    const MatchCounts microOverlap = report.scores.microOverlap();
    const QStringList micro{QString::number(microExact.reference),
                            QString::number(microExact.candidate),
                            figure(microExact.precision()),
                            figure(microExact.recall()),
                            figure(microExact.f1()),
                            figure(microOverlap.precision()),
                            figure(microOverlap.recall()),
                            figure(microOverlap.f1()),
                            QString(),
                            figure(report.agreement.alpha())};
    const Averages macroExact = report.scores.macroExact();
    const Averages macroOverlap = report.scores.macroOverlap();
    const QStringList macro{QString(),
                            QString(),
                            figure(macroExact.precision),
                            figure(macroExact.recall),
                            figure(macroExact.f1),
                            figure(macroOverlap.precision),
                            figure(macroOverlap.recall),
                            figure(macroOverlap.f1),
                            QString(),
                            QString()};
    for (const auto &[title, values] : {std::pair{tr("micro"), micro}, std::pair{tr("macro"), macro}}) {
        m_scores->setItem(row, 0, cell(title, false, true));
        for (int c = 0; c < values.size(); ++c) {
            m_scores->setItem(row, c + 1, cell(values.at(c), true, true));
        }
        ++row;
    }
    m_scores->item(labels.size(), 10)->setToolTip(tr("Krippendorff's alpha over all labels"));

    // Confusion: same-range pairs, reference label by candidate label, plus missed / spurious.
    m_confusion->clear();
    m_confusion->setColumnCount(int(labels.size()) + 2);
    QStringList confusionColumns{tr("Reference ↓ / Candidate →")};
    confusionColumns.append(labels);
    confusionColumns.append(tr("missed"));
    m_confusion->setHorizontalHeaderLabels(confusionColumns);
    m_confusion->setRowCount(int(labels.size()) + 1);
    const auto count = [](const std::map<QString, qint64> &map, const QString &key) {
        const auto it = map.find(key);
        return it == map.end() ? qint64(0) : it->second;
    };
    for (int r = 0; r < labels.size(); ++r) {
        m_confusion->setItem(r, 0, cell(labels.at(r), false));
        const auto cells = report.scores.confusion().find(labels.at(r));
        for (int c = 0; c < labels.size(); ++c) {
            const qint64 n = cells == report.scores.confusion().end() ? 0 : count(cells->second, labels.at(c));
            m_confusion->setItem(r, c + 1, cell(QString::number(n), true, r == c && n > 0));
        }
        m_confusion->setItem(r, int(labels.size()) + 1,
                             cell(QString::number(count(report.scores.missed(), labels.at(r)))));
    }
    m_confusion->setItem(int(labels.size()), 0, cell(tr("spurious"), false, true));
    for (int c = 0; c < labels.size(); ++c) {
        m_confusion->setItem(int(labels.size()), c + 1,
                             cell(QString::number(count(report.scores.spurious(), labels.at(c)))));
    }
    m_confusion->setItem(int(labels.size()), int(labels.size()) + 1, cell(QString()));

    // Agreement: every two layers, then alpha.
    m_agreement->clear();
    m_agreement->setColumnCount(4);
    m_agreement->setHorizontalHeaderLabels({tr("Layers"), tr("Documents"), tr("Exact F1"), tr("Overlap F1 / α")});
    m_agreement->setRowCount(int(report.pairwise.size()) + 2);
    row = 0;
    for (const MetricsReport::Pair &p : report.pairwise) {
        m_agreement->setItem(row, 0,
                             cell(MetricsReport::layerTitle(report.layers.value(p.a)) + QStringLiteral(" / ")
                                      + MetricsReport::layerTitle(report.layers.value(p.b)),
                                  false));
        m_agreement->setItem(row, 1, cell(QString::number(p.documents)));
        m_agreement->setItem(row, 2, cell(figure(p.exactF1)));
        m_agreement->setItem(row, 3, cell(figure(p.overlapF1)));
        ++row;
    }
    m_agreement->setItem(row, 0, cell(tr("α %1 / %2, all labels").arg(reference, candidate), false, true));
    m_agreement->setItem(row, 1, cell(QString::number(report.documents)));
    m_agreement->setItem(row, 2, cell(QString()));
    m_agreement->setItem(row, 3, cell(figure(report.agreement.alpha()), true, true));
    ++row;
    m_agreement->setItem(row, 0, cell(tr("α all %n layer(s)", nullptr, int(report.layers.size())), false, true));
    m_agreement->setItem(row, 1, cell(QString::number(report.allLayersDocuments)));
    m_agreement->setItem(row, 2, cell(QString()));
    m_agreement->setItem(row, 3, cell(figure(report.allLayersAlpha), true, true));

    // Relations: one row per relation label, then micro and macro; the tab is there only while
    // relations are scored, so that spans-only users see the dock as it was.
    const int relationsTab = m_tabs->indexOf(m_relations);
    if (!report.withRelations) {
        if (relationsTab >= 0) {
            m_tabs->removeTab(relationsTab);
        }
    } else {
        if (relationsTab < 0) {
            m_tabs->addTab(m_relations, tr("Relations"));
        }
        const Metrics::RelationScores &rs = report.relationScores;
        const QStringList relationColumns{tr("Relation"),       tr("Ref"),        tr("Cand"),
                                          tr("Exact\nP"),       tr("Exact\nR"),   tr("Exact\nF1"),
                                          tr("Overlap\nP"),     tr("Overlap\nR"), tr("Overlap\nF1"),
                                          tr("Mis-\nlabelled"), tr("Missed"),     tr("Spurious")};
        m_relations->clear();
        m_relations->setColumnCount(int(relationColumns.size()));
        m_relations->setHorizontalHeaderLabels(relationColumns);
        m_relations->horizontalHeaderItem(6)->setToolTip(
            tr("Same label, each end overlapping the other's with the same span label"));
        m_relations->horizontalHeaderItem(9)->setToolTip(tr("The same ends, another relation label"));
        m_relations->setRowCount(int(rs.labels().size()) + 2);
        const auto setRow = [this](int r, const QString &title, const QStringList &values, bool bold) {
            m_relations->setItem(r, 0, cell(title, false, bold));
            for (int c = 0; c < values.size(); ++c) {
                m_relations->setItem(r, c + 1, cell(values.at(c), true, bold));
            }
        };
        const auto relationCounts = [](const MatchCounts &exact, const MatchCounts &overlap) {
            return QStringList{QString::number(exact.reference),
                               QString::number(exact.candidate),
                               figure(exact.precision()),
                               figure(exact.recall()),
                               figure(exact.f1()),
                               figure(overlap.precision()),
                               figure(overlap.recall()),
                               figure(overlap.f1())};
        };
        int relationRow = 0;
        for (const auto &[label, s] : rs.labels()) {
            setRow(relationRow++, label,
                   relationCounts(s.exact, s.overlap)
                       << QString::number(count(rs.mislabelled(), label)) << QString::number(count(rs.missed(), label))
                       << QString::number(count(rs.spurious(), label)),
                   false);
        }
        setRow(relationRow++, tr("micro"),
               relationCounts(rs.microExact(), rs.microOverlap()) << QString() << QString() << QString(), true);
        const Averages exactMean = rs.macroExact();
        const Averages overlapMean = rs.macroOverlap();
        setRow(relationRow, tr("macro"),
               {QString(), QString(), figure(exactMean.precision), figure(exactMean.recall), figure(exactMean.f1),
                figure(overlapMean.precision), figure(overlapMean.recall), figure(overlapMean.f1), QString(), QString(),
                QString()},
               true);
    }

    // The chart: F1 exact and overlap, and kappa, per label.
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    auto *series = new QBarSeries;
    auto *exact = new QBarSet(tr("Exact F1"));
    auto *overlap = new QBarSet(tr("Overlap F1"));
    auto *kappa = new QBarSet(tr("Cohen's κ"));
    exact->setColor(QColor(0x00, 0x72, 0xB2));
    overlap->setColor(QColor(0x56, 0xB4, 0xE9));
    kappa->setColor(QColor(0xE6, 0x9F, 0x00));
    for (const QString &label : labels) {
        const LabelScores s = report.scores.labels().count(label) ? report.scores.labels().at(label) : LabelScores();
        exact->append(s.exact.f1().value_or(0.0));
        overlap->append(s.overlap.f1().value_or(0.0));
        kappa->append(std::max(0.0, report.agreement.kappa(label).value_or(0.0)));
    }
    series->append(exact);
    series->append(overlap);
    series->append(kappa);
    m_chart->addSeries(series);
    auto *categories = new QBarCategoryAxis;
    categories->append(labels);
    QFont small = categories->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    categories->setLabelsFont(small);
    m_chart->addAxis(categories, Qt::AlignBottom);
    series->attachAxis(categories);
    auto *values = new QValueAxis;
    values->setRange(0.0, 1.0);
    values->setTickCount(valueTickCount(m_chart->plotArea().height(), QFontMetrics(values->labelsFont()).height()));
    values->setLabelFormat(QStringLiteral("%.1f"));
    m_chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(values);
    m_chart->setTitle(report.layers.isEmpty() || report.reference == report.candidate
                          ? QString()
                          : tr("%1 against %2, per label").arg(candidate, reference));
}

QList<MetricsDock::Instance> MetricsDock::instances(const InstanceFilter &filter) const
{
    // The documents and pairing MetricsReport::compute() scored (a missing candidate layer is
    // no span), instance by instance, as Metrics::confusionInstances() pairs them.
    QList<Instance> found;
    const int reference = m_report.reference;
    const int candidate = m_report.candidate;
    const QList<Annotation> none;
    for (int d = 0; d < m_documents.size(); ++d) {
        const MetricsDocument &document = m_documents.at(d);
        if (reference == candidate || !document.layers.value(reference) || document.unusable.contains(candidate)) {
            continue;
        }
        const QList<Annotation> &ref = *document.layers.at(reference);
        const auto cand = document.layers.value(candidate);
        const QList<Annotation> &candSpans = cand ? *cand : none;
        for (const ConfusionInstance &i : confusionInstances(ref, candSpans)) {
            Instance instance{d, {}, {}};
            if (i.reference >= 0) {
                instance.reference = ref.at(i.reference);
            }
            if (i.candidate >= 0) {
                instance.candidate = candSpans.at(i.candidate);
            }
            if (filter(instance.reference ? &instance.reference->label : nullptr,
                       instance.candidate ? &instance.candidate->label : nullptr)) {
                found.append(instance);
            }
        }
    }
    return found;
}

void MetricsDock::listConfusionCell(int row, int column)
{
    m_listing = [this, row, column] { listConfusionCell(row, column); };
    const QStringList labels = m_report.labels();
    const auto count = int(labels.size());
    const QString referenceTitle = MetricsReport::layerTitle(m_report.layers.value(m_report.reference));
    const QString candidateTitle = MetricsReport::layerTitle(m_report.layers.value(m_report.candidate));
    // Rows: reference labels, then "spurious"; columns: the row's name, candidate labels, "missed".
    const QString rowLabel = labels.value(row);
    const QString columnLabel = labels.value(column - 1);
    if (row < count && column == 0) {
        showInstances(instances([&](const QString *r, const QString *) { return r && *r == rowLabel; }),
                      tr("%1 spans of the reference (%2), as the candidate (%3) has them")
                          .arg(rowLabel, referenceTitle, candidateTitle));
    } else if (row < count && column >= 1 && column <= count) {
        showInstances(instances([&](const QString *r, const QString *c) {
                          return r && c && *r == rowLabel && *c == columnLabel;
                      }),
                      tr("%1 in the reference (%2), %3 in the candidate (%4), same range")
                          .arg(rowLabel, referenceTitle, columnLabel, candidateTitle));
    } else if (row < count && column == count + 1) {
        showInstances(
            instances([&](const QString *r, const QString *c) { return r && !c && *r == rowLabel; }),
            tr("%1 in the reference (%2), missed: no candidate span of the same range").arg(rowLabel, referenceTitle));
    } else if (row == count && column >= 1 && column <= count) {
        showInstances(instances([&](const QString *r, const QString *c) { return !r && c && *c == columnLabel; }),
                      tr("%1 in the candidate (%2), spurious: no reference span of the same range")
                          .arg(columnLabel, candidateTitle));
    } else if (row == count && column == 0) {
        showInstances(instances([](const QString *r, const QString *c) { return !r && c; }),
                      tr("Spurious: candidate spans with no reference span of the same range"));
    }
}

void MetricsDock::listLabelRow(int row, int column)
{
    const QString label = m_report.labels().value(row);
    if (row < 0 || row >= m_report.labels().size()) {
        return; // micro and macro: every span, which the confusion table's rows show
    }
    m_listing = [this, row, column] { listLabelRow(row, column); };
    showInstances(
        instances([&](const QString *r, const QString *c) { return (r && *r == label) || (c && *c == label); }),
        tr("%1 on either side: matched, relabelled, missed and spurious").arg(label));
}

void MetricsDock::showInstances(const QList<Instance> &instances, const QString &title)
{
    m_shown = instances;
    const qsizetype shown = std::min<qsizetype>(instances.size(), MaxInstances);
    m_instancesTitle->setText(instances.size() > shown
                                  ? tr("%1 — the first %2 of %3 spans").arg(title).arg(shown).arg(instances.size())
                                  : tr("%1 — %n span(s)", nullptr, int(shown)).arg(title));
    m_instances->clear();
    m_instances->setColumnCount(6);
    m_instances->setHorizontalHeaderLabels(
        {tr("Document"), tr("Start"), tr("End"), tr("Reference"), tr("Candidate"), tr("Text")});
    m_instances->setRowCount(int(shown));
    for (int row = 0; row < shown; ++row) {
        const Instance &i = instances.at(row);
        const Annotation &span = i.reference ? *i.reference : *i.candidate;
        m_instances->setItem(row, 0, cell(m_documents.value(i.document).name, false));
        m_instances->setItem(row, 1, cell(QString::number(span.start.value)));
        m_instances->setItem(row, 2, cell(QString::number(span.end.value)));
        m_instances->setItem(row, 3, cell(i.reference ? i.reference->label : tr("(none)"), false));
        m_instances->setItem(row, 4, cell(i.candidate ? i.candidate->label : tr("(none)"), false));
        // The open document's spans come from its snapshot, which keeps no text: read it there.
        const QString whole = !span.text().isEmpty() || !m_document || m_paths.value(i.document) != m_document->path()
            ? span.text()
            : m_document->document().slice(span.start, span.end).toString();
        QTableWidgetItem *text = cell(elideAtWord(whole, 80), false);
        text->setToolTip(whole);
        m_instances->setItem(row, 5, text);
    }
}

void MetricsDock::activateInstance(const QModelIndex &index)
{
    if (!index.isValid() || index.row() >= m_shown.size()) {
        return;
    }
    const Instance &i = m_shown.at(index.row());
    const Annotation &span = i.reference ? *i.reference : *i.candidate;
    // The label of the editable span, so that the window can make that span current (the
    // open document's spans come from a snapshot without ids).
    QString editableLabel;
    if (i.reference && m_report.layers.value(m_report.reference).isEmpty()) {
        editableLabel = i.reference->label;
    } else if (i.candidate && m_report.layers.value(m_report.candidate).isEmpty()) {
        editableLabel = i.candidate->label;
    }
    Q_EMIT instanceActivated(m_paths.value(i.document), span.start, span.end, editableLabel);
}

bool MetricsDock::exportCsv(const QString &path, Diagnostics &diagnostics) const
{
    return writeFileAtomically(path, m_report.toCsv(), diagnostics);
}

bool MetricsDock::exportJson(const QString &path, Diagnostics &diagnostics) const
{
    return writeFileAtomically(path, m_report.toJson(), diagnostics);
}

void MetricsDock::exportInteractively(bool json)
{
    const QString start = m_document ? QFileInfo(m_document->path()).absolutePath()
            + (json ? QStringLiteral("/metrics.json") : QStringLiteral("/metrics.csv"))
                                     : QString();
    const QString path =
        QFileDialog::getSaveFileName(this, json ? tr("Export Metrics as JSON") : tr("Export Metrics as CSV"), start,
                                     json ? tr("JSON (*.json)") : tr("CSV (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    Diagnostics diagnostics;
    if (!(json ? exportJson(path, diagnostics) : exportCsv(path, diagnostics))) {
        QStringList lines;
        for (const Diagnostic &d : std::as_const(diagnostics)) {
            lines.append(d.toString());
        }
        QMessageBox::critical(this, tr("Cannot Export"), lines.join(u'\n'));
    }
}

} // namespace Scholiast
