// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "findbar.h"

#include "annotationview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>

namespace Scholiast {

namespace {
// Counting matches on every keystroke is only done where it stays instant.
constexpr qsizetype LiveCountLimit = 4 * 1024 * 1024;
// How far back "find previous" looks before scanning from the start.
constexpr qsizetype BackwardWindow = 256 * 1024;
} // namespace

FindBar::FindBar(AnnotationView *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
    , m_text(new QLineEdit)
    , m_case(new QCheckBox(tr("Match &case")))
    , m_words(new QCheckBox(tr("&Whole words")))
    , m_regex(new QCheckBox(tr("Regular e&xpression")))
    , m_status(new QLabel)
    , m_label(new QComboBox)
    , m_tagAll(new QPushButton(tr("&Tag all matches")))
{
    setObjectName(QStringLiteral("FindBar"));
    m_text->setPlaceholderText(tr("Find"));
    m_text->setClearButtonEnabled(true);
    m_text->setMinimumWidth(220);
    auto *previous = new QToolButton;
    previous->setArrowType(Qt::UpArrow);
    previous->setToolTip(tr("Find previous (Shift+Enter)"));
    auto *next = new QToolButton;
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Find next (Enter)"));
    auto *close = new QToolButton;
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Close (Escape)"));
    close->setAutoRaise(true);
    m_tagAll->setToolTip(tr("Tag every match with the chosen label, as one undo step"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->addWidget(m_text);
    layout->addWidget(previous);
    layout->addWidget(next);
    layout->addWidget(m_case);
    layout->addWidget(m_words);
    layout->addWidget(m_regex);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_label);
    layout->addWidget(m_tagAll);
    layout->addWidget(close);

    connect(m_text, &QLineEdit::textChanged, this, &FindBar::updatePattern);
    connect(m_case, &QCheckBox::toggled, this, &FindBar::updatePattern);
    connect(m_words, &QCheckBox::toggled, this, &FindBar::updatePattern);
    connect(m_regex, &QCheckBox::toggled, this, &FindBar::updatePattern);
    connect(m_text, &QLineEdit::returnPressed, this,
            [this] { findNext(QGuiApplication::keyboardModifiers() & Qt::ShiftModifier ? -1 : 1); });
    connect(next, &QToolButton::clicked, this, [this] { findNext(1); });
    connect(previous, &QToolButton::clicked, this, [this] { findNext(-1); });
    connect(m_tagAll, &QPushButton::clicked, this, [this] { tagAllMatches(); });
    connect(close, &QToolButton::clicked, this, &FindBar::deactivate);
    hide();
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
    m_view->setSearchPattern(!isHidden() && valid ? regex : QRegularExpression());
    m_tagAll->setEnabled(valid && m_document);
    if (!regex.isValid()) {
        m_status->setText(tr("Invalid expression: %1").arg(regex.errorString()));
    } else if (!valid || !m_document) {
        m_status->clear();
    } else if (m_document->document().text().size() <= LiveCountLimit) {
        m_status->setText(tr("%n match(es)", nullptr, int(matches().size())));
    } else {
        m_status->clear();
    }
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
    if (direction > 0) {
        const qsizetype from = document.toUtf16(selectionEnd).value;
        found = regex.match(text, from);
        if (!found.hasMatch() || found.capturedLength() == 0) {
            found = regex.match(text, 0); // wrap around
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
        }
    }
    if (!found.hasMatch() || found.capturedLength() == 0) {
        m_status->setText(tr("Not found"));
        return false;
    }
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
