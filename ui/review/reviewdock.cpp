// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reviewdock.h"

#include "view/layerpainter.h"
#include "reviewcontroller.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QScopedValueRollback>
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
} // namespace

ReviewDock::ReviewDock(ReviewController *controller, const QList<QAction *> &actions, QWidget *parent)
    : QDockWidget(tr("Review"), parent)
    , m_controller(controller)
    , m_reference(new QComboBox)
    , m_candidate(new QComboBox)
    , m_current(new QLabel)
{
    setObjectName(QStringLiteral("ReviewDock"));
    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);

    auto *form = new QFormLayout;
    form->addRow(tr("&Reference:"), m_reference);
    form->addRow(tr("&Candidate:"), m_candidate);
    layout->addLayout(form);

    auto *legend = new QGridLayout;
    legend->setHorizontalSpacing(8);
    legend->setVerticalSpacing(2);
    for (int k = 0; k < Metrics::ReviewKindCount; ++k) {
        const auto kind = ReviewKind(k);
        auto *swatch = new KindSwatch(kind);
        auto *label = new QLabel(QStringLiteral("<b>%1</b><br><small>%2</small>")
                                     .arg(LayerPainter::kindTitle(kind), LayerPainter::kindDescription(kind)));
        label->setWordWrap(true);
        legend->addWidget(swatch, k, 0);
        legend->addWidget(label, k, 1);
    }
    layout->addLayout(legend);

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
    layout->addStretch(1);
    setWidget(body);

    connect(m_controller, &ReviewController::reviewChanged, this, &ReviewDock::rebuildChoices);
    connect(m_controller, &ReviewController::currentSpotChanged, this, &ReviewDock::updateCurrent);
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
    const auto spot = m_controller->currentSpot();
    if (!m_controller->isReviewing()) {
        m_current->setText(tr("Turn on review mode (Review menu) to compare the two layers."));
        return;
    }
    if (!spot) {
        m_current->setText(tr("Press F8 for the next disagreement, Shift+F8 for the previous one."));
        return;
    }
    QString text = QStringLiteral("<b>%1</b> at %2–%3")
                       .arg(LayerPainter::kindTitle(spot->kind))
                       .arg(spot->start.value)
                       .arg(spot->end.value);
    if (spot->reference) {
        text += QStringLiteral("<br>")
            + tr("Reference: %1 “%2”")
                  .arg(spot->reference->label.toHtmlEscaped(), spot->reference->text().left(60).toHtmlEscaped());
    }
    if (spot->candidate) {
        text += QStringLiteral("<br>")
            + tr("Candidate: %1 “%2”")
                  .arg(spot->candidate->label.toHtmlEscaped(), spot->candidate->text().left(60).toHtmlEscaped());
    }
    m_current->setText(text);
}

} // namespace Scholiast
