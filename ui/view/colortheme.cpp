// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "colortheme.h"

#include "syntaxhighlighter.h"

#include <QGuiApplication>
#include <QStyleHints>

#include <cmath>

namespace Scholiast {

namespace {
const QColor LightSelection(0xbb, 0xa6, 0xf0);
const QColor DarkSelection(0x5b, 0x3f, 0x99);
// How much of a label's colour a span's fill has on light themes (the tint of issue 1).
constexpr double LightFillShare = 64.0 / 255.0;

QColor mix(const QColor &a, const QColor &b, double t)
{
    // Rounded to 8 bits a channel, as painted pixels are.
    return QColor(QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                                   float(a.greenF() + (b.greenF() - a.greenF()) * t),
                                   float(a.blueF() + (b.blueF() - a.blueF()) * t))
                      .rgb());
}

// `color` kept where it has MinimumLabelContrast against `against`, else moved towards `target`
// by the least of twenty steps that reaches it (`target` itself when none does).
QColor towardsContrast(const QColor &color, const QColor &against, const QColor &target)
{
    for (int step = 0; step <= 20; ++step) {
        const QColor candidate = step == 0 ? color : mix(color, target, step / 20.0);
        if (ColorTheme::contrastRatio(candidate, against) >= ColorTheme::MinimumLabelContrast) {
            return candidate;
        }
    }
    return target;
}
} // namespace

ColorTheme::ColorTheme()
    : ColorTheme(builtInLight())
{
}

ColorTheme::ColorTheme(QString name, bool dark, QColor background, QColor text, QColor selection, QColor window)
    : m_name(std::move(name))
    , m_dark(dark)
    , m_background(background)
    , m_text(text)
    , m_selection(selection)
    , m_window(window)
{
}

// The tones of KDE's Breeze Light and Breeze Dark, which KSyntaxHighlighting's default themes use,
// except the selection: Breeze's light blue is nearly the fill of a span drawn in the palette's
// blue (#0072b2, "quote" by default), so the selection is a violet, a hue no label of the palette
// (LabelSchema::palette()) has, light enough under dark text and dark enough under light text.
ColorTheme ColorTheme::builtInLight()
{
    return ColorTheme(QStringLiteral("Scholiast Light"), false, QColor(0xff, 0xff, 0xff), QColor(0x1f, 0x1c, 0x1b),
                      LightSelection, QColor(0xef, 0xf0, 0xf1));
}

ColorTheme ColorTheme::builtInDark()
{
    return ColorTheme(QStringLiteral("Scholiast Dark"), true, QColor(0x23, 0x26, 0x29), QColor(0xcf, 0xcf, 0xc2),
                      DarkSelection, QColor(0x31, 0x36, 0x3b));
}

ColorTheme ColorTheme::light()
{
    if (const auto colors = SyntaxHighlighter::themeColors(false)) {
        return ColorTheme(colors->name, false, colors->background, colors->text, LightSelection,
                          builtInLight().m_window);
    }
    return builtInLight();
}

ColorTheme ColorTheme::dark()
{
    if (const auto colors = SyntaxHighlighter::themeColors(true)) {
        return ColorTheme(colors->name, true, colors->background, colors->text, DarkSelection, builtInDark().m_window);
    }
    return builtInDark();
}

QPalette ColorTheme::systemPalette()
{
    static const QPalette palette = QGuiApplication::palette();
    return palette;
}

bool ColorTheme::systemPrefersDark()
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    const Qt::ColorScheme scheme = QGuiApplication::styleHints()->colorScheme();
    if (scheme != Qt::ColorScheme::Unknown) {
        return scheme == Qt::ColorScheme::Dark;
    }
#endif
    const QPalette palette = systemPalette();
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

ColorTheme ColorTheme::forChoice(Choice choice)
{
    switch (choice) {
    case Choice::Light:
        return light();
    case Choice::Dark:
        return dark();
    case Choice::System:
        break;
    }
    return systemPrefersDark() ? dark() : light();
}

