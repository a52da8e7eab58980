// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "labelschemafile.h"

#include "atomicfile.h"
#include "jsontree_p.h"
#include "jsonwriter_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace Scholiast::LabelSchemaFile {

namespace {
const char FormatName[] = "scholiast-labels";
constexpr int FormatVersion = 1;

QString quoted(const QString &text)
{
    return u'"' + text + u'"';
}
} // namespace

QString fileName()
{
    return QStringLiteral("labels.scholiast.json");
}

QString pathFor(const QString &documentPath)
{
    return QFileInfo(documentPath).absoluteDir().filePath(fileName());
}

std::optional<LabelSchema> read(const QString &path, Diagnostics &diagnostics)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        diagnostics.append(Diagnostic::error(path, file.errorString()));
        return std::nullopt;
    }
    return parse(file.readAll(), path, diagnostics);
}

std::optional<LabelSchema> parse(const QByteArray &bytes, const QString &path, Diagnostics &diagnostics)
{
    const Json::Source source(bytes, path);
    const auto root = source.parse(diagnostics);
    if (!root) {
        return std::nullopt;
    }
    const qsizetype errorsBefore = diagnostics.size();
    const auto error = [&](qint64 at, const QString &message) { diagnostics.append(source.at(at, message)); };
    if (!root->isObject()) {
        error(root->offset, QStringLiteral("a label schema must be a JSON object"));
        return std::nullopt;
    }
    if (const Json::Node *format = root->get(u"format");
        format && (!format->isString() || format->string != QLatin1StringView(FormatName))) {
        error(format->offset, QStringLiteral("\"format\" must be \"%1\"").arg(QLatin1StringView(FormatName)));
    }
    if (const Json::Node *version = root->get(u"version"); version && version->toInteger() != FormatVersion) {
        error(version->offset,
              QStringLiteral("version %1 is not supported (this Scholiast reads version %2)")
                  .arg(version->toJsonValue().toVariant().toString())
                  .arg(FormatVersion));
    }
    const Json::Node *array = root->get(u"labels");
    if (!array || !array->isArray()) {
        error(array ? array->offset : root->offset, QStringLiteral("\"labels\" must be an array"));
        return std::nullopt;
    }
    QList<Label> labels;
    for (const Json::Node &item : array->items) {
        if (!item.isObject()) {
            error(item.offset, QStringLiteral("a label must be an object"));
            continue;
        }
        Label label;
        bool ok = true;
        for (const Json::Node::Member &member : item.members) {
            QString *field = member.key == u"name" ? &label.name
                : member.key == u"color"           ? &label.color
                : member.key == u"key"             ? &label.key
                                                   : nullptr;
            if (!field) {
                label.extraFields.insert(member.key, member.value.toJsonValue()); // kept (§5)
            } else if (!member.value.isString()) {
                error(member.value.offset, QStringLiteral("label %1 must be a string").arg(member.key));
                ok = false;
            } else {
                *field = member.value.string;
            }
        }
        if (!ok) {
            continue;
        }
        if (label.name.isEmpty()) {
            error(item.offset, QStringLiteral("a label has no name"));
        } else if (item.get(u"color") && !Label::isColor(label.color)) { // "" too, as in a sidecar (§5)
            error(item.get(u"color")->offset,
                  QStringLiteral("label %1: color %2 is not of the form #rrggbb")
                      .arg(quoted(label.name), quoted(label.color)));
        } else if (std::any_of(labels.begin(), labels.end(), [&](const Label &l) { return l.name == label.name; })) {
            error(item.offset, QStringLiteral("label %1 is defined twice").arg(quoted(label.name)));
        } else if (const auto clash =
                       std::find_if(labels.begin(), labels.end(),
                                    [&](const Label &l) { return !label.key.isEmpty() && l.key == label.key; });
                   clash != labels.end()) {
            error(item.get(u"key")->offset,
                  QStringLiteral("label %1: key \"%2\" is already used by label %3")
                      .arg(quoted(label.name), label.key, quoted(clash->name)));
        } else {
            labels.append(label);
        }
    }
    if (diagnostics.size() > errorsBefore) {
        return std::nullopt; // a bad file changes nothing
    }
    return LabelSchema::fromLabels(labels);
}

QByteArray serialize(const LabelSchema &labels)
{
    QByteArray out;
    out.append("{\"format\": \"");
    out.append(FormatName);
    out.append("\", \"version\": ");
    out.append(QByteArray::number(FormatVersion));
    out.append(",\n \"labels\": [");
    const auto &list = labels.labels();
    for (qsizetype i = 0; i < list.size(); ++i) {
        out.append(i ? ",\n  {\"name\": " : "\n  {\"name\": ");
        Json::appendString(out, list[i].name);
        Json::appendKey(out, "color");
        Json::appendString(out, list[i].color);
        Json::appendKey(out, "key");
        Json::appendString(out, list[i].key);
        Json::appendMembers(out, list[i].extraFields);
        out.append('}');
    }
    out.append(list.isEmpty() ? "]\n}\n" : "\n ]\n}\n");
    return out;
}

bool write(const QString &path, const LabelSchema &labels, Diagnostics &diagnostics)
{
    return writeFileAtomically(path, serialize(labels), diagnostics);
}

} // namespace Scholiast::LabelSchemaFile
