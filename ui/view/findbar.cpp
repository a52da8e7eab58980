// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "findbar.h"

#include "annotationview.h"

#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Scholiast {

namespace {
// Counting matches on every keystroke is only done where it stays instant.
constexpr qsizetype LiveCountLimit = 4 * 1024 * 1024;
// How far back "find previous" looks before scanning from the start.
constexpr qsizetype BackwardWindow = 256 * 1024;
// The search field never gets narrower than this, nor, in one row, than its preferred width.
constexpr int TextMinimumWidth = 120;
constexpr int TextPreferredWidth = 220;

QToolButton *toggle(const QString &text, const QString &toolTip)
{
    auto *button = new QToolButton;
    button->setText(text); // its mnemonic (Alt+letter) works while the bar shows
    button->setToolTip(toolTip);
    button->setCheckable(true);
    button->setAutoRaise(true);
    return button;
}
} // namespace

FindBar::FindBar(AnnotationView *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
    , m_text(new QLineEdit)
    , m_previous(new QToolButton)
    , m_next(new QToolButton)
    , m_case(toggle(tr("&Case"), tr("Match case (Alt+C)")))
    , m_words(toggle(tr("&Words"), tr("Whole words only (Alt+W)")))
    , m_regex(toggle(tr("Rege&x"), tr("Regular expression (Alt+X)")))
    , m_status(new QLabel)
    , m_label(new QComboBox)
    , m_tagAll(new QPushButton(tr("&Tag all matches")))
    , m_close(new QToolButton)
    , m_firstRow(new QHBoxLayout)
    , m_secondRow(new QHBoxLayout)
{
    setObjectName(QStringLiteral("FindBar"));
    m_text->setObjectName(QStringLiteral("FindText"));
    m_text->setPlaceholderText(tr("Find"));
    m_text->setClearButtonEnabled(true);
    m_text->setMinimumWidth(TextMinimumWidth);
    m_case->setObjectName(QStringLiteral("FindMatchCase"));
    m_words->setObjectName(QStringLiteral("FindWholeWords"));
    m_regex->setObjectName(QStringLiteral("FindRegularExpression"));
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Find previous (Shift+Enter)"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Find next (Enter)"));
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(tr("Close (Escape)"));
    m_close->setAutoRaise(true);
    m_status->setObjectName(QStringLiteral("FindStatus"));
    // A long message ("Invalid expression: ...") is cut, never widens the bar or the window.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_tagAll->setToolTip(tr("Tag every match with the chosen label, as one undo step"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->setSpacing(3);
    layout->addLayout(m_firstRow);
    layout->addLayout(m_secondRow);
    arrange(false);

    connect(m_text, &QLineEdit::textChanged, this, &FindBar::updatePattern);
    connect(m_case, &QToolButton::toggled, this, &FindBar::updatePattern);
    connect(m_words, &QToolButton::toggled, this, &FindBar::updatePattern);
    connect(m_regex, &QToolButton::toggled, this, &FindBar::updatePattern);
    connect(m_text, &QLineEdit::returnPressed, this,
            [this] { findNext(QGuiApplication::keyboardModifiers() & Qt::ShiftModifier ? -1 : 1); });
    connect(m_next, &QToolButton::clicked, this, [this] { findNext(1); });
    connect(m_previous, &QToolButton::clicked, this, [this] { findNext(-1); });
    connect(m_tagAll, &QPushButton::clicked, this, [this] { tagAllMatches(); });
    connect(m_close, &QToolButton::clicked, this, &FindBar::deactivate);
    hide();
}

void FindBar::arrange(bool twoRows)
{
    m_twoRows = twoRows;
    const QList<QWidget *> widgets{m_text,  m_previous, m_next,  m_case,   m_words,
                                   m_regex, m_status,   m_label, m_tagAll, m_close};
    for (QWidget *widget : widgets) {
        m_firstRow->removeWidget(widget);
        m_secondRow->removeWidget(widget);
    }
    for (QWidget *widget : std::initializer_list<QWidget *>{m_text, m_previous, m_next, m_case, m_words, m_regex}) {
        m_firstRow->addWidget(widget, widget == m_text ? 1 : 0);
    }
    QBoxLayout *rest = twoRows ? m_secondRow : m_firstRow;
    if (twoRows) {
        m_firstRow->addWidget(m_close);
    }
    rest->addWidget(m_status, 1);
    rest->addWidget(m_label);
    rest->addWidget(m_tagAll);
    if (!twoRows) {
        m_firstRow->addWidget(m_close);
    }
}

