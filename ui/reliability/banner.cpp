// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QVBoxLayout>

namespace Scholiast {

namespace {
// Lines of diagnostics shown at once when expanded; the rest scroll.
constexpr int DetailsLines = 6;
} // namespace

Banner::Banner(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel)
    , m_detailsButton(new QPushButton(tr("Details")))
    , m_details(new QPlainTextEdit)
    , m_row(new QHBoxLayout)
{
    setObjectName(QStringLiteral("Banner"));
    setAutoFillBackground(true);
    QPalette palette = this->palette();
    palette.setColor(QPalette::Window, QColor(0xFF, 0xF1, 0xC2));
    palette.setColor(QPalette::WindowText, QColor(0x4A, 0x36, 0x00));
    setPalette(palette);

    m_label->setObjectName(QStringLiteral("BannerLabel"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_detailsButton->setObjectName(QStringLiteral("BannerDetailsButton"));
    m_detailsButton->setCheckable(true);
    m_detailsButton->setToolTip(tr("Show or hide the list of problems"));
    m_detailsButton->hide();
    connect(m_detailsButton, &QPushButton::toggled, this, &Banner::setDetailsExpanded);

    m_details->setObjectName(QStringLiteral("BannerDetails"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_details->setFrameShape(QFrame::StyledPanel);
    // A short box that scrolls: a thousand diagnostics never push the text out of the window.
    const int lineHeight = m_details->fontMetrics().lineSpacing();
    m_details->setFixedHeight(DetailsLines * lineHeight + 2 * m_details->frameWidth()
                              + int(m_details->document()->documentMargin() * 2));
    m_details->hide();

    auto *close = new QToolButton;
    close->setObjectName(QStringLiteral("BannerCloseButton"));
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Hide this message"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);

    m_row->setContentsMargins(0, 0, 0, 0);
    m_row->addWidget(m_label, 1);
    m_row->addWidget(m_detailsButton, 0, Qt::AlignVCenter);
    m_row->addWidget(close, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(m_row);
    layout->addWidget(m_details);
    hide();
}

Banner::~Banner() = default;

void Banner::showMessage(const QString &message, const QStringList &details)
{
    m_label->setText(message);
    m_detailLines = details;
    m_details->setPlainText(details.join(u'\n'));
    setDetailsExpanded(false);
    m_detailsButton->setVisible(!details.isEmpty());
    show();
}

QString Banner::text() const
{
    QString shown = QTextDocumentFragment::fromHtml(m_label->text()).toPlainText();
    if (detailsExpanded()) {
        shown += u'\n' + m_details->toPlainText();
    }
    return shown;
}

bool Banner::detailsExpanded() const
{
    return !m_details->isHidden();
}

void Banner::setDetailsExpanded(bool expanded)
{
    expanded = expanded && !m_detailLines.isEmpty();
    m_details->setVisible(expanded);
    {
        const QSignalBlocker blocker(m_detailsButton);
        m_detailsButton->setChecked(expanded);
    }
    m_detailsButton->setText(expanded ? tr("Hide Details") : tr("Details"));
}

void Banner::addButton(QPushButton *button)
{
    m_row->insertWidget(m_row->count() - 1, button, 0, Qt::AlignVCenter);
}

} // namespace Scholiast
