// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace Scholiast {

class Annotation;
class AnnotationDocument;

/// A table over the spans of one document, one row per span id, in the set's file order (start,
/// end, label, id). Rows follow the set's change signals with begin/endInsertRows and friends:
/// a new span is inserted where it sorts, a moved one is moved (issue 18: they were appended);
/// other orders are left to a proxy.
class SpanListModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpanListModel)

public:
    enum Column { StartColumn, EndColumn, LabelColumn, StatusColumn, TextColumn, NoteColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, SortRole };

    explicit SpanListModel(QObject *parent = nullptr);
    ~SpanListModel() override;

    void setDocument(AnnotationDocument *document);

    [[nodiscard]] int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    /// "accepted" (also for a span without status), "pending", "rejected" or "orphaned".
    [[nodiscard]] static QString statusText(const Annotation &span);

    /// The row of a span, or -1: a binary search over the rows, O(log n).
    [[nodiscard]] int rowOf(const QString &id) const;
    [[nodiscard]] QString idAt(int row) const { return m_ids.value(row); }

private:
    /// More separate runs of rows than this in one insertion, removal or move: the model is
    /// reset instead.
    static constexpr qsizetype MaxRemovalRuns = 16;

    void onAdded(const QStringList &ids);
    void onAboutToBeRemoved(const QStringList &ids);
    void onChanged(const QList<Annotation> &before);
    void fillFromSet();
    void reset();
    /// The span a row shows, as far as the order goes: its value in `m_oldValues` while a
    /// change is being applied, else the set's.
    [[nodiscard]] const Annotation *keyOf(const QString &id) const;
    /// The first row whose span does not sort before `span`.
    [[nodiscard]] int lowerBound(const Annotation &span) const;

    QPointer<AnnotationDocument> m_document;
    QStringList m_ids; // sorted like AnnotationSet::sorted()
    QHash<QString, const Annotation *> m_oldValues; // only within onChanged
    QList<QMetaObject::Connection> m_connections;
};

/// Filters spans by label and by text (in the covered text or the note).
class SpanFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpanFilterModel)

public:
    explicit SpanFilterModel(QObject *parent = nullptr);
    ~SpanFilterModel() override;

    /// An empty label shows every label.
    void setLabelFilter(const QString &label);
    void setTextFilter(const QString &text);

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_label;
    QString m_text;
};

} // namespace Scholiast
