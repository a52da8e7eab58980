// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "spancommands.h"

#include <QSet>

#include "annotationset.h"
#include "threewaymerge.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QDateTime>

#include <algorithm>
#include <utility>

namespace Scholiast {

namespace {
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("SpanCommands", text, nullptr, n);
}

QList<Annotation> currentValues(const AnnotationSet *set, const QStringList &ids)
{
    QList<Annotation> spans;
    for (const QString &id : ids) {
        if (const Annotation *a = set->find(id)) {
            spans.append(*a);
        }
    }
    return spans;
}

template <typename Change> QList<Annotation> changed(const AnnotationSet *set, const QStringList &ids, Change change)
{
    QList<Annotation> spans = currentValues(set, ids);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (Annotation &a : spans) {
        change(a);
        a.setModified(now);
    }
    return spans;
}
} // namespace

AddSpans::AddSpans(AnnotationSet *set, const QList<Annotation> &spans, const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_set(set)
    , m_spans(spans)
{
}

void AddSpans::redo()
{
    const QStringList ids = m_set->add(m_spans);
    m_set->addRelations(std::exchange(m_relations, {}));
    if (m_ids.isEmpty()) {
        // Keep the ids the set gave, so that redo after undo brings back the same spans.
        m_ids = ids;
        for (qsizetype i = 0; i < m_spans.size(); ++i) {
            m_spans[i].id = ids.at(i);
        }
    }
}

void AddSpans::undo()
{
    m_set->remove(m_ids, &m_relations);
    // Redo brings back the relations too (the commands that made them are redone after this one).
}

AddSpan::AddSpan(AnnotationSet *set, const Annotation &span, QUndoCommand *parent)
    : AddSpans(set, {span}, tr("Tag %1").arg(span.label), parent)
{
}

RemoveSpans::RemoveSpans(AnnotationSet *set, const QStringList &ids, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_set(set)
    , m_ids(ids)
{
    setText(ids.size() == 1 ? tr("Remove span") : tr("Remove %n spans", int(ids.size())));
}

void RemoveSpans::redo()
{
    m_removedRelations.clear();
    m_removed = m_set->remove(m_ids, &m_removedRelations);
}

void RemoveSpans::undo()
{
    m_set->add(m_removed);
    m_set->addRelations(m_removedRelations);
}

AddRelations::AddRelations(AnnotationSet *set, const QList<Relation> &relations, const QString &text,
                           QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_set(set)
    , m_relations(relations)
{
}

void AddRelations::redo()
{
    const QStringList ids = m_set->addRelations(m_relations);
    if (m_ids.isEmpty()) {
        m_ids = ids; // redo after undo brings back the same relations
        for (qsizetype i = 0; i < m_relations.size(); ++i) {
            m_relations[i].id = ids.at(i);
        }
    }
}

void AddRelations::undo()
{
    m_set->removeRelations(m_ids);
}

RemoveRelations::RemoveRelations(AnnotationSet *set, const QStringList &ids, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_set(set)
    , m_ids(ids)
{
    setText(ids.size() == 1 ? tr("Remove relation") : tr("Remove %n relations", int(ids.size())));
}

void RemoveRelations::redo()
{
    m_removed = m_set->removeRelations(m_ids);
}

void RemoveRelations::undo()
{
    m_set->addRelations(m_removed);
}

AcceptRelations::AcceptRelations(AnnotationSet *set, const QStringList &ids, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_set(set)
{
    for (const QString &id : ids) {
        if (const Relation *relation = set->findRelation(id); relation && relation->isPending()) {
            m_before.append(*relation);
            m_after.append(*relation);
            m_after.last().status = Annotation::Status::Unset;
        }
    }
    setText(tr("Accept %n relation(s)", int(m_after.size())));
}

void AcceptRelations::redo()
{
    m_set->updateRelations(m_after);
}

void AcceptRelations::undo()
{
    m_set->updateRelations(m_before);
}

QStringList AcceptRelations::settledBy(const AnnotationSet &set, const QStringList &accepted)
{
    QStringList ids;
    if (set.relations().isEmpty()) {
        return ids;
    }
    const QSet<QString> acceptedIds(accepted.begin(), accepted.end());
    const auto settled = [&](const QString &spanId) {
        const Annotation *span = set.find(spanId);
        return span && (span->status() != Annotation::Status::Pending || acceptedIds.contains(spanId));
    };
    for (const Relation &relation : set.relations()) {
        if (relation.isPending() && (acceptedIds.contains(relation.from) || acceptedIds.contains(relation.to))
            && settled(relation.from) && settled(relation.to)) {
            ids.append(relation.id);
        }
    }
    return ids;
}

ChangeSpans::ChangeSpans(AnnotationSet *set, const QList<Annotation> &after, const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_set(set)
    , m_after(after)
{
    QStringList ids;
    for (const Annotation &a : after) {
        ids.append(a.id);
    }
    m_before = currentValues(set, ids);
}

void ChangeSpans::redo()
{
    m_set->update(m_after);
}

void ChangeSpans::undo()
{
    m_set->update(m_before);
}

QStringList ChangeSpans::ids() const
{
    QStringList ids;
    for (const Annotation &a : m_after) {
        ids.append(a.id);
    }
    return ids;
}

RelabelSpans::RelabelSpans(AnnotationSet *set, const QStringList &ids, const QString &label, QUndoCommand *parent)
    : ChangeSpans(set, changed(set, ids, [&](Annotation &a) { a.label = label; }),
                  ids.size() == 1 ? tr("Relabel span as %1").arg(label)
                                  : tr("Relabel %n spans as %1", int(ids.size())).arg(label),
                  parent)
{
}

ResizeSpan::ResizeSpan(AnnotationSet *set, const QString &id, const QList<Fragment> &fragments, const QString &text,
                       quint64 gesture, QUndoCommand *parent)
    : ChangeSpans(set,
                  changed(set, {id},
                          [&](Annotation &a) {
                              a.setFragments(fragments);
                              a.setText(text);
                          }),
                  tr("Resize span"), parent)
    , m_gesture(gesture)
{
}

bool ResizeSpan::mergeWith(const QUndoCommand *other)
{
    const auto *resize = static_cast<const ResizeSpan *>(other);
    if (m_gesture == 0 || resize->m_gesture != m_gesture || resize->ids() != ids()) {
        return false;
    }
    m_after = resize->m_after;
    return true;
}

EditNote::EditNote(AnnotationSet *set, const QString &id, const QString &note, QUndoCommand *parent)
    : ChangeSpans(set, changed(set, {id}, [&](Annotation &a) { a.setNote(note); }), tr("Edit note"), parent)
{
}

SetSpanStatus::SetSpanStatus(AnnotationSet *set, const QStringList &ids, Annotation::Status status,
                             QUndoCommand *parent)
    : ChangeSpans(set, changed(set, ids, [&](Annotation &a) { a.setStatus(status); }),
                  status == Annotation::Status::Accepted       ? tr("Accept %n spans", int(ids.size()))
                      : status == Annotation::Status::Rejected ? tr("Reject %n spans", int(ids.size()))
                                                               : tr("Set status of %n spans", int(ids.size())),
                  parent)
{
}

QStringList ResolveConflict::versionsOf(const AnnotationSet *set, const QString &versionId)
{
    const Annotation *version = set->find(versionId);
    const QString group = version ? ThreeWayMerge::conflictGroup(*version) : QString();
    if (group.isEmpty()) {
        return {};
    }
    // The merge driver names the versions `group`, `group~theirs` (`~theirs2`...) or, for two
    // spans both branches added at one range, keeps their ids at that range: no scan of the set.
    std::vector<const Annotation *> candidates =
        set->overlapping(version->start, std::max(version->end, version->start + 1));
    for (const QString &id : {group, QString(group + QStringLiteral("~theirs"))}) {
        if (const Annotation *a = set->find(id)) {
            candidates.push_back(a);
        }
    }
    for (int n = 2; const Annotation *a = set->find(group + QStringLiteral("~theirs%1").arg(n)); ++n) {
        candidates.push_back(a);
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const Annotation *a, const Annotation *b) { return isBeforeInFileOrder(*a, *b); });
    QStringList ids;
    for (const Annotation *a : candidates) {
        if (ThreeWayMerge::conflictGroup(*a) == group && !ids.contains(a->id)) {
            ids.append(a->id);
        }
    }
    return ids;
}

ResolveConflict::ResolveConflict(AnnotationSet *set, const QString &versionId, Choice choice, QUndoCommand *parent)
    : QUndoCommand(parent)
{
    const Annotation *version = set->find(versionId);
    if (!version) {
        return;
    }
    if (choice == Choice::Drop) {
        setText(tr("Drop conflicting version"));
        new RemoveSpans(set, {versionId}, this);
        return;
    }
    Annotation kept = ThreeWayMerge::resolved(*version);
    kept.setModified(QDateTime::currentDateTimeUtc());
    m_resolvedId = kept.id;
    setText(tr("Keep %1 version")
                .arg(version->extraFields()
                         .value(QLatin1String(ThreeWayMerge::ConflictKey))
                         .toObject()
                         .value(u"side")
                         .toString()));
    // Removed first, so that the kept span gets its id back.
    new RemoveSpans(set, versionsOf(set, versionId), this);
    new AddSpans(set, {kept}, text(), this);
}

} // namespace Scholiast
