// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: reentrant: readers and writers keep no state between calls (simdjson's parser
// is one per thread), so files may be read and written on several threads at once, as the
// command line does a batch of documents at a time.
#pragma once

#include "annotation.h"
#include "diagnostic.h"
#include "document.h"
#include "labelschema.h"
#include "offsetunits.h"
#include "relation.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace Scholiast {

class AnnotationSet;
namespace FilePolicy {
class Protected;
class StagedWrite;
}

/// What the interchange formats share: the document-with-spans they read into and write from,
/// options, the registry of formats, and the helpers every reader and writer uses (loss
/// reports, label schemas, atomic writes). docs/FORMAT.md, "Interchange formats".
namespace Interchange {

/// One document and its spans. Offsets are code points, end exclusive, whatever the format's unit.
struct Item
{
    QString name; ///< the document's file name, e.g. "article.txt"
    Document document;
    /// The document's file when it exists on disk already (brat's .txt, the W3C target): imports
    /// put the sidecar beside it instead of writing the text. Empty when the format carries the text.
    QString documentPath;
    QList<Annotation> spans;
    /// Between spans of `spans`, by their ids (docs/FORMAT.md §6.8); formats without relations
    /// report them as not written.
    QList<Relation> relations;
    LabelSchema labels;
    /// Record-level fields of the foreign format that have no place in Scholiast, kept so that a
    /// round trip through the same format loses nothing (Prodigy's "answer", doccano's "meta"...).
    QJsonObject meta;
};

struct ReadOptions
{
    std::optional<OffsetUnit> offsets; ///< `--offsets`: use this unit, do not detect
    bool strict = false; ///< `--strict`: a lossy conversion is an error
    /// The document the annotations refer to, for formats that do not carry the text (W3C, CSV);
    /// empty: resolved from the file (target source, document column).
    QString documentPath;
    /// `--documents DIR`: the folder a CSV's document column is relative to (default: the CSV's folder).
    QString documentsDir;
};

/// Losses a writer counts over everything it writes ("12 spans ... widened"), reported once at
/// the end, also when a corpus is written a batch at a time.
class LossTally
{
public:
    /// Adds `count` occurrences of one kind of loss, said by `message(n)`. A kind is registered
    /// even with a count of 0, so that the report's order does not depend on which batch met it
    /// first. A plain warning (`lossy` false) is not an error under --strict.
    void add(const QString &file, qint64 count, const std::function<QString(qint64)> &message, bool lossy = true);
    /// Counts the spans of `items` that carry fields `format` has no place for (`kept`: the fields
    /// it keeps; "*" keeps every unknown field).
    void addDroppedFields(const QList<Item> &items, const QStringList &kept, const QString &format);
    /// One diagnostic per kind met: a warning, or an error under --strict. False when any was an error.
    bool report(Diagnostics &diagnostics, bool strict) const;

private:
    struct Entry
    {
        QString file;
        QString key; ///< the message for 0: the same kind says the same
        qint64 count = 0;
        std::function<QString(qint64)> message;
        bool lossy = true;
    };
    std::vector<Entry> m_entries;
    QString m_fieldsFormat;
    std::map<QString, qint64> m_fields; ///< dropped field -> spans
    qint64 m_relations = 0; ///< relations the format has no place for
};

/// Adds a relation a reader found to `item`, and its label to the item's schema when the schema
/// does not have it yet (any span labels at either end).
void addRelation(Item &item, const Relation &relation);
/// The same for a relation a reader found beside the spans, once they are placed: an end that
/// names no span of `item` is passed to `missing` (the reader says where) and the relation is
/// left out. Returns whether it was added.
bool addRelationBetweenSpans(Item &item, const Relation &relation, const std::function<void(const QString &)> &missing);

/// For a format whose spans are one range each: `items` with every discontinuous span written as
/// one span per fragment (ids `<id>.1`, `<id>.2`, ...; a relation to the span goes to its first),
/// counted in `losses` as "written as one span per fragment". The same items when none is.
[[nodiscard]] QList<Item> withContiguousSpans(const QList<Item> &items, LossTally &losses, const QString &format);

/// A corpus written a batch of items at a time (`scholiast-cli export` of a folder): the writer
/// is called once per batch with the same Stream, and the caller reports `losses` at the end.
/// What one call leaves to the next lives here.
struct Stream
{
    bool first = true; ///< this call writes the beginning of the output
    bool last = true; ///< this call writes its end
    qint64 itemsBefore = 0; ///< items written by the earlier calls (Label Studio's task ids)
    qint64 bytesBefore = 0; ///< bytes written by the earlier calls (where a separator goes)
    qint64 recordsBefore = 0; ///< records the writer counts (W3C annotations), added to by each call
    /// CoNLL's label columns, which must be known before the first part (the caller gathers them
    /// from the schemas); brat's entity types met so far.
    QStringList labels;
    QMap<QString, QStringList> attributes; ///< brat: attribute values met so far
    QMap<QString, RelationLabel> relations; ///< brat: relation labels met so far
    /// CSV: write the `fragments` and `relations` columns, known before the first part (the
    /// caller sets it when an input uses version 2 of the format); a single call decides alone.
    bool version2Columns = false;
    LossTally losses;
    /// writeFolder: files are staged here as they are made; the caller commits them all at once.
    FilePolicy::StagedWrite *staged = nullptr;
};

struct WriteOptions
{
    std::optional<OffsetUnit> offsets; ///< a unit other than the format's default (doccano, Label Studio)
    bool strict = false;
    /// CoNLL only: "" (token, start, end and one column per label), "doccano" (`--conll-columns 2`:
    /// token TAB tag) or "spacy" (`--conll-style spacy`: -DOCSTART- lines, a sentence per line).
    QString conllStyle;
    /// Files a writer of several files (brat) must not replace: the command's inputs.
    const FilePolicy::Protected *protectedInputs = nullptr;
    /// Set when a corpus is written in parts; null: one call writes the whole output and reports
    /// its losses itself.
    Stream *stream = nullptr;
};

/// A writer's end: reports the losses when the call wrote the whole output (no stream), and
/// returns the bytes unless that was an error under --strict.
[[nodiscard]] std::optional<QByteArray> finishWrite(QByteArray bytes, const Stream &stream, const WriteOptions &options,
                                                    Diagnostics &diagnostics);

struct ReadResult
{
    QList<Item> items;
    /// Per input file, the unit its offsets were read in and how it was chosen.
    QStringList unitNotes;
};

/// One interchange format: a reader, a writer, or both.
struct Format
{
    QString name; ///< on the command line: --to NAME, --from NAME
    QString title; ///< "brat standoff (.txt + .ann)"
    QString exportExample;
    QString importExample;
    OffsetUnit unit = OffsetUnit::CodePoints; ///< the unit it writes by default
    QList<OffsetUnit> writableUnits; ///< units `--offsets` may choose on export
    /// Reads one input file (or brat folder entry); nothing on errors, which are appended.
    std::function<std::optional<ReadResult>(const QString &path, const ReadOptions &, Diagnostics &)> read;
    /// Writes every item into one file's bytes; nothing on errors (including losses under --strict).
    std::function<std::optional<QByteArray>(const QList<Item> &, const WriteOptions &, Diagnostics &)> serialize;
    /// Formats made of several files (brat) write into a folder instead.
    std::function<bool(const QList<Item> &, const QString &folder, const WriteOptions &, Diagnostics &)> writeFolder;
};

/// Every format, in the order --help lists them.
[[nodiscard]] const QList<Format> &formats();
[[nodiscard]] const Format *findFormat(QStringView name);

/// The value of `source` for spans imported from a format: "import:brat".
[[nodiscard]] QString importSource(const QString &formatName);

/// Reports a lossy conversion (docs/FORMAT.md, "What is lost"): a warning, or an error under
/// --strict. Returns false when it was an error.
bool reportLoss(Diagnostics &diagnostics, const QString &file, bool strict, const QString &message);

/// A schema holding `labels` (existing entries keep their colours and keys) plus every label the
/// spans use, in order of first use.
[[nodiscard]] LabelSchema schemaFor(const LabelSchema &labels, const QList<Annotation> &spans);

/// A span read from a foreign file: offsets already in code points; text taken from the document.
[[nodiscard]] Annotation importedSpan(const Document &document, CodePoint start, CodePoint end, const QString &label,
                                      const QString &formatName);

/// An item for a document whose text a file carries; the document is named `name`.
[[nodiscard]] Item itemFromText(const QString &name, const QString &text);

/// Writes bytes atomically (QSaveFile); appends an error naming the path on failure.
bool writeFile(const QString &path, const QByteArray &bytes, Diagnostics &diagnostics);
/// Reads a whole file; appends an error naming the path on failure.
[[nodiscard]] std::optional<QByteArray> readFile(const QString &path, Diagnostics &diagnostics);

/// A file name for a document known only by an id: "doc-12.txt"; keeps an extension if present,
/// replaces characters that are unsafe in file names.
[[nodiscard]] QString documentFileName(const QString &id, const QString &fallback);

/// A span as a foreign file states it, before its offsets are converted.
struct RawSpan
{
    int item = 0; ///< index of its document in the result's items
    const OffsetConverter *converter = nullptr;
    std::vector<std::pair<qint64, qint64>> ranges; ///< in the file's unit; several for brat's discontinuous spans
    std::optional<QString> text; ///< the text the file records, when it does
    QString joiner = QStringLiteral(" "); ///< how the file joins the texts of several ranges
    Annotation span; ///< label, id and optional fields; offsets are set here
    Diagnostic place; ///< file, line and column of the span
    /// The ranges are code points already (a W3C quote found in the text), whatever the file's unit.
    bool inCodePoints = false;
    /// Ranges separated only by line breaks are one span (brat writes multi-line spans so).
    bool mergeAcrossLineBreaks = false;
    /// Label Studio's `value.text`: line breaks written as a backslash and `n`.
    bool escapedLineBreaks = false;
    /// A W3C TextQuoteSelector: when no unit places the span's offsets (or it has none), it is
    /// anchored by `text` (the exact quote) with this prefix and suffix, as Hypothesis does.
    bool quoteFallback = false;
    QString prefix;
    QString suffix;
    /// A name for the span in messages ("region r7", "annotation urn:..."); empty: its id.
    QString what;
};

/// Chooses the file's unit from the spans' texts (chooseUnit), converts every span to code
/// points, checks it, and appends it to its item with `source: import:<format>`. A
/// discontinuous span becomes one span of fragments (docs/FORMAT.md §6.9). Returns false, adding nothing, when any
/// error was found. With `policy.perSpan`, a span that fits no unit is anchored by its quote (quoteFallback) or left
/// out with a warning naming it (an error under --strict) and the others are imported.
bool placeSpans(std::vector<RawSpan> &raw, QList<Item> &items, const QList<OffsetUnit> &candidates,
                const ReadOptions &options, const QString &file, const QString &formatName, QStringList &unitNotes,
                Diagnostics &diagnostics, const UnitPolicy &policy = {});

/// Where a TextQuoteSelector's quote is in `document`, as code points, end exclusive: the exact
/// text with the best prefix and suffix agreement (CRLF and LF count as the same line break), else
/// the closest approximate match within a bounded number of edits, as Hypothesis anchors.
/// `hint` (code points) breaks ties. Nothing when no match or a tie that the hint cannot break.
[[nodiscard]] std::optional<std::pair<qint64, qint64>> anchorQuote(const Document &document, const QString &exact,
                                                                   const QString &prefix, const QString &suffix,
                                                                   std::optional<qint64> hint, QString *why = nullptr);

} // namespace Interchange
} // namespace Scholiast
