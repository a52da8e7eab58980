// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: QObjects of the thread that made them (the GUI thread in the window); call
// them from that thread only.
#pragma once

#include "annotationset.h"
#include "document.h"
#include "labelschema.h"
#include "reliability/reanchor.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <memory>
#include <utility>

QT_BEGIN_NAMESPACE
class QUndoCommand;
class QUndoStack;
QT_END_NAMESPACE

namespace Scholiast {

/// A half-open range of code points.
using CodePointRange = std::pair<CodePoint, CodePoint>;

/// What writing a document's sidecar needs, taken at one moment: values that may be written on
/// any thread while the document goes on changing (AnnotationDocument::snapshot).
struct SidecarSnapshot
{
    Document document;
    LabelSchema labels;
    AnnotationSet::Snapshot spans; ///< put in file order by write(), on the thread that writes
    QJsonObject sidecarFields;
    QJsonObject documentFields;

    /// Writes the sidecar atomically, as AnnotationDocument::writeCopy would have at the moment
    /// the snapshot was taken; on failure the old file is untouched and the error appended.
    /// Reentrant: for a worker thread.
    [[nodiscard]] bool write(const QString &path, Diagnostics &diagnostics) const;
};

/// One open document in the window: its text, its spans, its labels and its own undo stack
/// (as Tiled's Document owns one). Every change goes through a command on the stack.
class AnnotationDocument : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnnotationDocument)

