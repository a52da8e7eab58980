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
#include "relation.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace Scholiast {

class AnnotationSet;

/// The Scholiast sidecar format, `<document>.scholiast.json` (docs/FORMAT.md).
namespace ScholiastJson {

/// The newest version this Scholiast reads. Version 2 adds relations and relation labels
/// (docs/FORMAT.md §6.8); a sidecar that uses neither is written as version 1, byte for byte as
/// before, so that spans-only users' files and diffs do not change.
inline constexpr int FormatVersion = 2;

/// Everything a sidecar holds, as plain values.
struct Sidecar
{
    QString documentName;
    QString documentSha256; ///< lower-case hex
    qint64 documentLength = 0; ///< code points
    LabelSchema labels;
    QList<Annotation> annotations;
    /// Between spans of `annotations`, by id (docs/FORMAT.md §6.8).
    QList<Relation> relations;
    QJsonObject documentExtraFields; ///< unknown keys of "document", kept
    QJsonObject extraFields; ///< unknown top-level keys, kept
    /// The document the spans are over, when known (makeSidecar sets it): the writer takes each
    /// fitting span's prefix and suffix from it rather than keeping them in memory.
    std::optional<Document> document;
};

/// The version a sidecar is written as: 2 when it has relations or relation labels, else 1.
[[nodiscard]] int versionFor(const Sidecar &sidecar);

/// `article.txt` -> `article.txt.scholiast.json`.
[[nodiscard]] QString sidecarPath(const QString &documentPath);

/// A sidecar for the current state of a document and its spans, in file order.
[[nodiscard]] Sidecar makeSidecar(const Document &document, const LabelSchema &labels, const AnnotationSet &spans);

/// Takes a sidecar's spans while read() reads it (ReadOptions::spanReceiver), so that they can be
/// put in place meanwhile: the window fills its span set as a large file is read (issue 17).
class SpanReceiver
{
public:
    virtual ~SpanReceiver() = default;
    /// A batch of spans, which follows the batches before it in the file; called on the thread
    /// that called read().
    virtual void take(QList<Annotation> &&spans) = 0;
    /// Before the first batch: about how many spans the file holds, estimated from its size and
    /// the first batch's (a size hint, not a promise).
    virtual void expect(qsizetype spans) { Q_UNUSED(spans); }
    /// Before the first batch is read: the file's head, its document and label schema (relation
    /// labels too), without spans.
    virtual void begin(const Sidecar &head) { Q_UNUSED(head); }
    /// Asked after begin(): whether the spans taken need their ids. Without, each id is still
    /// checked (and repeats looked for), but hashed from its bytes rather than made a string, and
    /// the spans come with empty ids (`agree` scores ranges and labels only, issue 17).
    [[nodiscard]] virtual bool takesIds() const { return true; }
    /// Every span taken so far is withdrawn: the file is read whole after all (it has something
    /// to report, or is laid out otherwise), or the read was cancelled.
    virtual void withdraw() = 0;
    /// Whether the receiver finds span ids used more than once among the spans it takes (a set
    /// that files spans by id does): the read then asks it (repeatedId()) instead of keeping a
    /// hash of every id to sort at the end.
    [[nodiscard]] virtual bool findsRepeatedIds() const { return false; }
    /// With findsRepeatedIds(): whether a span taken since the last withdraw() had the id of one
    /// taken before it.
    [[nodiscard]] virtual bool repeatedId() const { return false; }
};

/// What a read keeps of each span, and what it tells as it reads.
struct ReadOptions
{
    /// Only id, start, end, label and status: `text`, `note`, the context and unknown fields are
    /// still checked but not kept (an empty `text`). For metrics over big sidecars, which need no
    /// text: it saves a heap string or more per span.
    bool spansOnly = false;
    /// False: each span's `prefix` and `suffix` are still checked but not kept, for readers that
    /// show or compare spans and never write them back (`scholiast-cli diff`): two heap strings
    /// fewer per span when the document is not at hand to derive them from.
    bool keepContext = true;
    /// Called now and then while the spans are read, with the bytes read so far and the file's
    /// size; returning false stops the read, which then fails with a "cancelled" error.
    std::function<bool(qint64 done, qint64 total)> progress = {};
    /// When set, the spans of a large file may be handed to it while the file is read. The
    /// file's spans are then those it took and was not told to withdraw, followed by the returned
    /// sidecar's `annotations` (empty when it took them all).
    SpanReceiver *spanReceiver = nullptr;
};

/// Parses and checks a sidecar. With a document, also checks each span against it: offsets inside
/// the document, `text` equal to the document's text there, and the SHA-256 (a mismatch is a
/// warning: the spans are still returned, for re-anchoring). Returns nothing when any error was
/// found; every problem is appended to `diagnostics` with its line and column.
[[nodiscard]] std::optional<Sidecar> parse(const QByteArray &json, const QString &path, Diagnostics &diagnostics,
                                           const Document *document = nullptr, ReadOptions options = {});
[[nodiscard]] std::optional<Sidecar> read(const QString &path, Diagnostics &diagnostics,
                                          const Document *document = nullptr, ReadOptions options = {});
/// From this size on, read() reads a file laid out as serialize() writes it a batch of spans at a
/// time on two threads (and whole, to say what is wrong, when the batches do not confirm it).
inline constexpr qint64 BatchedReadMinBytes = 16 * 1024 * 1024;

/// Checks a sidecar against its document as read() does, a batch of spans at a time, on two
/// threads: memory is the document's, a few batches and 16 bytes per span for the checks across
/// batches, however large the file (issue 17; `scholiast-cli validate`). It confirms only: the
/// number of spans when the file is valid, has nothing to warn about and is laid out as
/// serialize() writes it (one span per line, in its order); nothing otherwise, and read() then
/// says what is wrong, with line and column.
[[nodiscard]] std::optional<qsizetype> validateStreaming(const QString &path, const Document &document);

/// What a sidecar says of its document, without its spans.
struct DocumentHeader
{
    QString name;
    QString sha256;
    qint64 length = -1; ///< code points; -1 when the sidecar does not say
    QStringList labels; ///< the schema's label names in order (the default schema's when left out)
    int version = 1; ///< 2 when the file uses relations, relation labels or fragments (§3)
};

/// Reads only the sidecar's "document" object and label names, skipping the spans unbuilt: how a
/// corpus command pairs the sidecars of several folders by document, or gathers every label,
/// before reading them one document at a time. Nothing when the file is no JSON object with a "document" naming one;
/// read() then says exactly what is wrong. The spans are not checked.
[[nodiscard]] std::optional<DocumentHeader> readDocumentHeader(const QString &path);

/// A span asked of readSpanTexts(): its place among the file's spans (0 for the first, in the
/// order read() returns them), and the range and label read there before, which must still be.
struct SpanPlace
{
    qsizetype index = 0;
    qint64 start = 0;
    qint64 end = 0;
    QString label;
};

/// What readSpanTexts() reads of a span.
struct SpanIdAndText
{
    QString id;
    QString text;
};

/// The id and `text` of some of a sidecar's spans, in the order asked (places ascending), for a
/// reader that read the file with ReadOptions::spansOnly and a receiver that takes no ids, and
/// shows only a few of them: `scholiast-cli diff` prints the spans the two sides disagree on, and
/// a million texts and ids made for a fifth of them were a third of its time (issue 17). Only their
/// lines are parsed when the file is laid out as serialize() writes it; otherwise it is read
/// whole. Nothing, with an error naming the file, when the file no longer holds those spans (it
/// changed since it was read).
[[nodiscard]] std::optional<QList<SpanIdAndText>> readSpanTexts(const QString &path, const QList<SpanPlace> &places,
                                                                Diagnostics &diagnostics);

/// The canonical bytes: fixed key order, spans sorted by (start, end, label, id), one span per
/// line, UTF-8 without BOM. The same sidecar always gives the same bytes.
[[nodiscard]] QByteArray serialize(const Sidecar &sidecar);
/// Writes atomically (QSaveFile): on failure the old file is untouched and an error naming the
/// path is appended. The bytes are serialize()'s, handed to the file a part at a time.
[[nodiscard]] bool write(const QString &path, const Sidecar &sidecar, Diagnostics &diagnostics);
/// write() for spans that are held elsewhere (a snapshot of a set), not copied into a list:
/// `spansInFileOrder` stands for sidecar.annotations, which is not looked at. With
/// `misfitsAsOrphans`, a span that does not fit sidecar.document is written as an orphan, as
/// it stands (docs/FORMAT.md §6).
[[nodiscard]] bool write(const QString &path, const Sidecar &sidecar,
                         const std::vector<const Annotation *> &spansInFileOrder, bool misfitsAsOrphans,
                         Diagnostics &diagnostics);

} // namespace ScholiastJson
} // namespace Scholiast
