// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "brat.h"

#include "filepolicy.h"

#include "interchange_p.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QMap>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <map>
#include <tuple>

namespace Scholiast::Brat {

using namespace Interchange;

namespace {

const QString FormatName = QStringLiteral("brat");

struct Line
{
    qint64 offset; // byte offset of the line in the .ann
    QString text; // without the line end
};

std::vector<Line> splitLines(const QByteArray &bytes)
{
    std::vector<Line> out;
    qint64 start = 0;
    while (start < bytes.size()) {
        qint64 end = bytes.indexOf('\n', start);
        if (end < 0) {
            end = bytes.size();
        }
        qint64 last = end;
        if (last > start && bytes.at(last - 1) == '\r') {
            --last;
        }
        out.push_back(Line{start, QString::fromUtf8(bytes.constData() + start, last - start)});
        start = end + 1;
    }
    return out;
}

// The annotation.conf of a document: brat looks in the document's folder, then up the tree.
QString confFor(const QString &annPath)
{
    QDir dir = QFileInfo(annPath).absoluteDir();
    for (int up = 0; up < 2; ++up) {
        if (dir.exists(QStringLiteral("annotation.conf"))) {
            return dir.filePath(QStringLiteral("annotation.conf"));
        }
        if (!dir.cdUp()) {
            break;
        }
    }
    return QString();
}

bool readAnn(const QString &annPath, const ReadOptions &options, ReadResult &result, Diagnostics &diagnostics)
{
    const qsizetype before = diagnostics.size();
    const QFileInfo info(annPath);
    const QString txtPath = info.dir().filePath(info.completeBaseName() + QStringLiteral(".txt"));
    const auto bytes = readFile(annPath, diagnostics);
    if (!bytes) {
        return false;
    }
    auto document = Document::load(txtPath, diagnostics);
    if (!document) {
        return false;
    }
    // brat counts a leading BOM as a character (its reader decodes with codecs' "utf8"); Scholiast
    // removes it, so offsets over such a .txt are one more than Scholiast's.
    qint64 bomShift = 0;
    {
        QFile txt(txtPath);
        if (txt.open(QIODevice::ReadOnly) && txt.read(3) == QByteArray("\xEF\xBB\xBF")) {
            bomShift = 1;
        }
    }
    const Json::Source source(*bytes, annPath); // for line:column of byte offsets
    ReadState state;
    Item item;
    item.name = document->fileName();
    item.document = *document;
    item.documentPath = txtPath;
    if (const QString conf = confFor(annPath); !conf.isEmpty()) {
        if (const auto confBytes = readFile(conf, diagnostics)) {
            QList<Label> labels;
            for (const QString &entity : readConfEntities(*confBytes)) {
                labels.append(Label{entity, QString(), QString()});
            }
            item.labels = LabelSchema::fromLabels(labels);
        }
    }
    state.add(std::move(item));
    const OffsetConverter *converter = &state.converters.back();

    std::map<QString, size_t> textBound; // T id -> index in state.raw
    std::map<QChar, qint64> unsupported; // E, R, N... lines, by letter
    qint64 lostAttributes = 0;
    qint64 lostNotes = 0;
    struct Pending
    {
        QString target;
        QString key;
        QJsonValue value;
        bool note;
        qint64 offset;
    };
    std::vector<Pending> pending;
    std::vector<std::pair<Relation, qint64>> relations;
    const auto error = [&](qint64 at, const QString &message) { diagnostics.append(source.at(at, message)); };
    static const QRegularExpression range(QStringLiteral("^(\\d+) (\\d+)$"));
    for (const Line &line : splitLines(*bytes)) {
        if (line.text.trimmed().isEmpty()) {
            continue;
        }
        const QStringList fields = line.text.split(u'\t');
        const QString id = fields.at(0);
        const QChar kind = id.at(0);
        if (kind == u'T') {
            if (fields.size() < 3) {
                error(line.offset,
                      QStringLiteral("text-bound annotation %1 needs ID<TAB>TYPE START END<TAB>TEXT").arg(id));
                continue;
            }
            const qsizetype space = fields.at(1).indexOf(u' ');
            if (space <= 0) {
                error(line.offset, QStringLiteral("%1: no offsets after the type").arg(id));
                continue;
            }
            RawSpan raw;
            raw.converter = converter;
            raw.span.id = id;
            raw.span.label = fields.at(1).left(space);
            raw.text = fields.mid(2).join(u'\t');
            raw.place = source.at(line.offset, QString());
            raw.mergeAcrossLineBreaks = true;
            bool ok = true;
            for (const QString &part : fields.at(1).mid(space + 1).split(u';')) {
                const auto match = range.match(part.trimmed());
                if (!match.hasMatch()) {
                    error(line.offset, QStringLiteral("%1: \"%2\" is not a START END offset pair").arg(id, part));
                    ok = false;
                    break;
                }
                raw.ranges.emplace_back(match.captured(1).toLongLong() - bomShift,
                                        match.captured(2).toLongLong() - bomShift);
            }
            if (ok) {
                textBound[id] = state.raw.size();
                state.raw.push_back(std::move(raw));
            }
        } else if (kind == u'#') {
            // #1 <TAB> AnnotatorNotes T1 <TAB> note (the note's leading space is text)
            const QStringList head = fields.value(1).split(u' ', Qt::SkipEmptyParts);
            if (fields.size() < 3 || head.size() < 2) {
                error(line.offset, QStringLiteral("note %1 needs ID<TAB>TYPE TARGET<TAB>TEXT").arg(id));
                continue;
            }
            pending.push_back(Pending{head.at(1), head.at(0), fields.mid(2).join(u'\t'), true, line.offset});
        } else if (kind == u'A' || kind == u'M') {
            const QStringList head = fields.value(1).split(u' ', Qt::SkipEmptyParts);
            if (head.size() < 2) {
                error(line.offset, QStringLiteral("attribute %1 needs ID<TAB>NAME TARGET [VALUE]").arg(id));
                continue;
            }
            const QJsonValue value = head.size() > 2 ? QJsonValue(head.mid(2).join(u' ')) : QJsonValue(true);
            pending.push_back(Pending{head.at(1), head.at(0), value, false, line.offset});
        } else if (kind == u'N') {
            const QStringList head = fields.value(1).split(u' ', Qt::SkipEmptyParts);
            if (head.size() < 3) {
                error(line.offset, QStringLiteral("normalization %1 needs ID<TAB>TYPE TARGET REF<TAB>TEXT").arg(id));
                continue;
            }
            QJsonObject norm{{QStringLiteral("type"), head.at(0)}, {QStringLiteral("ref"), head.at(2)}};
            if (fields.size() > 2) {
                norm.insert(QStringLiteral("text"), fields.mid(2).join(u'\t'));
            }
            pending.push_back(Pending{head.at(1), QStringLiteral("normalizations"), norm, false, line.offset});
        } else if (kind == u'R') {
            // R1 <TAB> TYPE Arg1:T1 Arg2:T2: a relation, from Arg1 to Arg2
            const QStringList head = fields.value(1).split(u' ', Qt::SkipEmptyParts);
            if (head.size() != 3 || !head.at(1).contains(u':') || !head.at(2).contains(u':')) {
                error(line.offset, QStringLiteral("relation %1 needs ID<TAB>TYPE Arg1:ID Arg2:ID").arg(id));
                continue;
            }
            relations.push_back(
                {Relation{id, head.at(0), head.at(1).section(u':', 1), head.at(2).section(u':', 1)}, line.offset});
        } else if (kind == u'E' || kind == u'*') {
            ++unsupported[kind];
        } else {
            error(line.offset, QStringLiteral("unknown brat annotation \"%1\"").arg(id));
        }
    }
    for (const Pending &p : pending) {
        const auto target = textBound.find(p.target);
        if (target == textBound.end()) {
            ++(p.note ? lostNotes : lostAttributes);
            continue;
        }
        Annotation &span = state.raw[target->second].span;
        if (p.note) {
            span.setNote(span.note().isEmpty() ? p.value.toString() : span.note() + u'\n' + p.value.toString());
            continue;
        }
        QJsonObject extra = span.extraFields();
        if (p.key == u"normalizations") {
            QJsonArray list = extra.value(p.key).toArray();
            list.append(p.value);
            extra.insert(p.key, list);
        } else if (p.key == u"Status" && Annotation::statusFromName(p.value.toString()) != Annotation::Status::Unset) {
            span.setStatus(Annotation::statusFromName(p.value.toString()));
            span.setExtraFields(extra);
            continue;
        } else {
            QJsonObject attributes = extra.value(QStringLiteral("attributes")).toObject();
            attributes.insert(p.key, p.value);
            extra.insert(QStringLiteral("attributes"), attributes);
        }
        span.setExtraFields(extra);
    }
    if (hasErrorsSince(diagnostics, before)) {
        return false;
    }
    QStringList lost;
    static const QMap<QChar, QString> names{
        {u'E', QStringLiteral("events")}, {u'R', QStringLiteral("relations")}, {u'*', QStringLiteral("equivalences")}};
    for (const auto &[kind, count] : unsupported) {
        lost << QStringLiteral("%1 %2").arg(count).arg(names.value(kind));
    }
    if (lostNotes) {
        lost << QStringLiteral("%1 notes on events or relations").arg(lostNotes);
    }
    if (lostAttributes) {
        lost << QStringLiteral("%1 attributes or normalizations of events or relations").arg(lostAttributes);
    }
    if (!lost.isEmpty()
        && !reportLoss(
            diagnostics, annPath, options.strict,
            QStringLiteral("Scholiast has spans only; not imported: %1").arg(lost.join(QStringLiteral(", "))))) {
        return false;
    }
    // brat counts code points of the .txt as it is, CR included (docs/FORMAT.md, "brat standoff"):
    // that reading first; CRLF counted as one (older tools, universal-newline readers) is still
    // detected, and when both fit, the file as it is wins and the note says so.
    const QList<OffsetUnit> candidates{OffsetUnit::CodePoints, OffsetUnit::CrlfCollapsed, OffsetUnit::Utf16Units,
                                       OffsetUnit::Utf8Bytes, OffsetUnit::Graphemes};
    const qsizetype first = result.items.size();
    if (!state.finish(candidates, options, annPath, FormatName, result, diagnostics,
                      UnitPolicy{false, OffsetUnit::CodePoints})) {
        return false;
    }
    if (relations.empty() || result.items.size() != first + 1) {
        return true;
    }
    // Relations between the spans read, by their T ids (a discontinuous T is one span).
    Item &read = result.items.last();
    QSet<QString> ids;
    for (const Annotation &span : std::as_const(read.spans)) {
        ids.insert(span.id);
    }
    QList<RelationLabel> relationLabels = read.labels.relationLabels();
    for (auto &entry : relations) {
        Relation &relation = entry.first; // not a structured binding: lambdas below capture it
        const qint64 at = entry.second;
        for (QString *end : {&relation.from, &relation.to}) {
            if (!ids.contains(*end)) {
                error(at, QStringLiteral("relation %1: no text-bound annotation %2").arg(relation.id, *end));
            }
        }
        if (!std::any_of(relationLabels.begin(), relationLabels.end(),
                         [&](const RelationLabel &l) { return l.name == relation.label; })) {
            relationLabels.append(RelationLabel{relation.label, QString()});
        }
        read.relations.append(relation);
    }
    if (hasErrorsSince(diagnostics, before)) {
        result.items.removeLast();
        return false;
    }
    read.labels.setRelationLabels(relationLabels);
    return true;
}

} // namespace

QString typeName(const QString &label)
{
    QString name = label;
    static const QRegularExpression unsafe(QStringLiteral("[\\s;|,:=<>!]"));
    name.replace(unsafe, QStringLiteral("_"));
    return name.isEmpty() ? QStringLiteral("_") : name;
}

QStringList readConfEntities(const QByteArray &conf)
{
    QStringList entities;
    QString section;
    for (QString line : QString::fromUtf8(conf).split(u'\n')) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(u'#')) {
            continue;
        }
        if (line.startsWith(u'[') && line.endsWith(u']')) {
            section = line.mid(1, line.size() - 2).trimmed();
            continue;
        }
        if (section != u"entities" || line.startsWith(u'<')) {
            continue; // macros such as <POG>=Person|Organization
        }
        QString name = line.section(u'\t', 0, 0).section(u' ', 0, 0).trimmed();
        if (name.startsWith(u'!')) {
            name.remove(0, 1); // a grouping type, not used for annotation, still a label name
        }
        if (!name.isEmpty() && !entities.contains(name)) {
            entities << name;
        }
    }
    return entities;
}

