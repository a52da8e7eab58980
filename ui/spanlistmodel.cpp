// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "spanlistmodel.h"

#include "editing/annotationdocument.h"

#include <QColor>
#include <QSet>

namespace Scholiast {

namespace {
// Long spans are shown shortened: the table is for finding, the view for reading.
constexpr int ShownTextLength = 120;

QString shortened(const QString &text)
{
    QString shown = text.left(ShownTextLength);
    shown.replace(u'\n', u' ').replace(u'\r', u' ');
    return shown.size() < text.size() ? shown + u'…' : shown;
}
} // namespace

SpanListModel::SpanListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

SpanListModel::~SpanListModel() = default;

void SpanListModel::setDocument(AnnotationDocument *document)
{
    for (const auto &connection : std::as_const(m_connections)) {
        disconnect(connection);
    }
    m_connections.clear();
    m_document = document;
    if (document) {
        AnnotationSet *set = document->spans();
        m_connections = {
            connect(set, &AnnotationSet::spansAdded, this, &SpanListModel::onAdded),
            connect(set, &AnnotationSet::spansAboutToBeRemoved, this, &SpanListModel::onAboutToBeRemoved),
            connect(set, &AnnotationSet::spansChanged, this, &SpanListModel::onChanged),
            connect(set, &AnnotationSet::aboutToReset, this, [this] { beginResetModel(); }),
            connect(set, &AnnotationSet::wasReset, this,
                    [this] {
                        fillFromSet();
                        endResetModel();
                    }),
        };
    }
    beginResetModel();
    fillFromSet();
    endResetModel();
}

void SpanListModel::fillFromSet()
{
    m_ids.clear();
    if (m_document) {
        const auto spans = m_document->spans()->sorted();
        m_ids.reserve(qsizetype(spans.size()));
        for (const Annotation *span : spans) {
            m_ids.append(span->id);
        }
    }
    m_rowsStale = true;
}

int SpanListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int SpanListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SpanListModel::data(const QModelIndex &index, int role) const
{
    if (!m_document || !checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const QString &id = m_ids.at(index.row());
    if (role == IdRole) {
        return id;
    }
    const Annotation *span = m_document->spans()->find(id);
    if (!span) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StartColumn:
            return span->start.value;
        case EndColumn:
            return span->end.value;
        case LabelColumn:
            return span->label;
        case TextColumn:
            return role == Qt::ToolTipRole ? span->text().left(2000) : shortened(span->text());
        case NoteColumn:
            return span->note();
        case StatusColumn:
            return statusText(*span);
        default:
            return {};
        }
    case SortRole:
        switch (index.column()) {
        case StartColumn:
            return span->start.value;
        case EndColumn:
            return span->end.value;
        case LabelColumn:
            return span->label;
        case TextColumn:
            return span->text();
        case NoteColumn:
            return span->note();
        case StatusColumn:
            return statusText(*span);
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == LabelColumn) {
            if (const Label *label = m_document->labels().find(span->label)) {
                return QColor(label->color);
            }
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() <= EndColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QString SpanListModel::statusText(const Annotation &span)
{
    if (span.isOrphan()) {
        return tr("orphaned");
    }
    switch (span.status()) {
    case Annotation::Status::Pending:
        return tr("pending");
    case Annotation::Status::Rejected:
        return tr("rejected");
    case Annotation::Status::Conflict:
        return tr("conflict");
    case Annotation::Status::Unset: // a span without status is accepted (docs/FORMAT.md §6.5)
    case Annotation::Status::Accepted:
        break;
    }
    return tr("accepted");
}

QVariant SpanListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case StartColumn:
        return tr("Start");
    case EndColumn:
        return tr("End");
    case LabelColumn:
        return tr("Label");
    case TextColumn:
        return tr("Text");
    case NoteColumn:
        return tr("Note");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

void SpanListModel::rebuildRows() const
{
    m_rows.clear();
    m_rows.reserve(m_ids.size());
    for (int row = 0; row < m_ids.size(); ++row) {
        m_rows.insert(m_ids.at(row), row);
    }
    m_rowsStale = false;
}

int SpanListModel::rowOf(const QString &id) const
{
    if (m_rowsStale) {
        rebuildRows();
    }
    return m_rows.value(id, -1);
}

void SpanListModel::onAdded(const QStringList &ids)
{
    const int first = int(m_ids.size());
    beginInsertRows(QModelIndex(), first, first + int(ids.size()) - 1);
    for (const QString &id : ids) {
        if (!m_rowsStale) {
            m_rows.insert(id, int(m_ids.size()));
        }
        m_ids.append(id);
    }
    endInsertRows();
}

void SpanListModel::onAboutToBeRemoved(const QStringList &ids)
{
    // Remove from the bottom up so that the rows still to remove keep their numbers; runs of
    // neighbouring rows go in one step.
    QList<int> rows;
    for (const QString &id : ids) {
        const int row = rowOf(id);
        if (row >= 0) {
            rows.append(row);
        }
    }
    std::sort(rows.begin(), rows.end(), std::greater<>());
    qsizetype runs = 0;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        runs += (i == 0 || rows[i] != rows[i - 1] - 1) ? 1 : 0;
    }
    // Each removal makes the sort proxy and the table walk every row: for spans spread over a
    // large document (reject all, undo an import) one reset costs far less (issue 17: 40,000 of
    // 1,000,000 spans took two minutes as separate removals).
    if (runs > MaxRemovalRuns) {
        beginResetModel();
        std::vector<bool> gone(size_t(m_ids.size()), false);
        for (const int row : std::as_const(rows)) {
            gone[size_t(row)] = true;
        }
        qsizetype kept = 0;
        for (qsizetype row = 0; row < m_ids.size(); ++row) {
            if (!gone[size_t(row)]) {
                m_ids[kept++] = std::move(m_ids[row]);
            }
        }
        m_ids.resize(kept);
        m_rowsStale = true;
        endResetModel();
        return;
    }
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] - 1) {
            ++j;
        }
        const int last = rows[i];
        const int first = rows[j];
        beginRemoveRows(QModelIndex(), first, last);
        m_ids.remove(first, last - first + 1);
        endRemoveRows();
        i = j + 1;
    }
    m_rowsStale = true;
}

