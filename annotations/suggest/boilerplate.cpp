// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "boilerplate.h"

#include <QRegularExpression>
#include <QSet>

namespace Scholiast::Suggest {

namespace {

struct Rule
{
    const char16_t *name;
    const char16_t *reason;
    double score;
    const char16_t *pattern; // the whole line, without surrounding blanks
};

// In order: the first rule that matches a line names it. Every pattern is bounded in length, so
// that a paragraph of text is never taken for furniture.
const Rule Rules[] = {
    {u"copyright", u"copyright line", 0.95,
     uR"((?i:(?:©|\(c\)|copyright\b)[^\r\n]{0,200}|[^\r\n]{0,150}all rights reserved\.?))"},
    {u"prompt", u"share, print, login, comment or navigation prompt", 0.9,
     uR"((?i:share(?:[ \t]+(?:this|on|via)[^\r\n]{0,30})?|print(?:[ \t]+this[^\r\n]{0,20})?|e-?mail(?:[ \t]+this[^\r\n]{0,20})?)"
     uR"(|tweet|sign[ \t]+(?:in|up|out)(?:[ \t]+to[ \t]+comment)?|log[ \t]?(?:in|out)(?:[ \t]+to[ \t]+comment)?|register)"
     uR"(|subscribe(?:[ \t]+now)?|comments?(?:[ \t]*\(\d+\))?|\d+[ \t]+comments?|leave[ \t]+a[ \t]+comment|(?:show|view|hide)[ \t]+comments)"
     uR"(|read[ \t]+more(?:[ \t]*:[^\r\n]{0,150})?|related(?:[ \t]+(?:articles?|stories|content|coverage|news))?|advertisement|sponsored(?:[ \t]+content)?)"
     uR"(|click[ \t]+here[^\r\n]{0,80}|follow[ \t]+us[^\r\n]{0,80}|skip[ \t]+to[ \t]+(?:main[ \t]+)?content|back[ \t]+to[ \t]+top)"
     uR"(|most[ \t]+(?:read|popular|viewed|shared)|top[ \t]+stories)[.:!]?)"},
    {u"newsletter", u"newsletter or subscription line", 0.8,
     uR"((?i:(?:sign[ \t]+up|subscribe|get[ \t]+our|join[ \t]+our)[^\r\n]{0,140}|[^\r\n]{0,80}\bnewsletters?\b[^\r\n]{0,80}))"},
    {u"credits", u"credit line (Reporting by / Editing by)", 0.85,
     uR"((?i:(?:additional[ \t]+)?(?:reporting|writing|editing|edited|compiled|written|words|text|graphics)[ \t]+by)[ \t]+[^\r\n]{1,150})"},
    {u"byline", u"byline (By + name)", 0.8,
     uR"((?:By|BY|Von|VON|Par|PAR|Por|POR|Door|Di|Av|Af)[ \t]+\p{Lu}[^\r\n]{1,100}(?<![.!?]))"},
    {u"dateline", u"dateline (PLACE, date)", 0.75,
     uR"(\p{Lu}[\p{Lu} .'’-]{1,40},[ \t]+[^\r\n]{0,60}?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
     uR"(|January|February|March|April|May|June|July|August|September|October|November|December|\d{4})[^\r\n]{0,80})"},
    {u"updated", u"time stamp (Updated / Published)", 0.75,
     uR"((?i:(?:last[ \t]+)?updated|published|posted|first[ \t]+published)[ \t:]+[^\r\n]{0,60}\d[^\r\n]{0,40})"},
    {u"photo-credit", u"photo credit", 0.9,
     uR"((?i:photo(?:graph)?s?|pictures?|images?|fotos?|illustrations?|video|credits?)[ \t]*(?:credit)?[ \t]*[:/©|][^\r\n]{0,100})"
     uR"(|\[[\p{Lu}\d][\p{Lu}\d .&-]*(?:/[\p{Lu}\d][\p{Lu}\d .&-]*)*\])"},
    {u"breadcrumb", u"breadcrumb trail (short items separated by > » › / |)", 0.85,
     uR"([\p{L}\p{N}][\p{L}\p{N}&'’ -]{0,39}(?:[ \t]+[>»›/|→][ \t]+[\p{L}\p{N}][\p{L}\p{N}&'’ -]{0,39}){1,6})"},
};
constexpr int RuleCount = int(sizeof(Rules) / sizeof(Rules[0]));
// Longer lines are prose, never furniture (every rule is bounded well below this).
constexpr qsizetype MaxLineLength = 300;

const QRegularExpression &lineRules()
{
    static const QRegularExpression re = [] {
        QString alternatives;
        for (int i = 0; i < RuleCount; ++i) {
            if (i > 0) {
                alternatives += u'|';
            }
            alternatives += QStringLiteral("(?<r%1>").arg(i) + QString::fromUtf16(Rules[i].pattern) + u')';
        }
        // A whole line, matched anchored at its start: up to a line break or the end.
        QRegularExpression built(QStringLiteral("[ \\t\\x{00A0}]*(?<line>") + alternatives
                                 + QStringLiteral(")[ \\t\\x{00A0}]*(?=\\r|\\n|\\z)"));
        built.optimize();
        Q_ASSERT(built.isValid());
        return built;
    }();
    return re;
}

const QStringList &reasons()
{
    static const QStringList list = [] {
        QStringList r;
        for (const Rule &rule : Rules) {
            r.append(QStringLiteral("boilerplate rule %1: %2")
                         .arg(QString::fromUtf16(rule.name), QString::fromUtf16(rule.reason)));
        }
        return r;
    }();
    return list;
}

// The first words of the lines a rule can match: a line that starts otherwise, and has none of
// the marks below, is prose and costs no regular expression (50 MB in well under a second).
bool mayBeFurniture(QStringView line)
{
    static const QList<QStringView> firstWords{
        u"share",       u"print",         u"email",         u"e",         u"tweet",     u"sign",
        u"log",         u"login",         u"logout",        u"register",  u"subscribe", u"comment",
        u"comments",    u"leave",         u"show",          u"view",      u"hide",      u"read",
        u"related",     u"advertisement", u"sponsored",     u"click",     u"follow",    u"skip",
        u"back",        u"most",          u"top",           u"copyright", u"by",        u"von",
        u"par",         u"por",           u"door",          u"di",        u"av",        u"af",
        u"reporting",   u"additional",    u"writing",       u"editing",   u"edited",    u"compiled",
        u"written",     u"words",         u"text",          u"graphics",  u"last",      u"updated",
        u"published",   u"posted",        u"first",         u"photo",     u"photos",    u"photograph",
        u"photographs", u"picture",       u"pictures",      u"image",     u"images",    u"foto",
        u"fotos",       u"illustration",  u"illustrations", u"video",     u"credit",    u"credits",
        u"get",         u"join"};
    const QChar first = line.front();
    if (first == u'\u00A9' || first == u'(' || first == u'[' || first.isDigit()) {
        return true;
    }
    qsizetype n = 0;
    while (n < line.size() && n < 16 && line.at(n).isLetter()) {
        ++n;
    }
    if (n > 0) {
        const QStringView word = line.left(n);
        for (QStringView w : firstWords) {
            if (w.size() == n && word.compare(w, Qt::CaseInsensitive) == 0) {
                return true;
            }
        }
    }
    // a dateline: a word in capitals, then a comma
    if (first.isUpper() && n > 1 && line.at(1).isUpper()) {
        return true;
    }
    // One pass: a breadcrumb separator between spaces, or "reserved" / "newsletter" anywhere.
    const qsizetype size = line.size();
    for (qsizetype i = 1; i + 1 < size; ++i) {
        const char16_t c = line.at(i).unicode();
        switch (c) {
        case u'>':
        case u'\u00BB':
        case u'\u203A':
        case u'/':
        case u'|':
        case u'\u2192':
            if (line.at(i - 1) == u' ' && line.at(i + 1) == u' ') {
                return true;
            }
            break;
        case u'r':
        case u'R':
            if (line.mid(i).startsWith(u"reserved", Qt::CaseInsensitive)) {
                return true;
            }
            break;
        case u'n':
        case u'N':
            if (line.mid(i).startsWith(u"newsletter", Qt::CaseInsensitive)) {
                return true;
            }
            break;
        default:
            break;
        }
    }
    return false;
}

// An agency credit in brackets at the end of a line of other text: "… [REUTERS/YONHAP]".
const QRegularExpression &agencyCredit()
{
    static const QRegularExpression re = [] {
        QRegularExpression built(QStringLiteral(
            "\\[\\p{Lu}[\\p{Lu}\\d .&-]*(?:/\\p{Lu}[\\p{Lu}\\d .&-]*)+\\](?=[ \\t\\x{00A0}]*(?:\\r|\\n|$))"));
        built.optimize();
        return built;
    }();
    return re;
}

// Calls f(start, end) for each line, line breaks LF, CRLF or CR.
template <typename F> void forEachLine(QStringView text, F &&f)
{
    qsizetype start = 0;
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = text.at(i);
        if (c == u'\n' || c == u'\r') {
            f(start, i);
            if (c == u'\r' && i + 1 < size && text.at(i + 1) == u'\n') {
                ++i;
            }
            start = i + 1;
        }
    }
    if (start < size) {
        f(start, size);
    }
}

QString normalizedLine(QStringView line)
{
    return line.toString().simplified();
}

} // namespace

