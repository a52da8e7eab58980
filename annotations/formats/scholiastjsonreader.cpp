// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// The strict sidecar reader (docs/FORMAT.md): simdjson On-Demand, errors with line and column.
// bench/CMakeLists.txt builds this file once more for each simdjson kernel.
#include "scholiastjson.h"
#include "scholiastjson_p.h"
#include "salvage.h"

#include "filepolicy.h"
#include "idindex.h"

#include "document.h"
#include "spanfields.h"
#include "utf8.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <optional>

namespace Scholiast::ScholiastJson {

namespace od = simdjson::ondemand;

namespace {

constexpr int MaxErrors = 100; // enough to fix a file by; a broken million-span file stays readable

QString fragmentList(const QList<Fragment> &fragments)
{
    QStringList pairs;
    for (const Fragment &f : fragments) {
        pairs.append(QStringLiteral("%1-%2").arg(f.start.value).arg(f.end.value));
    }
    return pairs.join(QLatin1String(", "));
}

bool hasLoneSurrogate(const QJsonValue &value)
{
    const auto lone = [](const QString &text) {
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
                ++i;
            } else if (c.isSurrogate()) {
                return true;
            }
        }
        return false;
    };
    if (value.isString()) {
        return lone(value.toString());
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (hasLoneSurrogate(array.at(i))) {
                return true;
            }
        }
        return false;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (lone(it.key()) || hasLoneSurrogate(it.value())) {
                return true;
            }
        }
    }
    return false;
}

// A member's key. A key without escapes (every key the writer writes) is taken as its bytes where
// it stands, not copied into simdjson's string buffer first as unescaped_key() does; a key with
// escapes is unescaped as before.
std::string_view keyOf(od::field &field)
{
    const char *const begin = field.key().raw(); // after the opening quote; stage 1 found the closing one
    const char *end = begin;
    while (*end != '"' && *end != '\\') {
        ++end;
    }
    std::string_view key(begin, size_t(end - begin));
    if (*end != '"' && field.unescaped_key().get(key)) {
        throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
    }
    return key;
}

// The member or element a loop over an object or array is at, used where it is in simdjson's
// result rather than copied out of it (as get() does) for every key of every span.
template <typename T> T &inPlace(simdjson::simdjson_result<T> &result)
{
    if (result.error()) {
        throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
    }
    return result.value_unsafe();
}

QString fromUtf8(std::string_view s)
{
    return textFromUtf8(QByteArrayView(s.data(), qsizetype(s.size())));
}

using SpanFields::quoted;

// Reads one sidecar. Problems are collected with the byte offset where they were found; line and
// column are computed only for those (docs/FORMAT.md, "Errors").
class Reader
{
public:
    Reader(const char *data, size_t size, const QString &path, Diagnostics &diagnostics, const Document *document)
        : m_data(data)
        , m_size(size)
        , m_path(path)
        , m_diagnostics(diagnostics)
        , m_document(document)
    {
    }
    /// Called once the document header is read: context is dropped only for spans read against
    /// the very document they were saved with.
    void setContextIsDerivable(bool derivable) { m_contextIsDerivable = derivable; }
    void setSpansOnly(bool spansOnly) { m_spansOnly = spansOnly; }
    /// For one batch of a file read in batches: ids and (range, label) pairs are checked across
    /// all the batches by the caller, this one's own among them, so not here.
    void setRepeatsCheckedAcrossBatches(bool across) { m_repeatsCheckedAcrossBatches = across; }
    /// How many spans the array holds, when known (a batch's span lines): their lists are made
    /// that long at once. Growing them as they fill touched twice the memory, each page faulted
    /// in by the kernel, a quarter of the page faults of `agree` (issue 17).
    void setExpectedSpans(qsizetype spans) { m_expectedSpans = spans; }
    /// An empty list whose room the spans are read into: a batch's list of spans, handed back
    /// once taken, is not faulted in afresh for the next batch (issue 17).
    void setSpanStorage(QList<Annotation> &&storage) { m_spanStorage = std::move(storage); }
    /// Ids checked, not kept: each kept span's id hash goes here instead (parseImpl's idHashes).
    void setIdHashes(std::vector<size_t> *hashes) { m_idHashes = hashes; }
    /// The one string of a label's bytes.
    const QString &internedLabel(std::string_view bytes)
    {
        static constexpr size_t FirstLabels = 8;
        const auto size = qsizetype(bytes.size());
        for (const auto &[known, name] : m_firstLabels) {
            if (known.size() == size && std::memcmp(known.constData(), bytes.data(), bytes.size()) == 0) {
                return name;
            }
        }
        auto interned = m_labelNames.constFind(QByteArray::fromRawData(bytes.data(), size));
        if (interned == m_labelNames.constEnd()) {
            interned = m_labelNames.insert(QByteArray(bytes.data(), size), fromUtf8(bytes));
            if (m_firstLabels.size() < FirstLabels) {
                m_firstLabels.emplace_back(interned.key(), interned.value());
            }
        }
        return *interned;
    }
    void setKeepContext(bool keep) { m_keepContext = keep; }
    /// With the document at hand, a span's text is checked against it as UTF-8 and shared from
    /// the document when it matches, never decoded into a string of its own (issue 17).
    void setTextIsDeferred(bool deferred) { m_textIsDeferred = deferred; }
    /// Without the document, every span's text is decoded into one string the spans share, once
    /// the spans are read (poolTexts()), not into a string of its own (issue 17).
    void setTextsPooled(bool pooled) { m_textsPooled = pooled; }
    void setProgress(std::function<bool(qint64, qint64)> progress) { m_progress = std::move(progress); }
    [[nodiscard]] bool cancelled() const { return m_cancelled; }
    /// Salvage (salvage.h): a span's errors make it an orphan instead of failing the read.
    void setSalvage(bool salvage, bool dropDuplicates)
    {
        m_salvage = salvage;
        m_dropDuplicates = dropDuplicates;
    }
    /// The file cannot be salvaged either: another document, a newer version.
    [[nodiscard]] bool refused() const { return m_refused; }
    [[nodiscard]] qsizetype duplicatesDropped() const { return m_duplicatesDropped; }

    std::optional<Sidecar> read(od::document &doc);
    void syntaxError(simdjson::error_code code, const char *where);

private:
    qint64 offsetOf(std::string_view token) const
    {
        const qint64 at = token.data() - m_data;
        return at >= 0 && size_t(at) <= m_size ? at : -1;
    }
    qint64 offsetOf(od::value &value) { return offsetOf(value.raw_json_token()); }
    void report(Diagnostic::Severity severity, qint64 byteOffset, const QString &message)
    {
        if (m_spanProblems && severity == Diagnostic::Severity::Error) {
            m_spanProblems->append(message); // salvage: the span becomes an orphan, the read goes on
            severity = Diagnostic::Severity::Warning;
        }
        int &count = severity == Diagnostic::Severity::Error ? m_errorCount : m_warningCount;
        if (++count > MaxErrors) {
            if (count == MaxErrors + 1) {
                Diagnostic d =
                    Diagnostic::error(m_path,
                                      QStringLiteral("more than %1 %2; the rest are not listed")
                                          .arg(MaxErrors)
                                          .arg(severity == Diagnostic::Severity::Error ? QStringLiteral("errors")
                                                                                       : QStringLiteral("warnings")));
                d.severity = severity;
                m_diagnostics.append(d);
            }
            return;
        }
        if (byteOffset < 0) {
            Diagnostic d = Diagnostic::error(m_path, message);
            d.severity = severity;
            m_diagnostics.append(d);
        } else {
            m_diagnostics.append(diagnosticAtByte(severity, m_path, m_data, qint64(m_size), byteOffset, message));
        }
    }
    void error(qint64 at, const QString &message) { report(Diagnostic::Severity::Error, at, message); }
    void warning(qint64 at, const QString &message) { report(Diagnostic::Severity::Warning, at, message); }

