// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

namespace Scholiast {

/// The colours of the window and the text view: a light or a dark theme. With
/// KSyntaxHighlighting built in they come from its default light and dark themes (so the text's
/// syntax colours were designed for the background they are drawn on); otherwise from a
/// built-in pair of the same tones. A value type.
class ColorTheme
{
public:
    /// What the user picked in View > Theme (kept in QSettings).
    enum class Choice { Light, Dark, System };

    /// Label colours keep at least this contrast ratio against the view's background: WCAG 2.1
    /// asks 3:1 for graphical objects that carry meaning (success criterion 1.4.11), which the
    /// underlines and ticks of spans are.
    static constexpr double MinimumLabelContrast = 3.0;

    ColorTheme();

    [[nodiscard]] static ColorTheme light();
    [[nodiscard]] static ColorTheme dark();
    /// The built-in pair, used without KSyntaxHighlighting.
    [[nodiscard]] static ColorTheme builtInLight();
    [[nodiscard]] static ColorTheme builtInDark();
    /// Light or dark for a choice; System follows the platform's colour scheme (Qt 6.5 and
    /// later), or the lightness of the palette the application started with.
    [[nodiscard]] static ColorTheme forChoice(Choice choice);
    /// Whether the system asks for dark colours.
    [[nodiscard]] static bool systemPrefersDark();
    /// The application palette as it was before any theme was applied (captured on first call).
    [[nodiscard]] static QPalette systemPalette();

    [[nodiscard]] static QString choiceKey(Choice choice);
    [[nodiscard]] static Choice choiceFromKey(const QString &key);

    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] bool isDark() const { return m_dark; }
    [[nodiscard]] QColor background() const { return m_background; }
    [[nodiscard]] QColor text() const { return m_text; }
    [[nodiscard]] QColor selection() const { return m_selection; }
    /// The palette of the whole window: the view's Base and Text are the theme's background
    /// and text colours.
    [[nodiscard]] QPalette palette() const;

    /// A label's colour as the view draws it on this theme: the colour itself when it keeps
    /// MinimumLabelContrast against the background, otherwise mixed towards the text colour
    /// (lighter on dark, darker on light) by the least amount that reaches it.
    [[nodiscard]] QColor labelColor(const QColor &color) const;

    /// The fill behind a span whose label is drawn in `drawn` (labelColor()'s result), opaque.
    /// On light themes a light tint; on dark ones the least mix of the colour into the background
    /// that keeps MinimumLabelContrast against it, as the underlines do (a dim tint on a dark
    /// background reads as no fill at all).
    [[nodiscard]] QColor spanFill(const QColor &drawn) const;
    /// The text colour over span fills: the theme's text where it keeps 4.5:1 (WCAG AA) on every
    /// fill, white on dark themes, where the fills are brighter than the theme's text allows.
    [[nodiscard]] QColor textOnFill() const;
    /// A syntax colour (KSyntaxHighlighting's) over the fill `fill`: kept where it keeps
    /// MinimumLabelContrast on it, else moved towards textOnFill() by the least amount that
    /// reaches it, so that a tag keeps its hue inside a span and stays legible.
    [[nodiscard]] QColor syntaxOnFill(const QColor &syntax, const QColor &fill) const;
    /// A syntax colour over any span fill: syntaxOnFill() against the brightest fill a label can
    /// have (spanFill() of white, a little brighter still), so that one colour per token serves
    /// every label and the text over fills is drawn in one pass. For dark themes: light ones draw
    /// syntax colours over their tints as they are.
    [[nodiscard]] QColor syntaxOverFills(const QColor &syntax) const;

    /// WCAG 2.1 relative luminance (0 black .. 1 white) and contrast ratio (1 .. 21).
    [[nodiscard]] static double luminance(const QColor &color);
    [[nodiscard]] static double contrastRatio(const QColor &a, const QColor &b);

    bool operator==(const ColorTheme &) const = default;

private:
    ColorTheme(QString name, bool dark, QColor background, QColor text, QColor selection, QColor window);

    QString m_name;
    bool m_dark = false;
    QColor m_background;
    QColor m_text;
    QColor m_selection;
    QColor m_window;
};

} // namespace Scholiast
