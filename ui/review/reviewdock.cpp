// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reviewdock.h"

#include "view/layerpainter.h"
#include "elidetext.h"
#include "reviewcontroller.h"

#include <QAbstractListModel>
#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

namespace Scholiast {

using Metrics::ReviewKind;

namespace {
// A sample of a review kind's mark over a word, drawn by the painter the view uses.
class KindSwatch : public QWidget
{
public:
    explicit KindSwatch(ReviewKind kind, QWidget *parent = nullptr)
        : QWidget(parent)
        , m_kind(kind)
    {
        setFixedSize(64, 28);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        const QRectF text(10, 6, 44, 16);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(text, Qt::AlignCenter, QStringLiteral("text"));
        std::vector<QRectF> inner;
        if (m_kind == ReviewKind::BoundaryMismatch) {
            inner.push_back(text.adjusted(0, 0, -16, 0));
        }
        LayerPainter::paintMark(painter, m_kind, {text}, inner);
    }

private:
    ReviewKind m_kind;
};

QString sourceTitle(const QString &name)
{
    return name.isEmpty() ? ReviewDock::tr("Editable (this document's sidecar)") : name;
}

QString decisionTitle(ReviewDecision::Decision decision)
{
    switch (decision) {
    case ReviewDecision::Decision::AcceptCandidate:
        return ReviewDock::tr("accepted the candidate");
    case ReviewDecision::Decision::KeepReference:
        return ReviewDock::tr("kept the reference");
    case ReviewDecision::Decision::Fix:
        return ReviewDock::tr("fixed by hand");
    }
    return QString();
}

// The text a row shows: the reference span's, else the candidate's; for a relation, its label
// on each side.
QString spotText(const ReviewSpot &spot)
{
    if (spot.isRelation()) {
        const std::optional<Relation> &relation =
            spot.referenceRelation ? spot.referenceRelation : spot.candidateRelation;
        QString label = relation->label;
        if (spot.referenceRelation && spot.candidateRelation
            && spot.referenceRelation->label != spot.candidateRelation->label) {
            label = spot.referenceRelation->label + QStringLiteral(" / ") + spot.candidateRelation->label;
        }
        const int length = ReviewDock::TextLength / 3;
        const auto &ends = spot.referenceRelation ? spot.referenceEnds : spot.candidateEnds;
        return QStringLiteral("%1 “%2” → “%3”")
            .arg(label, elideAtWord(ends.first, length), elideAtWord(ends.second, length));
    }
    const std::optional<Annotation> &span = spot.reference ? spot.reference : spot.candidate;
    return span ? elideAtWord(span->text(), ReviewDock::TextLength * 2 / 3) : QString();
}

// The list asks for a few rows only: the dock's other parts come first, the list takes the rest.
class EntryList : public QListView
{
public:
    QSize sizeHint() const override { return {QListView::sizeHint().width(), minimumHeight()}; }
};

// ReviewController::entries() as a list: rebuilt when they change (a decision, an edit).
class EntryModel : public QAbstractListModel
{
public:
    explicit EntryModel(ReviewController *controller, QObject *parent)
        : QAbstractListModel(parent)
        , m_controller(controller)
    {
    }

    void reload()
    {
        beginResetModel();
        m_entries = m_controller->entries();
        endResetModel();
    }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_entries.size());
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_entries.size()) {
            return {};
        }
        const ReviewEntry &entry = m_entries.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            if (entry.spot.isRelation()) {
                return ReviewDock::tr("Relation: %1 · %2–%3 · %4")
                    .arg(LayerPainter::kindTitle(entry.spot.kind))
                    .arg(entry.spot.start.value)
                    .arg(entry.spot.end.value)
                    .arg(spotText(entry.spot));
            }
            return QStringLiteral("%1%2 · %3–%4 · “%5”")
                .arg(entry.resolved ? QStringLiteral("✓ ") : QString(), LayerPainter::kindTitle(entry.spot.kind))
                .arg(entry.spot.start.value)
                .arg(entry.spot.end.value)
                .arg(spotText(entry.spot));
        case Qt::ToolTipRole:
            if (entry.spot.isRelation()) {
                return ReviewDock::tr("A relation disagreement: Accept Candidate or Keep Reference makes the editable "
                                      "relation agree once its spans do");
            }
            return entry.resolved ? ReviewDock::tr("Resolved: %1").arg(decisionTitle(entry.decision))
                                  : ReviewDock::tr("Open: Accept Candidate, Keep Reference or Fix by Hand");
        case Qt::ForegroundRole:
            if (entry.resolved) {
                return QPalette().color(QPalette::Disabled, QPalette::Text);
            }
            return {};
        case ReviewDock::ResolvedRole:
            return entry.resolved;
        default:
            return {};
        }
    }