    bool readString(od::value &value, QString &out, const QString &what);
    /// Checks that the value is a string without making a QString of it.
    bool checkString(od::value &value, const QString &what, std::string_view *text = nullptr);
    bool readInteger(od::value &value, qint64 &out, const QString &what);
    std::optional<QJsonValue> readRaw(od::value &value);
    /// An unknown field that cannot be kept is an error: never dropped silently.
    std::optional<QJsonValue> readRawOrReport(od::value &value, std::string_view key)
    {
        const qint64 at = offsetOf(value);
        auto raw = readRaw(value);
        if (!raw) {
            error(
                at,
                QStringLiteral("field \"%1\" cannot be kept (nested too deeply or not valid JSON)").arg(fromUtf8(key)));
        } else if (hasLoneSurrogate(*raw)) {
            // It would be written back as U+FFFD: refused rather than changed silently (issue 14).
            error(at,
                  QStringLiteral("field \"%1\" cannot be kept: it holds a lone UTF-16 surrogate (\\uD800-\\uDFFF "
                                 "without its pair), which UTF-8 cannot store")
                      .arg(fromUtf8(key)));
            raw.reset();
        }
        return raw;
    }
    void readDocument(od::value &value, Sidecar &sidecar);
    void readLabels(od::value &value, Sidecar &sidecar);
    void readRelationLabels(od::value &value);
    void readRelations(od::value &value, Sidecar &sidecar);
    /// The rules of docs/FORMAT.md §6.8, once spans and labels are known.
    void checkRelations(Sidecar &sidecar);
    bool readFragments(od::value &value, QList<Fragment> &fragments);
    void readAnnotations(od::value &value, Sidecar &sidecar, std::vector<qint64> &positions);
    void poolTexts(Sidecar &sidecar, qsizetype first);
    void readAnnotation(od::value &v, qsizetype index, qint64 spanAt, Sidecar &sidecar, std::vector<qint64> &positions);
    void checkAgainstDocument(Sidecar &sidecar, const std::vector<qint64> &positions, qint64 documentAt);
    /// The bytes of the JSON value starting at `at` (an object or array by bracket matching).
    [[nodiscard]] QByteArray rawValueAt(qint64 at) const;
    /// An orphan holding a bad span's original bytes and the reasons it could not be placed.
    [[nodiscard]] Annotation unplacedSpan(qint64 at, const QStringList &problems) const;
    void makeIdsUnique(Sidecar &sidecar) const;

    const char *m_data;
    size_t m_size;
    QString m_path;
    Diagnostics &m_diagnostics;
    const Document *m_document;
    int m_errorCount = 0;
    bool m_contextIsDerivable = false;
    bool m_spansOnly = false;
    qsizetype m_expectedSpans = 0;
    bool m_textsPooled = false;
    QList<Annotation> m_spanStorage;
    std::vector<size_t> *m_idHashes = nullptr;
    bool m_repeatsCheckedAcrossBatches = false;
    bool m_keepContext = true;
    bool m_textIsDeferred = false;
    std::function<bool(qint64, qint64)> m_progress;
    bool m_cancelled = false;
    // When the text is deferred: each span's text as read (simdjson's unescaped bytes, valid while
    // the parse lasts), by index in the sidecar's spans; null for spans whose text is set already.
    std::vector<std::string_view> m_textBytes;
    int m_warningCount = 0;
    // Interned by their bytes, so that a million spans share a few label strings and no string
    // is made per span to find its label (a lookup by QByteArray::fromRawData allocates nothing).
    QHash<QByteArray, QString> m_labelNames;
    // The first few of them, looked through before the hash: a schema has a handful of labels,
    // and comparing a few bytes costs less than hashing them.
    std::vector<std::pair<QByteArray, QString>> m_firstLabels;
    bool m_salvage = false;
    bool m_dropDuplicates = false;
    bool m_refused = false;
    QStringList *m_spanProblems = nullptr; // salvage: where the current span's errors go
    qsizetype m_duplicatesDropped = 0;
    qint64 m_version = 0;
    QList<RelationLabel> m_relationLabels; // checked against the span labels once both are read
    std::vector<qint64> m_relationLabelPositions;
    qint64 m_relationLabelsAt = -1;
    std::vector<qint64> m_relationPositions;
    qint64 m_relationsAt = -1;
    qint64 m_fragmentsAt = -1; // the first span with fragments (version 2 only)
};

bool Reader::readString(od::value &value, QString &out, const QString &what)
{
    std::string_view s;
    if (!checkString(value, what, &s)) {
        return false;
    }
    out = fromUtf8(s);
    return true;
}

bool Reader::checkString(od::value &value, const QString &what, std::string_view *text)
{
    // A string without escapes is its own bytes in the input: taken as they are, not copied into
    // the parser's string buffer (stage 1 has checked the whole input's UTF-8 and control bytes).
    std::string_view token = value.raw_json_token(); // the token and the blanks after it
    while (!token.empty()
           && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' || token.back() == '\t')) {
        token.remove_suffix(1);
    }
    if (token.size() >= 2 && token.front() == '"' && token.back() == '"'
        && token.find('\\') == std::string_view::npos) {
        if (text) {
            *text = token.substr(1, token.size() - 2);
        }
        return true;
    }
    std::string_view s;
    const qint64 at = offsetOf(value);
    if (const auto code = value.get_string().get(s)) {
        error(at,
              code == simdjson::INCORRECT_TYPE ? what + QStringLiteral(" must be a string")
                                               : what
                      + QStringLiteral(" is not a valid JSON string (%1)")
                            .arg(QString::fromLatin1(simdjson::error_message(code))));
        return false;
    }
    if (text) {
        *text = s;
    }
    return true;
}

bool Reader::readInteger(od::value &value, qint64 &out, const QString &what)
{
    const qint64 at = offsetOf(value);
    int64_t n = 0;
    const auto code = value.get_int64().get(n);
    if (!code) {
        out = n;
        return true;
    }
    // Only to say what is wrong: too large, or not a whole number at all.
    static const QRegularExpression digits(QStringLiteral("^-?[0-9]+$"));
    const std::string_view token = value.raw_json_token();
    const bool integral = digits.match(QLatin1String(token.data(), qsizetype(token.size())).trimmed()).hasMatch();
    if (integral) {
        error(at, what + QStringLiteral(" is out of range"));
        return false;
    }
    error(at, what + QStringLiteral(" must be a whole number"));
    return false;
}

std::optional<QJsonValue> Reader::readRaw(od::value &value)
{
    // Unknown fields are rare: keep them through Qt's JSON classes, the slow and simple way.
    od::json_type type;
    if (value.type().get(type)) {
        return std::nullopt;
    }
    std::string_view raw;
    if (type == od::json_type::object) {
        od::object o;
        if (value.get_object().get(o) || o.raw_json().get(raw)) {
            return std::nullopt;
        }
    } else if (type == od::json_type::array) {
        od::array a;
        if (value.get_array().get(a) || a.raw_json().get(raw)) {
            return std::nullopt;
        }
    } else {
        raw = value.raw_json_token();
    }
    const QByteArray wrapped = "[" + QByteArray(raw.data(), qsizetype(raw.size())) + "]";
    const QJsonDocument parsed = QJsonDocument::fromJson(wrapped);
    if (!parsed.isArray() || parsed.array().isEmpty()) {
        return std::nullopt;
    }
    return parsed.array().at(0);
}

void Reader::readDocument(od::value &value, Sidecar &sidecar)
{
    const qint64 at = offsetOf(value);
    od::object object;
    if (value.get_object().get(object)) {
        error(at, QStringLiteral("\"document\" must be an object"));
        return;
    }
    bool hasName = false;
    bool hasSha = false;
    bool hasLength = false;
    for (auto member : object) {
        od::field &field = inPlace(member);
        const std::string_view key = keyOf(field);
        od::value &v = field.value();
        if (key == "name") {
            hasName = readString(v, sidecar.documentName, QStringLiteral("document name"));
        } else if (key == "sha256") {
            const qint64 shaAt = offsetOf(v);
            hasSha = readString(v, sidecar.documentSha256, QStringLiteral("document sha256"));
            static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
            if (hasSha && !hex.match(sidecar.documentSha256).hasMatch()) {
                error(shaAt, QStringLiteral("document sha256 must be 64 hexadecimal digits"));
            }
            sidecar.documentSha256 = sidecar.documentSha256.toLower();
        } else if (key == "length") {
            const qint64 lengthAt = offsetOf(v);
            hasLength = readInteger(v, sidecar.documentLength, QStringLiteral("document length"));
            if (hasLength && sidecar.documentLength < 0) {
                error(lengthAt, QStringLiteral("document length must not be negative"));
            }
        } else if (auto raw = readRawOrReport(v, key)) {
            sidecar.documentExtraFields.insert(fromUtf8(key), *raw);
        } else {
            m_refused = true; // no span to keep it in as an orphan: salvage would drop it
        }
    }
    if (!hasName) {
        error(at, QStringLiteral("\"document\" has no \"name\""));
    }
    if (!hasSha) {
        error(at, QStringLiteral("\"document\" has no \"sha256\""));
    }
    if (!hasLength) {
        error(at, QStringLiteral("\"document\" has no \"length\""));
    }
}

