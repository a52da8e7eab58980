// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "writecheck.h"

#include <algorithm>

#include <QSet>
#include <QStringList>

#include <set>
#include <tuple>

namespace Scholiast::Interchange {

std::optional<StatusFilter> StatusFilter::fromNames(QStringView names)
{
    StatusFilter filter{false, false, false, false};
    for (const QStringView name : names.split(u',', Qt::SkipEmptyParts)) {
        const QStringView n = name.trimmed();
        if (n == u"accepted") {
            filter.accepted = true;
        } else if (n == u"pending") {
            filter.pending = true;
        } else if (n == u"rejected") {
            filter.rejected = true;
        } else if (n == u"conflict") {
            filter.conflict = true;
        } else if (n == u"all") {
            filter = all();
        } else {
            return std::nullopt;
        }
    }
    if (!filter.accepted && !filter.pending && !filter.rejected && !filter.conflict) {
        return std::nullopt;
    }
    return filter;
}

bool StatusFilter::includes(const Annotation &span) const
{
    switch (span.status()) {
    case Annotation::Status::Unset:
    case Annotation::Status::Accepted:
        return accepted;
    case Annotation::Status::Pending:
        return pending;
    case Annotation::Status::Rejected:
        return rejected;
    case Annotation::Status::Conflict:
        return conflict;
    }
    return accepted;
}

bool StatusFilter::includes(const Relation &relation) const
{
    return relation.isPending() ? pending : accepted;
}

QString StatusFilter::names() const
{
    QStringList list;
    if (accepted) {
        list << QStringLiteral("accepted");
    }
    if (pending) {
        list << QStringLiteral("pending");
    }
    if (rejected) {
        list << QStringLiteral("rejected");
    }
    if (conflict) {
        list << QStringLiteral("conflict");
    }
    return list.join(u',');
}

qsizetype filterByStatus(QList<Annotation> &spans, const StatusFilter &filter)
{
    if (filter.includesEverything()) {
        return 0;
    }
    return spans.removeIf([&filter](const Annotation &a) { return !filter.includes(a); });
}

qsizetype filterByStatus(QList<Item> &items, const StatusFilter &filter)
{
    qsizetype removed = 0;
    for (Item &item : items) {
        removed += filterByStatus(item.spans, filter);
        filterRelationsByStatus(item.relations, item.spans, filter);
    }
    return removed;
}

void filterRelationsByStatus(QList<Relation> &relations, const QList<Annotation> &spans, const StatusFilter &filter)
{
    if (relations.isEmpty() || filter.includesEverything()) {
        return;
    }
    QSet<QString> ids;
    ids.reserve(spans.size());
    for (const Annotation &span : spans) {
        ids.insert(span.id);
    }
    relations.removeIf([&](const Relation &relation) {
        return !filter.includes(relation) || !ids.contains(relation.from) || !ids.contains(relation.to);
    });
}

qsizetype removeExactDuplicates(const QList<Annotation> &existing, QList<Annotation> &incoming)
{
    std::set<std::tuple<CodePoint, CodePoint, QString>> seen;
    for (const Annotation &a : existing) {
        if (!a.isOrphan()) {
            seen.emplace(a.start, a.end, a.label);
        }
    }
    return incoming.removeIf(
        [&seen](const Annotation &a) { return !a.isOrphan() && !seen.emplace(a.start, a.end, a.label).second; });
}

QList<Relation> relationsOntoSet(const QList<Relation> &relations, const QList<Annotation> &read,
                                 const QList<Annotation> &added, const QStringList &addedIds, const AnnotationSet &set,
                                 qsizetype &leftOut)
{
    QHash<QString, QString> ids;
    for (qsizetype i = 0; i < added.size() && i < addedIds.size(); ++i) {
        if (!added.at(i).id.isEmpty()) {
            ids.insert(added.at(i).id, addedIds.at(i));
        }
    }
    for (const Annotation &span : read) {
        if (span.id.isEmpty() || ids.contains(span.id)) {
            continue;
        }
        for (const Annotation *there : set.overlapping(span.start, span.end)) {
            if (!there->isOrphan() && there->start == span.start && there->end == span.end
                && there->label == span.label) {
                ids.insert(span.id, there->id);
                break;
            }
        }
    }
    QList<Relation> placed;
    for (Relation relation : relations) {
        relation.from = ids.value(relation.from);
        relation.to = ids.value(relation.to);
        if (relation.from.isEmpty() || relation.to.isEmpty()) {
            ++leftOut;
            continue;
        }
        placed.append(relation);
    }
    return placed;
}

qsizetype leaveOutUnwritable(QList<Item> &items, const Format &format, OffsetUnit unit, bool allowLoss,
                             Diagnostics &diagnostics)
{
    const bool brat = format.name == u"brat";
    qsizetype leftOut = 0;
    for (Item &item : items) {
        const OffsetConverter converter(item.document);
        const QString file = item.documentPath.isEmpty() ? item.name : item.documentPath;
        const auto isLineBreak = [](QChar c) { return c == u'\n' || c == u'\r'; };
        item.spans.removeIf([&](const Annotation &a) {
            QString reason;
            const bool inside =
                a.start >= CodePoint(0) && a.start < a.end && a.end <= CodePoint(item.document.length());
            if (a.isOrphan()) {
                reason = QStringLiteral("it is orphaned (it has no place in the document)");
            } else if (!inside || !a.fits(item.document)) {
                reason = QStringLiteral("its text is not the document's text there");
            } else if (const QList<Fragment> pieces = a.fragments();
                       std::any_of(pieces.begin(), pieces.end(), [&](const Fragment &f) {
                           return !converter.fromCodePoint(unit, f.start.value)
                               || !converter.fromCodePoint(unit, f.end.value);
                       })) {
                reason = QStringLiteral("%1 cannot count its boundaries in %2: the conversion would move it")
                             .arg(format.name, OffsetUnits::description(unit));
            } else if (brat && a.text().trimmed().isEmpty()) {
                reason = QStringLiteral("brat cannot hold a span of white space or line breaks only");
            }
            if (reason.isEmpty()) {
                if (brat && !a.text().isEmpty() && (isLineBreak(a.text().front()) || isLineBreak(a.text().back()))) {
                    diagnostics.append(Diagnostic::warning(
                        file,
                        QStringLiteral("span %1 (%2-%3): brat does not keep the line break at its start or end; "
                                       "written without it")
                            .arg(a.id)
                            .arg(a.start.value)
                            .arg(a.end.value)));
                }
                return false;
            }
            ++leftOut;
            const QString message = QStringLiteral("span %1(%2-%3, %4) not written to %5: %6%7")
                                        .arg(a.id.isEmpty() ? QString() : a.id + u' ')
                                        .arg(a.start.value)
                                        .arg(a.end.value)
                                        .arg(a.label, format.name, reason,
                                             allowLoss ? QString() : QStringLiteral(" (--allow-loss writes the rest)"));
            diagnostics.append(allowLoss ? Diagnostic::warning(file, message) : Diagnostic::error(file, message));
            return true;
        });
    }
    return leftOut;
}

} // namespace Scholiast::Interchange
