// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editing/annotationdocument.h"

#include <QPointer>
#include <QRegularExpression>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QBoxLayout;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
QT_END_NAMESPACE

namespace Scholiast {

class AnnotationView;

/// The find bar (Ctrl+F): plain text or a regular expression, case and whole-word toggles;
/// highlights the matches in the view and tags all of them with a label as one undo step.
/// It sits under the text view in the central area and never asks for more width than a
/// narrow one: when one row does not fit it takes two, so opening it never moves the docks.
/// Its status says "3 of 12", "No matches", and when a search wraps around the document.
class FindBar : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindBar)

public:
    explicit FindBar(AnnotationView *view, QWidget *parent = nullptr);
    ~FindBar() override;

    void setDocument(AnnotationDocument *document);
    /// Shows the bar with the view's selection (if short) as the search text, and focuses it.
    void activate();
    void deactivate();

    void setSearchText(const QString &text);
    void setCaseSensitive(bool on);
    void setWholeWords(bool on);
    void setRegularExpression(bool on);
    void setTagLabel(const QString &label);

    /// The pattern for the current settings (invalid when the regular expression is).
    [[nodiscard]] QRegularExpression pattern() const;
    /// Every match in the document, in code points.
    [[nodiscard]] QList<CodePointRange> matches() const;

    /// Selects the next (direction 1) or previous (-1) match from the caret; false when none.
    bool findNext(int direction = 1);
    /// Tags every match with the chosen label as one undo step; returns how many.
    qsizetype tagAllMatches();
    /// What the bar says about the search ("3 of 12", "No matches", "Wrapped to the top").
    [[nodiscard]] QString statusText() const;
    /// The bar lays itself out in two rows (too narrow for one).
    [[nodiscard]] bool isTwoRows() const { return m_twoRows; }

    [[nodiscard]] QSize minimumSizeHint() const override;

Q_SIGNALS:
    void closed();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updatePattern();
    /// Puts the widgets in one row, or in two (search and toggles; status, label and Tag all).
    void arrange(bool twoRows);
    /// The width one row needs to show everything at its preferred size.
    [[nodiscard]] int oneRowWidth() const;
    /// "k of N" for the match starting at `utf16Start`, empty when the matches were not counted.
    [[nodiscard]] QString positionText(qsizetype utf16Start) const;

    AnnotationView *m_view;
    QPointer<AnnotationDocument> m_document;
    QLineEdit *m_text;
    QToolButton *m_previous;
    QToolButton *m_next;
    QToolButton *m_case;
    QToolButton *m_words;
    QToolButton *m_regex;
    QLabel *m_status;
    QComboBox *m_label;
    QPushButton *m_tagAll;
    QToolButton *m_close;
    QBoxLayout *m_firstRow;
    QBoxLayout *m_secondRow;
    bool m_twoRows = false;
    // Where each match starts (UTF-16, ascending), for "k of N"; counted only where it stays
    // instant, as the live count is.
    QList<qsizetype> m_matchStarts;
    bool m_counted = false;
};

} // namespace Scholiast
