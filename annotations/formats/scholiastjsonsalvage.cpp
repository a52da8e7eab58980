// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Salvage (docs/FORMAT.md §8.4): the tolerant line reader, unplaced spans, backups.
#include "salvage.h"
#include "scholiastjson.h"
#include "scholiastjson_p.h"

#include "filepolicy.h"

#include "annotationset.h"
#include "atomicfile.h"
#include "document.h"
#include "jsonwriter_p.h"
#include "utf8.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cstring>
#include <map>
#include <tuple>

namespace Scholiast::ScholiastJson {

// The bytes of the JSON value that starts at `at`: an object or array by bracket matching, a
// scalar up to the next delimiter. For keeping a bad span's bytes as they were (§8.4).
QByteArray rawJsonValueAt(const char *data, qint64 size, qint64 at)
{
    if (at < 0 || at >= size) {
        return {};
    }
    const char open = data[at];
    if (open != '{' && open != '[') { // a scalar: up to the next delimiter
        qint64 end = at;
        bool inString = false;
        for (; end < size; ++end) {
            const char c = data[end];
            if (inString) {
                if (c == '\\') {
                    ++end;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == ',' || c == ']' || c == '}' || c == '\n') {
                break;
            }
        }
        return QByteArray(data + at, end - at).trimmed();
    }
    int depth = 0;
    bool inString = false;
    for (qint64 i = at; i < size; ++i) {
        const char c = data[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return QByteArray(data + at, i + 1 - at);
        }
    }
    return QByteArray(data + at, size - at);
}
// Salvaged spans may lack an id or repeat one: each gets `<id>-2`, `<id>-3`... (`unplaced-N`
// without one), the first use of an id keeping it.
void giveUniqueIds(QList<Annotation> &spans)
{
    QSet<QString> used;
    used.reserve(spans.size());
    for (const Annotation &a : std::as_const(spans)) {
        used.insert(a.id);
    }
    QSet<QString> seen;
    QHash<QString, int> next; // per base, so that many spans without an id cost linear time
    for (Annotation &a : spans) {
        if (!a.id.isEmpty() && !seen.contains(a.id)) {
            seen.insert(a.id);
            continue;
        }
        const QString base = a.id.isEmpty() ? QStringLiteral("unplaced") : a.id;
        int &n = next[base];
        n = std::max(n, 2);
        QString candidate;
        do {
            candidate = QStringLiteral("%1-%2").arg(base).arg(n++);
        } while (used.contains(candidate));
        used.insert(candidate);
        seen.insert(candidate);
        a.id = candidate;
    }
}

// A control character inside a string: JSON forbids it, though Qt's parser lets some through.
bool hasRawControlInString(const QByteArray &json)
{
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString && uchar(c) < 0x20) {
            return true;
        }
        if (inString && c == '\\') {
            ++i;
        } else if (c == '"') {
            inString = !inString;
        }
    }
    return false;
}

// A string as the writer will write it: a lone surrogate becomes U+FFFD (docs/FORMAT.md §7.3).
QString asWritten(const QJsonValue &value)
{
    return textFromUtf8(value.toString().toUtf8());
}

