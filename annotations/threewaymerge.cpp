// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "threewaymerge.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <map>
#include <tuple>

namespace Scholiast::ThreeWayMerge {

namespace {

enum class Side { Ours, Theirs };

QString sideName(Side side)
{
    return side == Side::Ours ? QStringLiteral("ours") : QStringLiteral("theirs");
}

// The parts of a span a branch can change on its own. The range carries what follows from it
// (text, context, orphan flag), so that a resized span never gets the other side's text.
struct SpanField
{
    const char *name;
    bool (*same)(const Annotation &, const Annotation &);
    void (*take)(Annotation &into, const Annotation &from);
};

const SpanField SpanFields[] = {
    {"range",
     [](const Annotation &a, const Annotation &b) {
         return a.start == b.start && a.end == b.end && a.fragments() == b.fragments() && a.text() == b.text()
             && a.prefix() == b.prefix() && a.suffix() == b.suffix() && a.isOrphan() == b.isOrphan();
     },
     [](Annotation &into, const Annotation &from) {
         into.setFragments(from.fragments());
         into.setText(from.text());
         into.setContext(from.prefix(), from.suffix());
         into.setOrphan(from.isOrphan());
     }},
    {"label", [](const Annotation &a, const Annotation &b) { return a.label == b.label; },
     [](Annotation &into, const Annotation &from) { into.label = from.label; }},
    {"note", [](const Annotation &a, const Annotation &b) { return a.note() == b.note(); },
     [](Annotation &into, const Annotation &from) { into.setNote(from.note()); }},
    {"status", [](const Annotation &a, const Annotation &b) { return a.status() == b.status(); },
     [](Annotation &into, const Annotation &from) { into.setStatus(from.status()); }},
    {"annotator", [](const Annotation &a, const Annotation &b) { return a.annotator() == b.annotator(); },
     [](Annotation &into, const Annotation &from) { into.setAnnotator(from.annotator()); }},
    {"source", [](const Annotation &a, const Annotation &b) { return a.source() == b.source(); },
     [](Annotation &into, const Annotation &from) { into.setSource(from.source()); }},
    {"score", [](const Annotation &a, const Annotation &b) { return a.score() == b.score(); },
     [](Annotation &into, const Annotation &from) { into.setScore(from.score()); }},
    {"created", [](const Annotation &a, const Annotation &b) { return a.created() == b.created(); },
     [](Annotation &into, const Annotation &from) { into.setCreated(from.created()); }},
};

// The three-way rule for one value: which side to take, or nullopt for a conflict.
template <typename Same> std::optional<Side> pick(bool hasBase, Same same)
{
    if (same(Side::Ours, Side::Theirs)) {
        return Side::Ours;
    }
    if (hasBase && same(Side::Ours, std::nullopt)) {
        return Side::Theirs; // only theirs changed it
    }
    if (hasBase && same(Side::Theirs, std::nullopt)) {
        return Side::Ours;
    }
    return std::nullopt;
}

// The same rule for plain values; `base` null when the value has none to compare with.
template <typename T> std::optional<Side> pickValue(const T &ours, const T &theirs, const T *base)
{
    const auto value = [&](std::optional<Side> side) -> const T & {
        return !side ? *base : *side == Side::Ours ? ours : theirs;
    };
    return pick(base != nullptr, [&](Side a, std::optional<Side> b) { return value(a) == value(b); });
}

// Unknown fields merged key by key; `conflicts` gets the keys changed differently on both sides.
QJsonObject mergeObjects(const QJsonObject *base, const QJsonObject &ours, const QJsonObject &theirs,
                         QStringList &conflicts, const QSet<QString> &ignored = {})
{
    QJsonObject merged = ours;
    QStringList keys = ours.keys();
    for (const QString &key : theirs.keys()) {
        if (!ours.contains(key)) {
            keys.append(key);
        }
    }
    if (base) {
        for (const QString &key : base->keys()) {
            if (!ours.contains(key) && !theirs.contains(key)) {
                keys.append(key);
            }
        }
    }
    for (const QString &key : keys) {
        if (ignored.contains(key)) {
            continue;
        }
        const QJsonValue o = ours.value(key);
        const QJsonValue t = theirs.value(key);
        // Without a base object, a key one side lacks counts as unchanged there.
        const QJsonValue b = base ? base->value(key) : QJsonValue(QJsonValue::Undefined);
        const auto side = pickValue(o, t, &b);
        if (!side) {
            conflicts.append(key);
            continue; // ours stays
        }
        const QJsonValue &value = *side == Side::Ours ? o : t;
        if (value.isUndefined()) {
            merged.remove(key);
        } else {
            merged.insert(key, value);
        }
    }
    return merged;
}

QString describe(const Annotation &span)
{
    return QStringLiteral("span %1 (%2 %3-%4)").arg(span.id, span.label).arg(span.start.value).arg(span.end.value);
}

// One span of the merge and where it came from.
struct Merged
{
    Annotation span;
    Side side = Side::Ours;
};

Annotation conflictVersion(const Annotation &span, Side side, const QString &of, const QString &other,
                           const QStringList &fields)
{
    Annotation version = span;
    QJsonObject info{
        {QStringLiteral("of"), of}, {QStringLiteral("side"), sideName(side)}, {QStringLiteral("other"), other}};
    if (span.status() != Annotation::Status::Unset) {
        info.insert(QStringLiteral("status"), Annotation::statusName(span.status()));
    }
    if (!fields.isEmpty()) {
        info.insert(QStringLiteral("fields"), QJsonArray::fromStringList(fields));
    }
    QJsonObject extra = version.extraFields();
    extra.insert(QLatin1String(ConflictKey), info);
    version.setExtraFields(extra);
    version.setStatus(Annotation::Status::Conflict);
    return version;
}

class SpanMerger
{
public:
    SpanMerger(const QList<Annotation> &base, const QList<Annotation> &ours, const QList<Annotation> &theirs,
               Result &result)
        : m_result(result)
    {
        for (const QList<Annotation> *list : {&base, &ours, &theirs}) {
            for (const Annotation &a : *list) {
                m_usedIds.insert(a.id);
            }
        }
        QHash<QString, const Annotation *> baseById;
        QHash<QString, const Annotation *> theirsById;
        for (const Annotation &a : base) {
            baseById.insert(a.id, &a);
        }
        for (const Annotation &a : theirs) {
            theirsById.insert(a.id, &a);
        }
        QSet<QString> seen;
        for (const Annotation &o : ours) {
            seen.insert(o.id);
            mergeOne(baseById.value(o.id), &o, theirsById.value(o.id));
        }
        for (const Annotation &t : theirs) {
            if (!seen.contains(t.id)) {
                seen.insert(t.id);
                mergeOne(baseById.value(t.id), nullptr, &t);
            }
        }
        for (const Annotation &b : base) {
            if (!seen.contains(b.id)) {
                seen.insert(b.id); // removed on both sides
            }
        }
        mergeDuplicates();
    }

