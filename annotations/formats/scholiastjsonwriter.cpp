// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// The sidecar writer (docs/FORMAT.md): fixed key order, one label and one span per line.
#include "scholiastjson.h"
#include "scholiastjson_p.h"
#include "salvage.h"

#include "annotationset.h"
#include "atomicfile.h"
#include "document.h"
#include "jsonwriter_p.h"
#include "spanfields.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <tuple>

namespace Scholiast::ScholiastJson {

QString sidecarPath(const QString &documentPath)
{
    return documentPath + QStringLiteral(".scholiast.json");
}

int versionFor(const Sidecar &sidecar)
{
    if (!sidecar.relations.isEmpty() || !sidecar.labels.relationLabels().isEmpty()) {
        return 2;
    }
    const bool discontinuous = std::any_of(sidecar.annotations.cbegin(), sidecar.annotations.cend(),
                                           [](const Annotation &a) { return a.isDiscontinuous(); });
    return discontinuous ? 2 : 1;
}

Sidecar makeSidecar(const Document &document, const LabelSchema &labels, const AnnotationSet &spans)
{
    Sidecar sidecar;
    sidecar.documentName = document.fileName();
    sidecar.documentSha256 = document.sha256();
    sidecar.documentLength = document.length();
    sidecar.labels = labels;
    sidecar.annotations = spans.toList();
    sidecar.relations = spans.relations();
    sidecar.document = document;
    return sidecar;
}
QByteArray serialize(const Sidecar &sidecar)
{
    using namespace Json;
    const Document *document = sidecar.document ? &*sidecar.document : nullptr;
    QByteArray out;
    out.reserve(256 + sidecar.annotations.size() * (document ? 360 : 200));
    out.append("{\"format\": \"scholiast\", \"version\": ");
    out.append(QByteArray::number(versionFor(sidecar)));
    out.append(",\n \"document\": {\"name\": ");
    appendString(out, sidecar.documentName);
    appendKey(out, "sha256");
    appendString(out, sidecar.documentSha256);
    appendKey(out, "length");
    out.append(QByteArray::number(sidecar.documentLength));
    appendMembers(out, sidecar.documentExtraFields);
    out.append("},\n \"labels\": [");
    const auto &labels = sidecar.labels.labels();
    for (qsizetype i = 0; i < labels.size(); ++i) {
        out.append(i ? ",\n  {\"name\": " : "\n  {\"name\": ");
        appendString(out, labels[i].name);
        appendKey(out, "color");
        appendString(out, labels[i].color);
        appendKey(out, "key");
        appendString(out, labels[i].key);
        appendMembers(out, labels[i].extraFields);
        out.append('}');
    }
    out.append("\n ],\n");
    if (const auto &relationLabels = sidecar.labels.relationLabels(); !relationLabels.isEmpty()) {
        out.append(" \"relation_labels\": [");
        for (qsizetype i = 0; i < relationLabels.size(); ++i) {
            const RelationLabel &label = relationLabels[i];
            out.append(i ? ",\n  {\"name\": " : "\n  {\"name\": ");
            appendString(out, label.name);
            appendKey(out, "color");
            appendString(out, label.color);
            appendKey(out, "from");
            appendValue(out, QJsonArray::fromStringList(label.from));
            appendKey(out, "to");
            appendValue(out, QJsonArray::fromStringList(label.to));
            appendMembers(out, label.extraFields);
            out.append('}');
        }
        out.append("\n ],\n");
    }
    for (auto it = sidecar.extraFields.begin(); it != sidecar.extraFields.end(); ++it) {
        out.append(' ');
        appendString(out, it.key());
        out.append(": ");
        appendValue(out, it.value());
        out.append(",\n");
    }
    out.append(" \"annotations\": [");

    bool first = true;
    const std::vector<const Annotation *> ordered = sortedInFileOrder(sidecar.annotations);
    for (const Annotation *a : ordered) {
        out.append(first ? "\n  {\"id\": " : ",\n  {\"id\": ");
        first = false;
        appendString(out, a->id);
        appendKey(out, "start");
        appendInteger(out, a->start.value);
        appendKey(out, "end");
        appendInteger(out, a->end.value);
        if (a->isDiscontinuous()) {
            appendKey(out, "fragments");
            appendFragments(out, a->fragments());
        }
        appendKey(out, "label");
        appendString(out, a->label);
        appendKey(out, "text");
        appendString(out, a->textView());
        // docs/FORMAT.md §6: context from the document for a span that fits it; a span that does
        // not (an orphan, a span of a changed document) keeps the context it was saved with.
        bool fits = false;
        QStringView prefix;
        QStringView suffix;
        if (document && !a->isOrphan() && a->start >= CodePoint(0) && a->end <= CodePoint(document->length())) {
            const Utf16Index from = document->toUtf16(a->start);
            const Utf16Index to = document->toUtf16(a->end);
            fits = a->isDiscontinuous()
                ? Annotation::fragmentsText(*document, a->fragments()) == a->textView()
                : QStringView(document->text()).mid(from.value, to.value - from.value) == a->textView();
            if (fits) {
                prefix = document->codePointsBefore(from, Annotation::ContextLength);
                suffix = document->codePointsAfter(to, Annotation::ContextLength);
            }
        }
        if (fits && !prefix.isEmpty()) {
            appendKey(out, "prefix");
            appendString(out, prefix);
        }
        if (fits && !suffix.isEmpty()) {
            appendKey(out, "suffix");
            appendString(out, suffix);
        }
        if (a->hasDetails()) {
            if (const QString stored = a->prefix(); !fits && !stored.isEmpty()) {
                appendKey(out, "prefix");
                appendString(out, stored);
            }
            if (const QString stored = a->suffix(); !fits && !stored.isEmpty()) {
                appendKey(out, "suffix");
                appendString(out, stored);
            }
            SpanFields::append(out, *a);
            if (a->isOrphan()) {
                appendKey(out, "orphan");
                out.append("true");
            }
            const QJsonObject extra = a->extraFields();
            for (auto it = extra.begin(); it != extra.end(); ++it) {
                appendMemberKey(out, it.key());
                if (a->isOrphan() && it.key() == QLatin1String(OriginalField) && isJsonText(it.value())) {
                    out.append(it.value().toString().toUtf8()); // the bad span's bytes, unchanged (§8.4)
                } else {
                    appendValue(out, it.value());
                }
            }
        }
        out.append('}');
    }
    if (sidecar.relations.isEmpty()) {
        out.append("\n ]\n}\n");
        return out;
    }
    // Relations in the order of their spans in the file (from, then to), then label and id: the
    // same relations always give the same bytes, and a relation sits near its spans in a diff.
    QHash<QString, qsizetype> position;
    position.reserve(qsizetype(ordered.size()));
    for (size_t i = 0; i < ordered.size(); ++i) {
        position.insert(ordered[i]->id, qsizetype(i));
    }
    std::vector<const Relation *> relations;
    relations.reserve(size_t(sidecar.relations.size()));
    for (const Relation &relation : sidecar.relations) {
        relations.push_back(&relation);
    }
    std::sort(relations.begin(), relations.end(), [&position](const Relation *a, const Relation *b) {
        return std::tuple(position.value(a->from, -1), position.value(a->to, -1), a->label, a->id)
            < std::tuple(position.value(b->from, -1), position.value(b->to, -1), b->label, b->id);
    });
    out.append("\n ],\n \"relations\": [");
    first = true;
    for (const Relation *relation : relations) {
        out.append(first ? "\n  {\"id\": " : ",\n  {\"id\": ");
        first = false;
        appendString(out, relation->id);
        appendKey(out, "label");
        appendString(out, relation->label);
        appendKey(out, "from");
        appendString(out, relation->from);
        appendKey(out, "to");
        appendString(out, relation->to);
        if (!relation->source.isEmpty()) {
            appendKey(out, "source");
            appendString(out, relation->source);
        }
        if (relation->status != Annotation::Status::Unset) {
            appendKey(out, "status");
            appendString(out, Annotation::statusName(relation->status));
        }
        appendMembers(out, relation->extraFields);
        out.append('}');
    }
    out.append("\n ]\n}\n");
    return out;
}

bool write(const QString &path, const Sidecar &sidecar, Diagnostics &diagnostics)
{
    return writeFileAtomically(path, serialize(sidecar), diagnostics);
}
} // namespace Scholiast::ScholiastJson