void Reader::readLabels(od::value &value, Sidecar &sidecar)
{
    const qint64 at = offsetOf(value);
    od::array array;
    if (value.get_array().get(array)) {
        error(at, QStringLiteral("\"labels\" must be an array"));
        return;
    }
    QList<Label> labels;
    for (auto element : array) {
        od::value &v = inPlace(element);
        const qint64 labelAt = offsetOf(v);
        od::object object;
        if (v.get_object().get(object)) {
            error(labelAt, QStringLiteral("a label must be an object"));
            continue;
        }
        Label label;
        for (auto member : object) {
            od::field &field = inPlace(member);
            const std::string_view key = keyOf(field);
            od::value &fv = field.value();
            if (key == "name") {
                readString(fv, label.name, QStringLiteral("label name"));
            } else if (key == "color") {
                const qint64 colorAt = offsetOf(fv);
                if (readString(fv, label.color, QStringLiteral("label color")) && !Label::isColor(label.color)) {
                    error(colorAt,
                          QStringLiteral("label color %1 is not of the form #rrggbb").arg(quoted(label.color)));
                }
            } else if (key == "key") {
                readString(fv, label.key, QStringLiteral("label key"));
            } else {
                if (auto raw = readRawOrReport(fv, key)) {
                    label.extraFields.insert(fromUtf8(key), *raw);
                }
            }
        }
        if (label.name.isEmpty()) {
            error(labelAt, QStringLiteral("a label has no name"));
        } else if (std::any_of(labels.begin(), labels.end(), [&](const Label &l) { return l.name == label.name; })) {
            error(labelAt, QStringLiteral("label %1 is defined twice").arg(quoted(label.name)));
        } else if (const auto clash =
                       std::find_if(labels.begin(), labels.end(),
                                    [&](const Label &l) { return !label.key.isEmpty() && l.key == label.key; });
                   clash != labels.end()) {
            error(labelAt,
                  QStringLiteral("label %1: key \"%2\" is already used by label %3")
                      .arg(quoted(label.name), label.key, quoted(clash->name)));
        } else {
            labels.append(label);
        }
    }
    sidecar.labels = LabelSchema::fromLabels(labels);
}

void Reader::readRelationLabels(od::value &value)
{
    m_relationLabelsAt = offsetOf(value);
    od::array array;
    if (value.get_array().get(array)) {
        error(m_relationLabelsAt, QStringLiteral("\"relation_labels\" must be an array"));
        return;
    }
    for (auto element : array) {
        od::value &v = inPlace(element);
        const qint64 labelAt = offsetOf(v);
        od::object object;
        if (v.get_object().get(object)) {
            error(labelAt, QStringLiteral("a relation label must be an object"));
            continue;
        }
        RelationLabel label;
        bool ok = true;
        for (auto member : object) {
            od::field &field = inPlace(member);
            const std::string_view key = keyOf(field);
            od::value &fv = field.value();
            const qint64 fieldAt = offsetOf(fv);
            if (key == "name") {
                ok &= readString(fv, label.name, QStringLiteral("relation label name"));
            } else if (key == "color") {
                if (readString(fv, label.color, QStringLiteral("relation label color"))
                    && !Label::isColor(label.color)) {
                    error(
                        fieldAt,
                        QStringLiteral("relation label color %1 is not of the form #rrggbb").arg(quoted(label.color)));
                    ok = false;
                }
            } else if (key == "from" || key == "to") {
                QStringList &names = key == "from" ? label.from : label.to;
                od::array list;
                if (fv.get_array().get(list)) {
                    error(fieldAt,
                          QStringLiteral("relation label \"%1\" must be an array of label names").arg(fromUtf8(key)));
                    ok = false;
                    continue;
                }
                for (auto item : list) {
                    od::value iv;
                    if (item.get(iv)) {
                        throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
                    }
                    QString name;
                    ok &= readString(iv, name, QStringLiteral("a label name in \"%1\"").arg(fromUtf8(key)));
                    names.append(name);
                }
            } else if (auto raw = readRawOrReport(fv, key)) {
                label.extraFields.insert(fromUtf8(key), *raw);
            } else {
                ok = false;
            }
        }
        if (!ok) {
            continue;
        }
        if (label.name.isEmpty()) {
            error(labelAt, QStringLiteral("a relation label has no name"));
        } else if (std::any_of(m_relationLabels.begin(), m_relationLabels.end(),
                               [&](const RelationLabel &l) { return l.name == label.name; })) {
            error(labelAt, QStringLiteral("relation label %1 is defined twice").arg(quoted(label.name)));
        } else {
            m_relationLabels.append(label);
            m_relationLabelPositions.push_back(labelAt);
        }
    }
}

void Reader::readRelations(od::value &value, Sidecar &sidecar)
{
    m_relationsAt = offsetOf(value);
    od::array array;
    if (value.get_array().get(array)) {
        error(m_relationsAt, QStringLiteral("\"relations\" must be an array"));
        return;
    }
    qsizetype index = 0;
    for (auto element : array) {
        ++index;
        od::value &v = inPlace(element);
        const qint64 relationAt = offsetOf(v);
        od::object object;
        if (v.get_object().get(object)) {
            error(relationAt, QStringLiteral("a relation must be an object"));
            continue;
        }
        Relation relation;
        bool ok = true;
        bool has[4] = {};
        for (auto member : object) {
            od::field &field = inPlace(member);
            const std::string_view key = keyOf(field);
            od::value &fv = field.value();
            const qint64 fieldAt = offsetOf(fv);
            QString *target = key == "id" ? &relation.id
                : key == "label"          ? &relation.label
                : key == "from"           ? &relation.from
                : key == "to"             ? &relation.to
                                          : nullptr;
            if (target) {
                const int which = key == "id" ? 0 : key == "label" ? 1 : key == "from" ? 2 : 3;
                has[which] = true;
                const QString what = QStringLiteral("relation %1").arg(fromUtf8(key));
                if (!readString(fv, *target, what)) {
                    ok = false;
                } else if (target->isEmpty()) {
                    error(fieldAt, what + QStringLiteral(" must not be empty"));
                    ok = false;
                }
            } else if (key == "source" || key == "status") {
                QString said;
                if (!readString(fv, said, QStringLiteral("relation %1").arg(fromUtf8(key)))) {
                    ok = false;
                } else if (key == "status") {
                    // Accepted (as no status) or pending (a suggestion): a rejected relation is removed.
                    const Annotation::Status status = Annotation::statusFromName(said);
                    if (status != Annotation::Status::Accepted && status != Annotation::Status::Pending) {
                        error(fieldAt,
                              QStringLiteral("relation status \"%1\" is not accepted or pending (a rejected "
                                             "relation is removed, not kept)")
                                  .arg(said));
                        ok = false;
                    }
                    relation.status = status;
                } else {
                    // The span's rule and message for the same field (docs/FORMAT.md §6.8).
                    Annotation scratch;
                    SpanFields::Value fieldValue;
                    fieldValue.type = SpanFields::Value::Type::String;
                    fieldValue.string = said;
                    if (const auto why = SpanFields::set(key, fieldValue, scratch)) {
                        error(fieldAt, QStringLiteral("relation ") + *why);
                        ok = false;
                    }
                    relation.source = said;
                }
            } else if (auto raw = readRawOrReport(fv, key)) {
                relation.extraFields.insert(fromUtf8(key), *raw);
            } else {
                ok = false;
            }
        }
        const QString which = has[0] && !relation.id.isEmpty() ? QStringLiteral("relation %1").arg(quoted(relation.id))
                                                               : QStringLiteral("relation %1").arg(index);
        for (const auto &[present, name] : {std::pair{has[0], "id"}, std::pair{has[1], "label"},
                                            std::pair{has[2], "from"}, std::pair{has[3], "to"}}) {
            if (!present) {
                error(relationAt, which + QStringLiteral(" has no \"%1\"").arg(QLatin1String(name)));
                ok = false;
            }
        }
        if (ok) {
            sidecar.relations.append(relation);
            m_relationPositions.push_back(relationAt);
        }
    }
}

