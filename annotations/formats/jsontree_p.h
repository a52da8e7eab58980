// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#pragma once

#include "diagnostic.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QAnyStringView>
#include <QStringView>

#include <optional>
#include <vector>

namespace Scholiast::Json {

/// A parsed JSON value that remembers where it was in the file, so that readers of foreign
/// formats can name the line and column of a bad span (STYLE.md §3). Parsed with simdjson.
struct Node
{
    struct Member;
    enum class Type : quint8 { Null, Bool, Number, String, Array, Object };
    Type type = Type::Null;
    bool boolean = false;
    bool integral = false; ///< a number written without fraction or exponent that fits 64 bits
    qint64 integer = 0;
    double number = 0;
    qint64 offset = 0; ///< byte offset of the value in the file
    QString string;
    std::vector<Node> items;
    std::vector<Member> members; ///< in file order

    [[nodiscard]] bool isNull() const { return type == Type::Null; }
    [[nodiscard]] bool isString() const { return type == Type::String; }
    [[nodiscard]] bool isNumber() const { return type == Type::Number; }
    [[nodiscard]] bool isArray() const { return type == Type::Array; }
    [[nodiscard]] bool isObject() const { return type == Type::Object; }
    /// The member with this key, or nullptr (also when this is not an object).
    [[nodiscard]] const Node *get(QAnyStringView key) const;
    /// A whole number: integral, or a double with no fraction.
    [[nodiscard]] std::optional<qint64> toInteger() const;
    [[nodiscard]] QJsonValue toJsonValue() const;
};

// Apart from Node, which it holds: std::pair of an incomplete type does not compile with clang.
struct Node::Member
{
    QString key;
    Node value;
};

/// A file's bytes and name, and the diagnostics it produces with line and column.
class Source
{
public:
    Source(const QByteArray &bytes, const QString &path)
        : m_bytes(bytes)
        , m_path(path)
    {
    }
    [[nodiscard]] const QByteArray &bytes() const { return m_bytes; }
    [[nodiscard]] const QString &path() const { return m_path; }
    /// A diagnostic at a byte offset of the file. Line and column are worked out from the last
    /// place asked for, so asking in file order costs the length of the file in all (issue 14).
    [[nodiscard]] Diagnostic at(qint64 byteOffset, const QString &message,
                                Diagnostic::Severity severity = Diagnostic::Severity::Error) const;

    /// Parses `[from, to)` of the file as one JSON value. On malformed JSON appends an error at
    /// the place of the mistake and returns nothing.
    [[nodiscard]] std::optional<Node> parse(qint64 from, qint64 to, Diagnostics &diagnostics) const;
    /// The whole file (a leading BOM skipped).
    [[nodiscard]] std::optional<Node> parse(Diagnostics &diagnostics) const
    {
        return parse(m_bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0, m_bytes.size(), diagnostics);
    }

    /// The deepest nesting of arrays and objects any reader accepts (issue 14: deeper input
    /// crashed the tree builder, which recurses).
    static constexpr int MaxDepth = 256;

private:
    QByteArray m_bytes;
    QString m_path;
    mutable qint64 m_cursorByte = 0; ///< line and column are known up to here
    mutable LineColumn m_cursor;
};

/// The records of a JSON Lines file, one JSON value per line. A file that holds one JSON document
/// spread over several lines (as doccano's relation example does) is read as that one record, or
/// as its items when it is an array, with a warning. Nothing when any line is malformed.
[[nodiscard]] std::optional<std::vector<Node>> records(const Source &source, Diagnostics &diagnostics);

/// The lines of a JSON Lines file as [from, to) byte ranges, blank lines left out.
[[nodiscard]] std::vector<std::pair<qint64, qint64>> lines(const QByteArray &bytes);

} // namespace Scholiast::Json
