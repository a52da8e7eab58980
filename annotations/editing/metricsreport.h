// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
// Thread safety: compute() is reentrant and runs on a worker thread in the window.
#pragma once

#include "annotation.h"
#include "metrics/codepointagreement.h"
#include "metrics/spanscores.h"

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
};

/// The tables of the metrics dock, all computed by annotations/metrics (docs/METRICS.md): P/R/F1,
/// confusion, kappa and alpha of a candidate layer against a reference layer, pairwise F1 of every
/// two layers, and Krippendorff's alpha over all layers. Documents lacking one of the layers
/// compared are left out of that comparison.
struct MetricsReport
{
    QString scope; ///< "document" or "corpus"
    QStringList layers; ///< display names; "" is the editable sidecar
    int reference = 0; ///< index in layers
    int candidate = 0;
    qint64 documents = 0; ///< documents with both the reference and the candidate
    qint64 units = 0; ///< their code points
    Metrics::SpanScores scores;
    Metrics::CodePointAgreement agreement{2}; ///< reference and candidate
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

    /// Computes the report; `schemaLabels` are listed even when unused.
    [[nodiscard]] static MetricsReport compute(const QString &scope, const QStringList &layers, int reference,
                                               int candidate, const QList<MetricsDocument> &documents,
                                               const QStringList &schemaLabels);

    /// "editable" for the editable sidecar, else the layer's name.
    [[nodiscard]] static QString layerTitle(const QString &layer);
    [[nodiscard]] QStringList labels() const;

    /// Long-format CSV, one figure per line: `table,row,column,value` (README, "Metrics dock").
    [[nodiscard]] QByteArray toCsv() const;
    /// The figures as JSON, with the keys of `scholiast-cli agree --json` plus the scope and layers.
    [[nodiscard]] QByteArray toJson() const;
};

} // namespace Scholiast
