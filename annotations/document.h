// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: a Document is immutable once loaded, so one Document may be read from several
// threads at once; load() and fromUtf8() are reentrant.
#pragma once

#include "diagnostic.h"
#include "offsets.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace Scholiast {

/// The text being annotated: a UTF-8 file decoded with a leading BOM removed and line endings
/// kept as they are (Python's `open(p, encoding="utf-8-sig", newline="").read()`).
///
/// Holds the text as a QString for Qt's text classes and maps between the three offset units in
/// O(log n): code points (the file format's unit), UTF-16 indices (QString's) and UTF-8 bytes.
/// Copies are cheap (the text and the indexes are shared).
class Document
{
public:
    struct LoadOptions
    {
        /// Files larger than this are refused before being read (hostile or mistaken input).
        qint64 maxBytes = 512LL * 1024 * 1024;
        /// Called during loading with bytes done and total; returning false cancels the load.
        std::function<bool(qint64 done, qint64 total)> progress;
    };

    Document();

    /// Reads and indexes a file. On failure returns nothing and appends an error that names the
    /// file and the place (byte offset of invalid UTF-8 or of a NUL byte).
    [[nodiscard]] static std::optional<Document> load(const QString &path, Diagnostics &diagnostics,
                                                      const LoadOptions &options);
    [[nodiscard]] static std::optional<Document> load(const QString &path, Diagnostics &diagnostics);
    /// The same from bytes already in memory; `path` is used in messages and as the name.
    [[nodiscard]] static std::optional<Document> fromUtf8(const QByteArray &bytes, const QString &path,
                                                          Diagnostics &diagnostics, const LoadOptions &options);
    /// A document made from text in memory (tests, imports that carry their text).
    [[nodiscard]] static Document fromText(const QString &text, const QString &name = QString());

    /// The path given to load(), or the name given to fromText().
    [[nodiscard]] QString path() const { return m_path; }
    /// The file name without folders: what a sidecar records as `document.name`.
    [[nodiscard]] QString fileName() const;
    [[nodiscard]] const QString &text() const { return m_text; }
    /// Length in code points.
    [[nodiscard]] qint64 length() const { return m_length; }
    /// Length of the text in UTF-8 bytes (without the BOM).
    [[nodiscard]] qint64 utf8Length() const { return m_utf8Length; }
    /// Lower-case hex SHA-256 of the file's bytes as on disk (BOM included).
    [[nodiscard]] QString sha256() const { return m_sha256; }
    [[nodiscard]] bool hadByteOrderMark() const { return m_hadBom; }
    /// Bytes of a file that loads as this document: the text as UTF-8, after a BOM when it had one
    /// (a text that starts with U+FEFF needs one, or loading would take the U+FEFF for it).
    [[nodiscard]] QByteArray toFileBytes() const;

    [[nodiscard]] Utf16Index toUtf16(CodePoint offset) const;
    /// toUtf16() for offsets that move by a little from one call to the next (the starts, or the
    /// ends, of spans in file order): steps from the last answer instead of searching.
    class Utf16Cursor
    {
    public:
        /// The document must outlive the cursor.
        explicit Utf16Cursor(const Document &document);
        [[nodiscard]] Utf16Index toUtf16(CodePoint offset);

    private:
        const quint32 *m_astral; // the document's code points outside the BMP, ascending
        size_t m_astralCount;
        qint64 m_length;
        size_t m_astralBefore = 0; // how many of them are before the last offset
    };
    /// The code point at or before a UTF-16 index (an index inside a surrogate pair gives the
    /// pair's code point).
    [[nodiscard]] CodePoint toCodePoint(Utf16Index index) const;
    [[nodiscard]] bool isBoundary(Utf16Index index) const;
    [[nodiscard]] Utf8Byte toUtf8(CodePoint offset) const;
    /// The code point whose encoding contains the byte (floor).
    [[nodiscard]] CodePoint toCodePoint(Utf8Byte offset) const;
    [[nodiscard]] bool isBoundary(Utf8Byte offset) const;

    /// The text of [start, end) in code points, clamped to the document.
    [[nodiscard]] QStringView slice(CodePoint start, CodePoint end) const;

    /// Up to `count` code points of text ending at / starting at a UTF-16 index, without a lookup:
    /// the context around a span whose UTF-16 bounds are known.
    [[nodiscard]] QStringView codePointsBefore(Utf16Index at, qint64 count) const;
    [[nodiscard]] QStringView codePointsAfter(Utf16Index at, qint64 count) const;

    /// Lines end at LF, CRLF or a lone CR. Line numbers and columns are 1-based, columns in code
    /// points.
    [[nodiscard]] qint64 lineCount() const;
    [[nodiscard]] LineColumn lineColumn(CodePoint offset) const;
    /// The first code point of a 1-based line.
    [[nodiscard]] CodePoint lineStart(qint64 line) const;
    /// Where a 1-based line's text ends, before its LF, CRLF or CR (the last line's: the
    /// length), known without reading the text.
    [[nodiscard]] CodePoint lineEnd(qint64 line) const;

private:
    struct Index;
    static void buildIndex(const char *data, qint64 size, Index &index);

    QString m_path;
    QString m_text;
    QString m_sha256;
    qint64 m_length = 0;
    qint64 m_utf8Length = 0;
    bool m_hadBom = false;
    std::shared_ptr<const Index> m_index;
};

/// Byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates and values past
/// U+10FFFF are invalid), or -1 when the data is valid.
[[nodiscard]] qint64 firstInvalidUtf8(const char *data, qint64 size);

} // namespace Scholiast