// A span salvage could not place: an orphan carrying its original bytes and the reason.
Annotation unplacedFromBytes(const QByteArray &raw, const QString &reason)
{
    Annotation span;
    const QJsonDocument parsed = QJsonDocument::fromJson("[" + raw + "]");
    const QJsonObject o = parsed.array().at(0).toObject();
    span.id = asWritten(o.value(QStringLiteral("id")));
    if (span.id.isEmpty() && !parsed.isArray()) { // too deep or too big for Qt's parser: the id at least
        static const QRegularExpression id(QStringLiteral("\"id\": ?\"([^\"\\\\]+)\""));
        span.id = id.match(QString::fromUtf8(raw)).captured(1);
    }
    const auto integer = [&o](const char *key) {
        const QJsonValue v = o.value(QLatin1String(key));
        return v.isDouble() && v.toDouble() == double(v.toInteger()) ? v.toInteger() : qint64(0);
    };
    span.start = CodePoint(integer("start"));
    span.end = CodePoint(integer("end"));
    span.label = asWritten(o.value(QStringLiteral("label")));
    span.setText(asWritten(o.value(QStringLiteral("text"))));
    span.setOrphan(true);
    span.setExtraFields(
        QJsonObject{{QLatin1String(OriginalField), QString::fromUtf8(raw)}, {QLatin1String(ReasonField), reason}});
    return span;
}
// A string holding one JSON value: what `original` keeps of a span salvage could not place.
bool isJsonText(const QJsonValue &value)
{
    if (!value.isString()) {
        return false;
    }
    QJsonParseError error;
    const QByteArray bytes = value.toString().toUtf8();
    (void)QJsonDocument::fromJson("[" + bytes + "]", &error);
    return error.error == QJsonParseError::NoError && !hasRawControlInString(bytes);
}
namespace {

// The tolerant line reader (docs/FORMAT.md §8.4): the writer puts every label and every span on
// a line of its own, so each complete line of a file that is not valid JSON can still be read.
Salvage recoverLines(const QByteArray &json, const QString &path, const Document &document)
{
    Salvage out;
    out.notJson = true;
    Sidecar &sidecar = out.sidecar;
    sidecar.documentName = document.fileName();
    sidecar.documentSha256 = document.sha256();
    sidecar.documentLength = document.length();
    sidecar.document = document;
    QList<Label> labels;
    const QList<QByteArray> lines = json.split('\n');
    for (qsizetype n = 0; n < lines.size(); ++n) {
        QByteArray line = lines.at(n).trimmed();
        if (line.endsWith(',')) {
            line.chop(1);
            line = line.trimmed();
        }
        if (!line.startsWith('{') || !line.endsWith('}')) {
            continue;
        }
        QJsonParseError error;
        QJsonDocument parsed = QJsonDocument::fromJson(line, &error);
        bool asText = false; // the line is whole but not JSON itself (a raw NUL, bad UTF-8)
        if (error.error != QJsonParseError::NoError || hasRawControlInString(line)) {
            QString text = textFromUtf8(line);
            QString escaped;
            for (const QChar c : std::as_const(text)) {
                escaped +=
                    c.unicode() < 0x20 ? QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0')) : QString(c);
            }
            parsed = QJsonDocument::fromJson(escaped.toUtf8(), &error);
            asText = true;
        }
        if (error.error != QJsonParseError::NoError || !parsed.isObject()) {
            continue; // a line cut short
        }
        const QJsonObject o = parsed.object();
        const bool isSpan = o.contains(QStringLiteral("id")) || o.contains(QStringLiteral("start"));
        if (!isSpan && o.contains(QStringLiteral("name")) && !o.contains(QStringLiteral("sha256"))) {
            Label label{o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("color")).toString(),
                        o.value(QStringLiteral("key")).toString()};
            const bool clash = std::any_of(labels.begin(), labels.end(), [&](const Label &l) {
                return l.name == label.name || (!label.key.isEmpty() && l.key == label.key);
            });
            if (!label.name.isEmpty() && Label::isColor(label.color) && !clash) {
                labels.append(label);
            }
            continue;
        }
        if (!isSpan) {
            continue;
        }
        const QString reason = QStringLiteral("recovered from line %1 of a file that is not valid JSON").arg(n + 1);
        if (o.value(QStringLiteral("orphan")).toBool() && o.contains(QLatin1String(OriginalField))) {
            // Unplaced before: keep the bytes it keeps, not the line around them.
            const qsizetype key = line.indexOf("\"original\":");
            if (key >= 0) {
                qint64 at = key + qsizetype(sizeof("\"original\":") - 1);
                while (at < line.size() && line.at(at) == ' ') {
                    ++at;
                }
                Annotation span = unplacedFromBytes(rawJsonValueAt(line.constData(), line.size(), at),
                                                    o.value(QLatin1String(ReasonField)).toString());
                span.id = o.value(QStringLiteral("id")).toString();
                sidecar.annotations.append(span);
                continue;
            }
        }
        if (asText) {
            // Kept as a JSON string of the line: its bytes cannot stand in a JSON file as they are.
            QByteArray quotedLine;
            Json::appendString(quotedLine, textFromUtf8(line));
            Annotation span = unplacedFromBytes(quotedLine,
                                                reason
                                                    + QStringLiteral(" (the line itself is not valid JSON; "
                                                                     "kept as text)"));
            span.id = o.value(QStringLiteral("id")).toString();
            const auto integer = [&o](const char *key) {
                const QJsonValue v = o.value(QLatin1String(key));
                return v.isDouble() && v.toDouble() == double(v.toInteger()) ? v.toInteger() : qint64(0);
            };
            span.start = CodePoint(integer("start"));
            span.end = CodePoint(integer("end"));
            span.label = asWritten(o.value(QStringLiteral("label")));
            span.setText(asWritten(o.value(QStringLiteral("text"))));
            span.id = asWritten(o.value(QStringLiteral("id")));
            sidecar.annotations.append(span);
            continue;
        }
        sidecar.annotations.append(unplacedFromBytes(line, reason));
    }
    sidecar.labels = labels.isEmpty() ? LabelSchema::defaultSchema() : LabelSchema::fromLabels(labels);
    giveUniqueIds(sidecar.annotations);
    (void)path;
    return out;
}

} // namespace
QString Salvage::summary() const
{
    const qsizetype total = sidecar.annotations.size() + duplicatesDropped;
    QString text;
    if (notJson) {
        text = QStringLiteral("The annotations file is not valid JSON: %1 complete span line(s) recovered as orphans")
                   .arg(unplaced);
    } else {
        text =
            QStringLiteral("%1 of %2 span(s) could not be placed; they are kept as orphans").arg(unplaced).arg(total);
    }
    if (duplicatesDropped > 0) {
        text += QStringLiteral("; %1 exact duplicate(s) removed").arg(duplicatesDropped);
    }
    return text + u'.';
}

