// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "jsontree_p.h"

#include "utf8.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace Scholiast::Json {

namespace od = simdjson::ondemand;

const Node *Node::get(QAnyStringView key) const
{
    for (const auto &[name, value] : members) {
        if (QAnyStringView::equal(name, key)) {
            return &value;
        }
    }
    return nullptr;
}

std::optional<qint64> Node::toInteger() const
{
    if (type != Type::Number) {
        return std::nullopt;
    }
    if (integral) {
        return integer;
    }
    if (std::isfinite(number) && number == std::floor(number) && std::abs(number) < 9007199254740992.0) {
        return qint64(number);
    }
    return std::nullopt;
}

QJsonValue Node::toJsonValue() const
{
    switch (type) {
    case Type::Null:
        return QJsonValue(QJsonValue::Null);
    case Type::Bool:
        return QJsonValue(boolean);
    case Type::Number:
        return integral ? QJsonValue(integer) : QJsonValue(number);
    case Type::String:
        return QJsonValue(string);
    case Type::Array: {
        QJsonArray array;
        for (const Node &item : items) {
            array.append(item.toJsonValue());
        }
        return array;
    }
    case Type::Object: {
        QJsonObject object;
        for (const auto &[key, value] : members) {
            object.insert(key, value.toJsonValue());
        }
        return object;
    }
    }
    return QJsonValue();
}

Diagnostic Source::at(qint64 byteOffset, const QString &message, Diagnostic::Severity severity) const
{
    const char *data = m_bytes.constData();
    const qint64 size = m_bytes.size();
    const qint64 end = std::clamp<qint64>(byteOffset, 0, size);
    if (end < m_cursorByte) {
        m_cursorByte = 0; // asked out of order: start again (the same rule as lineColumnAtByte)
        m_cursor = LineColumn();
    }
    // The bytes since the last place, counted by the one rule (lineColumnAtByte), added to it.
    const LineColumn step = lineColumnAtByte(data + m_cursorByte, size - m_cursorByte, end - m_cursorByte);
    if (step.line > 1) {
        m_cursor.line += step.line - 1;
        m_cursor.column = step.column;
    } else {
        m_cursor.column += step.column - 1;
    }
    m_cursorByte = end;
    Diagnostic d = Diagnostic::error(m_path, message);
    d.severity = severity;
    d.line = m_cursor.line;
    d.column = m_cursor.column;
    d.offset = byteOffset;
    d.unit = Diagnostic::OffsetUnit::Bytes;
    return d;
}

