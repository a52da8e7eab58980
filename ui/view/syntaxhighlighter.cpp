// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// The only file that includes KSyntaxHighlighting: everything else sees syntaxhighlighter.h,
// which builds the same with and without it (Debian 12 has no KF6).
#include "syntaxhighlighter.h"

#include <QHash>
#include <QMimeDatabase>
#include <QTextCharFormat>

#include <algorithm>
#include <vector>

#ifdef SCHOLIAST_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#include <ksyntaxhighlighting_version.h>
#endif

namespace Scholiast {

#ifdef SCHOLIAST_HAVE_KSYNTAXHIGHLIGHTING

namespace KSH = KSyntaxHighlighting;

namespace {
// End states of recently highlighted lines: the lines just painted, so that the next paint of
// the same screen (or the one below) continues without recomputing. Bounded; cleared when full.
constexpr qsizetype RecentStates = 8192;

KSH::Repository &repository()
{
    // Loads the definitions' index once; definitions and themes refer into it.
    static KSH::Repository repo;
    return repo;
}
} // namespace

struct SyntaxHighlighter::Private : public KSH::AbstractHighlighter
{
    struct EndState
    {
        KSH::State state;
        bool exact;
    };

    ParagraphText text;
    qint64 count = 0;
    bool dark = false;
    // checkpoints[i]: the exact state at the start of line i * CheckpointInterval.
    std::vector<KSH::State> checkpoints{KSH::State()};
    QHash<qint64, EndState> recent;
    qint64 lines = 0;
    QList<QTextLayout::FormatRange> *collect = nullptr;

    void reset()
    {
        checkpoints.assign(1, KSH::State());
        recent.clear();
        lines = 0;
    }

    EndState run(qint64 line, const KSH::State &state, bool exact, QList<QTextLayout::FormatRange> *out)
    {
        collect = out;
        ++lines;
        KSH::State next = highlightLine(text(line), state);
        collect = nullptr;
        const qint64 following = line + 1;
        if (exact && following % CheckpointInterval == 0
            && following / CheckpointInterval == qint64(checkpoints.size())) {
            checkpoints.push_back(next);
        }
        if (recent.size() >= RecentStates) {
            recent.clear();
        }
        recent.insert(line, {next, exact});
        return {next, exact};
    }

    EndState stateBefore(qint64 paragraph)
    {
        if (paragraph <= 0) {
            return {KSH::State(), true};
        }
        if (const auto it = recent.constFind(paragraph - 1); it != recent.cend()) {
            return *it;
        }
        const qint64 checkpoint = std::min<qint64>(paragraph / CheckpointInterval, qint64(checkpoints.size()) - 1);
        EndState current{checkpoints[size_t(checkpoint)], true};
        qint64 from = checkpoint * CheckpointInterval;
        if (paragraph - from > MaxLookback) {
            from = paragraph - WarmUpLines;
            current = {KSH::State(), false};
        }
        for (qint64 line = from; line < paragraph; ++line) {
            current = run(line, current.state, current.exact, nullptr);
        }
        return current;
    }