std::optional<Salvage> salvage(const QByteArray &bytes, const QString &path, Diagnostics &diagnostics,
                               const Document &document, SalvageOptions options)
{
    QByteArray json = bytes;
    if (json.startsWith("\xEF\xBB\xBF")) {
        json.remove(0, 3); // read on, the file is saved without it
    }
    SalvageState state{options};
    Diagnostics details;
    std::optional<Salvage> out;
    if (auto sidecar = parseImpl(json, path, details, &document, {}, &state)) {
        out.emplace();
        out->sidecar = std::move(*sidecar);
        out->duplicatesDropped = state.duplicatesDropped;
    } else if (state.refused) {
        diagnostics.append(details);
        return std::nullopt;
    } else {
        out = recoverLines(json, path, document);
    }
    out->details = details;
    giveUniqueIds(out->sidecar.annotations); // spans without a usable id get one
    for (const Annotation &a : std::as_const(out->sidecar.annotations)) {
        (isUnplaced(a) ? out->unplaced : out->placed) += 1;
    }
    return out;
}

std::optional<Salvage> salvageFile(const QString &path, Diagnostics &diagnostics, const Document &document,
                                   SalvageOptions options)
{
    // Regular files only, under the sidecar cap (issue 14), as for the strict read.
    const auto bytes = FilePolicy::readInput(path, FilePolicy::Input::Sidecar, diagnostics);
    if (!bytes) {
        return std::nullopt;
    }
    return salvage(*bytes, path, diagnostics, document, options);
}

bool isUnplaced(const Annotation &span)
{
    return span.isOrphan() && span.hasDetails() && span.extraFields().contains(QLatin1String(OriginalField));
}

QString unplacedReason(const Annotation &span)
{
    return span.hasDetails() ? span.extraFields().value(QLatin1String(ReasonField)).toString() : QString();
}