Result suggestBoilerplate(const Document &document, const BoilerplateOptions &options)
{
    Result result;
    const QString &text = document.text();
    const QString source = QStringLiteral("rule:boilerplate");
    QSet<qsizetype> tagged; // line starts already tagged by a line rule

    forEachLine(text, [&](qsizetype start, qsizetype end) {
        trimWhiteSpace(text, start, end);
        if (start >= end || end - start > MaxLineLength || !mayBeFurniture(QStringView(text).mid(start, end - start))) {
            return;
        }
        // The text is valid UTF-16 (it was decoded by Document): checking the whole subject again
        // on every line would make the scan quadratic.
        const QRegularExpressionMatch match = lineRules().match(
            text, start, QRegularExpression::NormalMatch,
            QRegularExpression::AnchorAtOffsetMatchOption | QRegularExpression::DontCheckSubjectStringMatchOption);
        if (!match.hasMatch() || match.capturedLength(1) == 0) {
            return;
        }
        // Group 1 is the line, group 2 + i rule i (the rules' own groups do not capture).
        int rule = 0;
        while (rule < RuleCount && match.capturedStart(rule + 2) < 0) {
            ++rule;
        }
        if (rule >= RuleCount) {
            return;
        }
        result.spans.append(makeSuggestion(document, Utf16Index(match.capturedStart(1)),
                                           Utf16Index(match.capturedEnd(1)), options.label, source, Rules[rule].score,
                                           reasons().at(rule)));
        tagged.insert(match.capturedStart(1));
    });

    // Agency credits at the end of lines no line rule took.
    qsizetype from = 0;
    while ((from = text.indexOf(u'[', from)) >= 0) {
        const QRegularExpressionMatch match = agencyCredit().match(
            text, from, QRegularExpression::NormalMatch,
            QRegularExpression::AnchorAtOffsetMatchOption | QRegularExpression::DontCheckSubjectStringMatchOption);
        if (match.hasMatch()) {
            qsizetype lineStart = from;
            while (lineStart > 0 && text.at(lineStart - 1) != u'\n' && text.at(lineStart - 1) != u'\r') {
                --lineStart;
            }
            while (lineStart < from && (text.at(lineStart) == u' ' || text.at(lineStart) == u'\t')) {
                ++lineStart;
            }
            if (!tagged.contains(lineStart) && lineStart != from) {
                result.spans.append(makeSuggestion(
                    document, Utf16Index(match.capturedStart()), Utf16Index(match.capturedEnd()), options.label, source,
                    0.85, QStringLiteral("boilerplate rule agency-credit: agency credit in brackets")));
            }
            from = match.capturedEnd();
        } else {
            ++from;
        }
    }

    if (!options.repeatedLines.isEmpty()) {
        forEachLine(text, [&](qsizetype start, qsizetype end) {
            trimWhiteSpace(text, start, end);
            if (start >= end || tagged.contains(start)) {
                return;
            }
            const auto found =
                options.repeatedLines.constFind(normalizedLine(QStringView(text).mid(start, end - start)));
            if (found == options.repeatedLines.cend()) {
                return;
            }
            const double share = options.corpusSize > 0 ? double(found.value()) / double(options.corpusSize) : 0.5;
            result.spans.append(makeSuggestion(
                document, Utf16Index(start), Utf16Index(end), options.label, source, std::min(0.95, 0.5 + share / 2),
                QStringLiteral("boilerplate rule repeated-line: the line occurs in %1 of %2 documents")
                    .arg(found.value())
                    .arg(options.corpusSize)));
        });
    }
    std::sort(result.spans.begin(), result.spans.end(), isBeforeInFileOrder);
    return result;
}

QHash<QString, int> repeatedLines(const QList<Document> &documents, int minDocuments)
{
    QHash<QString, int> counts;
    for (const Document &document : documents) {
        QSet<QString> seen;
        const QString &text = document.text();
        forEachLine(text, [&](qsizetype start, qsizetype end) {
            trimWhiteSpace(text, start, end);
            const qsizetype length = end - start;
            if (length < 3 || length > 300) {
                return;
            }
            seen.insert(normalizedLine(QStringView(text).mid(start, length)));
        });
        for (const QString &line : std::as_const(seen)) {
            ++counts[line];
        }
    }
    for (auto it = counts.begin(); it != counts.end();) {
        it = it.value() < minDocuments ? counts.erase(it) : std::next(it);
    }
    return counts;
}

} // namespace Scholiast::Suggest