    [[nodiscard]] QList<Annotation> spans() const
    {
        QList<Annotation> spans;
        spans.reserve(qsizetype(m_merged.size()));
        for (const Merged &m : m_merged) {
            spans.append(m.span);
        }
        return spans;
    }

private:
    QString freshId(const QString &from)
    {
        QString id = from + QStringLiteral("~theirs");
        for (int n = 2; m_usedIds.contains(id); ++n) {
            id = from + QStringLiteral("~theirs%1").arg(n);
        }
        m_usedIds.insert(id);
        return id;
    }

    void conflict(const Annotation *ours, const Annotation *theirs, const QStringList &fields)
    {
        const QString of = ours ? ours->id : theirs->id;
        if (ours && theirs) {
            m_merged.push_back({conflictVersion(*ours, Side::Ours, of, QStringLiteral("changed"), fields), Side::Ours});
            Annotation version = conflictVersion(*theirs, Side::Theirs, of, QStringLiteral("changed"), fields);
            version.id = freshId(of);
            m_merged.push_back({version, Side::Theirs});
            m_result.messages.append(QStringLiteral("%1: %2 changed differently on both branches (theirs kept as %3)")
                                         .arg(describe(*ours), fields.join(QStringLiteral(", ")), version.id));
        } else {
            const Side side = ours ? Side::Ours : Side::Theirs;
            const Annotation &kept = ours ? *ours : *theirs;
            m_merged.push_back({conflictVersion(kept, side, of, QStringLiteral("removed"), fields), side});
            m_result.messages.append(
                QStringLiteral("%1: changed on %2, removed on %3")
                    .arg(describe(kept), sideName(side), sideName(ours ? Side::Theirs : Side::Ours)));
        }
        ++m_result.spanConflicts;
    }

