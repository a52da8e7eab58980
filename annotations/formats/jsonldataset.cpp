// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "jsonldataset.h"

#include "interchange_p.h"
#include "jsonwriter_p.h"

#include <QFileInfo>

#include <algorithm>

namespace Scholiast::JsonlDataset {

using namespace Interchange;

namespace {
const QString FormatName = QStringLiteral("jsonl");
// Record keys whose values are derived from the text on export, not kept in meta.
const QStringList DerivedMeta{QStringLiteral("sha256"), QStringLiteral("length")};
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
    struct PendingRelation
    {
        int item;
        Relation relation;
        const Json::Node *at;
    };
    std::vector<PendingRelation> relations;
    bool ok = true;
    const auto error = [&](const Json::Node &at, const QString &message) {
        diagnostics.append(input->at(at, message));
        ok = false;
    };
    int index = 0;
    for (const Json::Node &record : input->records) {
        ++index;
        const Json::Node *text =
            recordText(*input, record,
                       {QStringLiteral("a record must be a JSON object"), QStringLiteral("the record has no \"text\""),
                        QStringLiteral("\"text\" must be a string")},
                       diagnostics);
        if (!text) {
            ok = false;
            continue;
        }
        const Json::Node *id = record.get(u"id");
        const QString fallback = QFileInfo(path).completeBaseName() + QStringLiteral("-%1").arg(index);
        Item item =
            itemFromText(documentFileName(id && id->isString() ? id->string : QString(), fallback), text->string);
        if (const Json::Node *meta = record.get(u"meta"); meta && meta->isObject()) {
            for (const auto &[key, value] : meta->members) {
                if (!DerivedMeta.contains(key)) {
                    item.meta.insert(key, value.toJsonValue());
                }
            }
        }
        const int itemIndex = state.add(std::move(item));
        // "relations": [{"id", "label", "from", "to"}] between the record's span ids (issue 19).
        if (const Json::Node *list = record.get(u"relations")) {
            if (!list->isArray()) {
                error(*list, QStringLiteral("\"relations\" must be an array"));
            } else {
                for (const Json::Node &entry : list->items) {
                    const Json::Node *label = entry.isObject() ? entry.get(u"label") : nullptr;
                    const Json::Node *from = entry.isObject() ? entry.get(u"from") : nullptr;
                    const Json::Node *to = entry.isObject() ? entry.get(u"to") : nullptr;
                    const Json::Node *relationId = entry.isObject() ? entry.get(u"id") : nullptr;
                    if (!label || !from || !to || !label->isString() || !from->isString() || !to->isString()) {
                        error(entry, QStringLiteral("a relation needs string \"label\", \"from\" and \"to\""));
                        continue;
                    }
                    Relation relation{relationId && relationId->isString() ? relationId->string : QString(),
                                      label->string, from->string, to->string};
                    if (const Json::Node *made = entry.get(u"source"); made && made->isString()) {
                        relation.source = made->string;
                    }
                    if (const Json::Node *status = entry.get(u"status"); status && status->isString()) {
                        relation.status = Annotation::statusFromName(status->string) == Annotation::Status::Pending
                            ? Annotation::Status::Pending
                            : Annotation::Status::Unset;
                    }
                    relations.push_back({itemIndex, relation, &entry});
                }
            }
        }
        const Json::Node *spans = record.get(u"spans");
        if (!spans) {
            continue;
        }
        if (!spans->isArray()) {
            error(*spans, QStringLiteral("\"spans\" must be an array"));
            continue;
        }
        for (const Json::Node &span : spans->items) {
            if (!span.isObject()) {
                error(span, QStringLiteral("a span must be an object"));
                continue;
            }
            RawSpan raw;
            raw.item = itemIndex;
            raw.converter = &state.converters.back();
            raw.place = placeOf(source, span);
            std::optional<qint64> start, end;
            std::vector<std::pair<qint64, qint64>> fragments;
            QJsonObject extra;
            for (const auto &[key, value] : span.members) {
                if (key == u"fragments") {
                    // A discontinuous span: its pieces, [start, end] each (docs/FORMAT.md §6.9).
                    for (const Json::Node &pair : value.items) {
                        // value_or, not *: GCC 14 sees the optionals maybe uninitialised there.
                        const auto a = pair.items.size() == 2 ? pair.items[0].toInteger() : std::nullopt;
                        const auto b = pair.items.size() == 2 ? pair.items[1].toInteger() : std::nullopt;
                        if (!a.has_value() || !b.has_value()) {
                            error(pair, QStringLiteral("a fragment must be a [start, end] pair of whole numbers"));
                            fragments.clear();
                            break;
                        }
                        fragments.emplace_back(a.value_or(0), b.value_or(0));
                    }
                    if (!value.isArray() || value.items.empty()) {
                        error(value, QStringLiteral("fragments must be an array of [start, end] pairs"));
                    }
                    continue;
                }
                if (key == u"start" || key == u"end") {
                    const auto n = value.toInteger();
                    if (!n) {
                        error(value, QStringLiteral("%1 must be a whole number").arg(key));
                    }
                    (key == u"start" ? start : end) = n;
                } else if (key == u"label") {
                    if (!value.isString()) {
                        error(value, QStringLiteral("label must be a string"));
                    }
                    raw.span.label = value.string;
                } else if (key == u"text") {
                    if (value.isString()) {
                        raw.text = value.string;
                    }
                } else if (key == u"id") {
                    raw.span.id = value.isString() ? value.string : QString::number(value.integer);
                } else if (!readOptionalField(key, value, raw.span, source, diagnostics)) {
                    if (key != u"prefix" && key != u"suffix") {
                        extra.insert(key, value.toJsonValue());
                    }
                }
            }
            if (!start || !end) {
                error(span, QStringLiteral("a span needs \"start\" and \"end\""));
                continue;
            }
            if (!extra.isEmpty()) {
                raw.span.setExtraFields(extra);
            }
            if (fragments.empty()) {
                raw.ranges.emplace_back(*start, *end);
            } else {
                raw.ranges = std::move(fragments);
            }
            state.raw.push_back(std::move(raw));
        }
    }
    if (!ok || hasErrorsSince(diagnostics, before)) {
        return std::nullopt;
    }
    auto result = state.finish({OffsetUnit::CodePoints, OffsetUnit::Utf16Units, OffsetUnit::Utf8Bytes,
                                OffsetUnit::Graphemes, OffsetUnit::CrlfCollapsed},
                               options, path, FormatName, diagnostics);
    if (!result) {
        return result;
    }
    for (const PendingRelation &pending : relations) {
        (void)addRelationBetweenSpans(result->items[pending.item], pending.relation, [&](const QString &id) {
            error(*pending.at, QStringLiteral("relation: no span of the record has the id \"%1\"").arg(id));
        });
    }
    if (!ok) {
        return std::nullopt;
    }
    return result;
}

std::optional<QByteArray> serialize(const QList<Item> &items, const WriteOptions &, Diagnostics &)
{
    using namespace Json;
    QByteArray out;
    qsizetype spans = 0;
    for (const Item &item : items) {
        spans += item.spans.size();
    }
    out.reserve(spans * 120);
    for (const Item &item : items) {
        out.append("{\"id\": ");
        appendString(out, item.name);
        appendKey(out, "text");
        appendString(out, item.document.text());
        out.append(", \"spans\": [");
        bool first = true;
        for (const Annotation *a : sortedInFileOrder(item.spans)) {
            out.append(first ? "{\"id\": " : ", {\"id\": ");
            first = false;
            appendString(out, a->id);
            appendKey(out, "start");
            out.append(QByteArray::number(a->start.value));
            appendKey(out, "end");
            out.append(QByteArray::number(a->end.value));
            if (a->isDiscontinuous()) {
                appendKey(out, "fragments");
                appendFragments(out, a->fragments());
            }
            appendKey(out, "label");
            appendString(out, a->label);
            appendKey(out, "text");
            appendString(out, Annotation::fragmentsText(item.document, a->fragments()));
            appendOptionalFields(out, *a);
            out.append('}');
        }
        if (!item.relations.isEmpty()) {
            out.append("], \"relations\": [");
            bool firstRelation = true;
            for (const Relation &relation : item.relations) {
                out.append(firstRelation ? "{\"id\": " : ", {\"id\": ");
                firstRelation = false;
                appendString(out, relation.id);
                appendKey(out, "label");
                appendString(out, relation.label);
                appendKey(out, "from");
                appendString(out, relation.from);
                appendKey(out, "to");
                appendString(out, relation.to);
                // A suggestion, when the export asked for pending ones (§6.8), says so.
                if (!relation.source.isEmpty()) {
                    appendKey(out, "source");
                    appendString(out, relation.source);
                }
                if (relation.status != Annotation::Status::Unset) {
                    appendKey(out, "status");
                    appendString(out, Annotation::statusName(relation.status));
                }
                out.append('}');
            }
        }
        out.append("], \"meta\": {\"sha256\": ");
        appendString(out, item.document.sha256());
        appendKey(out, "length");
        out.append(QByteArray::number(item.document.length()));
        for (auto it = item.meta.begin(); it != item.meta.end(); ++it) {
            if (!DerivedMeta.contains(it.key())) {
                appendMember(out, it.key(), it.value());
            }
        }
        out.append("}}\n");
    }
    return out;
}

} // namespace Scholiast::JsonlDataset
