// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "labelschema.h"

#include <QRegularExpression>

namespace Scholiast {

const QList<QString> &LabelSchema::palette()
{
    // Okabe & Ito (2008), "Color Universal Design": vermillion, blue, bluish green, reddish purple,
    // orange, sky blue, then two darker tones for larger schemas.
    static const QList<QString> colors{QStringLiteral("#d55e00"), QStringLiteral("#0072b2"), QStringLiteral("#009e73"),
                                       QStringLiteral("#cc79a7"), QStringLiteral("#e69f00"), QStringLiteral("#56b4e9"),
                                       QStringLiteral("#8c6d1f"), QStringLiteral("#7f7f7f")};
    return colors;
}

bool Label::isColor(const QString &color)
{
    static const QRegularExpression rgb(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    return rgb.match(color).hasMatch();
}

LabelSchema LabelSchema::defaultSchema()
{
    LabelSchema schema;
    schema.add({QStringLiteral("claim"), QString(), QStringLiteral("1")});
    schema.add({QStringLiteral("quote"), QString(), QStringLiteral("2")});
    schema.add({QStringLiteral("boilerplate"), QString(), QStringLiteral("3")});
    return schema;
}

LabelSchema LabelSchema::quoteAttributionSchema()
{
    LabelSchema schema = defaultSchema();
    schema.add({QStringLiteral("source"), QString(), QStringLiteral("4")});
    schema.setRelationLabels({{QStringLiteral("attributed_to"),
                               QString(),
                               {QStringLiteral("quote"), QStringLiteral("claim")},
                               {QStringLiteral("source")}}});
    return schema;
}

const RelationLabel *LabelSchema::findRelationLabel(const QString &name) const
{
    for (const RelationLabel &label : m_relationLabels) {
        if (label.name == name) {
            return &label;
        }
    }
    return nullptr;
}

void LabelSchema::setRelationLabels(const QList<RelationLabel> &labels)
{
    m_relationLabels = labels;
    for (RelationLabel &label : m_relationLabels) {
        if (label.color.isEmpty()) {
            // A middle grey: arcs stay readable on the light and the dark theme alike.
            label.color = QStringLiteral("#7f7f7f");
        }
    }
}

const Label *LabelSchema::find(const QString &name) const
{
    for (const Label &label : m_labels) {
        if (label.name == name) {
            return &label;
        }
    }
    return nullptr;
}

const Label *LabelSchema::findByKey(const QString &key) const
{
    if (key.isEmpty()) {
        return nullptr;
    }
    for (const Label &label : m_labels) {
        if (label.key == key) {
            return &label;
        }
    }
    return nullptr;
}

bool LabelSchema::add(Label label)
{
    if (label.name.isEmpty() || contains(label.name)) {
        return false;
    }
    if (label.color.isEmpty()) {
        const auto &colors = palette();
        label.color = colors.at(m_labels.size() % colors.size());
        for (const QString &color : colors) {
            const bool used = std::any_of(m_labels.begin(), m_labels.end(), [&](const Label &l) {
                return l.color.compare(color, Qt::CaseInsensitive) == 0;
            });
            if (!used) {
                label.color = color;
                break;
            }
        }
    }
    if (label.key.isEmpty()) {
        for (int digit = 1; digit <= 9; ++digit) {
            if (!findByKey(QString::number(digit))) {
                label.key = QString::number(digit);
                break;
            }
        }
    } else if (findByKey(label.key)) {
        label.key.clear(); // a key applies one label only
    }
    m_labels.append(label);
    return true;
}

LabelSchema LabelSchema::fromLabels(const QList<Label> &labels)
{
    LabelSchema schema;
    schema.m_labels = labels;
    for (Label &label : schema.m_labels) {
        if (label.color.isEmpty()) {
            const auto &colors = palette();
            const auto unused = std::find_if(colors.begin(), colors.end(), [&](const QString &color) {
                return !std::any_of(schema.m_labels.begin(), schema.m_labels.end(),
                                    [&](const Label &l) { return l.color.compare(color, Qt::CaseInsensitive) == 0; });
            });
            label.color = unused != colors.end() ? *unused : colors.at(0);
        }
        if (label.key.isEmpty()) {
            for (int digit = 1; digit <= 9; ++digit) {
                if (!schema.findByKey(QString::number(digit))) {
                    label.key = QString::number(digit);
                    break;
                }
            }
        }
    }
    return schema;
}

bool LabelSchema::remove(const QString &name)
{
    return m_labels.removeIf([&](const Label &l) { return l.name == name; }) > 0;
}

} // namespace Scholiast