bool Reader::readFragments(od::value &value, QList<Fragment> &fragments)
{
    const qint64 at = offsetOf(value);
    od::array array;
    if (value.get_array().get(array)) {
        error(at, QStringLiteral("fragments must be an array of [start, end] pairs"));
        return false;
    }
    for (auto element : array) {
        od::value pair;
        od::array items;
        if (element.get(pair)) {
            throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
        }
        const qint64 pairAt = offsetOf(pair);
        if (pair.get_array().get(items)) {
            error(pairAt, QStringLiteral("a fragment must be a [start, end] pair"));
            return false;
        }
        std::array<qint64, 2> ends{};
        qsizetype count = 0;
        for (auto item : items) {
            od::value n;
            if (item.get(n)) {
                throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
            }
            if (count < 2 && !readInteger(n, ends[size_t(count)], QStringLiteral("a fragment's offset"))) {
                return false;
            }
            ++count;
        }
        if (count != 2) {
            error(pairAt, QStringLiteral("a fragment must be a [start, end] pair, not %1 numbers").arg(count));
            return false;
        }
        fragments.append(Fragment{CodePoint(ends[0]), CodePoint(ends[1])});
    }
    if (fragments.size() < 2) {
        error(at, QStringLiteral("fragments must have two or more pieces; a contiguous span has no \"fragments\""));
        return false;
    }
    if (const QString problem = Annotation::fragmentsProblem(fragments); !problem.isEmpty()) {
        error(at, problem);
        return false;
    }
    return true;
}

void Reader::checkRelations(Sidecar &sidecar)
{
    if (m_version < 2 && (m_relationLabelsAt >= 0 || m_relationsAt >= 0)) {
        error(m_relationsAt >= 0 ? m_relationsAt : m_relationLabelsAt,
              QStringLiteral("relations and relation labels need version 2 of the format; the file says version %1")
                  .arg(m_version));
        return;
    }
    for (qsizetype i = 0; i < m_relationLabels.size(); ++i) {
        const RelationLabel &label = m_relationLabels.at(i);
        for (const QStringList *names : {&label.from, &label.to}) {
            for (const QString &name : *names) {
                if (!sidecar.labels.contains(name)) {
                    // Harmless (no span of it can be related) and what removing a label leaves.
                    warning(m_relationLabelPositions[size_t(i)],
                            QStringLiteral("relation label %1: %2 label %3 is not in the schema")
                                .arg(quoted(label.name),
                                     names == &label.from ? QStringLiteral("\"from\"") : QStringLiteral("\"to\""),
                                     quoted(name)));
                }
            }
        }
    }
    sidecar.labels.setRelationLabels(m_relationLabels);
    if (sidecar.relations.isEmpty()) {
        return;
    }
    QHash<QString, const Annotation *> spans;
    spans.reserve(sidecar.annotations.size());
    for (const Annotation &span : std::as_const(sidecar.annotations)) {
        spans.insert(span.id, &span);
    }
    QHash<QString, qsizetype> ids;
    QHash<QString, qsizetype> triples; // "from NUL to NUL label": ids hold no NUL in a valid file
    for (qsizetype i = 0; i < sidecar.relations.size(); ++i) {
        const Relation &relation = sidecar.relations.at(i);
        const qint64 at = m_relationPositions[size_t(i)];
        const QString which = QStringLiteral("relation %1").arg(quoted(relation.id));
        if (spans.contains(relation.id)) {
            error(at, which + QStringLiteral(": id is a span's id too"));
        } else if (const auto seen = ids.constFind(relation.id); seen != ids.constEnd()) {
            error(at, QStringLiteral("id %1 is used by more than one relation").arg(quoted(relation.id)));
        } else {
            ids.insert(relation.id, i);
        }
        const Annotation *from = spans.value(relation.from);
        const Annotation *to = spans.value(relation.to);
        for (const auto &[end, name] : {std::pair{from, &relation.from}, std::pair{to, &relation.to}}) {
            if (!end) {
                error(at, which + QStringLiteral(": no span has the id %1").arg(quoted(*name)));
            }
        }
        if (from && from == to) {
            error(at, which + QStringLiteral(": goes from span %1 to itself").arg(quoted(relation.from)));
        }
        const RelationLabel *label = sidecar.labels.findRelationLabel(relation.label);
        if (!label) {
            error(at,
                  which
                      + QStringLiteral(": label %1 is not a relation label of the schema").arg(quoted(relation.label)));
        } else if (from && to && !label->allows(from->label, to->label)) {
            // A warning: a span relabelled after it was related (in review, by hand in the file)
            // keeps its relation, shown and said, rather than making the whole file unreadable.
            warning(at,
                    which
                        + QStringLiteral(": the schema does not allow %1 from a %2 span to a %3 span")
                              .arg(quoted(relation.label), quoted(from->label), quoted(to->label)));
        }
        const QString triple = relation.from + QChar(0) + relation.to + QChar(0) + relation.label;
        if (const auto same = triples.constFind(triple); same != triples.constEnd()) {
            error(at,
                  which
                      + QStringLiteral(" joins the same spans with the same label as relation %1 (one relation per "
                                       "pair of spans and label)")
                            .arg(quoted(sidecar.relations.at(*same).id)));
        } else {
            triples.insert(triple, i);
        }
    }
}

void Reader::readAnnotations(od::value &value, Sidecar &sidecar, std::vector<qint64> &positions)
{
    const qint64 at = offsetOf(value);
    od::array array;
    if (value.get_array().get(array)) {
        error(at, QStringLiteral("\"annotations\" must be an array"));
        return;
    }
    const qsizetype first = sidecar.annotations.size(); // spans of another "annotations" before
    if (m_expectedSpans > 0) {
        sidecar.annotations.reserve(m_expectedSpans);
        positions.reserve(size_t(m_expectedSpans));
        if (m_textIsDeferred || m_textsPooled) {
            m_textBytes.reserve(size_t(m_expectedSpans));
        }
    }
    qsizetype index = 0;
    for (auto element : array) {
        ++index;
        od::value &v = inPlace(element);
        const qint64 spanAt = offsetOf(v);
        constexpr qsizetype ProgressEvery = 8192; // spans: a few milliseconds
        if (m_progress && index % ProgressEvery == 0 && !m_progress(spanAt, qint64(m_size))) {
            m_cancelled = true;
            error(-1, QStringLiteral("reading cancelled"));
            return;
        }
        QStringList problems;
        m_spanProblems = m_salvage ? &problems : nullptr;
        readAnnotation(v, index, spanAt, sidecar, positions);
        m_spanProblems = nullptr;
        if (!problems.isEmpty()) {
            sidecar.annotations.append(unplacedSpan(spanAt, problems));
            positions.push_back(spanAt);
            if (m_textIsDeferred || m_textsPooled) {
                m_textBytes.emplace_back();
            }
        }
    }
    if (m_textsPooled) {
        poolTexts(sidecar, first);
    }
}