private:
    ReviewController *m_controller;
    QList<ReviewEntry> m_entries;
};
} // namespace

ReviewDock::ReviewDock(ReviewController *controller, const QList<QAction *> &actions, QWidget *parent)
    : QDockWidget(tr("Review"), parent)
    , m_controller(controller)
    , m_reference(new QComboBox)
    , m_candidate(new QComboBox)
    , m_current(new QLabel)
    , m_position(new QLabel)
    , m_list(new EntryList)
{
    setObjectName(QStringLiteral("ReviewDock"));
    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);

    auto *form = new QFormLayout;
    form->addRow(tr("&Reference:"), m_reference);
    form->addRow(tr("&Candidate:"), m_candidate);
    layout->addLayout(form);

    m_position->setObjectName(QStringLiteral("ReviewPosition"));
    layout->addWidget(m_position);
    m_current->setWordWrap(true);
    m_current->setTextFormat(Qt::RichText);
    m_current->setObjectName(QStringLiteral("ReviewCurrent"));
    layout->addWidget(m_current);

    auto *buttons = new QGridLayout;
    int i = 0;
    for (QAction *action : actions) {
        auto *button = new QToolButton;
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        buttons->addWidget(button, i / 2, i % 2);
        ++i;
    }
    layout->addLayout(buttons);

    // Every disagreement, below the one being decided.
    auto *entries = new EntryModel(m_controller, this);
    m_list->setObjectName(QStringLiteral("ReviewList"));
    m_list->setModel(entries);
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setMinimumHeight(m_list->fontMetrics().lineSpacing() * 6);
    layout->addWidget(m_list, 1);

    // The legend last: the disagreement and its buttons come first, so that they stay in sight
    // on a short screen (1366x768 with the Labels and Spans docks open); the body scrolls.
    auto *legend = new QGridLayout;
    legend->setHorizontalSpacing(8);
    legend->setVerticalSpacing(2);
    for (int k = 0; k < Metrics::ReviewKindCount; ++k) {
        const auto kind = ReviewKind(k);
        auto *swatch = new KindSwatch(kind);
        auto *label = new QLabel(QStringLiteral("<b>%1</b><br><small>%2</small>")
                                     .arg(LayerPainter::kindTitle(kind), LayerPainter::kindDescription(kind)));
        label->setWordWrap(true);
        label->setObjectName(QStringLiteral("ReviewLegendText"));
        legend->addWidget(swatch, k, 0);
        legend->addWidget(label, k, 1);
    }

    layout->addLayout(legend);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &index) {
        if (!m_selecting && index.isValid()) {
            m_controller->goTo(index.row());
        }
    });
    // The scroll area gives the body the height its wrapped legend needs at the dock's width
    // (a dock's layout alone does not ask for it, and clipped the rows), and scrolls when short.
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(body);
    setWidget(scroll);

    connect(m_controller, &ReviewController::reviewChanged, this, &ReviewDock::rebuildChoices);
    connect(m_controller, &ReviewController::currentSpotChanged, this, &ReviewDock::updateCurrent);
    connect(m_controller, &ReviewController::entriesChanged, this, [this, entries] {
        const QScopedValueRollback<bool> guard(m_selecting, true);
        entries->reload();
        updateCurrent();
    });
    for (QComboBox *box : {m_reference, m_candidate}) {
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_rebuilding) {
                m_picked = true;
                Q_EMIT choiceChanged();
            }
        });
    }
    rebuildChoices();
    updateCurrent();
}

ReviewDock::~ReviewDock() = default;

QString ReviewDock::referenceChoice() const
{
    return m_reference->currentData().toString();
}

QString ReviewDock::candidateChoice() const
{
    return m_candidate->currentData().toString();
}

QString ReviewDock::currentText() const
{
    return m_current->text();
}

QString ReviewDock::positionText() const
{
    return m_position->text();
}

