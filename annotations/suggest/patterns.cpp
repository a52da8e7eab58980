// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "patterns.h"

#include "filepolicy.h"

#include "formats/jsontree_p.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace Scholiast::Suggest {

namespace {

const QStringList KnownKeys{QStringLiteral("name"),  QStringLiteral("label"),          QStringLiteral("pattern"),
                            QStringLiteral("words"), QStringLiteral("case_sensitive"), QStringLiteral("whole_word"),
                            QStringLiteral("score")};

// Not inside a word on either side: letters, digits and marks, in any script.
QString wholeWord(const QString &pattern)
{
    return QStringLiteral("(?<![\\p{L}\\p{N}\\p{M}_])(?:") + pattern + QStringLiteral(")(?![\\p{L}\\p{N}\\p{M}_])");
}

} // namespace

std::optional<PatternRules> PatternRules::read(const QString &path, Diagnostics &diagnostics)
{
    if (QFileInfo(path).isDir()) {
        diagnostics.append(Diagnostic::error(path, QStringLiteral("is a folder, not a rules file")));
        return std::nullopt;
    }
    // A regular file under the import cap (issue 14).
    const auto bytes = FilePolicy::readInput(path, FilePolicy::Input::Import, diagnostics);
    if (!bytes) {
        return std::nullopt;
    }
    return parse(*bytes, path, diagnostics);
}

std::optional<PatternRules> PatternRules::parse(const QByteArray &json, const QString &path, Diagnostics &diagnostics)
{
    const Json::Source source(json, path);
    const auto root = source.parse(diagnostics);
    if (!root) {
        return std::nullopt;
    }
    const Json::Node *list = root.operator->();
    if (root->isObject()) {
        list = root->get("rules");
        if (!list) {
            diagnostics.append(source.at(root->offset, QStringLiteral("a rules file needs a \"rules\" array")));
            return std::nullopt;
        }
    }
    if (!list->isArray()) {
        diagnostics.append(source.at(list->offset, QStringLiteral("\"rules\" must be an array of rule objects")));
        return std::nullopt;
    }
    const QString fileName = QFileInfo(path).completeBaseName();
    PatternRules result;
    const qsizetype errorsBefore = diagnostics.size();
    int number = 0;
    for (const Json::Node &item : list->items) {
        ++number;
        auto fail = [&](qint64 offset, const QString &message) {
            diagnostics.append(source.at(offset, QStringLiteral("rule %1: %2").arg(number).arg(message)));
        };
        if (!item.isObject()) {
            fail(item.offset, QStringLiteral("must be an object"));
            continue;
        }
        bool ok = true;
        for (const auto &member : item.members) {
            if (!KnownKeys.contains(member.key)) {
                fail(member.value.offset,
                     QStringLiteral("unknown key \"%1\" (known: %2)").arg(member.key, KnownKeys.join(u", ")));
                ok = false;
            }
        }
        PatternRule rule;
        const Json::Node *label = item.get("label");
        if (!label || !label->isString() || label->string.isEmpty()) {
            fail(label ? label->offset : item.offset, QStringLiteral("needs a \"label\": a non-empty string"));
            ok = false;
        } else {
            rule.label = label->string;
        }
        const Json::Node *name = item.get("name");
        if (name && (!name->isString() || name->string.isEmpty())) {
            fail(name->offset, QStringLiteral("\"name\" must be a non-empty string"));
            ok = false;
        }
        rule.name = name && name->isString() && !name->string.isEmpty() ? name->string : fileName;
        bool caseSensitive = false;
        bool whole = true;
        for (auto [key, target] : {std::pair{"case_sensitive", &caseSensitive}, std::pair{"whole_word", &whole}}) {
            if (const Json::Node *flag = item.get(key)) {
                if (flag->type != Json::Node::Type::Bool) {
                    fail(flag->offset, QStringLiteral("\"%1\" must be true or false").arg(QLatin1StringView(key)));
                    ok = false;
                } else {
                    *target = flag->boolean;
                }
            }
        }
        if (const Json::Node *score = item.get("score")) {
            if (!score->isNumber()) {
                fail(score->offset, QStringLiteral("\"score\" must be a number"));
                ok = false;
            } else {
                rule.score = score->number;
            }
        }
        const Json::Node *pattern = item.get("pattern");
        const Json::Node *words = item.get("words");
        QString expression;
        if (bool(pattern) == bool(words)) {
            fail(item.offset,
                 QStringLiteral("needs either \"pattern\" (a regular expression) or \"words\" (a list), not both"));
            ok = false;
        } else if (pattern) {
            if (!pattern->isString() || pattern->string.isEmpty()) {
                fail(pattern->offset, QStringLiteral("\"pattern\" must be a non-empty string"));
                ok = false;
            } else {
                expression = pattern->string;
                rule.description = u'/' + pattern->string + u'/';
                QRegularExpression check(expression);
                if (!check.isValid()) {
                    fail(pattern->offset,
                         QStringLiteral("invalid regular expression at character %1: %2")
                             .arg(check.patternErrorOffset() + 1)
                             .arg(check.errorString()));
                    ok = false;
                }
            }
        } else {
            QStringList wordList;
            if (!words->isArray() || words->items.empty()) {
                fail(words->offset, QStringLiteral("\"words\" must be a non-empty array of strings"));
                ok = false;
            } else {
                for (const Json::Node &word : words->items) {
                    if (!word.isString() || word.string.trimmed().isEmpty()) {
                        fail(word.offset, QStringLiteral("every word must be a non-empty string"));
                        ok = false;
                    } else {
                        wordList.append(word.string);
                    }
                }
            }
            // Longest first, so that "Hanul Semiconductor" wins over "Hanul".
            std::stable_sort(wordList.begin(), wordList.end(),
                             [](const QString &a, const QString &b) { return a.size() > b.size(); });
            QStringList escaped;
            for (const QString &w : std::as_const(wordList)) {
                escaped.append(QRegularExpression::escape(w));
            }
            expression = escaped.join(u'|');
            rule.description = QStringLiteral("word list (%1 words)").arg(wordList.size());
        }
        if (!ok) {
            continue;
        }
        if (whole) {
            expression = wholeWord(expression);
        }
        QRegularExpression::PatternOptions options = QRegularExpression::NoPatternOption;
        if (!caseSensitive) {
            options |= QRegularExpression::CaseInsensitiveOption;
        }
        rule.regex = QRegularExpression(expression, options);
        rule.regex.optimize();
        result.rules.append(std::move(rule));
    }
    if (diagnostics.size() > errorsBefore) {
        return std::nullopt;
    }
    return result;
}

Result suggestPatterns(const Document &document, const PatternRules &rules)
{
    Result result;
    const QString &text = document.text();
    for (const PatternRule &rule : rules.rules) {
        const QString source = QStringLiteral("rule:") + rule.name;
        auto it = rule.regex.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            if (match.capturedLength() == 0) {
                continue;
            }
            result.spans.append(makeSuggestion(
                document, Utf16Index(match.capturedStart()), Utf16Index(match.capturedEnd()), rule.label, source,
                rule.score, QStringLiteral("rules file: %1 matched %2").arg(rule.name, rule.description)));
        }
    }
    std::sort(result.spans.begin(), result.spans.end(), isBeforeInFileOrder);
    return result;
}

} // namespace Scholiast::Suggest
