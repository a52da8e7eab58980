// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: value types, reentrant: each copy may be used on any thread.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Scholiast {

struct Label
{
    QString name;
    QString color; ///< "#rrggbb"
    QString key; ///< a single key that applies the label, or empty
    /// Fields of the label Scholiast does not know (another tool's, a newer version's), kept and
    /// written back unchanged (docs/FORMAT.md §5).
    QJsonObject extraFields = {};
    bool operator==(const Label &) const = default;

    /// `#rrggbb`, the only form a label colour takes in a file (docs/FORMAT.md §5).
    [[nodiscard]] static bool isColor(const QString &color);
};

/// The labels a document's spans may use: a value type.
class LabelSchema
{
public:
    /// claim (1), quote (2), boilerplate (3), in Okabe-Ito colours: distinguishable with the
    /// common colour-vision deficiencies, and of middle luminance so that each keeps a contrast
    /// of at least 3:1 against both a white and a near-black background.
    static LabelSchema defaultSchema();

    [[nodiscard]] const QList<Label> &labels() const { return m_labels; }
    [[nodiscard]] qsizetype size() const { return m_labels.size(); }
    [[nodiscard]] bool isEmpty() const { return m_labels.isEmpty(); }
    [[nodiscard]] const Label *find(const QString &name) const;
    [[nodiscard]] const Label *findByKey(const QString &key) const;
    [[nodiscard]] bool contains(const QString &name) const { return find(name) != nullptr; }

    /// Adds a label; an empty colour gets the next unused palette colour and an empty key the
    /// next free digit. Returns false (and changes nothing) when the name is taken or empty.
    bool add(Label label);
    /// A schema of these labels in this order; labels without a colour or key get unused ones.
    /// Names must be unique and keys unique where given (the caller checks; see the reader).
    static LabelSchema fromLabels(const QList<Label> &labels);
    bool remove(const QString &name);

    /// The colour palette labels are given in order.
    static const QList<QString> &palette();

    bool operator==(const LabelSchema &) const = default;

private:
    QList<Label> m_labels;
};

} // namespace Scholiast
