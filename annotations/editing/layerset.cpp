// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "layerset.h"

#include "annotationset.h"
#include "document.h"
#include "formats/scholiastjson.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace Scholiast {

namespace {
const auto SidecarSuffix = QStringLiteral(".scholiast.json");
} // namespace

QString layerSidecarPath(const QString &documentPath, const QString &name)
{
    return documentPath + u'.' + name + SidecarSuffix;
}

std::vector<LayerFile> readLayers(const QString &documentPath, const Document &document, Diagnostics &diagnostics)
{
    std::vector<LayerFile> layers;
    const QFileInfo info(documentPath);
    const QString prefix = info.fileName() + u'.';
    // Not `prefix*`: a document name may hold wildcard characters ("notes[1].txt").
    const QStringList entries = info.dir().entryList({u'*' + SidecarSuffix}, QDir::Files, QDir::Name);
    for (const QString &entry : entries) {
        if (!entry.startsWith(prefix) || !entry.endsWith(SidecarSuffix)
            || entry.size() <= prefix.size() + SidecarSuffix.size()) {
            continue; // the document's own sidecar, `<doc>.scholiast.json`
        }
        const QString name = entry.mid(prefix.size(), entry.size() - prefix.size() - SidecarSuffix.size());
        const QString path = info.dir().filePath(entry);
        Diagnostics found;
        auto sidecar = ScholiastJson::read(path, found, &document);
        diagnostics.append(found);
        if (!sidecar) {
            continue;
        }
        layers.push_back({name, path, sidecar->labels, std::move(sidecar->annotations), std::move(sidecar->relations)});
    }
    return layers;
}

LayerSet::LayerSet(QObject *parent)
    : QObject(parent)
{
}

LayerSet::~LayerSet() = default;

int LayerSet::indexOf(const QString &name) const
{
    for (size_t i = 0; i < m_layers.size(); ++i) {
        if (m_layers[i].name == name) {
            return int(i);
        }
    }
    return -1;
}

QStringList LayerSet::names() const
{
    QStringList names;
    for (const Layer &layer : m_layers) {
        names.append(layer.name);
    }
    return names;
}

AnnotationSet *LayerSet::spans(const QString &name) const
{
    const int i = indexOf(name);
    return i >= 0 ? m_layers[size_t(i)].spans : nullptr;
}

LabelSchema LayerSet::labels(const QString &name) const
{
    const int i = indexOf(name);
    return i >= 0 ? m_layers[size_t(i)].labels : LabelSchema();
}

QString LayerSet::path(const QString &name) const
{
    const int i = indexOf(name);
    return i >= 0 ? m_layers[size_t(i)].path : QString();
}

bool LayerSet::isVisible(const QString &name) const
{
    const int i = indexOf(name);
    return i >= 0 && m_layers[size_t(i)].visible;
}

void LayerSet::setVisible(const QString &name, bool visible)
{
    const int i = indexOf(name);
    if (i < 0 || m_layers[size_t(i)].visible == visible) {
        return;
    }
    m_layers[size_t(i)].visible = visible;
    Q_EMIT visibilityChanged(name, visible);
}

QList<AnnotationSet *> LayerSet::visibleSets() const
{
    QList<AnnotationSet *> sets;
    for (const Layer &layer : m_layers) {
        if (layer.visible) {
            sets.append(layer.spans);
        }
    }
    return sets;
}

QString LayerSet::nameOf(const AnnotationSet *set) const
{
    for (const Layer &layer : m_layers) {
        if (layer.spans == set) {
            return layer.name;
        }
    }
    return QString();
}

QString LayerSet::addLayer(const QString &name, const QList<Annotation> &spans, const LabelSchema &labels,
                           const QString &path, const QList<Relation> &relations)
{
    QString unique = name.isEmpty() ? QStringLiteral("layer") : name;
    for (int n = 2; contains(unique); ++n) {
        unique = name + u'-' + QString::number(n);
    }
    auto *set = new AnnotationSet(this);
    set->reset(spans, relations);
    const auto at = std::lower_bound(m_layers.begin(), m_layers.end(), unique,
                                     [](const Layer &layer, const QString &n) { return layer.name < n; });
    m_layers.insert(at, Layer{unique, path, labels, set, true});
    Q_EMIT layersChanged();
    return unique;
}

void LayerSet::addLayers(std::vector<LayerFile> files)
{
    if (files.empty()) {
        return;
    }
    QSignalBlocker blocker(this);
    for (LayerFile &file : files) {
        addLayer(file.name, file.spans, file.labels, file.path, file.relations);
    }
    blocker.unblock();
    Q_EMIT layersChanged();
}

void LayerSet::clear()
{
    if (m_layers.empty()) {
        return;
    }
    for (Layer &layer : m_layers) {
        delete layer.spans;
    }
    m_layers.clear();
    Q_EMIT layersChanged();
}

} // namespace Scholiast