// The texts of the spans from `first` on, those of this "annotations" array (a file may hold a
// second one, which is read too), whose bytes m_textBytes holds in order.
void Reader::poolTexts(Sidecar &sidecar, qsizetype first)
{
    // A string per span was a malloc, a free and a pass of Qt's decoder each: a tenth of `diff`.
    // The texts are all decoded first and shared after, since a share taken earlier would make
    // the next append copy the whole string.
    Q_ASSERT(m_textBytes.size() == size_t(sidecar.annotations.size() - first));
    qsizetype bytes = 0;
    for (const std::string_view text : m_textBytes) {
        bytes += qsizetype(text.size());
    }
    QString pool(bytes, Qt::Uninitialized); // a unit per byte at most
    char16_t *const begin = reinterpret_cast<char16_t *>(pool.data());
    char16_t *end = begin;
    std::vector<std::pair<qsizetype, qsizetype>> ranges(m_textBytes.size(), {-1, 0});
    for (size_t i = 0; i < m_textBytes.size(); ++i) {
        const std::string_view text = m_textBytes[i];
        if (!text.empty()) {
            const qsizetype from = end - begin;
            end = decodeValidUtf8(reinterpret_cast<const unsigned char *>(text.data()), qint64(text.size()), end);
            ranges[i] = {from, (end - begin) - from};
        }
    }
    pool.truncate(end - begin);
    if (pool.capacity() - pool.size() > pool.size() / 4) {
        pool.squeeze(); // text outside ASCII takes fewer units than bytes
    }
    for (size_t i = 0; i < ranges.size(); ++i) {
        Annotation &a = sidecar.annotations[first + qsizetype(i)];
        if (ranges[i].first >= 0) {
            a.setTextShare(pool, ranges[i].first, ranges[i].second);
        } else if (m_textBytes[i].data()) {
            a.setText(fromUtf8(m_textBytes[i])); // an empty text, as read
        }
    }
    m_textBytes.clear();
}

void Reader::readAnnotation(od::value &v, qsizetype index, qint64 spanAt, Sidecar &sidecar,
                            std::vector<qint64> &positions)
{
    {
        auto objectResult = v.get_object(); // used in place, as inPlace() uses a member
        if (objectResult.error()) {
            error(spanAt, QStringLiteral("an annotation must be an object"));
            return;
        }
        od::object &object = objectResult.value_unsafe();
        Annotation a;
        QString prefix;
        QString suffix;
        bool hasId = false, hasStart = false, hasEnd = false, hasLabel = false, hasText = false;
        bool ok = true;
        qint64 textCodePoints = -1; // spans-only reads: the length of the text not kept
        std::string_view textBytes; // deferred text
        std::string_view idBytes; // the id, when only hashed
        QJsonObject extra;
        qint64 fragmentsAt = -1;
        QList<Fragment> fragments;
        for (auto member : object) {
            od::field &field = inPlace(member);
            const std::string_view key = keyOf(field);
            od::value &fv = field.value();
            const qint64 fieldAt = offsetOf(fv);
            if (key == "id") {
                hasId = true;
                const bool valid = m_idHashes ? checkString(fv, QStringLiteral("id"), &idBytes)
                                              : readString(fv, a.id, QStringLiteral("id"));
                ok &= valid;
                if (valid && (m_idHashes ? idBytes.empty() : a.id.isEmpty())) {
                    error(fieldAt, QStringLiteral("id must not be empty"));
                    ok = false;
                }
            } else if (key == "start") {
                hasStart = true;
                ok &= readInteger(fv, a.start.value, QStringLiteral("start"));
            } else if (key == "end") {
                hasEnd = true;
                ok &= readInteger(fv, a.end.value, QStringLiteral("end"));
            } else if (key == "fragments") {
                if (m_fragmentsAt < 0) {
                    m_fragmentsAt = fieldAt;
                }
                if (readFragments(fv, fragments)) {
                    fragmentsAt = fieldAt;
                } else {
                    ok = false;
                }
            } else if (key == "label") {
                hasLabel = true;
                std::string_view bytes;
                if (checkString(fv, QStringLiteral("label"), &bytes)) {
                    a.label = internedLabel(bytes);
                } else {
                    ok = false;
                }
            } else if (key == "text") {
                hasText = true;
                if (m_spansOnly) {
                    // Not kept, but still checked to have end - start code points (below).
                    std::string_view text;
                    ok &= checkString(fv, QStringLiteral("text"), &text);
                    textCodePoints = codePointCountUtf8(QByteArrayView(text.data(), qsizetype(text.size())));
                } else {
                    // Decoded later: from the document when it is the same text (m_textIsDeferred),
                    // or with every other text into one string (m_textsPooled).
                    ok &= checkString(fv, QStringLiteral("text"), &textBytes);
                }
            } else if (key == "prefix" || key == "suffix") {
                const QString what = key == "prefix" ? QStringLiteral("prefix") : QStringLiteral("suffix");
                if (m_spansOnly || m_contextIsDerivable || !m_keepContext) {
                    ok &= checkString(fv, what);
                } else {
                    QString context;
                    ok &= readString(fv, context, what);
                    (key == "prefix" ? prefix : suffix) = context;
                }
            } else if (key == "orphan") {
                bool orphan = false;
                if (fv.get_bool().get(orphan)) {
                    error(fieldAt, QStringLiteral("orphan must be true or false"));
                    ok = false;
                } else {
                    a.setOrphan(orphan);
                }
            } else if (SpanFields::isSpanField(key)) {
                SpanFields::Value value;
                od::json_type type;
                if (fv.type().get(type)) {
                    throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
                }
                bool read = true;
                if (type == od::json_type::string) {
                    read = readString(fv, value.string, fromUtf8(key)); // says what is wrong with the string
                    value.type = SpanFields::Value::Type::String;
                } else if (type == od::json_type::number && !fv.get_double().get(value.number)) {
                    value.type = SpanFields::Value::Type::Number;
                }
                if (!read) {
                    ok = false;
                } else if (const auto why = SpanFields::set(key, value, a)) {
                    error(fieldAt, *why);
                    ok = false;
                }
            } else if (key == OriginalField) {
                // Kept as its bytes, written back unchanged (docs/FORMAT.md §8.4).
                std::string_view raw;
                od::object o;
                od::array arr;
                od::json_type type;
                if (fv.type().get(type)) {
                    ok = false;
                } else if (type == od::json_type::object) {
                    ok &= !(fv.get_object().get(o) || o.raw_json().get(raw));
                } else if (type == od::json_type::array) {
                    ok &= !(fv.get_array().get(arr) || arr.raw_json().get(raw));
                } else {
                    raw = fv.raw_json_token();
                }
                extra.insert(fromUtf8(key), QString::fromUtf8(QByteArray(raw.data(), qsizetype(raw.size())).trimmed()));
            } else if (auto raw = readRawOrReport(fv, key)) {
                extra.insert(fromUtf8(key), *raw);
            } else {
                ok = false;
            }
        }
        if (!extra.isEmpty() && !m_spansOnly) {
            a.setExtraFields(extra);
        }
        // With the document the sidecar was written for, the context is the document's own text
        // around the span: not worth a million strings in memory (docs/FORMAT.md §6).
        if (!m_contextIsDerivable && !m_spansOnly && m_keepContext) {
            a.setContext(prefix, suffix);
        }
        const auto which = [&] {
            return hasId ? QStringLiteral("annotation %1").arg(quoted(a.id))
                         : QStringLiteral("annotation %1").arg(index);
        };
        for (const auto &[present, name] :
             {std::pair{hasId, "id"}, std::pair{hasStart, "start"}, std::pair{hasEnd, "end"},
              std::pair{hasLabel, "label"}, std::pair{hasText, "text"}}) {
            if (!present) {
                error(spanAt, which() + QStringLiteral(" has no \"%1\"").arg(QLatin1String(name)));
                ok = false;
            }
        }
        if (!ok) {
            return;
        }
        // A span salvage could not place keeps its original offsets, whatever they are (§8.4).
        const bool unplaced = a.isOrphan() && extra.contains(QLatin1String(OriginalField));
        if (!unplaced && hasStart && hasEnd && a.start >= a.end) {
            error(spanAt,
                  which() + QStringLiteral(": start %1 is not before end %2").arg(a.start.value).arg(a.end.value));
            ok = false;
        } else if (!unplaced && hasStart && a.start < CodePoint(0)) {
            error(spanAt, which() + QStringLiteral(": start %1 is negative").arg(a.start.value));
            ok = false;
        }
        if (ok && fragmentsAt >= 0) {
            if (a.start == fragments.constFirst().start && a.end == fragments.constLast().end) {
                a.setFragments(fragments);
            } else {
                error(fragmentsAt,
                      which()
                          + QStringLiteral(": fragments run from %1 to %2, but the span from %3 to %4")
                                .arg(fragments.constFirst().start.value)
                                .arg(fragments.constLast().end.value)
                                .arg(a.start.value)
                                .arg(a.end.value));
                ok = false;
            }
        }
        // Only once the offsets are known sane: end - start overflows for a hostile start.
        const auto expectedLength = [&a]() -> qint64 {
            return a.isDiscontinuous() ? Annotation::fragmentsTextLength(a.fragments()) : (a.end - a.start);
        };
        if (ok && textCodePoints >= 0 && !a.isOrphan() && textCodePoints != expectedLength()) {
            error(spanAt,
                  which()
                      + QStringLiteral(": text has %1 code points but the span %2-%3 has %4")
                            .arg(textCodePoints)
                            .arg(a.start.value)
                            .arg(a.end.value)
                            .arg(expectedLength()));
            ok = false;
        }
        if (ok) {
            sidecar.annotations.append(std::move(a));
            positions.push_back(spanAt);
            if (m_idHashes) {
                m_idHashes->push_back(size_t(bytesHash(idBytes.data(), idBytes.size())));
            }
            if (m_textIsDeferred || m_textsPooled) {
                m_textBytes.push_back(textBytes);
            }
        }
    }
}

