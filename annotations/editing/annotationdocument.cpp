// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "annotationdocument.h"

#include "corpuscommands.h"
#include "reliability/reanchor.h"
#include "formats/salvage.h"
#include "formats/scholiastjson.h"
#include "commands/labelcommands.h"
#include "commands/spancommands.h"
#include "formats/writecheck.h"

#include <QDateTime>
#include <QUndoStack>

namespace Scholiast {

AnnotationDocument::AnnotationDocument(Document document, LabelSchema labels, QList<Annotation> spans, QObject *parent,
                                       const QList<Relation> &relations)
    : QObject(parent)
    , m_document(std::move(document))
    , m_labels(std::move(labels))
    , m_spans(new AnnotationSet(this))
    , m_undoStack(new QUndoStack(this))
{
    m_spans->reset(std::move(spans), relations);
}

AnnotationDocument::AnnotationDocument(std::unique_ptr<AnnotationSet> spans, Document document, LabelSchema labels,
                                       QObject *parent)
    : QObject(parent)
    , m_document(std::move(document))
    , m_labels(std::move(labels))
    , m_spans(spans.release())
    , m_undoStack(new QUndoStack(this))
{
    Q_ASSERT(m_spans && !m_spans->parent() && m_spans->thread() == thread());
    m_spans->setParent(this);
}

AnnotationDocument::~AnnotationDocument() = default;

QString AnnotationDocument::sidecarPath() const
{
    return ScholiastJson::sidecarPath(m_document.path());
}

bool AnnotationDocument::isModified() const
{
    return !m_undoStack->isClean();
}

bool AnnotationDocument::save(Diagnostics &diagnostics)
{
    if (m_readOnly) {
        diagnostics.append(
            Diagnostic::error(sidecarPath(), tr("opened read-only: another Scholiast has this document open")));
        return false;
    }
    if (!writeCopy(sidecarPath(), diagnostics)) {
        return false;
    }
    m_undoStack->setClean();
    return true;
}

bool AnnotationDocument::writeCopy(const QString &path, Diagnostics &diagnostics) const
{
    return snapshot().write(path, diagnostics);
}

SidecarSnapshot AnnotationDocument::snapshot() const
{
    return {m_document, m_labels, m_spans->snapshot(), m_sidecarFields, m_documentFields};
}

bool SidecarSnapshot::write(const QString &path, Diagnostics &diagnostics) const
{
    // What ScholiastJson::makeSidecar makes of an AnnotationSet, from the snapshot's spans in
    // file order. A span that does not fit the text (the document changed and was not re-anchored) is
    // written as an orphan, as it stands: otherwise the file would carry the new SHA-256 with
    // spans that contradict it and could not be read back (docs/FORMAT.md §6, issue 8).
    // The spans are written from the snapshot, in file order, not copied (issue 17).
    ScholiastJson::Sidecar sidecar;
    sidecar.documentName = document.fileName();
    sidecar.documentSha256 = document.sha256();
    sidecar.documentLength = document.length();
    sidecar.labels = labels;
    sidecar.relations = spans.relations();
    sidecar.document = document;
    sidecar.extraFields = sidecarFields;
    sidecar.documentExtraFields = documentFields;
    return ScholiastJson::write(path, sidecar, spans.sorted(), true, diagnostics);
}

Annotation AnnotationDocument::makeSpan(CodePoint start, CodePoint end, const QString &label) const
{
    Annotation span(start, end, label);
    span.setText(m_document.slice(start, end).toString());
    span.setSource(QStringLiteral("manual"));
    span.setAnnotator(m_annotator);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    span.setCreated(now);
    span.setModified(now);
    return span;
}

namespace {
// Whether a placed span covers exactly [start, end) with this label (docs/FORMAT.md §8.5).
bool hasSpan(const AnnotationSet &spans, CodePoint start, CodePoint end, const QString &label)
{
    for (const Annotation *span : spans.overlapping(start, end)) {
        if (!span->isOrphan() && !span->isDiscontinuous() && span->start == start && span->end == end
            && span->label == label) {
            return true;
        }
    }
    return false;
}
} // namespace

QString AnnotationDocument::tag(CodePoint start, CodePoint end, const QString &label)
{
    if (m_readOnly || start >= end || !m_labels.contains(label)) {
        return {};
    }
    // One span per range and label (docs/FORMAT.md §8.5): the existing one, and no undo step.
    for (const Annotation *span : m_spans->overlapping(start, end)) {
        if (!span->isOrphan() && !span->isDiscontinuous() && span->start == start && span->end == end
            && span->label == label) {
            return span->id;
        }
    }
    auto *command = new AddSpan(m_spans, makeSpan(start, end, label));
    pushSpanEdit(command);
    return command->ids().value(0);
}

void AnnotationDocument::pushSpanEdit(QUndoCommand *command)
{
    if (!m_inCorpus || Corpus::statusOf(m_sidecarFields) != Corpus::Status::New) {
        m_undoStack->push(command);
        return;
    }
    // Tagging starts the document's annotation (§19); undoing the tag makes it new again.
    m_undoStack->beginMacro(command->text());
    m_undoStack->push(command);
    m_undoStack->push(new SetCorpusStatus(this, Corpus::Status::InProgress));
    m_undoStack->endMacro();
}

qsizetype AnnotationDocument::importSpans(const QList<Annotation> &spans, const QString &formatName,
                                          const QList<Relation> &relations, const QList<RelationLabel> &relationLabels,
                                          qsizetype *relationsLeftOut)
{
    if (m_readOnly || spans.isEmpty()) {
        return 0;
    }
    // Exact duplicates of spans already here (or earlier in the file) are skipped (§8.5).
    QList<Annotation> incoming = spans;
    (void)Interchange::removeExactDuplicates(m_spans->toList(), incoming);
    if (incoming.isEmpty()) {
        return 0;
    }
    // A label the file brings is added, never dropped with its spans.
    bool added = false;
    for (const Annotation &span : std::as_const(incoming)) {
        if (!m_labels.contains(span.label)) {
            m_labels.add(Label{span.label, QString(), QString()});
            added = true;
        }
    }
    if (!relations.isEmpty()) {
        QList<RelationLabel> have = m_labels.relationLabels();
        for (const RelationLabel &label : relationLabels) {
            if (!m_labels.findRelationLabel(label.name)) {
                have.append(label);
                added = true;
            }
        }
        m_labels.setRelationLabels(have);
    }
    if (added) {
        Q_EMIT labelsChanged();
    }
    const QString text = tr("Import %n span(s) from %1", nullptr, int(incoming.size())).arg(formatName);
    auto *add = new AddSpans(m_spans, incoming, text);
    if (relations.isEmpty()) {
        m_undoStack->push(add);
        return incoming.size();
    }
    m_undoStack->beginMacro(text);
    m_undoStack->push(add);
    qsizetype leftOut = 0;
    const QList<Relation> placed =
        Interchange::relationsOntoSet(relations, spans, incoming, add->ids(), *m_spans, leftOut);
    if (!placed.isEmpty()) {
        m_undoStack->push(new AddRelations(m_spans, placed, text));
    }
    m_undoStack->endMacro();
    if (relationsLeftOut) {
        *relationsLeftOut = leftOut;
    }
    return incoming.size();
}

qsizetype AnnotationDocument::tagAll(const QList<CodePointRange> &ranges, const QString &label)
{
    if (m_readOnly || ranges.isEmpty() || !m_labels.contains(label)) {
        return 0;
    }
    QList<Annotation> spans;
    spans.reserve(ranges.size());
    for (const auto &[start, end] : ranges) {
        if (start < end) {
            spans.append(makeSpan(start, end, label));
        }
    }
    QList<Annotation> existing; // only the spans these ranges could repeat
    for (const Annotation &span : std::as_const(spans)) {
        for (const Annotation *other : m_spans->overlapping(span.start, span.end)) {
            if (other->start == span.start && other->end == span.end) {
                existing.append(*other);
            }
        }
    }
    (void)Interchange::removeExactDuplicates(existing, spans);
    if (spans.isEmpty()) {
        return 0;
    }
    const QString text = spans.size() == 1 ? tr("Tag 1 match as %1").arg(label)
                                           : tr("Tag %1 matches as %2").arg(spans.size()).arg(label);
    pushSpanEdit(new AddSpans(m_spans, spans, text));
    return spans.size();
}

void AnnotationDocument::editLabels(const LabelSchema &labels, const QHash<QString, QString> &renames)
{
    QHash<QString, QString> effective;
    for (auto it = renames.begin(); it != renames.end(); ++it) {
        if (it.key() != it.value()) {
            effective.insert(it.key(), it.value());
        }
    }
    // The label editor edits span labels: the relation labels stay, following renamed labels.
    LabelSchema after = labels;
    if (after.relationLabels().isEmpty() && !m_labels.relationLabels().isEmpty()) {
        QList<RelationLabel> relationLabels = m_labels.relationLabels();
        for (RelationLabel &relationLabel : relationLabels) {
            for (QStringList *names : {&relationLabel.from, &relationLabel.to}) {
                for (QString &name : *names) {
                    name = effective.value(name, name);
                }
            }
        }
        after.setRelationLabels(relationLabels);
    }
    if (m_readOnly || (after == m_labels && effective.isEmpty())) {
        return;
    }
    m_undoStack->push(new EditLabels(
        m_spans, [this](const LabelSchema &schema) { setLabels(schema); }, m_labels, after, effective));
}

void AnnotationDocument::setLabels(const LabelSchema &labels)
{
    if (labels != m_labels) {
        m_labels = labels;
        Q_EMIT labelsChanged();
    }
}

void AnnotationDocument::remove(const QStringList &ids)
{
    if (!m_readOnly && !ids.isEmpty()) {
        m_undoStack->push(new RemoveSpans(m_spans, ids));
    }
}

void AnnotationDocument::relabel(const QStringList &ids, const QString &label)
{
    if (m_readOnly || ids.isEmpty() || !m_labels.contains(label)) {
        return;
    }
    QStringList changing;
    for (const QString &id : ids) {
        const Annotation *span = m_spans->find(id);
        if (span && span->label != label && !hasSpan(*m_spans, span->start, span->end, label)) {
            changing.append(id); // never two spans with one range and label (docs/FORMAT.md §8.5)
        }
    }
    if (changing.isEmpty()) {
        return;
    }
    // A relation the schema does not allow between the new labels goes in the same step: a file
    // cannot hold it (docs/FORMAT.md §6.8), and undo brings it back with the label.
    QStringList disallowed;
    for (const Relation &relation : m_spans->relations()) {
        const bool fromChanges = changing.contains(relation.from);
        const bool toChanges = changing.contains(relation.to);
        if (!fromChanges && !toChanges) {
            continue;
        }
        const RelationLabel *relationLabel = m_labels.findRelationLabel(relation.label);
        const Annotation *from = m_spans->find(relation.from);
        const Annotation *to = m_spans->find(relation.to);
        if (!relationLabel || !from || !to
            || !relationLabel->allows(fromChanges ? label : from->label, toChanges ? label : to->label)) {
            disallowed.append(relation.id);
        }
    }
    if (disallowed.isEmpty()) {
        m_undoStack->push(new RelabelSpans(m_spans, changing, label));
        return;
    }
    auto *relabel = new RelabelSpans(m_spans, changing, label);
    m_undoStack->beginMacro(relabel->text());
    m_undoStack->push(new RemoveRelations(m_spans, disallowed));
    m_undoStack->push(relabel);
    m_undoStack->endMacro();
}

void AnnotationDocument::resize(const QString &id, CodePoint start, CodePoint end, quint64 gesture)
{
    const Annotation *span = m_spans->find(id);
    start = std::clamp(start, CodePoint(0), CodePoint(m_document.length()));
    end = std::clamp(end, CodePoint(0), CodePoint(m_document.length()));
    if (m_readOnly || !span || start >= end || (span->start == start && span->end == end)
        || (!span->isDiscontinuous() && hasSpan(*m_spans, start, end, span->label))) {
        return;
    }
    // A discontinuous span's outer ends move; a fragment the new ends leave nothing of goes.
    QList<Fragment> fragments = span->fragments();
    fragments.removeIf([&](const Fragment &f) { return f.end <= start || f.start >= end; });
    if (fragments.isEmpty()) {
        fragments = {Fragment{start, end}};
    }
    fragments.first().start = start;
    fragments.last().end = end;
    m_undoStack->push(
        new ResizeSpan(m_spans, id, fragments, Annotation::fragmentsText(m_document, fragments), gesture));
}

bool AnnotationDocument::addFragment(const QString &id, CodePoint start, CodePoint end)
{
    const Annotation *span = m_spans->find(id);
    start = std::clamp(start, CodePoint(0), CodePoint(m_document.length()));
    end = std::clamp(end, CodePoint(0), CodePoint(m_document.length()));
    if (m_readOnly || !span || span->isOrphan() || start >= end) {
        return false;
    }
    // The union of the span's pieces and [start, end): pieces that overlap or touch become one.
    QList<Fragment> pieces = span->fragments();
    pieces.append(Fragment{start, end});
    std::sort(pieces.begin(), pieces.end(), [](const Fragment &a, const Fragment &b) { return a.start < b.start; });
    QList<Fragment> fragments;
    for (const Fragment &piece : std::as_const(pieces)) {
        if (!fragments.isEmpty() && piece.start <= fragments.last().end) {
            fragments.last().end = std::max(fragments.last().end, piece.end);
        } else {
            fragments.append(piece);
        }
    }
    if (fragments == span->fragments()) {
        return false; // already covered
    }
    Annotation changed = *span;
    changed.setFragments(fragments);
    changed.setTextFromDocument(m_document);
    changed.setModified(QDateTime::currentDateTimeUtc());
    m_undoStack->push(new ChangeSpans(m_spans, {changed}, tr("Add a fragment to %1 span").arg(span->label)));
    return true;
}

bool AnnotationDocument::removeFragment(const QString &id, CodePoint offset)
{
    const Annotation *span = m_spans->find(id);
    if (m_readOnly || !span || !span->isDiscontinuous()) {
        return false;
    }
    QList<Fragment> fragments = span->fragments();
    const qsizetype removed =
        fragments.removeIf([&](const Fragment &f) { return f.start <= offset && offset < f.end; });
    if (removed == 0) {
        return false;
    }
    Annotation changed = *span;
    changed.setFragments(fragments);
    changed.setTextFromDocument(m_document);
    changed.setModified(QDateTime::currentDateTimeUtc());
    m_undoStack->push(new ChangeSpans(m_spans, {changed}, tr("Remove a fragment of %1 span").arg(span->label)));
    return true;
}

void AnnotationDocument::editNote(const QString &id, const QString &note)
{
    const Annotation *span = m_spans->find(id);
    if (!m_readOnly && span && span->note() != note) {
        m_undoStack->push(new EditNote(m_spans, id, note));
    }
}

void AnnotationDocument::replaceAll(const QList<Annotation> &spans, const QString &text,
                                    const QList<Relation> &relations)
{
    if (m_readOnly) {
        return;
    }
    m_undoStack->beginMacro(text);
    QStringList ids;
    for (const Annotation *span : m_spans->sorted()) {
        ids.append(span->id);
    }
    if (!m_readOnly && !ids.isEmpty()) {
        m_undoStack->push(new RemoveSpans(m_spans, ids));
    }
    if (!spans.isEmpty()) {
        m_undoStack->push(new AddSpans(m_spans, spans, text));
    }
    if (!relations.isEmpty()) {
        m_undoStack->push(new AddRelations(m_spans, relations, text));
    }
    m_undoStack->endMacro();
}

QString AnnotationDocument::relate(const QString &from, const QString &to, const QString &label)
{
    const Annotation *fromSpan = m_spans->find(from);
    const Annotation *toSpan = m_spans->find(to);
    const RelationLabel *relationLabel = m_labels.findRelationLabel(label);
    if (m_readOnly || !fromSpan || !toSpan || from == to || !relationLabel
        || !relationLabel->allows(fromSpan->label, toSpan->label)) {
        return {};
    }
    for (const Relation &held : m_spans->relationsOf(from)) {
        if (held.from == from && held.to == to && held.label == label) {
            return {}; // one relation per pair of spans and label (docs/FORMAT.md §6.8)
        }
    }
    auto *command = new AddRelations(m_spans, {Relation{QString(), label, from, to}},
                                     tr("Relate %1 to %2").arg(fromSpan->label, toSpan->label));
    pushSpanEdit(command);
    return command->ids().value(0);
}

void AnnotationDocument::removeRelations(const QStringList &ids)
{
    if (m_readOnly || ids.isEmpty()) {
        return;
    }
    pushSpanEdit(new RemoveRelations(m_spans, ids));
}

Reanchor::Counts AnnotationDocument::reanchorSpans()
{
    const QList<Annotation> spans = m_spans->toList();
    Reanchor::Result result = Reanchor::reanchor(spans, m_document);
    ScholiastJson::settleUnplaced(spans, result.spans, m_labels);
    QList<Annotation> changed;
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const Annotation &before = spans.at(i);
        const Annotation &after = result.spans.at(i);
        if (before.start != after.start || before.end != after.end || before.textView() != after.textView()
            || before.isOrphan() != after.isOrphan()) {
            changed.append(after);
        }
    }
    if (!m_readOnly && !changed.isEmpty()) {
        m_undoStack->push(new ChangeSpans(m_spans, changed, tr("Re-anchor %n span(s)", nullptr, int(changed.size()))));
    }
    return result.counts;
}

