// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "annotation.h"

#include "document.h"

#include <QRegularExpression>

#include <algorithm>
#include <utility>

namespace Scholiast {

bool Annotation::Details::operator==(const Details &o) const
{
    return prefix == o.prefix && suffix == o.suffix && orphan == o.orphan && note == o.note && annotator == o.annotator
        && source == o.source && status == o.status && score == o.score && created == o.created
        && modified == o.modified && extra == o.extra && fragments == o.fragments;
}

Annotation::Annotation() = default;
Annotation::Annotation(CodePoint s, CodePoint e, const QString &l)
    : start(s)
    , end(e)
    , label(l)
{
}
Annotation::Annotation(const Annotation &) = default;
// Not defaulted: a moved-from span must not keep a shared range into the text it gave away.
Annotation::Annotation(Annotation &&other) noexcept
    : id(std::move(other.id))
    , start(other.start)
    , end(other.end)
    , label(std::move(other.label))
    , m_text(std::move(other.m_text))
    , m_sharedFrom(std::exchange(other.m_sharedFrom, -1))
    , m_sharedLength(std::exchange(other.m_sharedLength, 0))
    , d(std::move(other.d))
{
}
Annotation &Annotation::operator=(const Annotation &) = default;
Annotation &Annotation::operator=(Annotation &&other) noexcept
{
    id = std::move(other.id);
    start = other.start;
    end = other.end;
    label = std::move(other.label);
    m_text = std::move(other.m_text);
    m_sharedFrom = std::exchange(other.m_sharedFrom, -1);
    m_sharedLength = std::exchange(other.m_sharedLength, 0);
    d = std::move(other.d);
    return *this;
}
Annotation::~Annotation() = default;

Annotation::Details &Annotation::details()
{
    if (!d) {
        d = new Details;
    }
    return *d;
}

const QString Annotation::text() const
{
    return m_sharedFrom < 0 ? m_text : m_text.sliced(m_sharedFrom, m_sharedLength);
}
QStringView Annotation::textView() const
{
    return m_sharedFrom < 0 ? QStringView(m_text) : QStringView(m_text).sliced(m_sharedFrom, m_sharedLength);
}
void Annotation::setText(const QString &text)
{
    m_text = text;
    m_sharedFrom = -1;
    m_sharedLength = 0;
}
void Annotation::setTextFromDocument(const Document &document)
{
    Q_ASSERT(CodePoint(0) <= start && start <= end && end <= CodePoint(document.length()));
    if (isDiscontinuous()) {
        setText(fragmentsText(document, d->fragments)); // not one range of the document
        return;
    }
    setTextFromDocument(document, document.toUtf16(start), document.toUtf16(end));
}
void Annotation::setTextFromDocument(const Document &document, Utf16Index from, Utf16Index to)
{
    Q_ASSERT(from == document.toUtf16(start) && to == document.toUtf16(end));
    setTextShare(document.text(), from.value, to - from);
}

void Annotation::setTextShare(const QString &whole, qsizetype from, qsizetype length)
{
    Q_ASSERT(0 <= from && 0 <= length && from + length <= whole.size());
    m_text = whole;
    m_sharedFrom = from;
    m_sharedLength = length;
}

bool Annotation::fits(const Document &document) const
{
    return fits(document, document.toUtf16(start), document.toUtf16(end));
}

bool Annotation::fits(const Document &document, Utf16Index from, Utf16Index to) const
{
    if (start < CodePoint(0) || end < start || end > CodePoint(document.length())) {
        return false;
    }
    Q_ASSERT(from == document.toUtf16(start) && to == document.toUtf16(end));
    const QStringView text = textView();
    if (isDiscontinuous()) {
        return fragmentsText(document, d->fragments) == text;
    }
    const QStringView covered = QStringView(document.text()).sliced(from.value, to - from);
    // A text shared from this very document, as most are, needs no comparing.
    return covered.size() == text.size() && (covered.data() == text.data() || covered == text);
}

QList<Fragment> Annotation::fragments() const
{
    return isDiscontinuous() ? d->fragments : QList<Fragment>{Fragment{start, end}};
}

void Annotation::setFragments(const QList<Fragment> &fragments)
{
    Q_ASSERT(!fragments.isEmpty());
    start = fragments.constFirst().start;
    end = fragments.constLast().end;
    if (fragments.size() > 1) {
        details().fragments = fragments;
    } else if (d && !d->fragments.isEmpty()) {
        d->fragments.clear();
    }
}

void Annotation::shift(qint64 delta)
{
    start += delta;
    end += delta;
    if (isDiscontinuous()) {
        for (Fragment &f : details().fragments) {
            f.start += delta;
            f.end += delta;
        }
    }
}

bool Annotation::fragmentsOverlap(CodePoint from, CodePoint to) const
{
    return std::any_of(d->fragments.cbegin(), d->fragments.cend(),
                       [&](const Fragment &f) { return f.start < to && from < f.end; });
}

QString Annotation::fragmentsProblem(const QList<Fragment> &fragments)
{
    for (qsizetype i = 0; i < fragments.size(); ++i) {
        const Fragment &f = fragments.at(i);
        if (f.start < CodePoint(0)) {
            return QStringLiteral("fragment %1 starts at %2, before the document").arg(i + 1).arg(f.start.value);
        }
        if (f.start >= f.end) {
            return QStringLiteral("fragment %1 (%2-%3) is empty or reversed")
                .arg(i + 1)
                .arg(f.start.value)
                .arg(f.end.value);
        }
        if (i > 0 && f.start <= fragments.at(i - 1).end) {
            return QStringLiteral("fragment %1 (%2-%3) does not start after fragment %4 ends (%5): fragments are "
                                  "in order and apart (touching ones are one)")
                .arg(i + 1)
                .arg(f.start.value)
                .arg(f.end.value)
                .arg(i)
                .arg(fragments.at(i - 1).end.value);
        }
    }
    return QString();
}

QString Annotation::fragmentsText(const Document &document, const QList<Fragment> &fragments)
{
    QString text;
    for (qsizetype i = 0; i < fragments.size(); ++i) {
        if (i > 0) {
            text += QLatin1Char(' ');
        }
        text += document.slice(fragments.at(i).start, fragments.at(i).end);
    }
    return text;
}

qint64 Annotation::fragmentsTextLength(const QList<Fragment> &fragments)
{
    qint64 length = fragments.size() - 1;
    for (const Fragment &f : fragments) {
        length += f.end - f.start;
    }
    return length;
}

QString Annotation::note() const
{
    return d ? d->note : QString();
}
void Annotation::setNote(const QString &note)
{
    details().note = note;
}
QString Annotation::annotator() const
{
    return d ? d->annotator : QString();
}
void Annotation::setAnnotator(const QString &annotator)
{
    details().annotator = annotator;
}
QString Annotation::source() const
{
    return d ? d->source : QString();
}
void Annotation::setSource(const QString &source)
{
    details().source = source;
}
Annotation::Status Annotation::status() const
{
    return d ? d->status : Status::Unset;
}
void Annotation::setStatus(Status status)
{
    details().status = status;
}
std::optional<double> Annotation::score() const
{
    return d ? d->score : std::nullopt;
}
void Annotation::setScore(std::optional<double> score)
{
    details().score = score;
}
QDateTime Annotation::created() const
{
    return d ? d->created : QDateTime();
}
void Annotation::setCreated(const QDateTime &time)
{
    details().created = time;
}
QDateTime Annotation::modified() const
{
    return d ? d->modified : QDateTime();
}
void Annotation::setModified(const QDateTime &time)
{
    details().modified = time;
}
QString Annotation::prefix() const
{
    return d ? d->prefix : QString();
}
QString Annotation::suffix() const
{
    return d ? d->suffix : QString();
}
void Annotation::setContext(const QString &prefix, const QString &suffix)
{
    if (d || !prefix.isEmpty() || !suffix.isEmpty()) {
        details().prefix = prefix;
        details().suffix = suffix;
    }
}
bool Annotation::isOrphan() const
{
    return d && d->orphan;
}
void Annotation::setOrphan(bool orphan)
{
    if (d || orphan) {
        details().orphan = orphan;
    }
}
QJsonObject Annotation::extraFields() const
{
    return d ? d->extra : QJsonObject();
}
void Annotation::setExtraFields(const QJsonObject &fields)
{
    details().extra = fields;
}

bool Annotation::operator==(const Annotation &o) const
{
    if (id != o.id || start != o.start || end != o.end || label != o.label || textView() != o.textView()) {
        return false;
    }
    if (d == o.d) {
        return true;
    }
    static const Details empty;
    return (d ? *d : empty) == (o.d ? *o.d : empty);
}

QString Annotation::statusName(Status status)
{
    switch (status) {
    case Status::Accepted:
        return QStringLiteral("accepted");
    case Status::Rejected:
        return QStringLiteral("rejected");
    case Status::Pending:
        return QStringLiteral("pending");
    case Status::Conflict:
        return QStringLiteral("conflict");
    case Status::Unset:
        break;
    }
    return QString();
}

Annotation::Status Annotation::statusFromName(QStringView name)
{
    if (name == u"accepted") {
        return Status::Accepted;
    }
    if (name == u"rejected") {
        return Status::Rejected;
    }
    if (name == u"pending") {
        return Status::Pending;
    }
    if (name == u"conflict") {
        return Status::Conflict;
    }
    return Status::Unset;
}

bool Annotation::isSourceTag(const QString &source)
{
    static const QRegularExpression form(QStringLiteral("^(manual|(import|model|rule):.+)$"));
    return form.match(source).hasMatch();
}

QDateTime Annotation::timeFromIso(const QString &text)
{
    static const QRegularExpression zoned(QStringLiteral("T.*(Z|[+-]\\d\\d:?\\d\\d)$"));
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.isValid() && zoned.match(text).hasMatch() ? time.toUTC() : QDateTime();
}

bool isBeforeInFileOrder(const Annotation &a, const Annotation &b)
{
    if (a.start != b.start) {
        return a.start < b.start;
    }
    if (a.end != b.end) {
        return a.end < b.end;
    }
    if (a.label != b.label) {
        return a.label < b.label;
    }
    return a.id < b.id;
}

std::vector<const Annotation *> sortedInFileOrder(const QList<Annotation> &spans)
{
    std::vector<const Annotation *> order;
    order.reserve(size_t(spans.size()));
    for (const Annotation &a : spans) {
        order.push_back(&a);
    }
    sortInFileOrder(order);
    return order;
}

void sortInFileOrder(std::vector<const Annotation *> &spans)
{
    const auto before = [](const Annotation *a, const Annotation *b) { return isBeforeInFileOrder(*a, *b); };
    // Spans are mostly in order already: a set filled from a file, then edited (a new span goes
    // last, or where one was removed). Those in order stay, the few out of place are sorted and
    // merged in: O(n + k log k), not a sort of a million pointers for one new span (issue 17).
    std::vector<const Annotation *> inOrder;
    std::vector<const Annotation *> outOfPlace;
    inOrder.reserve(spans.size());
    const size_t mostOutOfPlace = spans.size() / 8 + 16;
    for (size_t i = 0; i < spans.size(); ++i) {
        const Annotation *span = spans[i];
        const bool afterKept = inOrder.empty() || !before(span, inOrder.back());
        const bool beforeNext = i + 1 == spans.size() || !before(spans[i + 1], span);
        if (afterKept && beforeNext) {
            inOrder.push_back(span);
        } else if (outOfPlace.push_back(span); outOfPlace.size() > mostOutOfPlace) {
            std::sort(spans.begin(), spans.end(), before);
            return;
        }
    }
    if (outOfPlace.empty()) {
        return;
    }
    std::sort(outOfPlace.begin(), outOfPlace.end(), before);
    std::merge(inOrder.begin(), inOrder.end(), outOfPlace.begin(), outOfPlace.end(), spans.begin(), before);
}

} // namespace Scholiast
