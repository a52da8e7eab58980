// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: the functions keep no state between calls, so they may run on
// several threads at once on different data.
#pragma once

#include "diagnostic.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <memory>
#include <optional>
#include <vector>

namespace Scholiast {

class Document;

/// The units interchange formats count offsets in (docs/FORMAT.md, "Interchange formats").
enum class OffsetUnit {
    CodePoints, ///< Unicode scalar values: Scholiast, brat, spaCy, W3C, current Label Studio
    Utf16Units, ///< UTF-16 code units: doccano, old Label Studio, Java/JavaScript tools
    Utf8Bytes, ///< bytes of the UTF-8 text
    Graphemes, ///< extended grapheme clusters (doccano's grapheme mode)
    CrlfCollapsed, ///< code points with each CRLF counted as one (Python universal newlines, older brat tools)
    /// UTF-16 code units over the text with each CRLF read as LF: a browser's DOM text of a CRLF
    /// `.txt` (Hypothesis, Recogito, dom-anchor-text-position)
    Utf16Lf,
};

namespace OffsetUnits {
/// The name used on the command line and in messages: codepoint, utf16, utf8, grapheme, crlf, utf16-lf.
[[nodiscard]] QString name(OffsetUnit unit);
/// "code points", "UTF-16 code units", ...
[[nodiscard]] QString description(OffsetUnit unit);
[[nodiscard]] std::optional<OffsetUnit> fromName(QStringView name);
[[nodiscard]] const QList<OffsetUnit> &all();
} // namespace OffsetUnits

/// Converts offsets of any unit to and from code points over one document: the one place the
/// interchange formats convert at their border. UTF-16 and byte offsets go through Document's
/// O(log n) maps; grapheme and CRLF tables are built on first use. Cheap to copy.
class OffsetConverter
{
public:
    explicit OffsetConverter(const Document &document);

    [[nodiscard]] const Document &document() const;
    /// Length of the document in the unit.
    [[nodiscard]] qint64 length(OffsetUnit unit) const;
    /// The code point at a unit offset; nothing when the offset is negative, past the end or
    /// inside what the unit counts as one (a surrogate pair, a UTF-8 sequence).
    [[nodiscard]] std::optional<qint64> toCodePoint(OffsetUnit unit, qint64 offset) const;
    /// A code point offset in the unit; nothing when it falls inside one unit (inside a grapheme
    /// cluster, between the CR and LF of a CRLF) or outside the document.
    [[nodiscard]] std::optional<qint64> fromCodePoint(OffsetUnit unit, qint64 codePoint) const;
    /// The same, moved to the unit boundary at or before (`roundUp` false) or at or after it.
    [[nodiscard]] qint64 fromCodePointRounded(OffsetUnit unit, qint64 codePoint, bool roundUp) const;

private:
    struct Tables;
    const std::vector<quint32> &graphemes() const;
    const std::vector<quint32> &crlfs() const;
    // UTF-16 offset over the LF-collapsed text of a code point (between CR and LF: the LF's offset).
    qint64 utf16Lf(qint64 codePoint) const;
    std::shared_ptr<const Document> m_document; // shared: converters are copied per file
    std::shared_ptr<Tables> m_tables;
};

/// The extended grapheme cluster boundaries of a text as UTF-16 indices, 0 and the length
/// included: QTextBoundaryFinder's, with pairs of regional indicators (flags) kept together,
/// which Qt 6.4 splits. The one segmentation the grapheme unit and the CoNLL tokenizer share.
[[nodiscard]] std::vector<qsizetype> graphemeBoundaries(const QString &text);

/// What a file says one span covers: offsets in the file's unit and the text the file records
/// for them. Discontinuous spans (brat) give several ranges whose texts are joined by `joiner`.
struct SpanEvidence
{
    const OffsetConverter *converter = nullptr; ///< the span's document
    std::vector<std::pair<qint64, qint64>> ranges;
    QString text;
    QString joiner = QStringLiteral(" ");
    /// Where the span is in the file, for messages (file, line, column).
    Diagnostic place;
    /// The file writes each line break of the text as a backslash and `n` (the Label Studio
    /// frontend's `value.text`): also matches with that escaping undone and CRLF read as LF.
    bool escapedLineBreaks = false;
};

/// How chooseUnit treats spans that do not fit (docs/FORMAT.md, "Unit detection").
struct UnitPolicy
{
    /// Choose the unit under which the most spans fit; the others are returned as misfits
    /// instead of failing the file (Label Studio, W3C: one bad span never rejects a file).
    bool perSpan = false;
    /// When this unit and another both fit every span but place them differently, take this
    /// one and say so instead of calling the file ambiguous (brat: the file as it is).
    std::optional<OffsetUnit> preferred;
};

/// The outcome of choosing the unit of a file's offsets.
struct UnitChoice
{
    OffsetUnit unit = OffsetUnit::CodePoints;
    /// How the unit was chosen, for the user: "UTF-16 code units (detected: only they match the span texts)".
    QString explanation;
    /// With UnitPolicy::perSpan, per evidence entry: why it does not fit the chosen unit, or empty.
    std::vector<QString> misfits;
};

/// Chooses the unit of a file's offsets, over all its documents (docs/FORMAT.md, "Unit detection"). `candidates` come
/// in order of preference, the format's own convention first. With `forced`, that unit is used and every span is
/// checked under it. Otherwise each candidate is tried and the one under which every span's text matches the document
/// is kept; when several fit and place the spans differently, or none fits, errors naming the spans are appended and
/// nothing is returned. Without evidence (formats that carry no span text) the first candidate is used.
[[nodiscard]] std::optional<UnitChoice> chooseUnit(const std::vector<SpanEvidence> &evidence,
                                                   const QList<OffsetUnit> &candidates,
                                                   std::optional<OffsetUnit> forced, const QString &file,
                                                   Diagnostics &diagnostics, const UnitPolicy &policy = {});

/// The document text of `[start, end)` in code points as a unit sees it: with `CrlfCollapsed`
/// and `Utf16Lf` each CRLF reads as LF. Used to compare with the text a file records.
[[nodiscard]] QString textAs(const Document &document, OffsetUnit unit, qint64 start, qint64 end);

/// A text for a message, quoted, shortened past 40 characters, with control characters shown as
/// escapes (`\r\n`, `\t`, `\u0007`) instead of breaking the line.
[[nodiscard]] QString visibleText(QStringView text);

} // namespace Scholiast
