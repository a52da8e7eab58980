// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "doccano.h"

#include "interchange_p.h"
#include "jsonwriter_p.h"

#include <QFileInfo>
#include <QHash>

#include <algorithm>
#include <set>

namespace Scholiast::Doccano {

using namespace Interchange;

namespace {
const QString FormatName = QStringLiteral("doccano");
}

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
    // doccano's relation projects: "entities" with ids and "relations" of from_id, to_id and
    // type, per record; checked against the record's entity ids once the spans are placed.
    struct PendingRelation
    {
        int item;
        Relation relation;
        const Json::Node *at;
    };
    std::vector<PendingRelation> relations;
    const auto idText = [](const Json::Node *node) {
        return !node ? QString() : node->isString() ? node->string : QString::number(node->integer);
    };
    int index = 0;
    for (const Json::Node &record : input->records) {
        ++index;
        if (!record.isObject()) {
            error(record, QStringLiteral("a doccano record must be a JSON object"));
            continue;
        }
        // doccano's import lets the text and label columns be renamed; "text"/"label" are the
        // defaults, and a record with exactly one other string field names its text that way.
        const Json::Node *text = record.get(u"text");
        QString textKey = QStringLiteral("text");
        if (!text) {
            const Json::Node *candidate = nullptr;
            int strings = 0;
            for (const auto &[key, value] : record.members) {
                if (value.isString()) {
                    ++strings;
                    candidate = &value;
                    textKey = key;
                }
            }
            if (strings == 1 && record.members.size() <= 3) {
                text = candidate;
            }
        }
        if (!text || !text->isString()) {
            error(record,
                  text ? QStringLiteral("\"text\" must be a string")
                       : QStringLiteral("record %1 has no \"text\"").arg(index));
            continue;
        }
        const Json::Node *id = record.get(u"id");
        QString name = QFileInfo(path).completeBaseName() + QStringLiteral("-%1").arg(index);
        if (id && id->isString()) {
            name = id->string;
        } else if (id && id->isNumber()) {
            name = QFileInfo(path).completeBaseName() + QStringLiteral("-") + QString::number(id->integer);
        }
        Item item = itemFromText(documentFileName(name, name), text->string);
        const Json::Node *labels = nullptr;
        const Json::Node *entities = record.get(u"entities");
        const Json::Node *relationList = entities ? record.get(u"relations") : nullptr;
        for (const auto &[key, value] : record.members) {
            if (&value == text || key == u"id" || &value == entities || &value == relationList) {
                continue;
            }
            if (!labels && value.isArray() && (key == u"label" || key == u"labels" || key.endsWith(u"label"))) {
                labels = &value;
                continue;
            }
            item.meta.insert(key, value.toJsonValue()); // meta, relations, comments...: kept
        }
        if (textKey != u"text") {
            item.meta.insert(QStringLiteral("doccano_text_column"), textKey);
        }
        const int itemIndex = state.add(std::move(item));
        const OffsetConverter *converter = &state.converters.back();
        const auto addSpan = [&](const Json::Node &at, const Json::Node *start, const Json::Node *end,
                                 const Json::Node *label, const QString &spanId) {
            const std::optional<qint64> none;
            const auto a = start ? start->toInteger() : none;
            const auto b = end ? end->toInteger() : none;
            if (!a.has_value() || !b.has_value()) {
                error(at, QStringLiteral("a span needs whole-number start and end offsets"));
                return;
            }
            if (!label || !label->isString()) {
                error(at, QStringLiteral("a span needs a string label"));
                return;
            }
            RawSpan raw;
            raw.item = itemIndex;
            raw.converter = converter;
            raw.ranges.emplace_back(a.value_or(0), b.value_or(0));
            raw.span.label = label->string;
            raw.span.id = spanId;
            raw.place = placeOf(source, at);
            state.raw.push_back(std::move(raw));
        };
        if (labels) {
            for (const Json::Node &entry : labels->items) {
                if (entry.isArray() && entry.items.size() == 3) {
                    addSpan(entry, &entry.items[0], &entry.items[1], &entry.items[2], QString());
                } else if (entry.isString()) {
                    error(entry,
                          QStringLiteral("label \"%1\" is a document category, not a span: this is a text "
                                         "classification export, which has no spans to import")
                              .arg(entry.string));
                } else {
                    error(entry, QStringLiteral("a span in \"label\" must be [start, end, \"label\"]"));
                }
            }
        }
        if (entities) {
            if (!entities->isArray()) {
                error(*entities, QStringLiteral("\"entities\" must be an array"));
                continue;
            }
            for (const Json::Node &entry : entities->items) {
                if (!entry.isObject()) {
                    error(entry, QStringLiteral("an entity must be an object"));
                    continue;
                }
                addSpan(entry, entry.get(u"start_offset"), entry.get(u"end_offset"), entry.get(u"label"),
                        idText(entry.get(u"id")));
            }
        }
        if (relationList) {
            if (!relationList->isArray()) {
                error(*relationList, QStringLiteral("\"relations\" must be an array"));
                continue;
            }
            for (const Json::Node &entry : relationList->items) {
                const Json::Node *from = entry.isObject() ? entry.get(u"from_id") : nullptr;
                const Json::Node *to = entry.isObject() ? entry.get(u"to_id") : nullptr;
                const Json::Node *type = entry.isObject() ? entry.get(u"type") : nullptr;
                if (!from || !to || !type || !type->isString() || type->string.isEmpty()) {
                    error(entry, QStringLiteral("a relation needs \"from_id\", \"to_id\" and a \"type\""));
                    continue;
                }
                const QString relationId = idText(entry.get(u"id"));
                relations.push_back({itemIndex,
                                     Relation{relationId.isEmpty() ? QString() : u'r' + relationId, type->string,
                                              idText(from), idText(to)},
                                     &entry});
            }
        }
    }
    if (hasErrorsSince(diagnostics, before)) {
        return std::nullopt;
    }
    // doccano spans carry no text to detect the unit by; its editor counts UTF-16 code units.
    auto result = state.finish({OffsetUnit::Utf16Units}, options, path, FormatName, diagnostics);
    if (!result || relations.empty()) {
        return result;
    }
    for (const PendingRelation &pending : relations) {
        Item &item = result->items[pending.item];
        for (const QString *end : {&pending.relation.from, &pending.relation.to}) {
            if (std::none_of(item.spans.begin(), item.spans.end(), [&](const Annotation &a) { return a.id == *end; })) {
                error(*pending.at, QStringLiteral("relation: no entity has the id %1").arg(*end));
            }
        }
        addRelation(item, pending.relation);
    }
    if (hasErrorsSince(diagnostics, before)) {
        return std::nullopt;
    }
    return result;
}

