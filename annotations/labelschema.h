// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: value types, reentrant: each copy may be used on any thread.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

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

/// A label for relations (docs/FORMAT.md §5.1), with the span labels each end may have.
struct RelationLabel
{
    QString name;
    QString color; ///< "#rrggbb"
    QStringList from = {}; ///< the span labels a relation may start at; empty: any
    QStringList to = {}; ///< the span labels it may point to; empty: any
    QJsonObject extraFields = {}; ///< kept and written back unchanged, as a Label's
    bool operator==(const RelationLabel &) const = default;

    /// Whether a relation of this label may go from a span labelled `fromLabel` to one labelled
    /// `toLabel`.
    [[nodiscard]] bool allows(const QString &fromLabel, const QString &toLabel) const
    {
        return (from.isEmpty() || from.contains(fromLabel)) && (to.isEmpty() || to.contains(toLabel));
    }
};

/// The labels a document's spans may use: a value type.
class LabelSchema
{
public:
    /// claim (1), quote (2), boilerplate (3), in Okabe-Ito colours: distinguishable with the
    /// common colour-vision deficiencies, and of middle luminance so that each keeps a contrast
    /// of at least 3:1 against both a white and a near-black background.
    static LabelSchema defaultSchema();
    /// Quote attribution (issue 19): the default labels and `source` (the person or body that
    /// speaks, key 4), with the relation `attributed_to` from a quote or a claim to a source.
    static LabelSchema quoteAttributionSchema();

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

    /// The labels relations may have, in order; none in a schema of spans only.
    [[nodiscard]] const QList<RelationLabel> &relationLabels() const { return m_relationLabels; }
    [[nodiscard]] const RelationLabel *findRelationLabel(const QString &name) const;
    /// Replaces the relation labels; those without a colour get a grey. The caller checks that
    /// names are unique (see the reader).
    void setRelationLabels(const QList<RelationLabel> &labels);

    /// The colour palette labels are given in order.
    static const QList<QString> &palette();

    bool operator==(const LabelSchema &) const = default;

private:
    QList<Label> m_labels;
    QList<RelationLabel> m_relationLabels;
};

} // namespace Scholiast
