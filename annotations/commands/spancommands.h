// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: undo commands change their AnnotationSet, so they are pushed, undone and
// redone on the thread the set lives in.
#pragma once

#include "annotation.h"
#include "relation.h"

#include <QList>
#include <QStringList>
#include <QUndoCommand>

namespace Scholiast {

class AnnotationSet;

/// Ids for QUndoCommand::id(), so that commands of one kind can merge.
enum class CommandId { ResizeSpan = 1 };

/// Adds spans as one undo step ("Tag 12 matches as quote" when batching a find).
class AddSpans : public QUndoCommand
{
public:
    AddSpans(AnnotationSet *set, const QList<Annotation> &spans, const QString &text, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    /// The ids the spans got when first added (empty before the first redo).
    [[nodiscard]] QStringList ids() const { return m_ids; }

private:
    AnnotationSet *m_set;
    QList<Annotation> m_spans;
    QStringList m_ids;
    QList<Relation> m_relations; // made to the spans later and removed with them by undo
};

/// One span, named after its label: "Tag claim".
class AddSpan : public AddSpans
{
public:
    AddSpan(AnnotationSet *set, const Annotation &span, QUndoCommand *parent = nullptr);
};

/// Removes spans, and the relations that start or end at them, as one undo step.
class RemoveSpans : public QUndoCommand
{
public:
    RemoveSpans(AnnotationSet *set, const QStringList &ids, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    AnnotationSet *m_set;
    QStringList m_ids;
    QList<Annotation> m_removed;
    QList<Relation> m_removedRelations;
};

/// Adds relations as one undo step ("Relate quote to source").
class AddRelations : public QUndoCommand
{
public:
    AddRelations(AnnotationSet *set, const QList<Relation> &relations, const QString &text,
                 QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    /// The ids the relations got when first added (empty before the first redo).
    [[nodiscard]] QStringList ids() const { return m_ids; }

private:
    AnnotationSet *m_set;
    QList<Relation> m_relations;
    QStringList m_ids;
};

/// Removes relations as one undo step; their spans stay.
class RemoveRelations : public QUndoCommand
{
public:
    RemoveRelations(AnnotationSet *set, const QStringList &ids, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    AnnotationSet *m_set;
    QStringList m_ids;
    QList<Relation> m_removed;
};

/// Accepts pending relations (suggestions, docs/FORMAT.md §6.8) as one undo step: their status
/// goes from pending to none, which is accepted.
class AcceptRelations : public QUndoCommand
{
public:
    AcceptRelations(AnnotationSet *set, const QStringList &ids, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    /// The pending relations of `set` that accepting the spans `accepted` settles: those joining
    /// one of them to a span that is not pending (or that is among them too).
    [[nodiscard]] static QStringList settledBy(const AnnotationSet &set, const QStringList &accepted);

private:
    AnnotationSet *m_set;
    QList<Relation> m_before;
    QList<Relation> m_after;
};

/// Changes existing spans from their current values to new ones; undo and redo swap the two.
/// The value-change commands below only say what changes.
class ChangeSpans : public QUndoCommand
{
public:
    ChangeSpans(AnnotationSet *set, const QList<Annotation> &after, const QString &text,
                QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    [[nodiscard]] QStringList ids() const;

protected:
    AnnotationSet *m_set;
    QList<Annotation> m_before;
    QList<Annotation> m_after;
};

class RelabelSpans : public ChangeSpans
{
public:
    RelabelSpans(AnnotationSet *set, const QStringList &ids, const QString &label, QUndoCommand *parent = nullptr);
};

/// Moves a span's ends; `text` is the document's text at the new offsets. Successive resizes of
/// one span (dragging an end) merge into one undo step.
class ResizeSpan : public ChangeSpans
{
public:
    /// Resizes of one span merge into one undo step only while they carry the same non-zero
    /// `gesture` (one mouse drag, or arrow keys pressed while the modifiers stay held).
    /// `fragments` are the span's new pieces (one for a contiguous span) and `text` their text.
    ResizeSpan(AnnotationSet *set, const QString &id, const QList<Fragment> &fragments, const QString &text,
               quint64 gesture = 0, QUndoCommand *parent = nullptr);
    int id() const override { return int(CommandId::ResizeSpan); }
    bool mergeWith(const QUndoCommand *other) override;

private:
    quint64 m_gesture;
};

class EditNote : public ChangeSpans
{
public:
    EditNote(AnnotationSet *set, const QString &id, const QString &note, QUndoCommand *parent = nullptr);
};

/// Sets status (accept / reject a suggestion) on spans.
class SetSpanStatus : public ChangeSpans
{
public:
    SetSpanStatus(AnnotationSet *set, const QStringList &ids, Annotation::Status status,
                  QUndoCommand *parent = nullptr);
};

/// Settles a merge conflict (docs/TEAMS.md) as one undo step. Keep: every version of the span
/// goes and the kept one comes back as the span, with its id and status from before the merge.
/// Drop: this version goes; when it was the last, the branch that removed the span wins.
class ResolveConflict : public QUndoCommand
{
public:
    enum class Choice { Keep, Drop };
    ResolveConflict(AnnotationSet *set, const QString &versionId, Choice choice, QUndoCommand *parent = nullptr);
    /// Every version of the conflict `versionId` belongs to, in file order; empty when it is none.
    [[nodiscard]] static QStringList versionsOf(const AnnotationSet *set, const QString &versionId);
    /// The id the span has once resolved (empty for Drop).
    [[nodiscard]] QString resolvedId() const { return m_resolvedId; }

private:
    QString m_resolvedId;
};

} // namespace Scholiast