void ReviewDock::rebuildChoices()
{
    const QScopedValueRollback<bool> guard(m_rebuilding, true);
    const QStringList sources = m_controller->sources();
    // Keep the user's picks; by default the editable spans are the reference and the first
    // layer the candidate.
    const QString reference = m_controller->isReviewing() ? m_controller->referenceName()
        : m_picked                                        ? referenceChoice()
                                                          : QString();
    const QString candidate = m_controller->isReviewing() ? m_controller->candidateName()
        : m_picked && sources.contains(candidateChoice()) ? candidateChoice()
                                                          : sources.value(1);
    for (QComboBox *box : {m_reference, m_candidate}) {
        QStringList shown;
        for (int i = 0; i < box->count(); ++i) {
            shown.append(box->itemData(i).toString());
        }
        if (shown == sources && box->count() > 0) {
            continue; // keep the combo as it is: this may run inside its own signal
        }
        box->clear();
        for (const QString &name : sources) {
            box->addItem(sourceTitle(name), name);
        }
    }
    m_reference->setCurrentIndex(std::max<qsizetype>(0, sources.indexOf(reference)));
    m_candidate->setCurrentIndex(std::max<qsizetype>(0, sources.indexOf(candidate)));
}

void ReviewDock::updateCurrent()
{
    updateList();
    const auto spot = m_controller->currentSpot();
    if (!m_controller->isReviewing()) {
        m_current->setText(tr("Turn on review mode (Review menu) to compare the two layers."));
        return;
    }
    if (!spot) {
        m_current->setText(tr("Press F8 for the next disagreement, Shift+F8 for the previous one."));
        return;
    }
    const int row = m_controller->currentIndex();
    const bool resolved = row >= 0 && m_controller->entries().at(row).resolved;
    QString text = QStringLiteral("<b>%1</b> at %2–%3")
                       .arg(spot->isRelation() ? tr("Relation: %1").arg(LayerPainter::kindTitle(spot->kind))
                                               : LayerPainter::kindTitle(spot->kind))
                       .arg(spot->start.value)
                       .arg(spot->end.value);
    if (resolved) {
        text = QStringLiteral("✓ ") + text + QStringLiteral(" · ")
            + tr("resolved: %1").arg(decisionTitle(m_controller->entries().at(row).decision));
    }
    if (spot->reference) {
        text += QStringLiteral("<br>")
            + tr("Reference: %1 “%2”")
                  .arg(spot->reference->label.toHtmlEscaped(),
                       elideAtWord(spot->reference->text(), TextLength).toHtmlEscaped());
    }
    if (spot->candidate) {
        text += QStringLiteral("<br>")
            + tr("Candidate: %1 “%2”")
                  .arg(spot->candidate->label.toHtmlEscaped(),
                       elideAtWord(spot->candidate->text(), TextLength).toHtmlEscaped());
    }
    // A relation: its label and ends on each side it is on.
    const auto relationLine = [&text](const QString &title, const std::optional<Relation> &relation,
                                      const std::pair<QString, QString> &ends) {
        if (relation) {
            text += QStringLiteral("<br>")
                + tr("%1: %2 “%3” → “%4”")
                      .arg(title, relation->label.toHtmlEscaped(),
                           elideAtWord(ends.first, TextLength / 2).toHtmlEscaped(),
                           elideAtWord(ends.second, TextLength / 2).toHtmlEscaped());
        }
    };
    relationLine(tr("Reference"), spot->referenceRelation, spot->referenceEnds);
    relationLine(tr("Candidate"), spot->candidateRelation, spot->candidateEnds);
    if (spot->isRelation() && !resolved) {
        text += QStringLiteral("<br><small>")
            + tr("Accept or Keep relates the editable spans as the other layer does, once its spans agree; R relates "
                 "by hand, the Relations dock removes.")
            + QStringLiteral("</small>");
    }
    m_current->setText(text);
}

void ReviewDock::updateList()
{
    const QScopedValueRollback<bool> guard(m_selecting, true);
    const bool reviewing = m_controller->isReviewing();
    m_list->setEnabled(reviewing);
    const QList<ReviewEntry> &entries = m_controller->entries();
    const int row = reviewing ? m_controller->currentIndex() : -1;
    const auto resolved =
        std::count_if(entries.cbegin(), entries.cend(), [](const ReviewEntry &e) { return e.resolved; });
    if (!reviewing) {
        m_position->clear();
    } else if (entries.isEmpty()) {
        m_position->setText(tr("No disagreement: the two layers agree"));
    } else if (row < 0) {
        m_position->setText(tr("%n disagreement(s) · %1 resolved", nullptr, int(entries.size())).arg(resolved));
    } else {
        m_position->setText(tr("Disagreement %1 of %2 · %3 resolved").arg(row + 1).arg(entries.size()).arg(resolved));
    }
    const QModelIndex index = m_list->model()->index(row, 0);
    if (index.isValid()) {
        m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
        m_list->scrollTo(index);
    } else {
        m_list->selectionModel()->clearSelection();
    }
}

} // namespace Scholiast
