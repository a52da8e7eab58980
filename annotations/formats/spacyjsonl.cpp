// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "spacyjsonl.h"

#include "interchange_p.h"
#include "jsonwriter_p.h"

#include <QFileInfo>

namespace Scholiast::SpacyJsonl {

using namespace Interchange;

namespace {
const QString FormatName = QStringLiteral("spacy");
const QString DocumentKey = QStringLiteral("scholiast_document");
} // namespace

std::optional<ReadResult> read(const QString &path, const ReadOptions &options, Diagnostics &diagnostics)
{
    const qsizetype before = diagnostics.size();
    const auto input = readJson(path, JsonInput::Layout::Lines, diagnostics);
    if (!input) {
        return std::nullopt;
    }
    const Json::Source &source = input->source;
    ReadState state;
    const auto error = [&](const Json::Node &at, const QString &message) {
        diagnostics.append(input->at(at, message));
    };
    int index = 0;
    for (const Json::Node &record : input->records) {
        ++index;
        const QString noText = QStringLiteral("record %1 has no \"text\" string").arg(index);
        const Json::Node *text = recordText(*input, record, {{}, noText, noText}, diagnostics);
        if (!text) {
            continue;
        }
        QString name = QFileInfo(path).completeBaseName() + QStringLiteral("-%1").arg(index);
        Item item;
        QJsonObject meta;
        for (const auto &[key, value] : record.members) {
            if (key == u"text" || key == u"spans") {
                continue;
            }
            if (key == u"meta" && value.isObject()) {
                QJsonObject inner;
                for (const auto &[metaKey, metaValue] : value.members) {
                    if (metaKey == DocumentKey && metaValue.isString()) {
                        name = metaValue.string;
                    } else {
                        inner.insert(metaKey, metaValue.toJsonValue());
                    }
                }
                if (!inner.isEmpty()) {
                    meta.insert(key, inner);
                }
                continue;
            }
            meta.insert(key, value.toJsonValue()); // tokens, answer, _input_hash...: kept
        }
        item = itemFromText(documentFileName(name, name), text->string);
        item.meta = meta;
        const int itemIndex = state.add(std::move(item));
        const Json::Node *spans = record.get(u"spans");
        if (!spans) {
            continue;
        }
        if (!spans->isArray()) {
            error(*spans, QStringLiteral("\"spans\" must be an array"));
            continue;
        }
        // Prodigy's "answer": "reject" or "ignore" records spans an annotator turned down or skipped.
        const Json::Node *answer = record.get(u"answer");
        const bool rejected =
            answer && answer->isString() && (answer->string == u"reject" || answer->string == u"ignore");
        for (const Json::Node &span : spans->items) {
            RawSpan raw;
            raw.item = itemIndex;
            raw.converter = &state.converters.back();
            raw.place = placeOf(source, span);
            std::optional<qint64> start, end;
            QJsonObject extra;
            for (const auto &[key, value] : span.members) {
                if (key == u"start" || key == u"end") {
                    (key == u"start" ? start : end) = value.toInteger();
                } else if (key == u"label") {
                    raw.span.label = value.string;
                } else if (key == u"text" && value.isString()) {
                    raw.text = value.string;
                } else if (key == u"id") {
                    raw.span.id = value.isString() ? value.string : QString::number(value.integer);
                } else if (key == u"source" && !(value.isString() && Annotation::isSourceTag(value.string))) {
                    extra.insert(QStringLiteral("prodigy_source"), value.toJsonValue()); // Prodigy's model name
                } else if (!readOptionalField(key, value, raw.span, source, diagnostics)) {
                    extra.insert(key, value.toJsonValue()); // token_start, token_end, type...: kept
                }
            }
            if (!start || !end) {
                error(span, QStringLiteral("a span needs whole-number \"start\" and \"end\""));
                continue;
            }
            if (!extra.isEmpty()) {
                raw.span.setExtraFields(extra);
            }
            if (rejected && raw.span.status() == Annotation::Status::Unset) {
                raw.span.setStatus(Annotation::Status::Rejected); // the annotator said no to these spans
            }
            raw.ranges.emplace_back(*start, *end);
            state.raw.push_back(std::move(raw));
        }
    }
    if (hasErrorsSince(diagnostics, before)) {
        return std::nullopt;
    }
    return state.finish({OffsetUnit::CodePoints, OffsetUnit::Utf16Units, OffsetUnit::Utf8Bytes, OffsetUnit::Graphemes,
                         OffsetUnit::CrlfCollapsed},
                        options, path, FormatName, diagnostics);
}

std::optional<QByteArray> serialize(const QList<Item> &givenItems, const WriteOptions &options,
                                    Diagnostics &diagnostics)
{
    using namespace Json;
    Stream alone; // the whole output in this one call
    Stream &stream = options.stream ? *options.stream : alone;
    const QList<Item> items = withContiguousSpans(givenItems, stream.losses, QStringLiteral("spaCy"));
    qint64 relations = 0;
    for (const Item &item : items) {
        relations += item.relations.size();
    }
    stream.losses.add(QString(), relations, [](qint64 n) {
        return QStringLiteral("spaCy / Prodigy spans have no relations: %1 relations not written").arg(n);
    });
    QByteArray out;
    for (const Item &item : items) {
        out.append("{\"text\": ");
        appendString(out, item.document.text());
        out.append(", \"spans\": [");
        bool first = true;
        for (const Annotation *a : sortedInFileOrder(item.spans)) {
            out.append(first ? "{\"start\": " : ", {\"start\": ");
            first = false;
            out.append(QByteArray::number(a->start.value));
            appendKey(out, "end");
            out.append(QByteArray::number(a->end.value));
            appendKey(out, "label");
            appendString(out, a->label);
            appendKey(out, "text");
            appendString(out, item.document.slice(a->start, a->end));
            appendKey(out, "id");
            appendString(out, a->id);
            appendOptionalFields(out, *a); // spaCy and Prodigy ignore keys they do not know
            out.append('}');
        }
        out.append("], \"meta\": {");
        QJsonObject meta = item.meta.value(QStringLiteral("meta")).toObject();
        meta.insert(DocumentKey, item.name);
        bool firstKey = true;
        for (auto it = meta.begin(); it != meta.end(); ++it) {
            if (!firstKey) {
                out.append(", ");
            }
            firstKey = false;
            appendString(out, it.key());
            out.append(": ");
            appendValue(out, it.value());
        }
        out.append('}');
        for (auto it = item.meta.begin(); it != item.meta.end(); ++it) {
            if (it.key() != u"meta") {
                appendMember(out, it.key(), it.value());
            }
        }
        out.append("}\n");
    }
    return finishWrite(std::move(out), stream, options, diagnostics);
}

} // namespace Scholiast::SpacyJsonl