public:
    /// Relations whose ends are not among `spans` are left out (AnnotationSet::reset). Spans
    /// given as an rvalue no other list shares are moved in, not copied.
    AnnotationDocument(Document document, LabelSchema labels, QList<Annotation> spans, QObject *parent = nullptr,
                       const QList<Relation> &relations = {});
    /// With its spans and relations already in a set (DocumentLoader fills one while the sidecar
    /// is read), which becomes this document's; it lives on this thread and has no parent.
    AnnotationDocument(std::unique_ptr<AnnotationSet> spans, Document document, LabelSchema labels,
                       QObject *parent = nullptr);
    ~AnnotationDocument() override;

    [[nodiscard]] const Document &document() const { return m_document; }
    [[nodiscard]] AnnotationSet *spans() const { return m_spans; }
    [[nodiscard]] const LabelSchema &labels() const { return m_labels; }
    [[nodiscard]] QUndoStack *undoStack() const { return m_undoStack; }
    [[nodiscard]] QString path() const { return m_document.path(); }
    [[nodiscard]] QString sidecarPath() const;
    [[nodiscard]] bool isModified() const;

    /// Writes the sidecar atomically; marks the stack clean only on success.
    [[nodiscard]] bool save(Diagnostics &diagnostics);
    /// Writes the current spans to another file (a recovery copy) without touching the clean state.
    [[nodiscard]] bool writeCopy(const QString &path, Diagnostics &diagnostics) const;
    /// The current state, to write elsewhere (on a worker: autosave). Takes a snapshot of the
    /// spans, O(n / 1024) on the calling thread; sorting and copying them is left to write().
    [[nodiscard]] SidecarSnapshot snapshot() const;

    /// Tags [start, end) with a label as one undo step; returns the new span's id, or an empty
    /// string when the range is empty or the label unknown.
    QString tag(CodePoint start, CodePoint end, const QString &label);
    /// Tags every range as one undo step ("Tag 12 matches as quote"); returns how many.
    qsizetype tagAll(const QList<CodePointRange> &ranges, const QString &label);
    void remove(const QStringList &ids);
    void relabel(const QStringList &ids, const QString &label);
    /// Successive resizes of one span with the same non-zero `gesture` (one drag, one run of
    /// keys with the modifiers held) merge into one undo step.
    void resize(const QString &id, CodePoint start, CodePoint end, quint64 gesture = 0);
    /// Adds [start, end) to the span as a fragment, as one undo step (docs/FORMAT.md §6.9): the
    /// span becomes discontinuous, or a fragment it overlaps or touches grows. False when nothing
    /// changes.
    bool addFragment(const QString &id, CodePoint start, CodePoint end);
    /// Removes the fragment at `offset` from a discontinuous span, as one undo step; the last
    /// fragment left makes it contiguous again.
    bool removeFragment(const QString &id, CodePoint offset);
    void editNote(const QString &id, const QString &note);
    /// Makes `labels` the document's labels as one undo step ("Edit labels"): added, recoloured,
    /// reordered labels, new keys; `renames` (old name to new) relabels every span of a renamed
    /// label in the same step. Nothing is pushed when nothing changes.
    void editLabels(const LabelSchema &labels, const QHash<QString, QString> &renames = {});
    /// Replaces the labels without an undo step: for the labels a document starts with (a
    /// folder's shared schema) and for the commands that change them.
    void setLabels(const LabelSchema &labels);
    /// Adds spans read from another tool's file as one undo step ("Import 12 spans from brat");
    /// labels the schema lacks are added to it first. Returns how many spans were added.
    /// The file's relations (between `spans`, by their ids in the file) come in the same step,
    /// with their relation labels; those joining a span that is not added are counted in
    /// `relationsLeftOut`.
    qsizetype importSpans(const QList<Annotation> &spans, const QString &formatName,
                          const QList<Relation> &relations = {}, const QList<RelationLabel> &relationLabels = {},
                          qsizetype *relationsLeftOut = nullptr);
    /// Replaces every span and relation with these as one undo step (restoring a recovery file).
    void replaceAll(const QList<Annotation> &spans, const QString &text, const QList<Relation> &relations = {});
    /// Relates span `from` to span `to` with a relation label of the schema that allows their
    /// labels, as one undo step ("Relate quote to source"); returns the relation's id, or an empty
    /// string when either span is missing, they are the same span, the label does not allow them
    /// or the same relation is there already.
    QString relate(const QString &from, const QString &to, const QString &label);
    /// Removes relations by id as one undo step; their spans stay.
    void removeRelations(const QStringList &ids);

    /// Re-attaches the spans to the document text (annotations/reliability/reanchor.h) as one
    /// undo step; spans not found stay as orphans. Returns how many spans had each outcome.
    /// Nothing is pushed when no span moves.
    Reanchor::Counts reanchorSpans();
    /// Places an orphan at [start, end) as one undo step; it stops being an orphan and takes
    /// the text there. False when `id` is not an orphan or the range is empty.
    bool placeOrphan(const QString &id, CodePoint start, CodePoint end);
    /// How many spans are orphans (walks the spans: for counts after a change, not a paint path).
    [[nodiscard]] qsizetype orphanCount() const;
    /// How many spans that are not orphans no longer hold, at their offsets, the text recorded
    /// with them (the document changed since the sidecar was written). Walks the spans, as
    /// orphanCount() does.
    [[nodiscard]] qsizetype misplacedCount() const;

    /// A read-only document (another Scholiast holds its lock) refuses every change and save.
    [[nodiscard]] bool isReadOnly() const { return m_readOnly; }
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }

    /// Recorded as `annotator` on every span made here (docs/FORMAT.md §6.2); empty: not recorded.
    [[nodiscard]] QString annotator() const { return m_annotator; }
    void setAnnotator(const QString &name) { m_annotator = name; }
    /// The sidecar's unknown top-level fields and `document` fields (docs/FORMAT.md §6.3), written
    /// back on save; the corpus status lives there (§19). Set without an undo step: for loading,
    /// and for the commands that change them (corpuscommands.h).
    [[nodiscard]] const QJsonObject &sidecarFields() const { return m_sidecarFields; }
    void setSidecarFields(const QJsonObject &fields)
    {
        m_sidecarFields = fields;
        Q_EMIT sidecarFieldsChanged();
    }
    [[nodiscard]] const QJsonObject &documentFields() const { return m_documentFields; }
    void setDocumentFields(const QJsonObject &fields) { m_documentFields = fields; }

    /// A document of an open corpus: tagging the first span of a "new" one marks it "in progress"
    /// in the same undo step (docs/FORMAT.md §19). Off for a document opened on its own, whose
    /// sidecar then gets no status.
    [[nodiscard]] bool isInCorpus() const { return m_inCorpus; }
    void setInCorpus(bool inCorpus) { m_inCorpus = inCorpus; }
    /// Pushes a command of annotation work (a tag, a review decision, a suggestion accepted or
    /// rejected) onto undoStack(), with the corpus status change it implies: on a "new" document
    /// of a corpus, a macro of the command and the move to "in progress", named as the command.
    void pushSpanEdit(QUndoCommand *command);

Q_SIGNALS:
    void sidecarFieldsChanged();
    /// The labels changed (names, colours, keys or order): the legend, the label actions and
    /// the view follow.
    void labelsChanged();

private:
    [[nodiscard]] Annotation makeSpan(CodePoint start, CodePoint end, const QString &label) const;

    Document m_document;
    LabelSchema m_labels;
    AnnotationSet *m_spans;
    QUndoStack *m_undoStack;
    QString m_annotator;
    QJsonObject m_sidecarFields;
    QJsonObject m_documentFields;
    bool m_readOnly = false;
    bool m_inCorpus = false;
};

} // namespace Scholiast