void SpanListModel::onChanged(const QList<Annotation> &before)
{
    for (const Annotation &span : before) {
        const int row = rowOf(span.id);
        if (row >= 0) {
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
}

SpanFilterModel::SpanFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SpanListModel::SortRole);
    setDynamicSortFilter(true);
}

SpanFilterModel::~SpanFilterModel() = default;

void SpanFilterModel::setLabelFilter(const QString &label)
{
    if (label != m_label) {
        m_label = label;
        invalidateFilter();
    }
}

void SpanFilterModel::setTextFilter(const QString &text)
{
    if (text != m_text) {
        m_text = text;
        invalidateFilter();
    }
}

bool SpanFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_label.isEmpty() && m_text.isEmpty()) {
        return true;
    }
    const QAbstractItemModel *model = sourceModel();
    if (!m_label.isEmpty()
        && model->index(sourceRow, SpanListModel::LabelColumn, sourceParent).data(SpanListModel::SortRole).toString()
            != m_label) {
        return false;
    }
    if (!m_text.isEmpty()) {
        const QString text =
            model->index(sourceRow, SpanListModel::TextColumn, sourceParent).data(SpanListModel::SortRole).toString();
        const QString note =
            model->index(sourceRow, SpanListModel::NoteColumn, sourceParent).data(SpanListModel::SortRole).toString();
        return text.contains(m_text, Qt::CaseInsensitive) || note.contains(m_text, Qt::CaseInsensitive);
    }
    return true;
}

} // namespace Scholiast
