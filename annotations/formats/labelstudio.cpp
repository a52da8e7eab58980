// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "labelstudio.h"

#include "interchange_p.h"
#include "jsonwriter_p.h"

#include <QFileInfo>

#include <algorithm>

#include <map>

namespace Scholiast::LabelStudio {

using namespace Interchange;

namespace {
const QString FormatName = QStringLiteral("label-studio");
const QString DocumentKey = QStringLiteral("scholiast_document");

QString annotatorOf(const Json::Node *completedBy)
{
    if (!completedBy) {
        return QString();
    }
    if (completedBy->isString()) {
        return completedBy->string;
    }
    if (completedBy->isNumber()) {
        return QString::number(completedBy->integer);
    }
    if (const Json::Node *email = completedBy->get(u"email"); email && email->isString()) {
        return email->string;
    }
    return QString();
}
} // namespace

std::optional<ReadResult> read(const QString &path, const ReadOptions &options, Diagnostics &diagnostics)
{
    const qsizetype before = diagnostics.size();
    const auto input = readJson(path, JsonInput::Layout::Document, diagnostics);
    if (!input) {
        return std::nullopt;
    }
    const Json::Source &source = input->source;
    const Json::Node *root = &input->records.front();
    std::vector<const Json::Node *> tasks;
    if (root->isArray()) {
        for (const Json::Node &task : root->items) {
            tasks.push_back(&task);
        }
    } else {
        tasks.push_back(&*root); // one task, as Label Studio's examples store them
    }
    ReadState state;
    const auto error = [&](const Json::Node &at, const QString &message) {
        diagnostics.append(input->at(at, message));
    };
    std::map<QString, qint64> otherResults;
    struct PendingRelation
    {
        int item;
        Relation relation;
        qint64 offset;
    };
    std::vector<PendingRelation> relations;
    int index = 0;
    for (const Json::Node *task : tasks) {
        ++index;
        const Json::Node *data = task->isObject() ? task->get(u"data") : nullptr;
        if (!data || !data->isObject()) {
            error(*task, QStringLiteral("task %1 has no \"data\" object").arg(index));
            continue;
        }
        QString textKey;
        if (const Json::Node *text = data->get(u"text"); text && text->isString()) {
            textKey = QStringLiteral("text");
        } else {
            QStringList strings;
            for (const auto &[key, value] : data->members) {
                if (value.isString() && key != DocumentKey) {
                    strings << key;
                }
            }
            if (strings.size() != 1) {
                error(*data,
                      QStringLiteral("task %1: cannot tell which field of \"data\" holds the text (%2)")
                          .arg(index)
                          .arg(strings.isEmpty() ? QStringLiteral("no string field")
                                                 : QStringLiteral("fields ") + strings.join(QStringLiteral(", "))));
                continue;
            }
            textKey = strings.first();
        }
        const Json::Node *taskId = task->get(u"id");
        QString name = QFileInfo(path).completeBaseName() + QStringLiteral("-")
            + (taskId && taskId->isNumber()       ? QString::number(taskId->integer)
                   : taskId && taskId->isString() ? taskId->string
                                                  : QString::number(index));
        if (const Json::Node *doc = data->get(DocumentKey); doc && doc->isString()) {
            name = doc->string;
        }
        Item item = itemFromText(documentFileName(name, name), data->get(textKey)->string);
        for (const auto &[key, value] : task->members) {
            if (key == u"data") {
                QJsonObject rest;
                for (const auto &[dataKey, dataValue] : value.members) {
                    if (dataKey != textKey && dataKey != DocumentKey) {
                        rest.insert(dataKey, dataValue.toJsonValue());
                    }
                }
                if (!rest.isEmpty()) {
                    item.meta.insert(QStringLiteral("data"), rest);
                }
            } else if (key != u"annotations" && key != u"predictions") {
                item.meta.insert(key, value.toJsonValue());
            }
        }
        const int itemIndex = state.add(std::move(item));
        const OffsetConverter *converter = &state.converters.back();
        for (const char *group : {"annotations", "predictions"}) {
            const bool prediction = qstrcmp(group, "predictions") == 0;
            const Json::Node *list = task->get(QString::fromLatin1(group));
            if (!list) {
                continue;
            }
            if (!list->isArray()) {
                error(*list, QStringLiteral("\"%1\" must be an array").arg(QLatin1String(group)));
                continue;
            }
            for (const Json::Node &annotation : list->items) {
                const Json::Node *results = annotation.get(u"result");
                if (!results || !results->isArray()) {
                    error(annotation, QStringLiteral("an annotation needs a \"result\" array"));
                    continue;
                }
                const QString annotator = annotatorOf(annotation.get(u"completed_by"));
                const Json::Node *modelVersion = annotation.get(u"model_version");
                const Json::Node *annotationScore = annotation.get(u"score");
                for (const Json::Node &region : results->items) {
                    const Json::Node *regionIdNode = region.get(u"id");
                    const QString regionName = regionIdNode && regionIdNode->isString()
                        ? QStringLiteral("region %1").arg(regionIdNode->string)
                        : QStringLiteral("a region of task %1").arg(index);
                    // One bad region never rejects the file: it is named and left out (--strict: an error).
                    const auto skip = [&](const QString &message) {
                        diagnostics.append(source.at(
                            region.offset,
                            QStringLiteral("%1 is not imported: %2%3")
                                .arg(regionName, message, options.strict ? QStringLiteral(" (--strict)") : QString()),
                            options.strict ? Diagnostic::Severity::Error : Diagnostic::Severity::Warning));
                    };
                    const Json::Node *value = region.get(u"value");
                    const Json::Node *type = region.get(u"type");
                    const QString typeName = type && type->isString() ? type->string : QString();
                    if (typeName == u"relation") {
                        // {"from_id", "to_id", "direction": right | left | bi, "labels": [...]}
                        const Json::Node *from = region.get(u"from_id");
                        const Json::Node *to = region.get(u"to_id");
                        if (!from || !to || !from->isString() || !to->isString()) {
                            skip(QStringLiteral("a relation needs \"from_id\" and \"to_id\""));
                            continue;
                        }
                        const Json::Node *direction = region.get(u"direction");
                        const QString way = direction && direction->isString() ? direction->string : QString();
                        const Json::Node *relationLabels = region.get(u"labels");
                        QStringList names;
                        if (relationLabels && relationLabels->isArray()) {
                            for (const Json::Node &label : relationLabels->items) {
                                if (label.isString() && !label.string.isEmpty()) {
                                    names << label.string;
                                }
                            }
                        }
                        if (names.isEmpty()) {
                            names << QStringLiteral("relation"); // Label Studio's unlabelled relation
                        }
                        for (const QString &relationLabel : std::as_const(names)) {
                            Relation relation{QString(), relationLabel, way == u"left" ? to->string : from->string,
                                              way == u"left" ? from->string : to->string};
                            if (way == u"bi") {
                                relation.extraFields.insert(QStringLiteral("direction"), QStringLiteral("bi"));
                            }
                            relations.push_back({itemIndex, relation, region.offset});
                        }
                        continue;
                    }
                    const Json::Node *start = value ? value->get(u"start") : nullptr;
                    const Json::Node *end = value ? value->get(u"end") : nullptr;
                    if (start && end && (start->isString() || end->isString())) {
                        skip(QStringLiteral(
                                 "its type \"%1\" addresses HTML by XPath (start %2): only plain text regions "
                                 "with character offsets can be imported")
                                 .arg(typeName, visibleText(start->string)));
                        continue;
                    }
                    if (!start || !end) {
                        ++otherResults[typeName.isEmpty() ? QStringLiteral("(no type)") : typeName];
                        continue;
                    }
                    const Json::Node *labels = value->get(u"labels");
                    if (!labels) {
                        for (const auto &[key, v] : value->members) {
                            if (key.endsWith(u"labels") && v.isArray()) {
                                labels = &v;
                            }
                        }
                    }
                    if (!labels || !labels->isArray() || labels->items.empty()) {
                        skip(QStringLiteral("it has offsets but no labels"));
                        continue;
                    }
                    const auto a = start->toInteger();
                    const auto b = end->toInteger();
                    if (!a || !b) {
                        skip(QStringLiteral("its start and end must be whole numbers"));
                        continue;
                    }
                    const Json::Node *text = value->get(u"text");
                    const Json::Node *regionId = region.get(u"id");
                    for (const Json::Node &label : labels->items) {
                        RawSpan raw;
                        raw.item = itemIndex;
                        raw.converter = converter;
                        raw.ranges.emplace_back(*a, *b);
                        if (text && text->isString()) {
                            raw.text = text->string;
                            raw.escapedLineBreaks = true; // the frontend writes line breaks as \n
                        }
                        raw.what = regionName;
                        raw.span.label = label.string;
                        raw.span.id = regionId && regionId->isString() ? regionId->string : QString();
                        raw.place = placeOf(source, region);
                        if (!annotator.isEmpty()) {
                            raw.span.setAnnotator(annotator);
                        }
                        if (const Json::Node *meta = region.get(u"meta")) {
                            if (const Json::Node *notes = meta->get(u"text"); notes && notes->isArray()) {
                                QStringList lines;
                                for (const Json::Node &n : notes->items) {
                                    lines << n.string;
                                }
                                raw.span.setNote(lines.join(u'\n'));
                            }
                        }
                        const Json::Node *score = region.get(u"score");
                        if (!score) {
                            score = annotationScore;
                        }
                        if (score && score->isNumber()) {
                            raw.span.setScore(score->number);
                        }
                        if (prediction) {
                            raw.span.setStatus(Annotation::Status::Pending);
                            QJsonObject extra{{QStringLiteral("prediction"), true}};
                            if (modelVersion && modelVersion->isString()) {
                                extra.insert(QStringLiteral("model_version"), modelVersion->string);
                            }
                            raw.span.setExtraFields(extra);
                        }
                        state.raw.push_back(std::move(raw));
                    }
                }
            }
        }
    }
    if (hasErrorsSince(diagnostics, before)) {
        return std::nullopt;
    }
    if (!otherResults.empty()) {
        QStringList parts;
        for (const auto &[type, n] : otherResults) {
            parts << QStringLiteral("%1 \"%2\"").arg(n).arg(type);
        }
        if (!reportLoss(diagnostics, path, options.strict,
                        QStringLiteral("results without text offsets are not spans and were not imported: %1")
                            .arg(parts.join(QStringLiteral(", "))))) {
            return std::nullopt;
        }
    }
    // Current Label Studio counts code points, exports from about 2021 UTF-16 code units.
    auto result = state.finish({OffsetUnit::CodePoints, OffsetUnit::Utf16Units, OffsetUnit::CrlfCollapsed,
                                OffsetUnit::Utf8Bytes, OffsetUnit::Graphemes},
                               options, path, FormatName, diagnostics, UnitPolicy{true, std::nullopt});
    if (!result) {
        return result;
    }
    // Relations between the regions read (by region id): one whose region was not imported is
    // said, and left out (--strict: an error).
    qint64 leftOut = 0;
    for (const PendingRelation &pending : relations) {
        const Relation &relation = pending.relation;
        Item &target = result->items[pending.item];
        const auto has = [&](const QString &id) {
            return std::any_of(target.spans.begin(), target.spans.end(),
                               [&](const Annotation &a) { return a.id == id; });
        };
        if (!has(relation.from) || !has(relation.to)) {
            ++leftOut;
            continue;
        }
        addRelation(target, relation);
    }
    if (leftOut > 0
        && !reportLoss(diagnostics, path, options.strict,
                       QStringLiteral("%1 relations join a region that was not imported: left out").arg(leftOut))) {
        return std::nullopt;
    }
    return result;
}

std::optional<QByteArray> serialize(const QList<Item> &givenItems, const WriteOptions &options,
                                    Diagnostics &diagnostics)
{
    using namespace Json;
    const OffsetUnit unit = options.offsets.value_or(OffsetUnit::CodePoints);
    Stream alone; // the whole output in this one call
    Stream &stream = options.stream ? *options.stream : alone;
    const QList<Item> items = withContiguousSpans(givenItems, stream.losses, QStringLiteral("Label Studio"));
    stream.losses.addDroppedFields(
        items,
        {QStringLiteral("note"), QStringLiteral("annotator"), QStringLiteral("score"), QStringLiteral("relations")},
        QStringLiteral("Label Studio"));
    qint64 unwrittenRelations = 0;
    QByteArray out = stream.first ? "[" : "";
    qint64 taskId = stream.itemsBefore;
    for (const Item &item : items) {
        const OffsetConverter converter(item.document);
        out.append(taskId ? ",\n {\"id\": " : "\n {\"id\": ");
        out.append(QByteArray::number(++taskId));
        out.append(", \"data\": {\"text\": ");
        appendString(out, item.document.text());
        appendKey(out, "scholiast_document");
        appendString(out, item.name);
        out.append("},\n  \"annotations\": [");
        // Label Studio records who made an annotation per annotation, not per region: one
        // annotation per annotator, in order of first appearance.
        QStringList annotators;
        const auto spans = sortedInFileOrder(item.spans);
        for (const Annotation *a : spans) {
            if (!annotators.contains(a->annotator())) {
                annotators << a->annotator();
            }
        }
        if (annotators.isEmpty()) {
            annotators << QString();
        }
        for (qsizetype g = 0; g < annotators.size(); ++g) {
            out.append(g ? ",\n   {\"result\": [" : "{\"result\": [");
            bool first = true;
            for (const Annotation *a : spans) {
                if (a->annotator() != annotators[g]) {
                    continue;
                }
                out.append(first ? "\n   {\"id\": " : ",\n   {\"id\": ");
                first = false;
                appendString(out, a->id);
                out.append(
                    ", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\", \"value\": {\"start\": ");
                out.append(QByteArray::number(*converter.fromCodePoint(unit, a->start.value)));
                appendKey(out, "end");
                out.append(QByteArray::number(*converter.fromCodePoint(unit, a->end.value)));
                appendKey(out, "text");
                appendString(out, item.document.slice(a->start, a->end));
                out.append(", \"labels\": [");
                appendString(out, a->label);
                out.append("]}");
                if (a->hasDetails()) {
                    if (!a->note().isEmpty()) {
                        out.append(", \"meta\": {\"text\": [");
                        appendString(out, a->note());
                        out.append("]}");
                    }
                    if (const auto score = a->score()) {
                        appendKey(out, "score");
                        appendDouble(out, *score);
                    }
                }
                out.append('}');
            }
            // Relation results between regions of this annotation (Label Studio links regions
            // of one annotation only).
            for (const Relation &relation : item.relations) {
                const Annotation *from = nullptr;
                const Annotation *to = nullptr;
                for (const Annotation *a : spans) {
                    from = a->id == relation.from ? a : from;
                    to = a->id == relation.to ? a : to;
                }
                if (!from || !to || from->annotator() != to->annotator()) {
                    unwrittenRelations += g == 0 ? 1 : 0;
                    continue;
                }
                if (from->annotator() != annotators[g]) {
                    continue;
                }
                out.append(first ? "\n   {\"from_id\": " : ",\n   {\"from_id\": ");
                first = false;
                appendString(out, relation.from);
                appendKey(out, "to_id");
                appendString(out, relation.to);
                out.append(", \"type\": \"relation\", \"direction\": ");
                appendString(out, relation.extraFields.value(u"direction").toString(QStringLiteral("right")));
                out.append(", \"labels\": [");
                appendString(out, relation.label);
                out.append("]}");
            }
            out.append(first ? "]" : "\n   ]");
            if (!annotators[g].isEmpty()) {
                appendKey(out, "completed_by");
                out.append("{\"email\": ");
                appendString(out, annotators[g]);
                out.append('}');
            }
            out.append('}');
        }
        out.append("]}");
    }
    if (stream.last) {
        out.append("\n]\n");
    }
    stream.losses.add(QString(), unwrittenRelations, [](qint64 n) {
        return QStringLiteral("%1 relations join a span that is not written, or spans of two annotators (Label "
                              "Studio relates regions of one annotation): not written")
            .arg(n);
    });
    return finishWrite(std::move(out), stream, options, diagnostics);
}

} // namespace Scholiast::LabelStudio