void Reader::checkAgainstDocument(Sidecar &sidecar, const std::vector<qint64> &positions, qint64 documentAt)
{
    // A deferred text becomes the span's own string, or a share of the document's when it fits.
    const auto textBytes = [&](qsizetype i) {
        const std::string_view bytes = m_textIsDeferred ? m_textBytes[size_t(i)] : std::string_view();
        return QByteArrayView(bytes.data(), qsizetype(bytes.size()));
    };
    const auto keepTextAsRead = [&](qsizetype i) {
        if (m_textIsDeferred && m_textBytes[size_t(i)].data()) {
            sidecar.annotations[i].setText(textFromUtf8(textBytes(i)));
        }
    };
    // Duplicate ids: sort (hash, index) pairs and compare strings only where hashes collide. A
    // million-entry QSet<QString> costs several times more, in cache misses.
    const qsizetype count = sidecar.annotations.size();
    std::vector<std::pair<size_t, qsizetype>> hashed;
    hashed.reserve(m_repeatsCheckedAcrossBatches ? 0 : size_t(count));
    for (qsizetype i = 0; i < count && !m_repeatsCheckedAcrossBatches; ++i) {
        hashed.emplace_back(size_t(idHash(sidecar.annotations.at(i).id)), i);
    }
    std::sort(hashed.begin(), hashed.end());
    std::vector<bool> repeated(size_t(count), false); // true for every use of an id after its first
    for (size_t run = 0; run < hashed.size();) {
        size_t next = run + 1;
        while (next < hashed.size() && hashed[next].first == hashed[run].first) {
            ++next;
        }
        for (size_t i = run + 1; i < next; ++i) { // within a run, indices ascend
            for (size_t j = run; j < i; ++j) {
                if (sidecar.annotations.at(hashed[i].second).id == sidecar.annotations.at(hashed[j].second).id) {
                    repeated[size_t(hashed[i].second)] = true;
                    break;
                }
            }
        }
        run = next;
    }
    // Salvage: the problems of each span, by index; such a span becomes an orphan below.
    QHash<qsizetype, QStringList> bad;
    QSet<qsizetype> duplicateOnly;
    QStringList current;
    const auto beginSpan = [&] {
        current.clear();
        m_spanProblems = m_salvage ? &current : nullptr;
    };
    const auto endSpan = [&](qsizetype i) {
        m_spanProblems = nullptr;
        if (!current.isEmpty()) {
            bad[i].append(current);
        }
    };
    QString checkedLabel;
    for (qsizetype i = 0; i < count; ++i) {
        const Annotation &a = sidecar.annotations.at(i);
        const qint64 at = positions[size_t(i)];
        const auto which = [&] { return QStringLiteral("annotation %1").arg(quoted(a.id)); };
        beginSpan();
        if (repeated[size_t(i)]) {
            error(at, QStringLiteral("id %1 is used by more than one annotation").arg(quoted(a.id)));
        }
        // Labels are interned while reading: the same string data was checked already. A span
        // salvage could not place keeps whatever label it had (§8.4).
        if ((a.label.constData() != checkedLabel.constData() || a.label.isEmpty()) && !isUnplaced(a)) {
            if (!sidecar.labels.contains(a.label)) {
                error(at, which() + QStringLiteral(": label %1 is not in the schema").arg(quoted(a.label)));
            } else {
                checkedLabel = a.label;
            }
        }
        endSpan(i);
    }
    // One span per (start, end, label) (docs/FORMAT.md §8.5): sort the placed spans' indices.
    if (!m_repeatsCheckedAcrossBatches) {
        std::vector<qsizetype> order;
        order.reserve(size_t(count));
        for (qsizetype i = 0; i < count; ++i) {
            // The versions of a merge conflict may share a range and label until one is chosen.
            if (const Annotation &a = sidecar.annotations.at(i);
                !a.isOrphan() && a.status() != Annotation::Status::Conflict) {
                order.push_back(i);
            }
        }
        const auto &spans = sidecar.annotations;
        std::sort(order.begin(), order.end(), [&spans](qsizetype x, qsizetype y) {
            const Annotation &a = spans.at(x);
            const Annotation &b = spans.at(y);
            if (a.start != b.start) {
                return a.start < b.start;
            }
            if (a.end != b.end) {
                return a.end < b.end;
            }
            if (const int c = a.label.compare(b.label); c != 0) {
                return c < 0;
            }
            return x < y;
        });
        for (size_t k = 1, first = 0; k < order.size(); ++k) {
            const Annotation &a = spans.at(order[k]);
            const Annotation &f = spans.at(order[first]);
            if (a.start != f.start || a.end != f.end || a.label != f.label) {
                first = k;
                continue;
            }
            beginSpan();
            error(positions[size_t(order[k])],
                  QStringLiteral("annotation %1 has the same range %2-%3 and label %4 as annotation %5 (one span per "
                                 "range and label)")
                      .arg(quoted(a.id))
                      .arg(a.start.value)
                      .arg(a.end.value)
                      .arg(quoted(a.label), quoted(f.id)));
            if (!bad.contains(order[k])) {
                duplicateOnly.insert(order[k]);
            }
            endSpan(order[k]);
        }
    }

    const qint64 length = m_document ? m_document->length() : sidecar.documentLength;
    bool documentChanged = false;
    if (m_document) {
        const bool sameHash = m_document->sha256() == sidecar.documentSha256;
        const bool sameName = m_document->fileName() == sidecar.documentName;
        if (!sameHash && !sameName) {
            error(documentAt,
                  QStringLiteral("written for document %1, not %2 (names and SHA-256 differ)")
                      .arg(quoted(sidecar.documentName), quoted(m_document->fileName())));
            m_refused = true;
            for (qsizetype i = 0; i < sidecar.annotations.size(); ++i) {
                keepTextAsRead(i);
            }
            return;
        }
        if (!sameHash) {
            documentChanged = true;
            warning(documentAt,
                    QStringLiteral("document %1 has changed since the annotations were saved "
                                   "(SHA-256 differs): spans may need re-anchoring")
                        .arg(quoted(m_document->fileName())));
        } else if (sidecar.documentLength != m_document->length()) {
            error(documentAt,
                  QStringLiteral("document length %1 does not match the document (%2 code points)")
                      .arg(sidecar.documentLength)
                      .arg(m_document->length()));
        }
    }
    // After a document change, spans that no longer fit are kept and flagged, never dropped.
    const auto misfit = [&](qint64 at, const QString &message) {
        documentChanged ? warning(at, message) : error(at, message);
    };
    // Spans come in file order: their UTF-16 bounds are stepped to from the last span's.
    std::optional<Document::Utf16Cursor> starts;
    std::optional<Document::Utf16Cursor> ends;
    if (m_document) {
        starts.emplace(*m_document);
        ends.emplace(*m_document);
    }
    for (qsizetype i = 0; i < sidecar.annotations.size(); ++i) {
        const Annotation &a = sidecar.annotations.at(i);
        const qint64 at = positions[size_t(i)];
        const auto which = [&] { return QStringLiteral("annotation %1").arg(quoted(a.id)); };
        if (a.isOrphan()) {
            keepTextAsRead(i);
            continue; // kept with its last offsets and text, placed by hand (docs/FORMAT.md §6)
        }
        beginSpan();
        if (a.end > CodePoint(length)) {
            keepTextAsRead(i);
            misfit(at,
                   which()
                       + QStringLiteral(": end %1 is past the document (%2 code points)").arg(a.end.value).arg(length));
        } else if (m_spansOnly) {
            // the text was not kept; its length was checked while reading
        } else if (a.isDiscontinuous() && m_document) {
            // Not one range of the document: compared with its fragments' texts joined.
            const QString actual = Annotation::fragmentsText(*m_document, a.fragments());
            if (m_textIsDeferred) {
                keepTextAsRead(i);
            }
            if (sidecar.annotations.at(i).textView() != actual) {
                misfit(at,
                       which()
                           + QStringLiteral(": text %1 differs from the document's fragments %2, which have %3")
                                 .arg(quoted(sidecar.annotations.at(i).text()), fragmentList(a.fragments()),
                                      quoted(actual)));
            }
        } else if (m_textIsDeferred) { // with the document
            const Utf16Index from = starts->toUtf16(a.start);
            const Utf16Index to = ends->toUtf16(a.end);
            const QStringView actual = QStringView(m_document->text()).sliced(from.value, to - from);
            if (equalsUtf8(actual, textBytes(i))) {
                sidecar.annotations[i].setTextFromDocument(*m_document, from, to);
            } else {
                keepTextAsRead(i);
                misfit(at,
                       which()
                           + QStringLiteral(": text %1 differs from the document at %2-%3, which has %4")
                                 .arg(quoted(sidecar.annotations.at(i).text()))
                                 .arg(a.start.value)
                                 .arg(a.end.value)
                                 .arg(quoted(actual)));
            }
        } else if (const qint64 codePoints = codePointCount(a.textView()); codePoints
                   != (a.isDiscontinuous() ? Annotation::fragmentsTextLength(a.fragments()) : a.end - a.start)) {
            // Without the document, the text can still be checked to have end - start code points.
            error(
                at,
                which()
                    + QStringLiteral(": text has %1 code points but the span %2-%3 has %4")
                          .arg(codePoints)
                          .arg(a.start.value)
                          .arg(a.end.value)
                          .arg(a.isDiscontinuous() ? Annotation::fragmentsTextLength(a.fragments()) : a.end - a.start));
        }
        if (!current.isEmpty()) {
            duplicateOnly.remove(i);
        }
        endSpan(i);
    }
    if (bad.isEmpty()) {
        return;
    }
    // Salvage: each bad span is kept as an orphan with its bytes and reasons (docs/FORMAT.md §8.4).
    QList<Annotation> kept;
    kept.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        const qint64 at = positions[size_t(i)];
        if (!bad.contains(i)) {
            kept.append(sidecar.annotations.at(i));
        } else if (m_dropDuplicates && duplicateOnly.contains(i)) {
            ++m_duplicatesDropped;
            continue;
        } else {
            kept.append(unplacedSpan(at, bad.value(i)));
        }
    }
    sidecar.annotations = kept;
    makeIdsUnique(sidecar);
}

