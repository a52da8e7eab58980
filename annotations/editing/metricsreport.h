// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: compute() is reentrant and runs on a worker thread in the window.
#pragma once

#include "annotation.h"
#include "metrics/codepointagreement.h"
#include "metrics/relationscores.h"
#include "metrics/spanscores.h"
#include "relation.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Scholiast {

/// One document's layers for the metrics dock: the spans of each layer that exists for it.
struct MetricsDocument
{
    QString name;
    qint64 length = 0; ///< code points
    /// Parallel to MetricsReport::layers: the layer's spans, or nothing when the document has no
    /// such sidecar (or one written for another text).
    QList<std::optional<QList<Annotation>>> layers;
    /// A layer's relations (docs/FORMAT.md §6.8) and the spans they join: `ends` holds at least
    /// the scored spans the relations touch, with their ids; a relation one of whose ends is not
    /// there is not scored.
    struct LayerRelations
    {
        QList<Annotation> ends;
        QList<Relation> relations;
    };
    /// Parallel to `layers` where given.
    QList<LayerRelations> relations;
    /// Indexes in `layers` of sidecars that exist but were left out (written for another text,
    /// unreadable): unlike a missing candidate, never scored as empty.
    QList<int> unusable;
};

/// The tables of the metrics dock, all computed by annotations/metrics (docs/METRICS.md): P/R/F1,
/// confusion, kappa and alpha of a candidate layer against a reference layer, pairwise F1 of every
/// two layers, and Krippendorff's alpha over all layers. In the reference/candidate comparison a
/// document without the candidate layer counts as one where the candidate found nothing (a
/// model run over part of a corpus has missed the rest), and one without the reference layer is
/// left out (nothing to score against); the pairwise and all-layer figures take the documents
/// that have each layer compared.
struct MetricsReport
{
    QString scope; ///< "document" or "corpus"
    QStringList layers; ///< display names; "" is the editable sidecar
    int reference = 0; ///< index in layers
    int candidate = 0;
    qint64 documents = 0; ///< documents scored: with the reference layer and no unusable candidate
    qint64 units = 0; ///< their code points
    qint64 totalDocuments = 0; ///< documents given
    qint64 withoutReference = 0; ///< left out: no (usable) reference layer
    qint64 withoutCandidate = 0; ///< scored with no candidate span: no candidate layer
    Metrics::SpanScores scores;
    Metrics::CodePointAgreement agreement{2}; ///< reference and candidate
    /// Relation P/R/F1 of the candidate against the reference (docs/METRICS.md §2.7), reported
    /// only when `withRelations`: some scored layer has relations, or the schema relation labels.
    Metrics::RelationScores relationScores;
    bool withRelations = false;
    struct Pair
    {
        int a = 0;
        int b = 0;
        qint64 documents = 0;
        std::optional<double> exactF1;
        std::optional<double> overlapF1;
    };
    QList<Pair> pairwise;
    /// Layer sidecars left out because they were written for another text of their document
    /// (offsets only compare between sidecars of the same text), or could not be read.
    QStringList skipped;
    qint64 allLayersDocuments = 0; ///< documents with every layer
    std::optional<double> allLayersAlpha; ///< over every layer, when there are 2+

    /// Computes the report; `schemaLabels` and `relationLabels` are listed even when unused.
    [[nodiscard]] static MetricsReport compute(const QString &scope, const QStringList &layers, int reference,
                                               int candidate, const QList<MetricsDocument> &documents,
                                               const QStringList &schemaLabels, const QStringList &relationLabels = {});

    /// "editable" for the editable sidecar, else the layer's name.
    [[nodiscard]] static QString layerTitle(const QString &layer);
    [[nodiscard]] QStringList labels() const;

    /// Long-format CSV, one figure per line: `table,row,column,value` (README, "Metrics dock").
    [[nodiscard]] QByteArray toCsv() const;
    /// The figures as JSON, with the keys of `scholiast-cli agree --json` plus the scope and layers.
    [[nodiscard]] QByteArray toJson() const;
};

} // namespace Scholiast