int FindBar::oneRowWidth() const
{
    const QMargins margins = layout()->contentsMargins();
    int width = margins.left() + margins.right();
    const QList<QWidget *> widgets{m_previous, m_next, m_case, m_words, m_regex, m_label, m_tagAll, m_close};
    for (QWidget *widget : widgets) {
        width += widget->sizeHint().width();
    }
    width += std::max(TextPreferredWidth, m_text->sizeHint().width());
    width += m_status->fontMetrics().horizontalAdvance(tr("888 of 8888")); // room for the count
    return width + m_firstRow->spacing() * int(widgets.size() + 1);
}

QSize FindBar::minimumSizeHint() const
{
    // The two-row width, whatever the rows are now: the bar must never widen the central area,
    // or the main window takes the width from the docks.
    const QMargins margins = layout()->contentsMargins();
    const int spacing = std::max(0, m_firstRow->spacing());
    int first = TextMinimumWidth;
    for (QWidget *widget : std::initializer_list<QWidget *>{m_previous, m_next, m_case, m_words, m_regex, m_close}) {
        first += widget->minimumSizeHint().width() + spacing;
    }
    const int second = m_label->minimumSizeHint().width() + m_tagAll->minimumSizeHint().width() + 2 * spacing;
    return {std::max(first, second) + margins.left() + margins.right(), QWidget::minimumSizeHint().height()};
}

void FindBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const bool twoRows = width() < oneRowWidth();
    if (twoRows != m_twoRows) {
        arrange(twoRows);
    }
}

FindBar::~FindBar() = default;

void FindBar::setDocument(AnnotationDocument *document)
{
    m_document = document;
    const QString current = m_label->currentText();
    m_label->clear();
    if (document) {
        for (const Label &label : document->labels().labels()) {
            m_label->addItem(label.name, label.name);
        }
    }
    if (const int index = m_label->findData(current); index >= 0) {
        m_label->setCurrentIndex(index);
    }
    updatePattern();
}

void FindBar::activate()
{
    const QString selected = m_view->selectedText();
    if (!selected.isEmpty() && selected.size() < 200 && !selected.contains(u'\n')) {
        m_text->setText(selected);
    }
    show();
    m_text->setFocus();
    m_text->selectAll();
    updatePattern();
}

void FindBar::deactivate()
{
    hide();
    m_view->setSearchPattern(QRegularExpression());
    m_view->setFocus();
    Q_EMIT closed();
}

void FindBar::setSearchText(const QString &text)
{
    m_text->setText(text);
}

void FindBar::setCaseSensitive(bool on)
{
    m_case->setChecked(on);
}

void FindBar::setWholeWords(bool on)
{
    m_words->setChecked(on);
}

void FindBar::setRegularExpression(bool on)
{
    m_regex->setChecked(on);
}

void FindBar::setTagLabel(const QString &label)
{
    m_label->setCurrentIndex(m_label->findData(label));
}

QRegularExpression FindBar::pattern() const
{
    if (m_text->text().isEmpty()) {
        return QRegularExpression();
    }
    QString source = m_regex->isChecked() ? m_text->text() : QRegularExpression::escape(m_text->text());
    if (m_words->isChecked()) {
        source = QStringLiteral("\\b(?:") + source + QStringLiteral(")\\b");
    }
    QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
    if (!m_case->isChecked()) {
        options |= QRegularExpression::CaseInsensitiveOption;
    }
    return QRegularExpression(source, options);
}

QList<CodePointRange> FindBar::matches() const
{
    QList<CodePointRange> result;
    const QRegularExpression regex = pattern();
    if (!m_document || !regex.isValid() || regex.pattern().isEmpty()) {
        return result;
    }
    const Document &document = m_document->document();
    auto it = regex.globalMatch(document.text());
    while (it.hasNext()) {
        const auto match = it.next();
        if (match.capturedLength() > 0) {
            result.append({document.toCodePoint(Utf16Index(match.capturedStart())),
                           document.toCodePoint(Utf16Index(match.capturedEnd()))});
        }
    }
    return result;
}

