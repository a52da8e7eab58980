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
#include "utf8.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <optional>
#include <tuple>

namespace Scholiast::ScholiastJson {

QString sidecarPath(const QString &documentPath)
{
    return documentPath + QStringLiteral(".scholiast.json");
}

namespace {
template <typename Spans, typename IsDiscontinuous>
int versionFor(const Sidecar &sidecar, const Spans &spans, IsDiscontinuous isDiscontinuous)
{
    if (!sidecar.relations.isEmpty() || !sidecar.labels.relationLabels().isEmpty()) {
        return 2;
    }
    return std::any_of(spans.cbegin(), spans.cend(), isDiscontinuous) ? 2 : 1;
}
} // namespace

int versionFor(const Sidecar &sidecar)
{
    return versionFor(sidecar, sidecar.annotations, [](const Annotation &a) { return a.isDiscontinuous(); });
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
namespace {
// How much of a sidecar write() holds before handing it to the file: small enough to stay in the
// caches while the kernel copies it, large enough that a write call is rare.
constexpr qsizetype ChunkBytes = 1 << 20;

// The document as UTF-8, for a sidecar with many spans: their texts and contexts are copied from
// it as bytes (escaped where JSON needs it), where each was encoded from UTF-16 on its own.
// Encoding the whole document once (1-2 ns a code point) costs less than that from about one
// span per 150 code points; one per 64 is asked. Serializing the 50 MB / 1M-span case this way
// takes 0.55-0.58 s CPU against 0.61-0.62 s from UTF-16 (issue 17, docs/PERFORMANCE.md).
class DocumentUtf8
{
public:
    explicit DocumentUtf8(const Document &document)
        : m_document(document)
        , m_bytes(document.text().toUtf8())
    {
    }
    static bool pays(const Document &document, size_t spanCount) { return qint64(spanCount) * 64 >= document.length(); }
    // False for text that is not the document's bytes (never, for a document that was loaded).
    [[nodiscard]] bool isValid() const { return m_bytes.size() == m_document.utf8Length(); }
    [[nodiscard]] const char *begin() const { return m_bytes.constData(); }
    [[nodiscard]] const char *end() const { return m_bytes.constData() + m_bytes.size(); }
    // Where a code point starts (at most the length); stepped from the last answer when that is
    // a little before it, as the starts of spans in file order are.
    const char *at(CodePoint offset)
    {
        const qint64 cp = std::clamp<qint64>(offset.value, 0, m_document.length());
        if (cp >= m_cp && cp - m_cp <= 4096) {
            m_at = skipCodePointsUtf8(m_at, end(), cp - m_cp);
        } else {
            m_at = begin() + m_document.toUtf8(CodePoint(cp)).value;
        }
        m_cp = cp;
        return m_at;
    }

private:
    const Document &m_document;
    const QByteArray m_bytes;
    qint64 m_cp = 0;
    const char *m_at = m_bytes.constData();
};

// The sidecar's bytes into `out`, with `ordered` for its spans (misfits as orphans, or as they
// stand). With a file, `out` is handed to it and emptied whenever it holds a chunk, so a million
// spans never sit in memory as one buffer; false when that fails.
bool serializeInto(const Sidecar &sidecar, const std::vector<const Annotation *> &ordered, bool misfitsAsOrphans,
                   QByteArray &out, AtomicWriter *file, Diagnostics *diagnostics,
                   DocumentText documentText = DocumentText::AsPays)
{
    using namespace Json;
    const Document *document = sidecar.document ? &*sidecar.document : nullptr;
    std::optional<DocumentUtf8> documentUtf8;
    if (document && documentText != DocumentText::Utf16
        && (documentText == DocumentText::Utf8 || DocumentUtf8::pays(*document, ordered.size()))) {
        documentUtf8.emplace(*document);
        if (!documentUtf8->isValid()) {
            documentUtf8.reset();
        }
    }
    const auto handOver = [&out, file, diagnostics] {
        if (!file || out.size() < ChunkBytes) {
            return true;
        }
        const bool written = file->write(out, *diagnostics);
        out.resize(0); // keeps the capacity
        return written;
    };
    out.append("{\"format\": \"scholiast\", \"version\": ");
    out.append(
        QByteArray::number(versionFor(sidecar, ordered, [](const Annotation *a) { return a->isDiscontinuous(); })));
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
    // The UTF-16 bounds of each span and of its context, each stepped from the last span's.
    struct Cursors
    {
        Document::Utf16Cursor start;
        Document::Utf16Cursor end;
        Document::Utf16Cursor prefix;
        Document::Utf16Cursor suffix;
    };
    std::optional<Cursors> cursors;
    if (document) {
        cursors.emplace(Cursors{Document::Utf16Cursor(*document), Document::Utf16Cursor(*document),
                                Document::Utf16Cursor(*document), Document::Utf16Cursor(*document)});
    }
    for (const Annotation *a : ordered) {
        const QStringView text = a->textView();
        const bool discontinuous = a->isDiscontinuous();
        // docs/FORMAT.md §6: context from the document for a span that fits it; a span that does
        // not (an orphan, a span of a changed document) keeps the context it was saved with.
        bool fits = false;
        QStringView prefix;
        QStringView suffix;
        // The span's text and context as the document's bytes, when it fits and they are at hand.
        struct
        {
            const char *prefix = nullptr;
            const char *start = nullptr;
            const char *end = nullptr;
            const char *suffixEnd = nullptr;
        } bytes;
        if (document && !a->isOrphan()) {
            const Utf16Index from = cursors->start.toUtf16(a->start);
            const Utf16Index to = cursors->end.toUtf16(a->end);
            fits = a->fits(*document, from, to);
            if (fits && documentUtf8 && !discontinuous) {
                bytes.start = documentUtf8->at(a->start);
                bytes.end = skipCodePointsUtf8(bytes.start, documentUtf8->end(), a->end - a->start);
                bytes.prefix = backCodePointsUtf8(documentUtf8->begin(), bytes.start, Annotation::ContextLength);
                bytes.suffixEnd = skipCodePointsUtf8(bytes.end, documentUtf8->end(), Annotation::ContextLength);
            } else if (fits) {
                const QStringView whole(document->text());
                const Utf16Index before = cursors->prefix.toUtf16(a->start - Annotation::ContextLength);
                const Utf16Index after = cursors->suffix.toUtf16(a->end + Annotation::ContextLength);
                prefix = whole.mid(before.value, from.value - before.value);
                suffix = whole.mid(to.value, after.value - to.value);
            }
        }
        const bool orphan = a->isOrphan() || (misfitsAsOrphans && document && !fits);
        QString storedPrefix;
        QString storedSuffix;
        if (!fits && a->hasDetails()) {
            storedPrefix = a->prefix();
            storedSuffix = a->suffix();
            prefix = storedPrefix;
            suffix = storedSuffix;
        }
        const QList<Fragment> fragments = discontinuous ? a->fragments() : QList<Fragment>();

        // The line up to its optional fields in one stretch of room: no call into QByteArray per part.
        const qsizetype room = 256 + 46 * fragments.size()
            + 6 * (a->id.size() + a->label.size() + text.size() + prefix.size() + suffix.size())
            + 6 * (bytes.suffixEnd - bytes.prefix);
        const qsizetype at = out.size();
        out.resize(at + room);
        char *d = out.data() + at;
        d = first ? writeLiteral(d, "\n  {\"id\": ") : writeLiteral(d, ",\n  {\"id\": ");
        first = false;
        d = writeString(d, a->id);
        d = writeKey(d, "start");
        d = writeInteger(d, a->start.value);
        d = writeKey(d, "end");
        d = writeInteger(d, a->end.value);
        if (discontinuous) {
            d = writeKey(d, "fragments");
            d = writeFragments(d, fragments);
        }
        d = writeKey(d, "label");
        d = writeString(d, a->label);
        d = writeKey(d, "text");
        if (bytes.start) {
            const char *readable = documentUtf8->end();
            d = writeStringUtf8(d, bytes.start, bytes.end - bytes.start, readable);
            if (bytes.prefix != bytes.start) {
                d = writeKey(d, "prefix");
                d = writeStringUtf8(d, bytes.prefix, bytes.start - bytes.prefix, readable);
            }
            if (bytes.suffixEnd != bytes.end) {
                d = writeKey(d, "suffix");
                d = writeStringUtf8(d, bytes.end, bytes.suffixEnd - bytes.end, readable);
            }
        } else {
            d = writeString(d, text);
            if (!prefix.isEmpty()) {
                d = writeKey(d, "prefix");
                d = writeString(d, prefix);
            }
            if (!suffix.isEmpty()) {
                d = writeKey(d, "suffix");
                d = writeString(d, suffix);
            }
        }
        out.resize(d - out.constData());
        if (a->hasDetails()) {
            SpanFields::append(out, *a);
        }
        if (orphan) {
            appendKey(out, "orphan");
            out.append("true");
        }
        if (a->hasDetails()) {
            const QJsonObject extra = a->extraFields();
            for (auto it = extra.begin(); it != extra.end(); ++it) {
                appendMemberKey(out, it.key());
                if (orphan && it.key() == QLatin1String(OriginalField) && isJsonText(it.value())) {
                    out.append(it.value().toString().toUtf8()); // the bad span's bytes, unchanged (§8.4)
                } else {
                    appendValue(out, it.value());
                }
            }
        }
        out.append('}');
        if (!handOver()) {
            return false;
        }
    }
    if (sidecar.relations.isEmpty()) {
        out.append("\n ]\n}\n");
        return true;
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
        if (!handOver()) {
            return false;
        }
    }
    out.append("\n ]\n}\n");
    return true;
}
} // namespace

QByteArray serialize(const Sidecar &sidecar)
{
    return serialize(sidecar, DocumentText::AsPays);
}

QByteArray serialize(const Sidecar &sidecar, DocumentText documentText)
{
    QByteArray out;
    out.reserve(256 + sidecar.annotations.size() * (sidecar.document ? 360 : 200));
    serializeInto(sidecar, sortedInFileOrder(sidecar.annotations), false, out, nullptr, nullptr, documentText);
    return out;
}

bool write(const QString &path, const Sidecar &sidecar, Diagnostics &diagnostics)
{
    return write(path, sidecar, sortedInFileOrder(sidecar.annotations), false, diagnostics);
}

bool write(const QString &path, const Sidecar &sidecar, const std::vector<const Annotation *> &spansInFileOrder,
           bool misfitsAsOrphans, Diagnostics &diagnostics)
{
    AtomicWriter file(path);
    if (!file.open(diagnostics)) {
        return false;
    }
    QByteArray chunk;
    chunk.reserve(ChunkBytes + (64 << 10));
    return serializeInto(sidecar, spansInFileOrder, misfitsAsOrphans, chunk, &file, &diagnostics)
        && file.write(chunk, diagnostics) && file.commit(diagnostics);
}
} // namespace Scholiast::ScholiastJson