    void mergeOne(const Annotation *base, const Annotation *ours, const Annotation *theirs)
    {
        if (ours && theirs && *ours == *theirs) {
            m_merged.push_back({*ours, Side::Ours});
            return;
        }
        if (!ours || !theirs) {
            const Annotation *present = ours ? ours : theirs;
            if (!base) {
                m_merged.push_back({*present, ours ? Side::Ours : Side::Theirs}); // added on one side
            } else if (!(*present == *base)) {
                conflict(ours, theirs, {}); // changed on one side, removed on the other
            }
            return; // else removed on one side, unchanged on the other
        }
        if (!base && !SpanFields[0].same(*ours, *theirs)) {
            // Both added a span with this id at different places: two spans, not one (ids made
            // by hand, `s0001`, repeat across annotators).
            m_merged.push_back({*ours, Side::Ours});
            Annotation renamed = *theirs;
            renamed.id = freshId(theirs->id);
            m_merged.push_back({renamed, Side::Theirs});
            return;
        }
        Annotation merged = *ours;
        QStringList conflicting;
        for (const SpanField &field : SpanFields) {
            const auto same = [&](Side a, std::optional<Side> b) {
                const Annotation &left = a == Side::Ours ? *ours : *theirs;
                const Annotation &right = !b ? *base : *b == Side::Ours ? *ours : *theirs;
                return field.same(left, right);
            };
            if (const auto side = pick(base != nullptr, same)) {
                field.take(merged, *side == Side::Ours ? *ours : *theirs);
            } else {
                conflicting.append(QLatin1String(field.name));
            }
        }
        const QJsonObject baseExtra = base ? base->extraFields() : QJsonObject();
        QStringList extraConflicts;
        merged.setExtraFields(
            mergeObjects(base ? &baseExtra : nullptr, ours->extraFields(), theirs->extraFields(), extraConflicts));
        conflicting.append(extraConflicts);
        if (!conflicting.isEmpty()) {
            conflict(ours, theirs, conflicting);
            return;
        }
        // The later of the two edits is the span's last change.
        const QDateTime o = ours->modified();
        const QDateTime t = theirs->modified();
        merged.setModified(!o.isValid() ? t : !t.isValid() ? o : std::max(o, t));
        m_merged.push_back({merged, Side::Ours});
    }