QByteArray Reader::rawValueAt(qint64 at) const
{
    return rawJsonValueAt(m_data, qint64(m_size), at);
}

Annotation Reader::unplacedSpan(qint64 at, const QStringList &problems) const
{
    Annotation span = unplacedFromBytes(rawValueAt(at), problems.join(QStringLiteral("; ")));
    return span;
}

void Reader::makeIdsUnique(Sidecar &sidecar) const
{
    giveUniqueIds(sidecar.annotations);
}

std::optional<Sidecar> Reader::read(od::document &doc)
{
    Sidecar sidecar;
    sidecar.annotations = std::move(m_spanStorage);
    sidecar.annotations.clear();
    std::vector<qint64> positions;
    od::object root;
    if (const auto code = doc.get_object().get(root)) {
        throw simdjson::simdjson_error(code); // told apart from malformed JSON in syntaxError()
    }
    bool hasFormat = false, hasVersion = false, hasDocument = false, hasLabels = false, hasAnnotations = false;
    qint64 documentAt = 0;
    for (auto member : root) {
        od::field &field = inPlace(member);
        const std::string_view key = keyOf(field);
        od::value &v = field.value();
        const qint64 at = offsetOf(v);
        if (key == "format") {
            QString format;
            hasFormat = readString(v, format, QStringLiteral("format"));
            if (hasFormat && format != u"scholiast") {
                error(at, QStringLiteral("format is %1, not \"scholiast\"").arg(quoted(format)));
            }
        } else if (key == "version") {
            qint64 version = 0;
            hasVersion = readInteger(v, version, QStringLiteral("version"));
            m_version = version;
            if (hasVersion && version > FormatVersion) {
                error(at,
                      QStringLiteral("version %1 is newer than this Scholiast reads (%2)")
                          .arg(version)
                          .arg(FormatVersion));
                m_refused = true;
            } else if (hasVersion && version < 1) {
                error(at, QStringLiteral("version %1 is not a Scholiast format version").arg(version));
            }
        } else if (key == "document") {
            hasDocument = true;
            documentAt = at;
            readDocument(v, sidecar);
            setContextIsDerivable(m_document && m_document->sha256() == sidecar.documentSha256);
        } else if (key == "labels") {
            hasLabels = true;
            readLabels(v, sidecar);
        } else if (key == "annotations") {
            hasAnnotations = true;
            readAnnotations(v, sidecar, positions);
        } else if (key == "relation_labels") {
            readRelationLabels(v);
        } else if (key == "relations") {
            readRelations(v, sidecar);
        } else if (auto raw = readRawOrReport(v, key)) {
            sidecar.extraFields.insert(fromUtf8(key), *raw);
        } else {
            m_refused = true; // no span to keep it in as an orphan: salvage would drop it
        }
    }
    if (const char *rest = nullptr; !doc.current_location().get(rest)) {
        error(rest - m_data, QStringLiteral("malformed JSON: content after the end of the top-level object"));
    }
    for (const auto &[present, name] : {std::pair{hasFormat, "format"}, std::pair{hasVersion, "version"},
                                        std::pair{hasDocument, "document"}, std::pair{hasAnnotations, "annotations"}}) {
        if (!present) {
            error(0, QStringLiteral("the file has no \"%1\"").arg(QLatin1String(name)));
        }
    }
    if (!hasLabels) {
        sidecar.labels = LabelSchema::defaultSchema(); // docs/FORMAT.md: "labels" may be left out
    }
    if (m_version < 2 && m_fragmentsAt >= 0) {
        error(m_fragmentsAt,
              QStringLiteral("fragments need version 2 of the format; the file says version %1").arg(m_version));
    }
    if (m_errorCount == 0) {
        checkAgainstDocument(sidecar, positions, documentAt);
    }
    if (m_errorCount == 0) {
        checkRelations(sidecar);
    }
    if (m_errorCount > 0) {
        return std::nullopt;
    }
    if (m_contextIsDerivable) {
        sidecar.document = *m_document; // the writer takes the context from it again
    }
    return sidecar;
}

void Reader::syntaxError(simdjson::error_code code, const char *where)
{
    // Problems reported before the parser found the syntax error are its echoes: drop them.
    m_diagnostics.clear();
    m_errorCount = 0;
    // simdjson stops at the first problem without saying exactly where; Qt's parser, run only
    // now, gives the offset of the mistake.
    QJsonParseError parseError;
    const QJsonDocument parsed =
        QJsonDocument::fromJson(QByteArray::fromRawData(m_data, qsizetype(m_size)), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error(parseError.offset, QStringLiteral("malformed JSON: ") + parseError.errorString());
        return;
    }
    if (!parsed.isObject()) {
        error(0, QStringLiteral("the top level is not a JSON object"));
        return;
    }
    qint64 at = where ? where - m_data : -1;
    if (at < 0 || size_t(at) > m_size) {
        at = -1;
    }
    if (code == simdjson::UNESCAPED_CHARS) {
        // Qt's parser takes a raw control character in a string, and simdjson does not say where:
        // find the first one.
        bool inString = false;
        bool escaped = false;
        for (size_t i = 0; i < m_size; ++i) {
            const uchar c = uchar(m_data[i]);
            if (!inString) {
                inString = c == '"';
            } else if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            } else if (c < 0x20) {
                error(qint64(i),
                      QStringLiteral("malformed JSON: the control character U+%1 must be escaped in a string")
                          .arg(QString::number(c, 16).toUpper().rightJustified(4, u'0')));
                return;
            }
        }
    }
    error(at, QStringLiteral("malformed JSON: ") + QString::fromLatin1(simdjson::error_message(code)));
}
} // namespace