bool AnnotationDocument::placeOrphan(const QString &id, CodePoint start, CodePoint end)
{
    const Annotation *span = m_spans->find(id);
    start = std::clamp(start, CodePoint(0), CodePoint(m_document.length()));
    end = std::clamp(end, CodePoint(0), CodePoint(m_document.length()));
    if (m_readOnly || !span || !span->isOrphan() || start >= end) {
        return false;
    }
    Annotation placed = ScholiastJson::withoutSalvageFields(*span); // placed: no longer kept as found
    placed.setFragments({Fragment{start, end}}); // in one piece, where the user put it
    placed.setText(m_document.slice(start, end).toString());
    placed.setOrphan(false);
    placed.setContext(QString(), QString()); // the writer takes it from the document
    placed.setModified(QDateTime::currentDateTimeUtc());
    m_undoStack->push(new ChangeSpans(m_spans, {placed}, tr("Place orphaned %1 span").arg(placed.label)));
    return true;
}

qsizetype AnnotationDocument::orphanCount() const
{
    qsizetype count = 0;
    for (const Annotation *span : m_spans->sorted()) {
        count += span->isOrphan() ? 1 : 0;
    }
    return count;
}

qsizetype AnnotationDocument::misplacedCount() const
{
    qsizetype count = 0;
    for (const Annotation *span : m_spans->sorted()) {
        if (span->isOrphan()) {
            continue;
        }
        count += span->fits(m_document) ? 0 : 1;
    }
    return count;
}

} // namespace Scholiast