QString ColorTheme::choiceKey(Choice choice)
{
    switch (choice) {
    case Choice::Light:
        return QStringLiteral("light");
    case Choice::Dark:
        return QStringLiteral("dark");
    case Choice::System:
        break;
    }
    return QStringLiteral("system");
}

ColorTheme::Choice ColorTheme::choiceFromKey(const QString &key)
{
    if (key == u"light") {
        return Choice::Light;
    }
    if (key == u"dark") {
        return Choice::Dark;
    }
    return Choice::System;
}

QPalette ColorTheme::palette() const
{
    const QColor button = m_window;
    const QColor dim = mix(m_text, m_background, 0.45);
    QPalette p;
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        const bool disabled = group == QPalette::Disabled;
        const QColor text = disabled ? dim : m_text;
        p.setColor(group, QPalette::Window, m_window);
        p.setColor(group, QPalette::WindowText, text);
        p.setColor(group, QPalette::Base, m_background);
        p.setColor(group, QPalette::AlternateBase, mix(m_background, m_window, 0.5));
        p.setColor(group, QPalette::Text, text);
        p.setColor(group, QPalette::Button, button);
        p.setColor(group, QPalette::ButtonText, text);
        p.setColor(group, QPalette::BrightText, m_dark ? QColor(Qt::white) : QColor(Qt::black));
        p.setColor(group, QPalette::ToolTipBase, m_window);
        p.setColor(group, QPalette::ToolTipText, m_text);
        p.setColor(group, QPalette::PlaceholderText, dim);
        p.setColor(group, QPalette::Highlight, m_selection);
        p.setColor(group, QPalette::HighlightedText, m_text);
        p.setColor(group, QPalette::Link, m_dark ? QColor(0x1d, 0x99, 0xf3) : QColor(0x29, 0x80, 0xb9));
        p.setColor(group, QPalette::LinkVisited, m_dark ? QColor(0x9b, 0x59, 0xb6) : QColor(0x7f, 0x8c, 0x8d));
        p.setColor(group, QPalette::Light, button.lighter(m_dark ? 140 : 115));
        p.setColor(group, QPalette::Midlight, button.lighter(m_dark ? 120 : 107));
        p.setColor(group, QPalette::Mid, m_dark ? button.lighter(150) : button.darker(130));
        p.setColor(group, QPalette::Dark, m_dark ? button.darker(140) : button.darker(160));
        p.setColor(group, QPalette::Shadow, QColor(0, 0, 0));
    }
    return p;
}

double ColorTheme::luminance(const QColor &color)
{
    auto channel = [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const QColor rgb = color.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

double ColorTheme::contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor ColorTheme::labelColor(const QColor &color) const
{
    // Towards white on dark themes, towards black on light ones; the text colour would do too,
    // but pure white/black keeps the hue's saturation better at the small steps needed.
    return towardsContrast(color, m_background, m_dark ? QColor(Qt::white) : QColor(Qt::black));
}

QColor ColorTheme::spanFill(const QColor &drawn) const
{
    if (!m_dark) {
        return mix(m_background, drawn, LightFillShare);
    }
    for (int step = int(LightFillShare * 100); step <= 100; ++step) {
        const QColor candidate = mix(m_background, drawn, step / 100.0);
        if (contrastRatio(candidate, m_background) >= MinimumLabelContrast) {
            return candidate;
        }
    }
    return drawn;
}

QColor ColorTheme::textOnFill() const
{
    return m_dark ? QColor(Qt::white) : m_text;
}

QColor ColorTheme::syntaxOnFill(const QColor &syntax, const QColor &fill) const
{
    return towardsContrast(syntax, fill, textOnFill());
}

QColor ColorTheme::syntaxOverFills(const QColor &syntax) const
{
    // spanFill() stops at the first 1 % step that reaches the contrast: 5 % more of white covers
    // any label's fill.
    return syntaxOnFill(syntax, mix(spanFill(QColor(Qt::white)), QColor(Qt::white), 0.05));
}

} // namespace Scholiast