Annotation withoutSalvageFields(Annotation span, bool *complete)
{
    if (complete) {
        *complete = true;
    }
    if (!span.hasDetails()) {
        return span;
    }
    QJsonObject extra = span.extraFields();
    const QJsonValue original = extra.take(QLatin1String(OriginalField));
    extra.remove(QLatin1String(ReasonField));
    // The span as it was found keeps its status, note, times and unknown fields: a pending
    // suggestion placed again stays pending, it does not become gold.
    bool carried = original.isUndefined();
    if (original.isString()) {
        const QJsonDocument parsed = QJsonDocument::fromJson(original.toString().toUtf8());
        carried = parsed.isObject();
        const QJsonObject o = parsed.object();
        const auto text = [&](const QString &key, auto set) {
            const QJsonValue v = o.value(key);
            if (v.isUndefined()) {
                return;
            }
            if (v.isString()) {
                set(v.toString());
            } else {
                carried = false;
            }
        };
        text(QStringLiteral("note"), [&](const QString &v) { span.setNote(v); });
        text(QStringLiteral("annotator"), [&](const QString &v) { span.setAnnotator(v); });
        text(QStringLiteral("source"),
             [&](const QString &v) { Annotation::isSourceTag(v) ? span.setSource(v) : void(carried = false); });
        text(QStringLiteral("status"), [&](const QString &v) {
            span.setStatus(Annotation::statusFromName(v));
            carried = carried && span.status() != Annotation::Status::Unset;
        });
        for (const char *key : {"created", "modified"}) {
            text(QLatin1String(key), [&](const QString &v) {
                const QDateTime time = Annotation::timeFromIso(v);
                if (!time.isValid()) {
                    carried = false;
                } else if (std::strcmp(key, "created") == 0) {
                    span.setCreated(time);
                } else {
                    span.setModified(time);
                }
            });
        }
        if (const QJsonValue score = o.value(QStringLiteral("score")); score.isDouble()) {
            span.setScore(score.toDouble());
        } else if (!score.isUndefined()) {
            carried = false;
        }
        static const QSet<QString> known{
            QStringLiteral("id"),         QStringLiteral("start"),    QStringLiteral("end"),
            QStringLiteral("label"),      QStringLiteral("text"),     QStringLiteral("prefix"),
            QStringLiteral("suffix"),     QStringLiteral("orphan"),   QStringLiteral("note"),
            QStringLiteral("annotator"),  QStringLiteral("source"),   QStringLiteral("status"),
            QStringLiteral("created"),    QStringLiteral("modified"), QStringLiteral("score"),
            QLatin1String(OriginalField), QLatin1String(ReasonField)};
        // Qt's JSON turns a lone surrogate into U+FFFD: where one may be, the unknown fields
        // cannot be carried exactly, and the span stays as found.
        static const QRegularExpression surrogateEscape(QStringLiteral("\\\\u[dD][89a-fA-F]"));
        const bool mayHoldSurrogates = surrogateEscape.match(original.toString()).hasMatch();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!known.contains(it.key())) {
                extra.insert(it.key(), it.value());
                carried = carried && !mayHoldSurrogates;
            }
        }
    }
    span.setExtraFields(extra);
    if (complete) {
        *complete = carried;
    }
    return span;
}

QString backupPath(const QString &path)
{
    QString candidate = path + QStringLiteral(".bak");
    for (int n = 1; QFileInfo::exists(candidate) || QFileInfo(candidate).isSymLink(); ++n) {
        candidate = QStringLiteral("%1.%2.bak").arg(path).arg(n);
    }
    return candidate;
}

std::optional<QString> keepBackup(const QString &path, Diagnostics &diagnostics)
{
    const QString backup = backupPath(path);
    const auto bytes = FilePolicy::readInput(path, FilePolicy::Input::Sidecar, diagnostics);
    if (!bytes) {
        diagnostics.append(Diagnostic::error(path, QStringLiteral("cannot keep a backup")));
        return std::nullopt;
    }
    if (!writeFileAtomically(backup, *bytes, diagnostics)) {
        return std::nullopt;
    }
    return backup;
}

void settleUnplaced(const QList<Annotation> &before, QList<Annotation> &after, const LabelSchema &labels)
{
    Q_ASSERT(before.size() == after.size());
    std::map<std::tuple<CodePoint, CodePoint, QString>, int> placed;
    for (const Annotation &a : std::as_const(after)) {
        if (!a.isOrphan()) {
            ++placed[std::make_tuple(a.start, a.end, a.label)];
        }
    }
    for (qsizetype i = 0; i < before.size(); ++i) {
        if (!isUnplaced(before.at(i)) || after.at(i).isOrphan()) {
            continue;
        }
        Annotation &a = after[i];
        bool carried = false;
        Annotation placedSpan = withoutSalvageFields(a, &carried);
        const bool fits = carried && a.start < a.end && !a.text().isEmpty() && labels.contains(a.label)
            && placed[std::make_tuple(a.start, a.end, a.label)] == 1;
        if (fits) {
            a = std::move(placedSpan);
        } else {
            --placed[std::make_tuple(a.start, a.end, a.label)];
            a = before.at(i);
        }
    }
}

QList<std::pair<QString, QString>> exactDuplicates(const QList<Annotation> &spans)
{
    QList<std::pair<QString, QString>> found;
    std::map<std::tuple<CodePoint, CodePoint, QString>, QString> seen;
    for (const Annotation *a : sortedInFileOrder(spans)) {
        if (a->isOrphan()) {
            continue;
        }
        const auto key = std::make_tuple(a->start, a->end, a->label);
        if (const auto it = seen.find(key); it != seen.end()) {
            found.append({a->id, it->second});
        } else {
            seen.emplace(key, a->id);
        }
    }
    return found;
}
} // namespace Scholiast::ScholiastJson