    // docs/FORMAT.md §8.5: one placed span per range and label. Both branches tagging the same
    // text the same way is one span; tagging it with different notes is a conflict.
    void mergeDuplicates()
    {
        std::map<std::tuple<qint64, qint64, QString>, std::vector<size_t>> byRange;
        for (size_t i = 0; i < m_merged.size(); ++i) {
            const Annotation &a = m_merged[i].span;
            if (!a.isOrphan() && a.status() != Annotation::Status::Conflict) {
                byRange[{a.start.value, a.end.value, a.label}].push_back(i);
            }
        }
        std::vector<char> dropped(m_merged.size(), 0);
        for (auto &[range, indices] : byRange) {
            if (indices.size() < 2) {
                continue;
            }
            const Annotation first = m_merged[indices.front()].span;
            const auto sameButIdAndTimes = [&first](Annotation other) {
                other.id = first.id;
                other.setCreated(first.created());
                other.setModified(first.modified());
                return other == first;
            };
            if (std::all_of(indices.begin() + 1, indices.end(),
                            [&](size_t i) { return sameButIdAndTimes(m_merged[i].span); })) {
                for (auto it = indices.begin() + 1; it != indices.end(); ++it) {
                    dropped[*it] = 1;
                    ++m_result.duplicatesMerged;
                }
                continue;
            }
            QStringList ids;
            for (size_t i : indices) {
                ids.append(m_merged[i].span.id);
            }
            for (size_t i : indices) {
                Merged &m = m_merged[i];
                const QString ownId = m.span.id;
                m.span = conflictVersion(m.span, m.side, first.id, QStringLiteral("changed"), {});
                m.span.id = ownId;
            }
            m_result.messages.append(
                QStringLiteral("%1: the same range and label as %2 with other fields, added on both branches")
                    .arg(describe(first), QStringList(ids.mid(1)).join(QStringLiteral(", "))));
            ++m_result.spanConflicts;
        }
        std::vector<Merged> kept;
        kept.reserve(m_merged.size());
        for (size_t i = 0; i < m_merged.size(); ++i) {
            if (!dropped[i]) {
                kept.push_back(std::move(m_merged[i]));
            }
        }
        m_merged = std::move(kept);
    }