std::optional<QByteArray> serialize(const QList<Item> &givenItems, const WriteOptions &options,
                                    Diagnostics &diagnostics)
{
    using namespace Json;
    const OffsetUnit unit = options.offsets.value_or(OffsetUnit::Utf16Units);
    Stream alone; // the whole output in this one call
    Stream &stream = options.stream ? *options.stream : alone;
    const QList<Item> items = withContiguousSpans(givenItems, stream.losses, QStringLiteral("doccano"));
    stream.losses.addDroppedFields(items, {QStringLiteral("relations")}, QStringLiteral("doccano"));
    QByteArray out;
    qint64 moved = 0;
    qint64 overlapping = 0;
    qint64 unwrittenRelations = 0;
    for (const Item &item : items) {
        const OffsetConverter converter(item.document);
        // doccano's default project drops a span that overlaps another on import.
        {
            const auto spans = sortedInFileOrder(item.spans);
            qint64 reach = -1;
            const Annotation *reacher = nullptr;
            std::set<const Annotation *> counted;
            for (const Annotation *a : spans) {
                if (a->start.value < reach) {
                    counted.insert(a);
                    counted.insert(reacher);
                }
                if (a->end.value > reach) {
                    reach = a->end.value;
                    reacher = a;
                }
            }
            overlapping += qint64(counted.size());
        }
        out.append("{\"text\": ");
        appendString(out, item.document.text());
        // With relations, doccano's relation project layout: entities with ids, relations between
        // them (from_id, to_id, type). Without, the "label" triples every doccano project reads.
        const bool withRelations = !item.relations.isEmpty();
        out.append(withRelations ? ", \"entities\": [" : ", \"label\": [");
        bool first = true;
        QHash<QString, qsizetype> entityIds;
        for (const Annotation *a : sortedInFileOrder(item.spans)) {
            const qint64 start = converter.fromCodePointRounded(unit, a->start.value, false);
            const qint64 end = converter.fromCodePointRounded(unit, a->end.value, true);
            if (converter.fromCodePoint(unit, a->start.value) != start
                || converter.fromCodePoint(unit, a->end.value) != end) {
                ++moved;
            }
            if (withRelations) {
                const qsizetype id = entityIds.size() + 1;
                entityIds.insert(a->id, id);
                out.append(first ? "{\"id\": " : ", {\"id\": ");
                out.append(QByteArray::number(id));
                out.append(", \"label\": ");
                appendString(out, a->label);
                out.append(", \"start_offset\": ");
                out.append(QByteArray::number(start));
                out.append(", \"end_offset\": ");
                out.append(QByteArray::number(end));
                out.append('}');
                first = false;
                continue;
            }
            out.append(first ? "[" : ", [");
            first = false;
            out.append(QByteArray::number(start));
            out.append(", ");
            out.append(QByteArray::number(end));
            out.append(", ");
            appendString(out, a->label);
            out.append(']');
        }
        if (withRelations) {
            out.append("], \"relations\": [");
            qsizetype written = 0;
            for (const Relation &relation : item.relations) {
                const qsizetype from = entityIds.value(relation.from);
                const qsizetype to = entityIds.value(relation.to);
                if (from == 0 || to == 0) {
                    ++unwrittenRelations; // an end not exported (its status, say)
                    continue;
                }
                out.append(written ? ", {\"id\": " : "{\"id\": ");
                out.append(QByteArray::number(++written));
                out.append(", \"from_id\": ");
                out.append(QByteArray::number(from));
                out.append(", \"to_id\": ");
                out.append(QByteArray::number(to));
                out.append(", \"type\": ");
                appendString(out, relation.label);
                out.append('}');
            }
        }
        out.append("], \"id\": ");
        appendString(out, item.name);
        for (auto it = item.meta.begin(); it != item.meta.end(); ++it) {
            if (it.key() != u"doccano_text_column" && it.key() != u"id") {
                appendMember(out, it.key(), it.value());
            }
        }
        out.append("}\n");
    }
    stream.losses.add(
        QString(), overlapping,
        [](qint64 n) {
            return QStringLiteral(
                       "%1 spans overlap another span of their document: doccano keeps them only in a project "
                       "created with \"Allow overlapping spans\" checked (its default project drops "
                       "overlapping spans on import)")
                .arg(n);
        },
        false);
    stream.losses.add(QString(), unwrittenRelations, [](qint64 n) {
        return QStringLiteral("%1 relations join a span that is not written: not written").arg(n);
    });
    const QString edge = unit == OffsetUnit::Graphemes ? QStringLiteral("grapheme cluster") : QStringLiteral("unit");
    stream.losses.add(QString(), moved, [edge](qint64 n) {
        return QStringLiteral("%1 spans start or end inside a %2 and were widened to its edges").arg(n).arg(edge);
    });
    return finishWrite(std::move(out), stream, options, diagnostics);
}

} // namespace Scholiast::Doccano
