#include "annotationdocument.h"

#include "scholiastjson.h"
#include "spancommands.h"

#include <QDateTime>
#include <QUndoStack>

namespace Scholiast {

AnnotationDocument::AnnotationDocument(Document document, LabelSchema labels, const QList<Annotation> &spans,
                                       QObject *parent)
    : QObject(parent)
    , m_document(std::move(document))
    , m_labels(std::move(labels))
    , m_spans(new AnnotationSet(this))
    , m_undoStack(new QUndoStack(this))
{
    m_spans->reset(spans);
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
    if (!writeCopy(sidecarPath(), diagnostics)) {
        return false;
    }
    m_undoStack->setClean();
    return true;
}

bool AnnotationDocument::writeCopy(const QString &path, Diagnostics &diagnostics) const
{
    return ScholiastJson::write(path, ScholiastJson::makeSidecar(m_document, m_labels, *m_spans), diagnostics);
}

Annotation AnnotationDocument::makeSpan(CodePoint start, CodePoint end, const QString &label) const
{
    Annotation span(start.value, end.value, label, m_document.slice(start, end).toString());
    span.setSource(QStringLiteral("manual"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    span.setCreated(now);
    span.setModified(now);
    return span;
}

QString AnnotationDocument::tag(CodePoint start, CodePoint end, const QString &label)
{
    if (start >= end || !m_labels.contains(label)) {
        return {};
    }
    auto *command = new AddSpan(m_spans, makeSpan(start, end, label));
    m_undoStack->push(command);
    return command->ids().value(0);
}

qsizetype AnnotationDocument::importSpans(const QList<Annotation> &spans, const QString &formatName)
{
    if (spans.isEmpty()) {
        return 0;
    }
    // A label the file brings is added, never dropped with its spans.
    for (const Annotation &span : spans) {
        if (!m_labels.contains(span.label)) {
            m_labels.add(Label{span.label, QString(), QString()});
        }
    }
    m_undoStack->push(new AddSpans(m_spans, spans, tr("Import %n span(s) from %1", nullptr, int(spans.size())).arg(formatName)));
    return spans.size();
}

qsizetype AnnotationDocument::tagAll(const QList<CodePointRange> &ranges, const QString &label)
{
    if (ranges.isEmpty() || !m_labels.contains(label)) {
        return 0;
    }
    QList<Annotation> spans;
    spans.reserve(ranges.size());
    for (const auto &[start, end] : ranges) {
        if (start < end) {
            spans.append(makeSpan(start, end, label));
        }
    }
    if (spans.isEmpty()) {
        return 0;
    }
    const QString text = spans.size() == 1 ? tr("Tag 1 match as %1").arg(label)
                                           : tr("Tag %1 matches as %2").arg(spans.size()).arg(label);
    m_undoStack->push(new AddSpans(m_spans, spans, text));
    return spans.size();
}

void AnnotationDocument::remove(const QStringList &ids)
{
    if (!ids.isEmpty()) {
        m_undoStack->push(new RemoveSpans(m_spans, ids));
    }
}

void AnnotationDocument::relabel(const QStringList &ids, const QString &label)
{
    if (ids.isEmpty() || !m_labels.contains(label)) {
        return;
    }
    QStringList changing;
    for (const QString &id : ids) {
        const Annotation *span = m_spans->find(id);
        if (span && span->label != label) {
            changing.append(id);
        }
    }
    if (!changing.isEmpty()) {
        m_undoStack->push(new RelabelSpans(m_spans, changing, label));
    }
}

void AnnotationDocument::resize(const QString &id, CodePoint start, CodePoint end)
{
    const Annotation *span = m_spans->find(id);
    start = std::clamp(start, CodePoint(0), CodePoint(m_document.length()));
    end = std::clamp(end, CodePoint(0), CodePoint(m_document.length()));
    if (!span || start >= end || (span->start == start.value && span->end == end.value)) {
        return;
    }
    m_undoStack->push(new ResizeSpan(m_spans, id, start.value, end.value, m_document.slice(start, end).toString()));
}

void AnnotationDocument::editNote(const QString &id, const QString &note)
{
    const Annotation *span = m_spans->find(id);
    if (span && span->note() != note) {
        m_undoStack->push(new EditNote(m_spans, id, note));
    }
}

void AnnotationDocument::replaceAll(const QList<Annotation> &spans, const QString &text)
{
    m_undoStack->beginMacro(text);
    QStringList ids;
    for (const Annotation *span : m_spans->sorted()) {
        ids.append(span->id);
    }
    if (!ids.isEmpty()) {
        m_undoStack->push(new RemoveSpans(m_spans, ids));
    }
    if (!spans.isEmpty()) {
        m_undoStack->push(new AddSpans(m_spans, spans, text));
    }
    m_undoStack->endMacro();
}

} // namespace Scholiast
