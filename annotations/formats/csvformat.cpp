// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "csvformat.h"

#include "filepolicy.h"

#include "interchange_p.h"
#include "spanfields.h"
#include "utf8.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <map>

namespace Scholiast::Csv {

using namespace Interchange;

namespace {

const QString FormatName = QStringLiteral("csv");
const QStringList Columns{QStringLiteral("document"),  QStringLiteral("start"),  QStringLiteral("end"),
                          QStringLiteral("label"),     QStringLiteral("text"),   QStringLiteral("note"),
                          QStringLiteral("annotator"), QStringLiteral("source"), QStringLiteral("status"),
                          QStringLiteral("id"),        QStringLiteral("score"),  QStringLiteral("created"),
                          QStringLiteral("modified")};

const QString FragmentsColumn = QStringLiteral("fragments");
const QString RelationsColumn = QStringLiteral("relations");

// [[start, end], ...] of a discontinuous span, as the sidecar writes it (§6.9); empty otherwise.
QString fragmentsField(const Annotation &span)
{
    if (!span.isDiscontinuous()) {
        return {};
    }
    QJsonArray pieces;
    for (const Fragment &f : span.fragments()) {
        pieces.append(QJsonArray{f.start.value, f.end.value});
    }
    return QString::fromUtf8(QJsonDocument(pieces).toJson(QJsonDocument::Compact));
}

// The relations that start at a span, on its row: [{"id", "label", "to"}, ...] (§6.8).
QString relationsField(const QList<const Relation *> &relations)
{
    if (relations.isEmpty()) {
        return {};
    }
    QJsonArray list;
    for (const Relation *r : relations) {
        QJsonObject o{
            {QStringLiteral("id"), r->id}, {QStringLiteral("label"), r->label}, {QStringLiteral("to"), r->to}};
        if (!r->source.isEmpty()) {
            o.insert(QStringLiteral("source"), r->source);
        }
        if (r->isPending()) {
            o.insert(QStringLiteral("status"), QStringLiteral("pending"));
        }
        list.append(o);
    }
    return QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
}

void appendField(QByteArray &out, const QString &field)
{
    static const QString special = QStringLiteral(",\"\r\n");
    bool quote = false;
    for (QChar c : field) {
        if (special.contains(c)) {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out.append(field.toUtf8());
        return;
    }
    QString escaped = field;
    escaped.replace(u'"', QStringLiteral("\"\""));
    out.append('"');
    out.append(escaped.toUtf8());
    out.append('"');
}

struct Row
{
    qint64 offset; // byte offset of the row's first field
    QStringList fields;
};

// RFC 4180: fields separated by commas, quoted fields may hold commas, quotes ("") and line breaks.
std::optional<std::vector<Row>> parse(const Json::Source &source, Diagnostics &diagnostics)
{
    const QByteArray &bytes = source.bytes();
    std::vector<Row> rows;
    qint64 i = bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    const qint64 n = bytes.size();
    while (i < n) {
        Row row{i, {}};
        for (;;) {
            QByteArray field;
            if (i < n && bytes.at(i) == '"') {
                const qint64 open = i++;
                for (;;) {
                    if (i >= n) {
                        diagnostics.append(source.at(open, QStringLiteral("a quoted field is not closed")));
                        return std::nullopt;
                    }
                    if (bytes.at(i) == '"') {
                        if (i + 1 < n && bytes.at(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    field.append(bytes.at(i++));
                }
                if (i < n && bytes.at(i) != ',' && bytes.at(i) != '\r' && bytes.at(i) != '\n') {
                    diagnostics.append(source.at(i, QStringLiteral("text after a closing quote")));
                    return std::nullopt;
                }
            } else {
                while (i < n && bytes.at(i) != ',' && bytes.at(i) != '\r' && bytes.at(i) != '\n') {
                    field.append(bytes.at(i++));
                }
            }
            row.fields << textFromUtf8(field);
            if (i < n && bytes.at(i) == ',') {
                ++i;
                continue;
            }
            break;
        }
        if (i < n && bytes.at(i) == '\r') {
            ++i;
        }
        if (i < n && bytes.at(i) == '\n') {
            ++i;
        }
        if (!(row.fields.size() == 1 && row.fields.first().isEmpty())) {
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

} // namespace

std::optional<ReadResult> read(const QString &path, const ReadOptions &options, Diagnostics &diagnostics)
{
    const qsizetype before = diagnostics.size();
    const auto bytes = readFile(path, diagnostics);
    if (!bytes) {
        return std::nullopt;
    }
    const Json::Source source(*bytes, path);
    const auto rows = parse(source, diagnostics);
    if (!rows) {
        return std::nullopt;
    }
    if (rows->empty()) {
        diagnostics.append(Diagnostic::error(path, QStringLiteral("the file is empty")));
        return std::nullopt;
    }
    std::map<QString, int> column;
    for (qsizetype c = 0; c < rows->front().fields.size(); ++c) {
        column[rows->front().fields.at(c).trimmed().toLower()] = int(c);
    }
    for (const char *required : {"document", "start", "end", "label"}) {
        if (!column.count(QLatin1String(required))) {
            diagnostics.append(
                source.at(0, QStringLiteral("the header has no \"%1\" column").arg(QLatin1String(required))));
        }
    }
    if (hasErrorsSince(diagnostics, before)) {
        return std::nullopt;
    }
    ReadState state;
    std::map<QString, int> documents;
    struct PendingRelation
    {
        int item;
        Relation relation;
        qint64 offset;
    };
    std::vector<PendingRelation> relations;
    for (size_t r = 1; r < rows->size(); ++r) {
        const Row &row = (*rows)[r];
        const auto field = [&](const char *name) -> QString {
            const auto it = column.find(QLatin1String(name));
            return it == column.end() ? QString() : row.fields.value(it->second);
        };
        const auto error = [&](const QString &message) { diagnostics.append(source.at(row.offset, message)); };
        // The document column names a file relative to --documents DIR, else to the CSV's folder,
        // and stays inside that folder (issue 14).
        const QString baseFolder = options.documentsDir.isEmpty() ? QFileInfo(path).path() : options.documentsDir;
        QString documentPath = options.documentPath;
        if (documentPath.isEmpty()) {
            QString why;
            const auto confined = FilePolicy::confined(baseFolder, field("document"), &why);
            if (!confined) {
                error(QStringLiteral("document: %1; give the document with --document").arg(why));
                continue;
            }
            documentPath = *confined;
        }
        auto found = documents.find(documentPath);
        if (found == documents.end()) {
            if (!QFileInfo::exists(documentPath)) {
                error(
                    QStringLiteral("the document \"%1\" is not there: looked for %2; give the folder that holds the "
                                   "documents with --documents DIR, or one document with --document")
                        .arg(field("document"), QDir::cleanPath(QDir(baseFolder).absoluteFilePath(field("document")))));
                documents.emplace(documentPath, -1);
                continue;
            }
            auto document = Document::load(documentPath, diagnostics);
            if (!document) {
                documents.emplace(documentPath, -1);
                continue;
            }
            Item item;
            item.name = document->fileName();
            item.document = *document;
            item.documentPath = documentPath;
            found = documents.emplace(documentPath, state.add(std::move(item))).first;
        }
        if (found->second < 0) {
            continue;
        }
        bool okStart = false;
        bool okEnd = false;
        const qint64 start = field("start").toLongLong(&okStart);
        const qint64 end = field("end").toLongLong(&okEnd);
        if (!okStart || !okEnd) {
            error(QStringLiteral("start and end must be whole numbers"));
            continue;
        }
        RawSpan raw;
        raw.item = found->second;
        raw.converter = &state.converters[size_t(found->second)];
        if (const QString pieces = field("fragments"); !pieces.isEmpty()) {
            // [[start, end], ...]: one discontinuous span (§6.9); start and end are its envelope.
            const QJsonDocument json = QJsonDocument::fromJson(pieces.toUtf8());
            for (const QJsonValue &piece : json.array()) {
                const QJsonArray pair = piece.toArray();
                if (pair.size() == 2 && pair.at(0).isDouble() && pair.at(1).isDouble()) {
                    raw.ranges.emplace_back(qint64(pair.at(0).toDouble()), qint64(pair.at(1).toDouble()));
                }
            }
            if (!json.isArray() || raw.ranges.size() != size_t(json.array().size()) || raw.ranges.empty()) {
                error(QStringLiteral("fragments must be a JSON list of [start, end] pairs, not %1").arg(pieces));
                continue;
            }
        } else {
            raw.ranges.emplace_back(start, end);
        }
        if (const QString list = field("relations"); !list.isEmpty()) {
            const QJsonDocument json = QJsonDocument::fromJson(list.toUtf8());
            if (!json.isArray() || field("id").isEmpty()) {
                error(QStringLiteral("relations must be a JSON list of {\"id\", \"label\", \"to\"} on a row with an "
                                     "id, not %1")
                          .arg(list));
                continue;
            }
            for (const QJsonValue &entry : json.array()) {
                const QJsonObject o = entry.toObject();
                Relation relation{o.value(u"id").toString(), o.value(u"label").toString(), field("id"),
                                  o.value(u"to").toString()};
                relation.source = o.value(u"source").toString();
                if (o.value(u"status").toString() == u"pending") {
                    relation.status = Annotation::Status::Pending;
                }
                if (relation.label.isEmpty() || relation.to.isEmpty()) {
                    error(QStringLiteral("a relation needs a \"label\" and a \"to\": %1").arg(list));
                    continue;
                }
                relations.push_back({found->second, relation, row.offset});
            }
        }
        raw.span.label = field("label");
        raw.span.id = field("id");
        raw.place = source.at(row.offset, QString());
        if (column.count(QStringLiteral("text"))) {
            raw.text = field("text");
        }
        Json::Node value;
        value.type = Json::Node::Type::String;
        value.offset = row.offset;
        for (const char *name : {"note", "annotator", "source", "status", "created", "modified"}) {
            if (const QString v = field(name); !v.isEmpty()) {
                value.string = v;
                (void)readOptionalField(QString::fromLatin1(name), value, raw.span, source, diagnostics);
            }
        }
        if (const QString score = field("score"); !score.isEmpty()) {
            bool ok = false;
            const double s = score.toDouble(&ok);
            ok ? raw.span.setScore(s) : error(QStringLiteral("score \"%1\" is not a number").arg(score));
        }
        state.raw.push_back(std::move(raw));
    }
    if (hasErrorsSince(diagnostics, before)) {
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
            diagnostics.append(source.at(
                pending.offset, QStringLiteral("relation: no span of the same document has the id \"%1\"").arg(id)));
        });
    }
    if (hasErrorsSince(diagnostics, before)) {
        return std::nullopt;
    }
    return result;
}

std::optional<QByteArray> serialize(const QList<Item> &givenItems, const WriteOptions &options,
                                    Diagnostics &diagnostics)
{
    Stream alone; // the whole output in this one call
    Stream &stream = options.stream ? *options.stream : alone;
    // The fragments and relations columns only when used (docs/FORMAT.md §18): a corpus says so
    // before its first part; one call looks at its own items.
    const bool extended = options.stream
        ? stream.version2Columns
        : std::any_of(givenItems.begin(), givenItems.end(), [](const Item &item) {
              return !item.relations.isEmpty()
                  || std::any_of(item.spans.begin(), item.spans.end(),
                                 [](const Annotation &a) { return a.isDiscontinuous(); });
          });
    const QList<Item> items =
        extended ? givenItems : withContiguousSpans(givenItems, stream.losses, QStringLiteral("CSV"));
    const QStringList columns = extended ? Columns + QStringList{FragmentsColumn, RelationsColumn} : Columns;
    stream.losses.addDroppedFields(items, columns, QStringLiteral("CSV"));
    QByteArray out = stream.first ? columns.join(u',').toUtf8() + "\r\n" : QByteArray();
    for (const Item &item : items) {
        QHash<QString, QList<const Relation *>> relationsFrom;
        for (const Relation &relation : item.relations) {
            relationsFrom[relation.from].append(&relation);
        }
        for (const Annotation *a : sortedInFileOrder(item.spans)) {
            QStringList fields{
                item.name,
                QString::number(a->start.value),
                QString::number(a->end.value),
                a->label,
                a->isDiscontinuous() ? Annotation::fragmentsText(item.document, a->fragments())
                                     : item.document.slice(a->start, a->end).toString(),
                a->note(),
                a->annotator(),
                a->source(),
                a->status() == Annotation::Status::Unset ? QString() : Annotation::statusName(a->status()),
                a->id,
                a->score() ? QString::number(*a->score(), 'g', 17) : QString(),
                a->created().isValid() ? SpanFields::timeToIso(a->created()) : QString(),
                a->modified().isValid() ? SpanFields::timeToIso(a->modified()) : QString(),
            };
            if (extended) {
                fields << fragmentsField(*a) << relationsField(relationsFrom.value(a->id));
            }
            for (qsizetype i = 0; i < fields.size(); ++i) {
                if (i) {
                    out.append(',');
                }
                appendField(out, fields.at(i));
            }
            out.append("\r\n");
        }
    }
    return finishWrite(std::move(out), stream, options, diagnostics);
}

} // namespace Scholiast::Csv