RelationLabel relationLabelFor(const LabelSchema &labels, const QString &name)
{
    const RelationLabel *label = labels.findRelationLabel(name);
    return label ? *label : RelationLabel{name, QString()};
}

QByteArray writeConf(const QStringList &entities, const QMap<QString, QStringList> &attributes,
                     const QMap<QString, RelationLabel> &relations)
{
    QByteArray out = "# Written by Scholiast (docs/FORMAT.md, \"brat standoff\")\n[entities]\n";
    for (const QString &entity : entities) {
        out += entity.toUtf8() + '\n';
    }
    out += "\n[relations]\n\n";
    // TYPE <TAB> Arg1:A|B, Arg2:C: the span labels each end may have (<ENTITY>: any).
    const auto types = [](const QStringList &labels) {
        if (labels.isEmpty()) {
            return QStringLiteral("<ENTITY>");
        }
        QStringList names;
        for (const QString &label : labels) {
            names << typeName(label);
        }
        return names.join(u'|');
    };
    for (const RelationLabel &relation : relations) {
        out += QStringLiteral("%1\tArg1:%2, Arg2:%3\n")
                   .arg(typeName(relation.name), types(relation.from), types(relation.to))
                   .toUtf8();
    }
    out += "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n";
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
        out += typeName(it.key()).toUtf8() + "\tArg:<ENTITY>";
        if (!it.value().isEmpty()) {
            QStringList values = it.value();
            for (QString &v : values) {
                v = typeName(v);
            }
            out += ", Value:" + values.join(u'|').toUtf8();
        }
        out += '\n';
    }
    return out;
}

