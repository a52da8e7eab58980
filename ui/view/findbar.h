// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editing/annotationdocument.h"

#include <QPointer>
#include <QRegularExpression>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
QT_END_NAMESPACE

namespace Scholiast {

class AnnotationView;

/// The find bar (Ctrl+F): plain text or a regular expression, case and whole-word toggles;
/// highlights the matches in the view and tags all of them with a label as one undo step.
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

Q_SIGNALS:
    void closed();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updatePattern();

    AnnotationView *m_view;
    QPointer<AnnotationDocument> m_document;
    QLineEdit *m_text;
    QCheckBox *m_case;
    QCheckBox *m_words;
    QCheckBox *m_regex;
    QLabel *m_status;
    QComboBox *m_label;
    QPushButton *m_tagAll;
};

} // namespace Scholiast
