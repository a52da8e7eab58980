// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDockWidget>
#include <QPointer>
#include <QSet>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTreeWidget;
QT_END_NAMESPACE

namespace Scholiast {

class AnnotationDocument;

/// "Orphaned spans": the spans re-anchoring could not place in the changed document. They are
/// kept and saved (docs/FORMAT.md §6); here the user picks one, selects its text in the view and
/// presses "Place at selection".
///
/// Tracks orphans from the set's change signals, so a change costs what it touches.
class OrphansDock : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrphansDock)

public:
    explicit OrphansDock(QWidget *parent = nullptr);
    ~OrphansDock() override;

    void setDocument(AnnotationDocument *document);
    /// Whether the view has a selection to place an orphan at.
    void setSelectionAvailable(bool available);
    void setReadOnly(bool readOnly);

    [[nodiscard]] qsizetype count() const { return m_orphans.size(); }
    /// The orphan picked in the list, or an empty string.
    [[nodiscard]] QString currentOrphan() const;
    void setCurrentOrphan(const QString &id);
    [[nodiscard]] QTreeWidget *list() const { return m_list; }
    [[nodiscard]] QPushButton *placeButton() const { return m_place; }

Q_SIGNALS:
    void countChanged(qsizetype count);
    /// The user asks to place the orphan at the view's selection.
    void placeRequested(const QString &id);

private:
    void check(const QStringList &ids);
    void rescan();
    void rebuild();
    void updateButton();

    QPointer<AnnotationDocument> m_document;
    QSet<QString> m_orphans;
    QLabel *m_hint;
    QTreeWidget *m_list;
    QPushButton *m_place;
    bool m_selectionAvailable = false;
    bool m_readOnly = false;
};

} // namespace Scholiast