std::optional<ReadResult> read(const QString &path, const ReadOptions &options, Diagnostics &diagnostics)
{
    ReadResult result;
    const QFileInfo info(path);
    if (info.isDir()) {
        QStringList anns;
        QDirIterator it(path, {QStringLiteral("*.ann")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            anns << it.next();
        }
        anns.sort();
        if (anns.isEmpty()) {
            diagnostics.append(Diagnostic::error(path, QStringLiteral("no .ann files in this folder")));
            return std::nullopt;
        }
        bool ok = true;
        for (const QString &ann : anns) {
            ok &= readAnn(ann, options, result, diagnostics); // every file's errors, not only the first's
        }
        return ok ? std::optional(std::move(result)) : std::nullopt;
    }
    const QString ann =
        info.suffix() == u"txt" ? info.dir().filePath(info.completeBaseName() + QStringLiteral(".ann")) : path;
    return readAnn(ann, options, result, diagnostics) ? std::optional(std::move(result)) : std::nullopt;
}

bool writeFolder(const QList<Item> &items, const QString &folder, const WriteOptions &options, Diagnostics &diagnostics)
{
    if (!QDir().mkpath(folder)) {
        diagnostics.append(Diagnostic::error(folder, QStringLiteral("cannot create the folder")));
        return false;
    }
    Stream alone; // the whole output in this one call
    Stream &stream = options.stream ? *options.stream : alone;
    const QStringList keptFields{QStringLiteral("note"), QStringLiteral("status"), QStringLiteral("attributes"),
                                 QStringLiteral("relations")};
    stream.losses.addDroppedFields(items, keptFields, FormatName);
    QStringList &entities = stream.labels;
    QMap<QString, QStringList> &attributes = stream.attributes;
    qint64 renamed = 0;
    qint64 narrowed = 0;
    qint64 breaksOnly = 0;
    qint64 flattenedNotes = 0;
    qint64 unwrittenRelations = 0;
    QList<std::pair<QString, QByteArray>> files;
    for (const Item &item : items) {
        for (const Label &label : item.labels.labels()) {
            if (!entities.contains(typeName(label.name))) {
                entities << typeName(label.name);
            }
        }
        // brat reads the .txt as it is (CR kept, a BOM counted): write the document byte for byte
        // and count code points over it.
        QByteArray bytes = item.document.toFileBytes();
        if (!item.documentPath.isEmpty()) {
            QFile original(item.documentPath);
            if (original.open(QIODevice::ReadOnly)) {
                const QByteArray read = original.readAll();
                const bool bom = read.startsWith("\xEF\xBB\xBF");
                if (QString::fromUtf8(bom ? read.mid(3) : read) == item.document.text()) {
                    bytes = read;
                }
            }
        }
        const qint64 shift = bytes.startsWith("\xEF\xBB\xBF") ? 1 : 0;
        const QString &text = item.document.text();
        QByteArray ann;
        int t = 0;
        int attributeId = 0;
        int noteId = 0;
        QHash<QString, QString> written; // span id -> its T id, for the relations
        for (const Annotation *a : sortedInFileOrder(item.spans)) {
            const QString id = QStringLiteral("T%1").arg(++t);
            written.insert(a->id, id);
            const QString type = typeName(a->label);
            if (type != a->label) {
                ++renamed;
            }
            if (!entities.contains(type)) {
                entities << type;
            }
            // A span over line breaks is written as fragments between them, as brat itself does: an
            // .ann line cannot hold a line break.
            // A discontinuous span's fragments are its ranges (docs/FORMAT.md §6.9).
            QStringList offsets;
            QStringList texts;
            qsizetype u = 0;
            qsizetype segmentStart = 0;
            qint64 from = -1;
            qint64 firstStart = -1;
            qint64 lastEnd = -1;
            const auto closeFragment = [&](qint64 end, qsizetype uEnd) {
                offsets << QStringLiteral("%1 %2").arg(from + shift).arg(end + shift);
                texts << text.mid(segmentStart, uEnd - segmentStart);
                if (firstStart < 0) {
                    firstStart = from;
                }
                lastEnd = end;
                from = -1;
            };
            for (const Fragment &fragment : a->fragments()) {
                u = item.document.toUtf16(fragment.start).value;
                segmentStart = u;
                qint64 cp = fragment.start.value;
                for (; cp < fragment.end.value && u < text.size(); ++cp) {
                    const QChar c = text.at(u);
                    if (c == u'\n' || c == u'\r') {
                        if (from >= 0) {
                            closeFragment(cp, u);
                        }
                    } else if (from < 0) {
                        from = cp;
                        segmentStart = u;
                    }
                    u += c.isHighSurrogate() && u + 1 < text.size() ? 2 : 1;
                }
                if (from >= 0) {
                    closeFragment(cp, u);
                }
            }
            if (offsets.isEmpty()) {
                ++breaksOnly; // nothing a T line can hold
                written.remove(a->id);
                --t;
                continue;
            }
            if (firstStart != a->start.value || lastEnd != a->end.value) {
                ++narrowed;
            }
            ann += (id + u'\t' + type + u' ' + offsets.join(u';') + u'\t' + texts.join(u' ') + u'\n').toUtf8();
            if (a->hasDetails()) {
                if (const QString note = a->note(); !note.isEmpty()) {
                    QString flat = note;
                    if (flat.contains(u'\n') || flat.contains(u'\r')) {
                        ++flattenedNotes;
                        flat.replace(QStringLiteral("\r\n"), QStringLiteral(" "));
                        flat.replace(u'\n', u' ');
                        flat.replace(u'\r', u' ');
                    }
                    ann += (QStringLiteral("#%1\tAnnotatorNotes %2\t").arg(++noteId).arg(id) + flat + u'\n').toUtf8();
                }
                if (a->status() != Annotation::Status::Unset) {
                    const QString value = Annotation::statusName(a->status());
                    ann += QStringLiteral("A%1\tStatus %2 %3\n").arg(++attributeId).arg(id, value).toUtf8();
                    if (!attributes[QStringLiteral("Status")].contains(value)) {
                        attributes[QStringLiteral("Status")] << value;
                    }
                }
                const QJsonObject kept = a->extraFields().value(QStringLiteral("attributes")).toObject();
                for (auto it = kept.begin(); it != kept.end(); ++it) {
                    const QString name = typeName(it.key());
                    QString line = QStringLiteral("A%1\t%2 %3").arg(++attributeId).arg(name, id);
                    auto &values = attributes[it.key()];
                    if (it.value().isString()) {
                        line += u' ' + typeName(it.value().toString());
                        if (!values.contains(it.value().toString())) {
                            values << it.value().toString();
                        }
                    }
                    ann += (line + u'\n').toUtf8();
                }
            }
        }
        // R lines in the order the sidecar writes relations: by their spans' T ids.
        std::vector<std::tuple<int, int, QString, const Relation *>> relations;
        for (const Relation &relation : item.relations) {
            const QString from = written.value(relation.from);
            const QString to = written.value(relation.to);
            if (from.isEmpty() || to.isEmpty()) {
                ++unwrittenRelations; // an end not written (only line breaks, or left out)
                continue;
            }
            relations.emplace_back(from.mid(1).toInt(), to.mid(1).toInt(), relation.label, &relation);
            if (!stream.relations.contains(relation.label)) {
                stream.relations.insert(relation.label, relationLabelFor(item.labels, relation.label));
            }
        }
        std::sort(relations.begin(), relations.end());
        int r = 0;
        for (const auto &[from, to, label, relation] : relations) {
            ann +=
                QStringLiteral("R%1\t%2 Arg1:T%3 Arg2:T%4\n").arg(++r).arg(typeName(label)).arg(from).arg(to).toUtf8();
        }
        QString base = item.name;
        if (base.endsWith(QStringLiteral(".txt"))) {
            base.chop(4);
        }
        files.append({QDir(folder).filePath(base + QStringLiteral(".txt")), bytes});
        files.append({QDir(folder).filePath(base + QStringLiteral(".ann")), ann});
    }
    stream.losses.add(folder, renamed, [](qint64 n) {
        return QStringLiteral("%1 spans have labels with characters brat does not allow in type names (spaces, "
                              ";|,:=<>!): written with _ instead")
            .arg(n);
    });
    stream.losses.add(folder, narrowed, [](qint64 n) {
        return QStringLiteral("%1 spans begin or end with a line break, which a brat .ann line cannot hold: narrowed "
                              "to leave the line break out")
            .arg(n);
    });
    stream.losses.add(folder, breaksOnly, [](qint64 n) {
        return QStringLiteral("%1 spans cover only line breaks, which a brat .ann line cannot hold: not written")
            .arg(n);
    });
    stream.losses.add(folder, unwrittenRelations, [](qint64 n) {
        return QStringLiteral("%1 relations join a span that is not written: not written").arg(n);
    });
    stream.losses.add(folder, flattenedNotes, [](qint64 n) {
        return QStringLiteral("%1 notes contain line breaks, which brat notes cannot hold: written with spaces").arg(n);
    });
    if (stream.last) {
        files.append({QDir(folder).filePath(QStringLiteral("annotation.conf")),
                      writeConf(entities, attributes, stream.relations)});
    }
    // All files or none, never onto an input, never through a symbolic link (issue 14). Written in
    // parts, each part's files go to their temporaries now and the caller commits them all.
    if (options.stream && options.stream->staged) {
        for (const auto &[path, bytes] : files) {
            options.stream->staged->add(path, bytes);
        }
        return options.stream->staged->flush(diagnostics);
    }
    if (!options.stream && !stream.losses.report(diagnostics, options.strict)) {
        return false;
    }
    FilePolicy::StagedWrite staged(options.protectedInputs);
    for (const auto &[path, bytes] : files) {
        staged.add(path, bytes);
    }
    return staged.commit(diagnostics);
}

} // namespace Scholiast::Brat
