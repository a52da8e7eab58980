// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: Annotation is a value type, reentrant: each copy may be used on any thread.
#pragma once

#include "offsets.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSharedData>
#include <QString>

#include <optional>
#include <vector>

namespace Scholiast {

class Document;

/// One piece of a discontinuous span: [start, end) in code points.
struct Fragment
{
    CodePoint start;
    CodePoint end;
    friend bool operator==(const Fragment &, const Fragment &) = default;
};

/// One span: a value type. Offsets are code points into the document, end exclusive.
///
/// The fields every span has are plain members; the optional ones (docs/FORMAT.md, "Annotation
/// fields") live behind a shared pointer so that a million spans without notes stay small.
class Annotation
{
public:
    /// Conflict: one version of a span that two branches changed differently; `scholiast-cli
    /// merge-driver` writes it with an `x-merge` field (docs/FORMAT.md §6.7, docs/TEAMS.md).
    enum class Status { Unset, Accepted, Rejected, Pending, Conflict };
    static constexpr int ContextLength = 32;

    QString id; ///< stable and unique within a document
    CodePoint start; ///< inclusive
    CodePoint end; ///< exclusive
    QString label;

    Annotation();
    /// The covered text and the id are set by name afterwards (`span.text = ...`), so that two
    /// strings are never told apart by position alone.
    Annotation(CodePoint start, CodePoint end, const QString &label);
    Annotation(const Annotation &);
    Annotation(Annotation &&) noexcept;
    Annotation &operator=(const Annotation &);
    Annotation &operator=(Annotation &&) noexcept;
    ~Annotation();

    /// The covered text, document[start:end] when the span fits its document. Const, so that
    /// `span.text().chop(1)` does not compile: it would change a copy (setText() changes it).
    [[nodiscard]] const QString text() const; // NOLINT(readability-const-return-type)
    /// The same without a copy; valid while this span lives and its text is not set again.
    [[nodiscard]] QStringView textView() const;
    void setText(const QString &text);
    /// Sets the covered text to the document's own text of [start, end), which must be within the
    /// document (of each fragment, joined by a space, for a discontinuous span): held as a share of the document's
    /// text, not a copy, so that a million spans that fit their document cost no string each (issue 17). Like
    /// setText(), a snapshot: it does not follow later changes of start and end.
    void setTextFromDocument(const Document &document);
    /// The same when the caller has looked up [start, end) in UTF-16 already.
    void setTextFromDocument(const Document &document, Utf16Index from, Utf16Index to);
    /// Sets the covered text to `length` UTF-16 units of `whole` from `from`, held as a share of
    /// it, not a copy: a read without the document decodes all the texts of a batch into one
    /// string (issue 17). A snapshot, as setText().
    void setTextShare(const QString &whole, qsizetype from, qsizetype length);
    /// Whether the span lies within `document` and its text is the document's text there (its
    /// fragments' texts joined, for a discontinuous span).
    [[nodiscard]] bool fits(const Document &document) const;
    /// The same when the caller has looked up [start, end) in UTF-16 already (the writer steps
    /// to each span's bounds from the last span's).
    [[nodiscard]] bool fits(const Document &document, Utf16Index from, Utf16Index to) const;
    /// Whether the text is a share of a larger string (a document's text, or the texts of a read
    /// without the document) rather than a string of its own.
    [[nodiscard]] bool textIsShared() const { return m_sharedFrom >= 0; }

    /// In code points, from start to end (a discontinuous span's gaps included).
    [[nodiscard]] qint64 length() const { return end - start; }
    /// Whether some of the span's text lies in [from, to): for a discontinuous span, whether one
    /// of its fragments does (a gap overlaps nothing).
    [[nodiscard]] bool overlaps(CodePoint from, CodePoint to) const
    {
        return start < to && from < end && (!d || d->fragments.isEmpty() || fragmentsOverlap(from, to));
    }

