// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "suggestion.h"

#include "annotationset.h"

#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace Scholiast::Suggest {

Annotation makeSuggestion(const Document &document, Utf16Index start, Utf16Index end, const QString &label,
                          const QString &source, double score, const QString &reason)
{
    Annotation span(document.toCodePoint(start), document.toCodePoint(end), label);
    span.setText(document.text().mid(start.value, end - start));
    span.setSource(source);
    span.setStatus(Annotation::Status::Pending);
    span.setScore(score);
    span.setExtraFields(QJsonObject{{ReasonField.toString(), reason}});
    return span;
}

Annotation makeSuggestion(const Document &document, CodePoint start, CodePoint end, const QString &label,
                          const QString &source, std::optional<double> score, const QString &reason)
{
    Annotation span(start, end, label);
    span.setText(document.slice(start, end).toString());
    span.setSource(source);
    span.setStatus(Annotation::Status::Pending);
    span.setScore(score);
    if (!reason.isEmpty()) {
        span.setExtraFields(QJsonObject{{ReasonField.toString(), reason}});
    }
    return span;
}

QString reason(const Annotation &span)
{
    if (!span.hasDetails()) {
        return {};
    }
    return span.extraFields().value(ReasonField).toString();
}

namespace {
struct Key
{
    qint64 start;
    qint64 end;
    QString label;
    bool operator==(const Key &) const = default;
};
size_t qHash(const Key &key, size_t seed = 0)
{
    return qHashMulti(seed, key.start, key.end, key.label);
}
} // namespace

QList<Annotation> withoutDuplicates(const QList<Annotation> &suggestions, const QList<Annotation> &existing)
{
    QSet<Key> seen;
    seen.reserve(existing.size() + suggestions.size());
    for (const Annotation &a : existing) {
        seen.insert(Key{a.start.value, a.end.value, a.label});
    }
    QList<Annotation> result;
    result.reserve(suggestions.size());
    for (const Annotation &s : suggestions) {
        Key key{s.start.value, s.end.value, s.label};
        if (!seen.contains(key)) {
            seen.insert(std::move(key));
            result.append(s);
        }
    }
    return result;
}

QList<Relation> relationsOnto(const QList<SuggestedRelation> &suggested, const AnnotationSet &set,
                              const QString &source)
{
    const auto find = [&set](const SpanKey &key) -> QString {
        for (const Annotation *span : set.overlapping(key.start, std::max(key.end, key.start + 1))) {
            if (!span->isOrphan() && span->start == key.start && span->end == key.end && span->label == key.label) {
                return span->id;
            }
        }
        return {};
    };
    QList<Relation> placed;
    for (const SuggestedRelation &s : suggested) {
        Relation relation;
        relation.label = s.label;
        relation.from = find(s.from);
        relation.to = find(s.to);
        if (relation.from.isEmpty() || relation.to.isEmpty() || relation.from == relation.to) {
            continue;
        }
        const auto same = [&relation](const Relation &r) {
            return r.label == relation.label && r.from == relation.from && r.to == relation.to;
        };
        if (std::any_of(set.relations().begin(), set.relations().end(), same)
            || std::any_of(placed.begin(), placed.end(), same)) {
            continue;
        }
        relation.source = source;
        relation.status = Annotation::Status::Pending;
        if (!s.reason.isEmpty()) {
            relation.extraFields.insert(ReasonField.toString(), s.reason);
        }
        placed.append(relation);
    }
    return placed;
}

void trimWhiteSpace(QStringView text, qsizetype &start, qsizetype &end)
{
    while (start < end && text.at(start).isSpace()) {
        ++start;
    }
    while (end > start && text.at(end - 1).isSpace()) {
        --end;
    }
}

} // namespace Scholiast::Suggest
