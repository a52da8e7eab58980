// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDockWidget>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QTreeWidget;
QT_END_NAMESPACE

namespace Scholiast {

class AnnotationDocument;

/// "Relations": every relation of the document (issue 19) as label, first span and second span,
/// filtered by what is typed (a label or words of either span); activating a row shows its first
/// span, Delete removes the selected relations (one undo step). Relations are few next to the
/// spans: the list is rebuilt when they change, and only then.
class RelationsDock : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelationsDock)

public:
    explicit RelationsDock(QWidget *parent = nullptr);
    ~RelationsDock() override;

    void setDocument(AnnotationDocument *document);
    [[nodiscard]] QTreeWidget *list() const { return m_list; }
    [[nodiscard]] QLineEdit *filter() const { return m_filter; }

Q_SIGNALS:
    /// Show this span (a relation's first or second span).
    void spanRequested(const QString &id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuild();
    void removeSelected();
    void acceptSelected();

    QPointer<AnnotationDocument> m_document;
    QLineEdit *m_filter;
    QTreeWidget *m_list;
    QLabel *m_empty;
};

} // namespace Scholiast