namespace {
constexpr size_t LargeInputBytes = 16 * 1024 * 1024;
} // namespace

std::optional<Sidecar> parseImpl(const QByteArray &json, const QString &path, Diagnostics &diagnostics,
                                 const Document *document, ReadOptions options, SalvageState *salvage,
                                 qsizetype batchSpans, QList<Annotation> *spanStorage, std::vector<size_t> *idHashes)
{
    const bool isBatch = batchSpans >= 0;
    // simdjson reads up to SIMDJSON_PADDING bytes past the end.
    QByteArray padded;
    const char *data = json.constData();
    if (json.capacity() - json.size() < qsizetype(simdjson::SIMDJSON_PADDING)) {
        padded.reserve(json.size() + qsizetype(simdjson::SIMDJSON_PADDING));
        padded.append(json);
        data = padded.constData();
    }
    const size_t size = size_t(json.size());
    const bool bom = json.startsWith("\xEF\xBB\xBF");
    if (bom) {
        diagnostics.append(Diagnostic::error(path,
                                             QStringLiteral("starts with a byte order mark; sidecars are "
                                                            "UTF-8 without one")));
        return std::nullopt;
    }

    // A raw NUL is no JSON; said with its line and column (issue 14).
    if (const void *nul = isBatch ? nullptr : std::memchr(json.constData(), 0, size)) {
        const qint64 at = static_cast<const char *>(nul) - json.constData();
        diagnostics.append(diagnosticAtByte(Diagnostic::Severity::Error, path, json.constData(), json.size(), at,
                                            QStringLiteral("malformed JSON: a NUL byte, which JSON text cannot hold")));
        return std::nullopt;
    }
    Diagnostics found;
    Reader reader(data, size, path, found, document);
    reader.setSpansOnly(options.spansOnly);
    reader.setKeepContext(options.keepContext);
    reader.setTextIsDeferred(document && !options.spansOnly);
    reader.setTextsPooled(!document && !options.spansOnly);
    reader.setProgress(options.progress);
    reader.setRepeatsCheckedAcrossBatches(isBatch);
    reader.setExpectedSpans(batchSpans);
    if (spanStorage) {
        reader.setSpanStorage(std::move(*spanStorage));
    }
    Q_ASSERT(!idHashes || (isBatch && !salvage)); // a batch's ids are all checked across batches
    reader.setIdHashes(idHashes);
    if (salvage) {
        reader.setSalvage(true, salvage->options.dropDuplicates);
    }
    std::optional<Sidecar> result;
    // The parser's buffers grow to the largest input and stay: reused for small files (a corpus
    // reads thousands), dropped after a large one, whose buffers would otherwise hold hundreds of
    // megabytes for as long as the thread lives (issue 17).
    static thread_local od::parser reusedParser;
    std::optional<od::parser> ownParser;
    if (size > LargeInputBytes) {
        ownParser.emplace();
    }
    od::parser &parser = ownParser ? *ownParser : reusedParser;
    od::document doc;
    const auto code =
        parser.iterate(simdjson::padded_string_view(data, size, size + simdjson::SIMDJSON_PADDING)).get(doc);
    if (code) {
        reader.syntaxError(code, nullptr);
    } else {
        try {
            result = reader.read(doc);
        } catch (const simdjson::simdjson_error &e) {
            const char *where = nullptr;
            if (doc.current_location().get(where)) {
                where = nullptr;
            }
            reader.syntaxError(e.error(), where);
            result.reset();
        }
    }
    diagnostics.append(found);
    if (salvage) {
        salvage->refused = reader.refused();
        salvage->duplicatesDropped = reader.duplicatesDropped();
    }
    if (hasErrors(found)) {
        return std::nullopt;
    }
    return result;
}
std::optional<Sidecar> parse(const QByteArray &json, const QString &path, Diagnostics &diagnostics,
                             const Document *document, ReadOptions options)
{
    return parseImpl(json, path, diagnostics, document, options, nullptr);
}
std::optional<Sidecar> read(const QString &path, Diagnostics &diagnostics, const Document *document,
                            ReadOptions options)
{
    // A large file as Scholiast writes it is read a batch of spans at a time on two threads;
    // anything that batched read does not confirm is read whole, which says what is wrong.
    if (QFileInfo(path).size() >= BatchedReadMinBytes) {
        BatchedRead batched = readInBatches(path, document, options);
        if (batched.sidecar) {
            return std::move(batched.sidecar);
        }
        if (batched.cancelled) {
            diagnostics.append(Diagnostic::error(path, QStringLiteral("reading cancelled")));
            return std::nullopt;
        }
    }
    // Regular files only, under the sidecar cap (issue 14).
    const auto bytes =
        FilePolicy::readInput(path, FilePolicy::Input::Sidecar, diagnostics, qsizetype(simdjson::SIMDJSON_PADDING));
    if (!bytes) {
        return std::nullopt;
    }
    return parse(*bytes, path, diagnostics, document, options);
}

std::optional<DocumentHeader> readDocumentHeader(const QString &path)
{
    Diagnostics ignored; // read() names the problem when the caller needs it
    const auto bytes =
        FilePolicy::readInput(path, FilePolicy::Input::Sidecar, ignored, qsizetype(simdjson::SIMDJSON_PADDING));
    if (!bytes || bytes->startsWith("\xEF\xBB\xBF")) {
        return std::nullopt;
    }
    od::parser parser;
    od::document doc;
    if (parser.iterate(bytes->constData(), size_t(bytes->size()), size_t(bytes->capacity())).get(doc)) {
        return std::nullopt;
    }
    od::object top;
    if (doc.get_object().get(top)) {
        return std::nullopt;
    }
    const auto text = [](od::value value, QString &into) {
        std::string_view view;
        if (value.get_string().get(view)) {
            return false;
        }
        into = fromUtf8(view); // a leading U+FEFF is a character here, as in the full reader
        return true;
    };
    DocumentHeader header;
    bool hasLabels = false;
    for (auto field : top) {
        std::string_view key;
        od::value value;
        if (field.unescaped_key().get(key) || field.value().get(value)) {
            return std::nullopt;
        }
        if (key == "labels") {
            od::array labels;
            if (value.get_array().get(labels)) {
                return std::nullopt;
            }
            hasLabels = true;
            for (auto entry : labels) {
                od::object label;
                if (entry.get_object().get(label)) {
                    return std::nullopt;
                }
                QString labelName;
                for (auto member : label) {
                    std::string_view name; // unescaped: "\u006eame" is "name", as the full reader reads it
                    od::value v;
                    if (member.unescaped_key().get(name) || member.value().get(v)) {
                        return std::nullopt;
                    }
                    if (name == "name" && !text(v, labelName)) {
                        return std::nullopt;
                    }
                }
                if (labelName.isEmpty()) {
                    return std::nullopt;
                }
                header.labels.append(labelName);
            }
            continue;
        }
        if (key == "version") {
            int64_t version = 1;
            if (!value.get_int64().get(version)) {
                header.version = int(std::clamp<int64_t>(version, 0, 1000));
            }
            continue;
        }
        if (key != "document") {
            continue; // skipped, not built
        }
        od::object object;
        if (value.get_object().get(object)) {
            return std::nullopt;
        }
        for (auto member : object) {
            std::string_view name;
            od::value v;
            if (member.unescaped_key().get(name) || member.value().get(v)) {
                return std::nullopt;
            }
            if (name == "name" && !text(v, header.name)) {
                return std::nullopt;
            }
            if (name == "sha256" && !text(v, header.sha256)) {
                return std::nullopt;
            }
            int64_t length = 0;
            if (name == "length" && !v.get_int64().get(length)) {
                header.length = length;
            }
        }
    }
    if (header.name.isEmpty()) {
        return std::nullopt;
    }
    if (!hasLabels) {
        const LabelSchema defaults = LabelSchema::defaultSchema();
        for (const Label &label : defaults.labels()) {
            header.labels.append(label.name);
        }
    }
    return header;
}
} // namespace Scholiast::ScholiastJson
