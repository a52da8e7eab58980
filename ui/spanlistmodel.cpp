// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "spanlistmodel.h"

#include "editing/annotationdocument.h"

#include <QColor>
#include <QSet>

#include <algorithm>
#include <tuple>

namespace Scholiast {

namespace {
// Long spans are shown shortened: the table is for finding, the view for reading.
constexpr int ShownTextLength = 120;

// AnnotationSet::sorted()'s order: the rows' order.
bool sortsBefore(const Annotation &a, const Annotation &b)
{
    return std::tie(a.start.value, a.end.value, a.label, a.id) < std::tie(b.start.value, b.end.value, b.label, b.id);
}

bool sameKey(const Annotation &a, const Annotation &b)
{
    return a.start == b.start && a.end == b.end && a.label == b.label;
}

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
}

void SpanListModel::reset()
{
    beginResetModel();
    fillFromSet();
    endResetModel();
}

const Annotation *SpanListModel::keyOf(const QString &id) const
{
    if (!m_oldValues.isEmpty()) {
        if (const Annotation *old = m_oldValues.value(id)) {
            return old;
        }
    }
    return m_document ? m_document->spans()->find(id) : nullptr;
}

int SpanListModel::lowerBound(const Annotation &span) const
{
    const auto it =
        std::lower_bound(m_ids.cbegin(), m_ids.cend(), span, [this](const QString &id, const Annotation &s) {
            const Annotation *row = keyOf(id);
            return row && sortsBefore(*row, s);
        });
    return int(it - m_ids.cbegin());
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

int SpanListModel::rowOf(const QString &id) const
{
    const Annotation *span = keyOf(id);
    if (!span) {
        return -1;
    }
    const int row = lowerBound(*span);
    return row < m_ids.size() && m_ids.at(row) == id ? row : -1;
}

void SpanListModel::onAdded(const QStringList &ids)
{
    // Each new span goes where it sorts (issue 18: appended at the bottom, the list no longer
    // followed the text). Positions are found in the rows as they are, then runs of spans
    // going to the same place are inserted from the bottom up, so earlier positions hold.
    std::vector<const Annotation *> added;
    added.reserve(size_t(ids.size()));
    for (const QString &id : ids) {
        if (const Annotation *span = m_document->spans()->find(id)) {
            added.push_back(span);
        }
    }
    std::sort(added.begin(), added.end(), [](const Annotation *a, const Annotation *b) { return sortsBefore(*a, *b); });
    struct Run
    {
        int row;
        size_t first;
        size_t last;
    };
    std::vector<Run> runs;
    for (size_t i = 0; i < added.size(); ++i) {
        const int row = lowerBound(*added[i]);
        if (!runs.empty() && runs.back().row == row) {
            runs.back().last = i;
        } else {
            runs.push_back({row, i, i});
        }
    }
    if (qsizetype(runs.size()) > MaxRemovalRuns) {
        reset(); // every insertion makes the proxy and the table walk the rows (see onAboutToBeRemoved)
        return;
    }
    for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
        const int count = int(run->last - run->first + 1);
        beginInsertRows(QModelIndex(), run->row, run->row + count - 1);
        QStringList inserted;
        inserted.reserve(count);
        for (size_t i = run->first; i <= run->last; ++i) {
            inserted.append(added[i]->id);
        }
        m_ids.insert(run->row, count, QString());
        std::move(inserted.begin(), inserted.end(), m_ids.begin() + run->row);
        endInsertRows();
    }
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
}

void SpanListModel::onChanged(const QList<Annotation> &before)
{
    // The rows are sorted by the old values; a span whose start, end or label changed may have
    // to move. Until a span is moved it is looked up by its old value (keyOf).
    for (const Annotation &span : before) {
        m_oldValues.insert(span.id, &span);
    }
    QList<const Annotation *> moved;
    for (const Annotation &span : before) {
        const Annotation *now = m_document->spans()->find(span.id);
        if (now && !sameKey(span, *now)) {
            moved.append(now);
        }
    }
    if (moved.size() > MaxRemovalRuns) {
        m_oldValues.clear();
        reset();
        return;
    }
    for (const Annotation *now : std::as_const(moved)) {
        const int from = rowOf(now->id);
        m_oldValues.remove(now->id);
        if (from < 0) {
            continue;
        }
        // Where it sorts among the other rows, found with it taken out.
        const QString id = m_ids.takeAt(from);
        const int to = lowerBound(*now);
        m_ids.insert(from, id);
        if (to == from) {
            continue;
        }
        const int destination = to > from ? to + 1 : to; // beginMoveRows counts before the move
        beginMoveRows(QModelIndex(), from, from, QModelIndex(), destination);
        m_ids.move(from, to);
        endMoveRows();
    }
    m_oldValues.clear();
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