void FindBar::updatePattern()
{
    const QRegularExpression regex = pattern();
    const bool valid = regex.isValid() && !regex.pattern().isEmpty();
    m_matchStarts.clear();
    m_counted = valid && m_document && m_document->document().text().size() <= LiveCountLimit;
    if (m_counted) {
        auto it = regex.globalMatch(m_document->document().text());
        while (it.hasNext()) {
            const auto match = it.next();
            if (match.capturedLength() > 0) {
                m_matchStarts.append(match.capturedStart());
            }
        }
    }
    m_view->setSearchPattern(!isHidden() && valid ? regex : QRegularExpression());
    m_tagAll->setEnabled(valid && m_document);
    if (!regex.isValid()) {
        m_status->setText(tr("Invalid expression: %1").arg(regex.errorString()));
    } else if (!valid || !m_document) {
        m_status->clear();
    } else if (m_counted && m_matchStarts.isEmpty()) {
        m_status->setText(tr("No matches"));
    } else if (m_counted) {
        // The selection is a match already (the search text came from it): say which.
        const auto [start, end] = m_view->selection();
        const Document &document = m_document->document();
        const QRegularExpressionMatch match = regex.match(document.text(), document.toUtf16(start).value);
        const bool onMatch = start != end && match.hasMatch() && match.capturedStart() == document.toUtf16(start).value
            && match.capturedEnd() == document.toUtf16(end).value;
        m_status->setText(onMatch ? positionText(match.capturedStart())
                                  : tr("%n match(es)", nullptr, int(m_matchStarts.size())));
    } else {
        m_status->clear();
    }
}

QString FindBar::positionText(qsizetype utf16Start) const
{
    if (!m_counted) {
        return QString();
    }
    const auto at = std::lower_bound(m_matchStarts.cbegin(), m_matchStarts.cend(), utf16Start);
    return tr("%1 of %2").arg(at - m_matchStarts.cbegin() + 1).arg(m_matchStarts.size());
}

QString FindBar::statusText() const
{
    return m_status->text();
}

bool FindBar::findNext(int direction)
{
    const QRegularExpression regex = pattern();
    if (!m_document || !regex.isValid() || regex.pattern().isEmpty()) {
        return false;
    }
    const Document &document = m_document->document();
    const QString &text = document.text();
    const auto [selectionStart, selectionEnd] = m_view->selection();
    QRegularExpressionMatch found;
    bool wrapped = false;
    if (direction > 0) {
        const qsizetype from = document.toUtf16(selectionEnd).value;
        found = regex.match(text, from);
        if (!found.hasMatch() || found.capturedLength() == 0) {
            found = regex.match(text, 0); // wrap around
            wrapped = true;
        }
    } else {
        const qsizetype before = document.toUtf16(selectionStart).value;
        auto last = [&](qsizetype from, qsizetype to) {
            QRegularExpressionMatch best;
            auto it = regex.globalMatch(text, from);
            while (it.hasNext()) {
                const auto match = it.next();
                if (match.capturedEnd() > to) {
                    break;
                }
                if (match.capturedLength() > 0) {
                    best = match;
                }
            }
            return best;
        };
        found = last(std::max<qsizetype>(0, before - BackwardWindow), before);
        if (!found.hasMatch()) {
            found = last(0, before);
        }
        if (!found.hasMatch()) {
            found = last(before, text.size()); // wrap around
            wrapped = true;
        }
    }
    if (!found.hasMatch() || found.capturedLength() == 0) {
        m_status->setText(tr("No matches"));
        return false;
    }
    // Said, not silent: past the end the search goes on from the top (and back from the bottom).
    QStringList status{positionText(found.capturedStart())};
    if (wrapped) {
        status.append(direction > 0 ? tr("Wrapped to the top") : tr("Wrapped to the bottom"));
    }
    status.removeAll(QString());
    m_status->setText(status.join(QStringLiteral(" · ")));
    const CodePoint start = document.toCodePoint(Utf16Index(found.capturedStart()));
    const CodePoint end = document.toCodePoint(Utf16Index(found.capturedEnd()));
    m_view->setSelection(start, end);
    m_view->ensureVisible(start);
    return true;
}

qsizetype FindBar::tagAllMatches()
{
    if (!m_document) {
        return 0;
    }
    const qsizetype tagged = m_document->tagAll(matches(), m_label->currentData().toString());
    m_status->setText(tr("Tagged %n match(es)", nullptr, int(tagged)));
    return tagged;
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        deactivate();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Scholiast