    Result &m_result;
    std::vector<Merged> m_merged;
    QSet<QString> m_usedIds;
};

// Labels by name: added, removed, recoloured or rekeyed on either side. A label both sides
// changed differently keeps ours (a warning: a colour is no annotation); a label the merged spans
// still use is never removed.
LabelSchema mergeLabels(const LabelSchema &base, const LabelSchema &ours, const LabelSchema &theirs,
                        const QList<Annotation> &spans, QStringList &messages)
{
    QList<Label> merged;
    const auto fieldwise = [&](const Label *b, const Label &o, const Label &t) {
        Label label = o;
        const auto one = [&](const QString &ov, const QString &tv, const QString *bv, QString &into, const char *what) {
            const auto side = pickValue(ov, tv, bv);
            into = side == Side::Theirs ? tv : ov;
            if (!side) {
                messages.append(
                    QStringLiteral(
                        "label \"%1\": %2 changed differently on both branches; ours (%3) kept, theirs was %4")
                        .arg(o.name, QLatin1String(what), ov, tv));
            }
        };
        one(o.color, t.color, b ? &b->color : nullptr, label.color, "colour");
        one(o.key, t.key, b ? &b->key : nullptr, label.key, "key");
        // Another tool's fields of the label, key by key (docs/FORMAT.md §5).
        QStringList extraConflicts;
        label.extraFields = mergeObjects(b ? &b->extraFields : nullptr, o.extraFields, t.extraFields, extraConflicts);
        for (const QString &key : std::as_const(extraConflicts)) {
            messages.append(QStringLiteral("label \"%1\": field \"%2\" changed differently on both branches; ours kept")
                                .arg(o.name, key));
        }
        return label;
    };
    QSet<QString> used;
    for (const Annotation &a : spans) {
        used.insert(a.label);
    }
    const auto keepRemoved = [&](const Label &label, const Label *b, Side keptBy) {
        if (used.contains(label.name)) {
            merged.append(label);
            return;
        }
        if (b && !(*b == label)) {
            merged.append(label);
            messages.append(QStringLiteral("label \"%1\": changed on %2, removed on the other branch; kept")
                                .arg(label.name, sideName(keptBy)));
        }
    };
    for (const Label &o : ours.labels()) {
        const Label *b = base.find(o.name);
        const Label *t = theirs.find(o.name);
        if (t) {
            merged.append(fieldwise(b, o, *t));
        } else if (!b) {
            merged.append(o); // added by ours
        } else {
            keepRemoved(o, b, Side::Ours);
        }
    }
    for (const Label &t : theirs.labels()) {
        if (ours.contains(t.name)) {
            continue;
        }
        const Label *b = base.find(t.name);
        if (!b) {
            merged.append(t);
        } else {
            keepRemoved(t, b, Side::Theirs);
        }
    }
    // Two labels given one key on two branches: the later keeps none (the schema gives it a free one).
    QSet<QString> keys;
    for (Label &label : merged) {
        if (!label.key.isEmpty() && keys.contains(label.key)) {
            messages.append(QStringLiteral("label \"%1\": key %2 is taken by another label; a free key is given")
                                .arg(label.name, label.key));
            label.key.clear();
        }
        keys.insert(label.key);
    }
    return LabelSchema::fromLabels(merged);
}

} // namespace

namespace {
template <typename T> const T *byName(const QList<T> &list, const QString &name, QString T::*key)
{
    for (const T &item : list) {
        if (item.*key == name) {
            return &item;
        }
    }
    return nullptr;
}

// Relations and relation labels (docs/FORMAT.md §6.8), three ways by id and by name: one side's
// change wins over an unchanged other; changed differently on both, ours is kept and said. A
// relation left without one of its spans by the span merge is said and left out, since a file
// cannot hold it.
void mergeRelations(const ScholiastJson::Sidecar &base, const ScholiastJson::Sidecar &ours,
                    const ScholiastJson::Sidecar &theirs, Result &result)
{
    ScholiastJson::Sidecar &merged = result.merged;
    QList<RelationLabel> relationLabels = ours.labels.relationLabels();
    for (const RelationLabel &label : theirs.labels.relationLabels()) {
        const RelationLabel *own = byName(relationLabels, label.name, &RelationLabel::name);
        const RelationLabel *was = byName(base.labels.relationLabels(), label.name, &RelationLabel::name);
        if (!own) {
            if (!was) {
                relationLabels.append(label); // added on their side
            }
        } else if (*own != label) {
            if (was && *was == *own) {
                *const_cast<RelationLabel *>(own) = label;
            } else if (!was || *was != label) {
                ++result.otherConflicts;
                result.messages.append(
                    QStringLiteral("relation label \"%1\": changed differently on both branches; ours kept")
                        .arg(label.name));
            }
        }
    }
    merged.labels.setRelationLabels(relationLabels);

    const auto find = [](const QList<Relation> &list, const QString &id) { return byName(list, id, &Relation::id); };
    QList<Relation> relations;
    for (const Relation &own : ours.relations) {
        const Relation *other = find(theirs.relations, own.id);
        const Relation *was = find(base.relations, own.id);
        if (other) {
            if (*other != own && was && *was == own) {
                relations.append(*other); // changed on their side only
            } else {
                if (*other != own && !(was && *was == *other)) {
                    ++result.otherConflicts;
                    result.messages.append(
                        QStringLiteral("relation \"%1\": changed differently on both branches; ours kept").arg(own.id));
                }
                relations.append(own);
            }
        } else if (!was) {
            relations.append(own); // added on our side
        } else if (*was != own) {
            ++result.otherConflicts;
            result.messages.append(
                QStringLiteral("relation \"%1\": changed on our branch, removed on theirs; ours kept").arg(own.id));
            relations.append(own);
        } // else removed on their side
    }
    for (const Relation &other : theirs.relations) {
        if (find(ours.relations, other.id)) {
            continue;
        }
        const Relation *was = find(base.relations, other.id);
        if (!was) {
            relations.append(other); // added on their side
        } else if (*was != other) {
            ++result.otherConflicts;
            result.messages.append(
                QStringLiteral("relation \"%1\": removed on our branch, changed on theirs; theirs kept").arg(other.id));
            relations.append(other);
        }
    }
    QSet<QString> spanIds;
    for (const Annotation &span : std::as_const(merged.annotations)) {
        spanIds.insert(span.id);
    }
    merged.relations.clear();
    for (const Relation &relation : std::as_const(relations)) {
        if (spanIds.contains(relation.from) && spanIds.contains(relation.to)) {
            merged.relations.append(relation);
            continue;
        }
        ++result.otherConflicts;
        result.messages.append(QStringLiteral("relation \"%1\" (%2 from \"%3\" to \"%4\"): one of its spans is "
                                              "not in the merged file (removed, or in conflict); left out")
                                   .arg(relation.id, relation.label, relation.from, relation.to));
    }
}
} // namespace

Result merge(const ScholiastJson::Sidecar &base, const ScholiastJson::Sidecar &ours,
             const ScholiastJson::Sidecar &theirs)
{
    Result result;
    ScholiastJson::Sidecar &merged = result.merged;
    merged = ours;
    merged.document.reset();
    const bool hasBase = !base.documentSha256.isEmpty();

    // The document: a sidecar follows its document; both branches moving it apart is a conflict
    // for the person merging (the spans of one side may need re-anchoring to the merged text).
    const auto sameDocument = [](const ScholiastJson::Sidecar &a, const ScholiastJson::Sidecar &b) {
        return a.documentName == b.documentName && a.documentSha256 == b.documentSha256
            && a.documentLength == b.documentLength;
    };
    if (!sameDocument(ours, theirs)) {
        if (hasBase && sameDocument(ours, base)) {
            merged.documentName = theirs.documentName;
            merged.documentSha256 = theirs.documentSha256;
            merged.documentLength = theirs.documentLength;
        } else if (!hasBase || !sameDocument(theirs, base)) {
            ++result.otherConflicts;
            result.messages.append(
                QStringLiteral("document: changed differently on both branches (ours sha256 %1, theirs %2); "
                               "ours kept, spans may need re-anchoring (scholiast-cli reanchor)")
                    .arg(ours.documentSha256.left(12), theirs.documentSha256.left(12)));
        }
    }
    QStringList conflicts;
    merged.documentExtraFields = mergeObjects(hasBase ? &base.documentExtraFields : nullptr, ours.documentExtraFields,
                                              theirs.documentExtraFields, conflicts);
    for (const QString &key : std::as_const(conflicts)) {
        result.messages.append(
            QStringLiteral("document field \"%1\": changed differently on both branches; ours kept").arg(key));
    }
    conflicts.clear();
    merged.extraFields =
        mergeObjects(hasBase ? &base.extraFields : nullptr, ours.extraFields, theirs.extraFields, conflicts);
    for (const QString &key : std::as_const(conflicts)) {
        result.messages.append(
            QStringLiteral("field \"%1\": changed differently on both branches; ours kept").arg(key));
    }

    SpanMerger spans(base.annotations, ours.annotations, theirs.annotations, result);
    merged.annotations = spans.spans();
    merged.labels = mergeLabels(base.labels, ours.labels, theirs.labels, merged.annotations, result.messages);
    mergeRelations(base, ours, theirs, result);
    return result;
}

Annotation resolved(const Annotation &version)
{
    const QJsonObject info = version.extraFields().value(QLatin1String(ConflictKey)).toObject();
    if (version.status() != Annotation::Status::Conflict || info.isEmpty()) {
        return version;
    }
    Annotation span = version;
    span.id = info.value(u"of").toString(version.id);
    span.setStatus(Annotation::statusFromName(info.value(u"status").toString()));
    QJsonObject extra = span.extraFields();
    extra.remove(QLatin1String(ConflictKey));
    span.setExtraFields(extra);
    return span;
}

QString conflictGroup(const Annotation &span)
{
    if (span.status() != Annotation::Status::Conflict || !span.hasDetails()) {
        return {};
    }
    return span.extraFields().value(QLatin1String(ConflictKey)).toObject().value(u"of").toString(span.id);
}

} // namespace Scholiast::ThreeWayMerge
