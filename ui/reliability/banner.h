// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QHBoxLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
QT_END_NAMESPACE

namespace Scholiast {

/// The warning strip above the text: one short message (rich text, a sentence or two), buttons,
/// and the diagnostics behind a Details toggle, as plain text in a short scrolling box, so the
/// strip stays a few lines high however many problems there are (issue 18, item 6).
class Banner : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Banner)

public:
    explicit Banner(QWidget *parent = nullptr);
    ~Banner() override;

    /// Shows `message` with `details` (one diagnostic a line, plain text) behind Details,
    /// collapsed; no Details button without details.
    void showMessage(const QString &message, const QStringList &details = {});
    /// What the banner says, as plain text: the message, and the details while expanded.
    [[nodiscard]] QString text() const;
    [[nodiscard]] QStringList details() const { return m_detailLines; }
    [[nodiscard]] bool detailsExpanded() const;
    void setDetailsExpanded(bool expanded);
    [[nodiscard]] QLabel *label() const { return m_label; }
    [[nodiscard]] QPushButton *detailsButton() const { return m_detailsButton; }
    [[nodiscard]] QPlainTextEdit *detailsView() const { return m_details; }
    /// Adds a button after the message and the Details toggle, before the close button.
    void addButton(QPushButton *button);

private:
    QLabel *m_label;
    QPushButton *m_detailsButton;
    QPlainTextEdit *m_details;
    QHBoxLayout *m_row;
    QStringList m_detailLines;
};

} // namespace Scholiast