    /// A discontinuous span (docs/FORMAT.md §6.9): a quote interrupted by "he said" is one span
    /// in two pieces. Its start is its first fragment's start and its end its last fragment's end;
    /// its text is the fragments' texts joined by one space, as brat joins them.
    [[nodiscard]] bool isDiscontinuous() const { return d && !d->fragments.isEmpty(); }
    /// The pieces in order, two or more; a contiguous span has one, [start, end).
    [[nodiscard]] QList<Fragment> fragments() const;
    /// Sets the pieces and, from them, start and end. Fragments must be ordered, non-empty and
    /// apart (checked by whoever builds them: fragmentsProblem()); one fragment makes the span
    /// contiguous again. The text is not changed: setTextFromDocument() or setText() follows.
    void setFragments(const QList<Fragment> &fragments);
    /// Moves every fragment, and start and end, by `delta` code points.
    void shift(qint64 delta);
    /// Why these fragments cannot make a span (out of order, touching, empty), or empty if they
    /// can. Two or more are needed to be discontinuous.
    [[nodiscard]] static QString fragmentsProblem(const QList<Fragment> &fragments);
    /// The text of a span over these fragments in `document`: the pieces joined by one space.
    [[nodiscard]] static QString fragmentsText(const Document &document, const QList<Fragment> &fragments);
    /// How many code points the text of a span over these fragments has.
    [[nodiscard]] static qint64 fragmentsTextLength(const QList<Fragment> &fragments);

    [[nodiscard]] QString note() const;
    void setNote(const QString &note);
    [[nodiscard]] QString annotator() const;
    void setAnnotator(const QString &annotator);
    /// `manual`, `import:<format>`, `model:<name>` or `rule:<name>`; empty when not recorded.
    [[nodiscard]] QString source() const;
    void setSource(const QString &source);
    [[nodiscard]] Status status() const;
    void setStatus(Status status);
    [[nodiscard]] std::optional<double> score() const;
    void setScore(std::optional<double> score);
    /// UTC; invalid when not recorded.
    [[nodiscard]] QDateTime created() const;
    void setCreated(const QDateTime &time);
    [[nodiscard]] QDateTime modified() const;
    void setModified(const QDateTime &time);
    /// Up to ContextLength code points of document text before and after the span, as last
    /// saved: what re-anchoring looks for when the document has changed (docs/FORMAT.md §6).
    /// Held only while they matter; the writer takes them from the document.
    [[nodiscard]] QString prefix() const;
    [[nodiscard]] QString suffix() const;
    void setContext(const QString &prefix, const QString &suffix);
    /// A span that could not be placed in its changed document: kept, shown, never dropped.
    [[nodiscard]] bool isOrphan() const;
    void setOrphan(bool orphan);
    /// Fields this version does not know, kept as read so that a round trip loses nothing.
    [[nodiscard]] QJsonObject extraFields() const;
    void setExtraFields(const QJsonObject &fields);

    [[nodiscard]] bool hasDetails() const { return bool(d); }

    /// Every field equal, optional ones included.
    bool operator==(const Annotation &other) const;

    static QString statusName(Status status);
    /// Unset for an unknown name.
    static Status statusFromName(QStringView name);
    /// Whether `source` has one of the forms source() documents.
    static bool isSourceTag(const QString &source);
    /// An ISO 8601 date and time with a zone (Z or +hh:mm), in UTC; invalid when `text` is not
    /// one (a time without a zone means nothing once the file travels).
    static QDateTime timeFromIso(const QString &text);

private:
    struct Details : QSharedData
    {
        QString note;
        QString annotator;
        QString source;
        Status status = Status::Unset;
        std::optional<double> score;
        QDateTime created;
        QDateTime modified;
        QJsonObject extra;
        QString prefix;
        QString suffix;
        bool orphan = false;
        QList<Fragment> fragments; // empty, or two and more

        bool operator==(const Details &o) const;
    };
    Details &details();
    [[nodiscard]] bool fragmentsOverlap(CodePoint from, CodePoint to) const;
    // The text itself, or, when m_sharedFrom >= 0, the whole text of the document it was taken
    // from (a reference, not a copy), of which [m_sharedFrom, + m_sharedLength) in UTF-16 units.
    QString m_text;
    qsizetype m_sharedFrom = -1;
    qsizetype m_sharedLength = 0;
    QSharedDataPointer<Details> d;
};

/// File order (docs/FORMAT.md §7): by start, end, label, then id.
[[nodiscard]] bool isBeforeInFileOrder(const Annotation &a, const Annotation &b);
/// Puts the pointers in file order. Spans that are in it already (a list read from a sidecar, a
/// set filled from one) cost one pass, not a sort.
void sortInFileOrder(std::vector<const Annotation *> &spans);
/// The spans in file order, as pointers into `spans`.
[[nodiscard]] std::vector<const Annotation *> sortedInFileOrder(const QList<Annotation> &spans);

} // namespace Scholiast
