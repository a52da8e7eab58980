// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDockWidget>
#include <QHash>
#include <QPointer>
#include <QSet>

QT_BEGIN_NAMESPACE
class QTreeWidget;
class QTreeWidgetItem;
QT_END_NAMESPACE

namespace Scholiast {

class Annotation;
class AnnotationDocument;

/// The legend: each label's colour, key and number of spans; clicking a label hides or shows
/// its spans in the view.
class LegendDock : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LegendDock)

public:
    explicit LegendDock(QWidget *parent = nullptr);
    ~LegendDock() override;

    void setDocument(AnnotationDocument *document);
    [[nodiscard]] qsizetype count(const QString &label) const { return m_counts.value(label); }
    /// Spans of the label that are accepted (or have no status) and placed: gold.
    [[nodiscard]] qsizetype acceptedCount(const QString &label) const { return m_accepted.value(label); }
    /// Spans of the label still waiting for review.
    [[nodiscard]] qsizetype pendingCount(const QString &label) const { return m_pending.value(label); }
    [[nodiscard]] bool isLabelVisible(const QString &label) const;
    void setLabelVisible(const QString &label, bool visible);
    [[nodiscard]] QTreeWidget *treeWidget() const { return m_tree; }

Q_SIGNALS:
    void labelVisibilityChanged(const QString &label, bool visible);

private:
    void recount();
    void rebuild(const QSet<QString> &hidden = {});
    void updateCounts();
    void adjust(const Annotation &span, qsizetype delta);

    QPointer<AnnotationDocument> m_document;
    QTreeWidget *m_tree;
    QHash<QString, qsizetype> m_counts; // every span
    QHash<QString, qsizetype> m_accepted; // counted apart (issue 13): gold
    QHash<QString, qsizetype> m_pending; // and suggestions not yet reviewed
    QList<QMetaObject::Connection> m_connections;
};

} // namespace Scholiast
