// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: QObjects of the thread that made them (the GUI thread in the window); call
// them from that thread only.
#pragma once

#include "annotation.h"
#include "diagnostic.h"
#include "labelschema.h"
#include "relation.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace Scholiast {

class AnnotationSet;
class Document;

/// A read-only layer as read from disk: `<doc>.<name>.scholiast.json` beside the document.
struct LayerFile
{
    QString name;
    QString path;
    LabelSchema labels;
    QList<Annotation> spans;
    QList<Relation> relations = {}; ///< between `spans` (docs/FORMAT.md §6.8)
};

/// `article.txt`, `model` -> `article.txt.model.scholiast.json`.
[[nodiscard]] QString layerSidecarPath(const QString &documentPath, const QString &name);

/// Reads every other sidecar beside a document, `<doc>.<name>.scholiast.json` (another
/// annotator's spans, a model's predictions), checked against the document. A layer that cannot
/// be read is left out with its errors appended to `diagnostics`; it never stops the document
/// from opening. Sorted by name.
[[nodiscard]] std::vector<LayerFile> readLayers(const QString &documentPath, const Document &document,
                                                Diagnostics &diagnostics);

/// The read-only span layers of one open document, beside its editable spans: each has a name,
/// its own AnnotationSet (with the interval index the painter queries) and a visibility flag.
/// Nothing edits a layer's spans after it is added; review decisions land in the editable spans.
class LayerSet : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LayerSet)

public:
    explicit LayerSet(QObject *parent = nullptr);
    ~LayerSet() override;

    [[nodiscard]] QStringList names() const;
    [[nodiscard]] qsizetype size() const { return qsizetype(m_layers.size()); }
    [[nodiscard]] bool contains(const QString &name) const { return indexOf(name) >= 0; }
    /// The layer's spans, or nullptr for an unknown name.
    [[nodiscard]] AnnotationSet *spans(const QString &name) const;
    [[nodiscard]] LabelSchema labels(const QString &name) const;
    /// The file the layer was read from; empty for one imported in this session.
    [[nodiscard]] QString path(const QString &name) const;
    [[nodiscard]] bool isVisible(const QString &name) const;
    void setVisible(const QString &name, bool visible);
    /// The visible layers' spans, in name order.
    [[nodiscard]] QList<AnnotationSet *> visibleSets() const;
    /// The name of the layer that holds `set`, or an empty string.
    [[nodiscard]] QString nameOf(const AnnotationSet *set) const;

    /// Adds a visible layer; a name already used gets a suffix ("model-2"). Returns the name.
    QString addLayer(const QString &name, const QList<Annotation> &spans, const LabelSchema &labels = LabelSchema(),
                     const QString &path = QString(), const QList<Relation> &relations = {});
    void addLayers(std::vector<LayerFile> files);
    void clear();

Q_SIGNALS:
    /// Layers were added or removed.
    void layersChanged();
    void visibilityChanged(const QString &name, bool visible);

private:
    struct Layer
    {
        QString name;
        QString path;
        LabelSchema labels;
        AnnotationSet *spans;
        bool visible;
    };
    [[nodiscard]] int indexOf(const QString &name) const;

    std::vector<Layer> m_layers;
};

} // namespace Scholiast