namespace {

// The byte offset where arrays and objects nest deeper than `limit`, outside strings; -1 when
// they never do. Run before any parser sees the bytes, so that none of them recurses too deep.
qint64 tooDeep(const char *data, qint64 size, int limit)
{
    int depth = 0;
    bool inString = false;
    for (qint64 i = 0; i < size; ++i) {
        const char c = data[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) {
                return i;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return -1;
}

} // namespace

namespace {

struct Failure
{
    simdjson::error_code code;
};

class Builder
{
public:
    Builder(const char *base, qint64 fileOffset)
        : m_base(base)
        , m_fileOffset(fileOffset)
    {
    }

    bool build(od::value value, Node &node, int depth = 1)
    {
        if (depth > Source::MaxDepth) {
            m_error = simdjson::DEPTH_ERROR;
            return false;
        }
        const std::string_view token = value.raw_json_token();
        node.offset = m_fileOffset + (token.data() - m_base);
        od::json_type type;
        if ((m_error = value.type().get(type))) {
            return false;
        }
        switch (type) {
        case od::json_type::null:
            node.type = Node::Type::Null;
            // is_null() is a result, not a bool: converting it throws on a malformed token.
            if (bool isNull = false; (m_error = value.is_null().get(isNull)) || !isNull) {
                if (!m_error) {
                    m_error = simdjson::INCORRECT_TYPE;
                }
                return false;
            }
            return true;
        case od::json_type::boolean:
            node.type = Node::Type::Bool;
            return !(m_error = value.get_bool().get(node.boolean));
        case od::json_type::number: {
            node.type = Node::Type::Number;
            const bool plain = token.find_first_of(".eE") == std::string_view::npos;
            int64_t n = 0;
            if (plain && !value.get_int64().get(n)) {
                node.integral = true;
                node.integer = n;
                node.number = double(n);
                return true;
            }
            return !(m_error = value.get_double().get(node.number));
        }
        case od::json_type::string: {
            node.type = Node::Type::String;
            std::string_view s;
            if ((m_error = value.get_string().get(s))) {
                return false;
            }
            node.string = textFromUtf8(QByteArrayView(s.data(), qsizetype(s.size())));
            return true;
        }
        case od::json_type::array: {
            node.type = Node::Type::Array;
            od::array array;
            if ((m_error = value.get_array().get(array))) {
                return false;
            }
            for (auto element : array) {
                od::value v;
                if ((m_error = element.get(v))) {
                    return false;
                }
                node.items.emplace_back();
                if (!build(v, node.items.back(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        case od::json_type::object: {
            node.type = Node::Type::Object;
            od::object object;
            if ((m_error = value.get_object().get(object))) {
                return false;
            }
            for (auto field : object) {
                std::string_view key;
                od::value v;
                if ((m_error = field.unescaped_key().get(key)) || (m_error = field.value().get(v))) {
                    return false;
                }
                node.members.push_back(
                    Node::Member{textFromUtf8(QByteArrayView(key.data(), qsizetype(key.size()))), Node()});
                if (!build(v, node.members.back().value, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        }
        return false;
    }
    simdjson::error_code error() const { return m_error; }

private:
    const char *m_base;
    qint64 m_fileOffset;
    simdjson::error_code m_error = simdjson::SUCCESS;
};

} // namespace

std::optional<Node> Source::parse(qint64 from, qint64 to, Diagnostics &diagnostics) const
{
    const size_t size = size_t(to - from);
    if (const qint64 deep = tooDeep(m_bytes.constData() + from, qint64(size), MaxDepth); deep >= 0) {
        diagnostics.append(at(
            from + deep, QStringLiteral("arrays and objects nest deeper than %1 levels here; not read").arg(MaxDepth)));
        return std::nullopt;
    }
    static thread_local std::string padded;
    padded.assign(m_bytes.constData() + from, size);
    padded.reserve(size + simdjson::SIMDJSON_PADDING);
    static thread_local od::parser parser;
    Node root;
    bool ok = false;
    od::document doc;
    simdjson::error_code code = parser.iterate(padded.data(), size, padded.capacity()).get(doc);
    if (!code) {
        // A scalar document is read through its value as well.
        od::value value;
        Builder builder(padded.data(), from);
        od::json_type type;
        if (!(code = doc.type().get(type))) {
            if (type == od::json_type::object || type == od::json_type::array) {
                if (!(code = doc.get_value().get(value))) {
                    ok = builder.build(value, root);
                    code = builder.error();
                }
            } else {
                code = simdjson::INCORRECT_TYPE; // JSON files of these formats hold objects or arrays
            }
        }
        if (const char *rest = nullptr; ok && !doc.current_location().get(rest)) {
            ok = false;
            code = simdjson::TRAILING_CONTENT;
        }
    }
    if (ok) {
        return root;
    }
    // simdjson says what is wrong but not where; Qt's parser gives the offset of the mistake.
    QJsonParseError error;
    const QJsonDocument parsed =
        QJsonDocument::fromJson(QByteArray::fromRawData(m_bytes.constData() + from, qsizetype(size)), &error);
    if (error.error != QJsonParseError::NoError) {
        diagnostics.append(at(from + error.offset, QStringLiteral("malformed JSON: ") + error.errorString()));
    } else if (!parsed.isObject() && !parsed.isArray()) {
        diagnostics.append(at(from, QStringLiteral("expected a JSON object or array")));
    } else {
        diagnostics.append(
            at(from, QStringLiteral("malformed JSON: ") + QString::fromLatin1(simdjson::error_message(code))));
    }
    return std::nullopt;
}

std::vector<std::pair<qint64, qint64>> lines(const QByteArray &bytes)
{
    std::vector<std::pair<qint64, qint64>> out;
    qint64 start = bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    const qint64 n = bytes.size();
    while (start < n) {
        qint64 end = bytes.indexOf('\n', start);
        if (end < 0) {
            end = n;
        }
        qint64 last = end;
        while (last > start
               && (bytes.at(last - 1) == '\r' || bytes.at(last - 1) == ' ' || bytes.at(last - 1) == '\t')) {
            --last;
        }
        qint64 first = start;
        while (first < last && (bytes.at(first) == ' ' || bytes.at(first) == '\t')) {
            ++first;
        }
        if (last > first) {
            out.emplace_back(first, last);
        }
        start = end + 1;
    }
    return out;
}

std::optional<std::vector<Node>> records(const Source &source, Diagnostics &diagnostics)
{
    const auto ranges = lines(source.bytes());
    std::vector<Node> out;
    out.reserve(ranges.size());
    Diagnostics found;
    for (const auto &[from, to] : ranges) {
        auto node = source.parse(from, to, found);
        if (!node) {
            if (out.empty() && ranges.size() > 1) {
                // Perhaps one pretty-printed JSON document rather than JSON Lines.
                Diagnostics whole;
                if (auto document = source.parse(whole)) {
                    diagnostics.append(source.at(0,
                                                 QStringLiteral("not JSON Lines: one JSON document spread over %1 "
                                                                "lines; read as %2")
                                                     .arg(ranges.size())
                                                     .arg(document->isArray() ? QStringLiteral("a list of records")
                                                                              : QStringLiteral("one record")),
                                                 Diagnostic::Severity::Warning));
                    if (document->isArray()) {
                        return std::move(document->items);
                    }
                    out.push_back(std::move(*document));
                    return out;
                }
            }
            if (found.size() >= 20) {
                break;
            }
            continue;
        }
        out.push_back(std::move(*node));
    }
    diagnostics.append(found);
    if (hasErrors(found)) {
        return std::nullopt;
    }
    return out;
}

} // namespace Scholiast::Json