    void applyFormat(int offset, int length, const KSH::Format &format) override
    {
        if (!collect || length <= 0 || format.isDefaultTextStyle(theme())) {
            return;
        }
        const KSH::Theme &t = theme();
        QTextCharFormat f;
        if (format.hasTextColor(t)) {
            f.setForeground(format.textColor(t));
        }
        if (format.isBold(t)) {
            f.setFontWeight(QFont::Bold);
        }
        if (format.isItalic(t)) {
            f.setFontItalic(true);
        }
        if (format.isUnderline(t)) {
            f.setFontUnderline(true);
        }
        if (format.isStrikeThrough(t)) {
            f.setFontStrikeOut(true);
        }
        // No background: it would cover the span tints painted underneath the text.
        if (!f.properties().isEmpty()) {
            collect->append({offset, length, f});
        }
    }
};

SyntaxHighlighter::SyntaxHighlighter()
    : d(std::make_unique<Private>())
{
    setDark(false);
}

SyntaxHighlighter::~SyntaxHighlighter() = default;

bool SyntaxHighlighter::isAvailable()
{
    return true;
}

QString SyntaxHighlighter::version()
{
    return QStringLiteral(KSYNTAXHIGHLIGHTING_VERSION_STRING);
}

QList<SyntaxHighlighter::DefinitionInfo> SyntaxHighlighter::definitions()
{
    QList<DefinitionInfo> result;
    for (const KSH::Definition &definition : repository().definitions()) {
        if (!definition.isHidden()) {
            result.append({definition.name(), definition.translatedName(), definition.translatedSection()});
        }
    }
    std::sort(result.begin(), result.end(), [](const DefinitionInfo &a, const DefinitionInfo &b) {
        const int section = a.section.compare(b.section, Qt::CaseInsensitive);
        return section != 0 ? section < 0 : a.displayName.compare(b.displayName, Qt::CaseInsensitive) < 0;
    });
    return result;
}

QString SyntaxHighlighter::definitionForFile(const QString &path, QStringView head)
{
    KSH::Definition definition = repository().definitionForFileName(path);
    if (!definition.isValid()) {
        // No pattern matched the name: the content's MIME type (an HTML page saved as .txt).
        const QMimeType mime = QMimeDatabase().mimeTypeForFileNameAndData(path, head.toUtf8());
        if (mime.isValid() && !mime.isDefault() && mime.name() != u"text/plain") {
            definition = repository().definitionForMimeType(mime.name());
        }
    }
    return definition.isValid() ? definition.name() : QString();
}

std::optional<SyntaxHighlighter::ThemeColors> SyntaxHighlighter::themeColors(bool dark)
{
    const KSH::Theme theme = repository().defaultTheme(dark ? KSH::Repository::DarkTheme : KSH::Repository::LightTheme);
    if (!theme.isValid()) {
        return std::nullopt;
    }
    return ThemeColors{theme.translatedName(), QColor::fromRgba(theme.editorColor(KSH::Theme::BackgroundColor)),
                       QColor::fromRgba(theme.textColor(KSH::Theme::Normal)),
                       QColor::fromRgba(theme.editorColor(KSH::Theme::TextSelection))};
}

bool SyntaxHighlighter::highlightWholeDocument(QTextDocument *document, const QString &definition, bool dark)
{
    const KSH::Definition found = repository().definitionForName(definition);
    if (!found.isValid()) {
        return false;
    }
    auto *highlighter = new KSH::SyntaxHighlighter(document); // owned by the document
    highlighter->setTheme(repository().defaultTheme(dark ? KSH::Repository::DarkTheme : KSH::Repository::LightTheme));
    highlighter->setDefinition(found);
    return true;
}

void SyntaxHighlighter::setSource(ParagraphText text, qint64 paragraphCount)
{
    d->text = std::move(text);
    d->count = paragraphCount;
    d->reset();
}

void SyntaxHighlighter::setDefinition(const QString &name)
{
    d->setDefinition(name.isEmpty() ? KSH::Definition() : repository().definitionForName(name));
    d->reset();
}

QString SyntaxHighlighter::definition() const
{
    return d->definition().isValid() ? d->definition().name() : QString();
}

bool SyntaxHighlighter::isActive() const
{
    return d->definition().isValid() && d->text;
}

void SyntaxHighlighter::setDark(bool dark)
{
    d->dark = dark;
    d->setTheme(repository().defaultTheme(dark ? KSH::Repository::DarkTheme : KSH::Repository::LightTheme));
}

bool SyntaxHighlighter::isDark() const
{
    return d->dark;
}

QList<QTextLayout::FormatRange> SyntaxHighlighter::formats(qint64 paragraph)
{
    QList<QTextLayout::FormatRange> result;
    if (!isActive() || paragraph < 0 || paragraph >= d->count) {
        return result;
    }
    const Private::EndState before = d->stateBefore(paragraph);
    d->run(paragraph, before.state, before.exact, &result);
    return result;
}

qint64 SyntaxHighlighter::highlightedLines() const
{
    return d->lines;
}

qint64 SyntaxHighlighter::checkpointCount() const
{
    return qint64(d->checkpoints.size());
}

#else // no KSyntaxHighlighting: no colouring; the view draws plain text

struct SyntaxHighlighter::Private
{
    bool dark = false;
};

SyntaxHighlighter::SyntaxHighlighter()
    : d(std::make_unique<Private>())
{
}

SyntaxHighlighter::~SyntaxHighlighter() = default;

bool SyntaxHighlighter::isAvailable()
{
    return false;
}

QString SyntaxHighlighter::version()
{
    return {};
}

QList<SyntaxHighlighter::DefinitionInfo> SyntaxHighlighter::definitions()
{
    return {};
}

QString SyntaxHighlighter::definitionForFile(const QString &, QStringView)
{
    return {};
}

std::optional<SyntaxHighlighter::ThemeColors> SyntaxHighlighter::themeColors(bool)
{
    return std::nullopt;
}

bool SyntaxHighlighter::highlightWholeDocument(QTextDocument *, const QString &, bool)
{
    return false;
}

void SyntaxHighlighter::setSource(ParagraphText, qint64)
{
}

void SyntaxHighlighter::setDefinition(const QString &)
{
}

QString SyntaxHighlighter::definition() const
{
    return {};
}

bool SyntaxHighlighter::isActive() const
{
    return false;
}

void SyntaxHighlighter::setDark(bool dark)
{
    d->dark = dark;
}

bool SyntaxHighlighter::isDark() const
{
    return d->dark;
}

QList<QTextLayout::FormatRange> SyntaxHighlighter::formats(qint64)
{
    return {};
}

qint64 SyntaxHighlighter::highlightedLines() const
{
    return 0;
}

qint64 SyntaxHighlighter::checkpointCount() const
{
    return 0;
}

#endif

} // namespace Scholiast
