// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QTextLayout>

#include <functional>
#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QTextDocument;
QT_END_NAMESPACE

namespace Scholiast {

/// Syntax colouring of the painted lines, with KSyntaxHighlighting when it is built in (the only
/// file that includes it; without it every query answers "none" and formats() is empty).
///
/// Scale design: the view asks for the formats of a paragraph (a document line) when it lays it
/// out, that is when it paints it, never for the whole document. Highlighting line N needs the
/// highlighter's state at the end of line N-1; it is computed forward from the nearest cached
/// state: a checkpoint every CheckpointInterval lines (exact, filled from the top as the user
/// scrolls down) or the end states of recently highlighted lines. A jump further than
/// MaxLookback lines past the last checkpoint starts WarmUpLines above the line from the
/// initial state instead of highlighting everything before it: a construct opened further up
/// (a long comment) may then be coloured as code until scrolling from above reaches it.
class SyntaxHighlighter
{
public:
    static constexpr qint64 CheckpointInterval = 64;
    static constexpr qint64 MaxLookback = 4096;
    static constexpr qint64 WarmUpLines = 64;

    /// The text of paragraph p (no line terminator), valid until the source changes.
    using ParagraphText = std::function<QStringView(qint64 paragraph)>;

    struct DefinitionInfo
    {
        QString name; ///< the definition's untranslated name, as setDefinition() takes it
        QString displayName; ///< translated
        QString section; ///< translated ("Markup", "Sources", ...)
    };
    struct ThemeColors
    {
        QString name;
        QColor background;
        QColor text;
        QColor selection;
    };

    SyntaxHighlighter();
    ~SyntaxHighlighter();
    Q_DISABLE_COPY_MOVE(SyntaxHighlighter)

    /// Whether KSyntaxHighlighting is built in.
    [[nodiscard]] static bool isAvailable();
    /// Its version ("6.13.0"), empty when not built in.
    [[nodiscard]] static QString version();
    /// Every definition a user can pick, by section then name; empty when not built in.
    [[nodiscard]] static QList<DefinitionInfo> definitions();
    /// The definition for a file, from its name, else from the MIME type of its name and first
    /// characters; empty for none (plain text).
    [[nodiscard]] static QString definitionForFile(const QString &path, QStringView head);
    /// The colours of KSyntaxHighlighting's default light or dark theme; nothing when not built in.
    [[nodiscard]] static std::optional<ThemeColors> themeColors(bool dark);

    /// Colours a whole small QTextDocument (the annotation source view, a sidecar of bounded size)
    /// with a definition; false, leaving it plain, when not built in or the name is unknown.
    static bool highlightWholeDocument(QTextDocument *document, const QString &definition, bool dark);

    /// The text to highlight; forgets every cached state.
    void setSource(ParagraphText text, qint64 paragraphCount);
    /// A definition by name (empty or unknown: none); forgets every cached state.
    void setDefinition(const QString &name);
    [[nodiscard]] QString definition() const;
    [[nodiscard]] bool isActive() const;
    /// Colours from the default dark or light theme.
    void setDark(bool dark);
    [[nodiscard]] bool isDark() const;

    /// The character formats of one paragraph: foreground colour, bold, italic, underline and
    /// strike-out from the theme. Never a background: the span tints underneath stay visible.
    [[nodiscard]] QList<QTextLayout::FormatRange> formats(qint64 paragraph);

    /// Lines run through the highlighter since the source or definition was set (tests check
    /// that the work stays bounded).
    [[nodiscard]] qint64 highlightedLines() const;
    /// Exact checkpoints cached.
    [[nodiscard]] qint64 checkpointCount() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Scholiast
