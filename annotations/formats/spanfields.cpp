// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "spanfields.h"

#include "jsonwriter_p.h"

#include <array>

namespace Scholiast::SpanFields {

namespace {

enum class Field { Note, Annotator, Source, Status, Score, Created, Modified };

constexpr std::array<std::pair<const char *, Field>, 7> Fields{{{"note", Field::Note},
                                                                {"annotator", Field::Annotator},
                                                                {"source", Field::Source},
                                                                {"status", Field::Status},
                                                                {"score", Field::Score},
                                                                {"created", Field::Created},
                                                                {"modified", Field::Modified}}};

std::optional<Field> fieldOf(QStringView key)
{
    for (const auto &[name, field] : Fields) {
        if (key == QLatin1StringView(name)) {
            return field;
        }
    }
    return std::nullopt;
}

std::optional<Field> fieldOf(std::string_view key)
{
    for (const auto &[name, field] : Fields) {
        if (key == name) {
            return field;
        }
    }
    return std::nullopt;
}

std::optional<QString> setField(Field field, const Value &value, Annotation &span)
{
    QString name;
    for (const auto &entry : Fields) {
        if (entry.second == field) {
            name = QLatin1StringView(entry.first);
        }
    }
    if (field == Field::Score) {
        if (value.type != Value::Type::Number) {
            return QStringLiteral("score must be a number");
        }
        span.setScore(value.number);
        return std::nullopt;
    }
    if (value.type != Value::Type::String) {
        return name + QStringLiteral(" must be a string");
    }
    const QString &s = value.string;
    switch (field) {
    case Field::Note:
        span.setNote(s);
        break;
    case Field::Annotator:
        span.setAnnotator(s);
        break;
    case Field::Source:
        if (!Annotation::isSourceTag(s)) {
            return QStringLiteral("source %1 is not manual, import:<format>, model:<name> or rule:<name>")
                .arg(quoted(s));
        }
        span.setSource(s);
        break;
    case Field::Status: {
        const Annotation::Status status = Annotation::statusFromName(s);
        if (status == Annotation::Status::Unset) {
            return QStringLiteral("status %1 is not accepted, rejected, pending or conflict").arg(quoted(s));
        }
        span.setStatus(status);
        break;
    }
    case Field::Created:
    case Field::Modified: {
        const QDateTime time = Annotation::timeFromIso(s);
        if (!time.isValid()) {
            return QStringLiteral("%1 time %2 is not an ISO 8601 date and time with a zone (Z or +hh:mm)")
                .arg(name, quoted(s));
        }
        field == Field::Created ? span.setCreated(time) : span.setModified(time);
        break;
    }
    case Field::Score:
        break;
    }
    return std::nullopt;
}

} // namespace

bool isSpanField(QStringView key)
{
    return fieldOf(key).has_value();
}

bool isSpanField(std::string_view key)
{
    return fieldOf(key).has_value();
}

std::optional<QString> set(QStringView key, const Value &value, Annotation &span)
{
    const auto field = fieldOf(key);
    return field ? setField(*field, value, span) : QStringLiteral("%1 is not a span field").arg(key);
}

std::optional<QString> set(std::string_view key, const Value &value, Annotation &span)
{
    const auto field = fieldOf(key);
    return field ? setField(*field, value, span)
                 : QStringLiteral("%1 is not a span field").arg(QString::fromUtf8(key.data(), qsizetype(key.size())));
}

void append(QByteArray &out, const Annotation &span)
{
    using namespace Json;
    if (!span.hasDetails()) {
        return;
    }
    const auto string = [&out](const auto &key, const QString &value) {
        if (!value.isEmpty()) {
            appendKey(out, key);
            appendString(out, value);
        }
    };
    string("note", span.note());
    string("annotator", span.annotator());
    string("source", span.source());
    if (span.status() != Annotation::Status::Unset) {
        string("status", Annotation::statusName(span.status()));
    }
    if (const auto score = span.score()) {
        appendKey(out, "score");
        appendDouble(out, *score);
    }
    if (const QDateTime created = span.created(); created.isValid()) {
        string("created", timeToIso(created));
    }
    if (const QDateTime modified = span.modified(); modified.isValid()) {
        string("modified", timeToIso(modified));
    }
}

QString timeToIso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString quoted(QStringView text, qsizetype max)
{
    if (text.size() > max && text.at(max - 1).isHighSurrogate()) {
        ++max; // never cut a surrogate pair in two
    }
    QString shown = text.size() > max ? text.left(max).toString() + QStringLiteral("…") : text.toString();
    shown.replace(u'\n', QStringLiteral("\\n"));
    shown.replace(u'\r', QStringLiteral("\\r"));
    return u'"' + shown + u'"';
}

} // namespace Scholiast::SpanFields
