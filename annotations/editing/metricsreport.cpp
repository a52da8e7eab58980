// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "metricsreport.h"

#include "metrics/metricsjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Scholiast {

using namespace Metrics;

namespace {
QJsonValue number(std::optional<double> value)
{
    return jsonNumber(value);
}

// A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180).
QString csvField(const QString &field)
{
    if (field.contains(u',') || field.contains(u'"') || field.contains(u'\n') || field.contains(u'\r')) {
        QString quoted = field;
        quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        return u'"' + quoted + u'"';
    }
    return field;
}

QString csvNumber(std::optional<double> value)
{
    return value ? QString::number(*value, 'g', 17) : QString();
}
} // namespace

MetricsReport MetricsReport::compute(const QString &scope, const QStringList &layers, int reference, int candidate,
                                     const QList<MetricsDocument> &documents, const QStringList &schemaLabels,
                                     const QStringList &relationLabels)
{
    MetricsReport report;
    report.scope = scope;
    report.layers = layers;
    report.reference = reference;
    report.candidate = candidate;
    report.scores.addLabels(schemaLabels);
    report.agreement.addLabels(schemaLabels);
    report.relationScores.addLabels(relationLabels);
    report.withRelations = !relationLabels.isEmpty();
    const MetricsDocument::LayerRelations noRelations;
    const auto relationsOf = [&noRelations](const MetricsDocument &d,
                                            int layer) -> const MetricsDocument::LayerRelations & {
        return layer < d.relations.size() ? d.relations.at(layer) : noRelations;
    };
    const auto has = [](const MetricsDocument &d, int layer) {
        return layer >= 0 && layer < d.layers.size() && d.layers.at(layer).has_value();
    };
    const QList<Annotation> none;
    report.totalDocuments = documents.size();
    for (const MetricsDocument &d : documents) {
        if (!has(d, reference)) {
            ++report.withoutReference;
            continue;
        }
        if (d.unusable.contains(candidate)) {
            continue; // named in `skipped`: its offsets are for another text
        }
        const QList<Annotation> &ref = *d.layers.at(reference);
        const bool hasCandidate = has(d, candidate);
        const QList<Annotation> &cand = hasCandidate ? *d.layers.at(candidate) : none;
        report.withoutCandidate += hasCandidate ? 0 : 1;
        report.scores.add(ref, cand);
        report.agreement.add(d.length, {ref, cand});
        const MetricsDocument::LayerRelations &refRelations = relationsOf(d, reference);
        const MetricsDocument::LayerRelations &candRelations = hasCandidate ? relationsOf(d, candidate) : noRelations;
        report.withRelations =
            report.withRelations || !refRelations.relations.isEmpty() || !candRelations.relations.isEmpty();
        report.relationScores.add({refRelations.ends, refRelations.relations},
                                  {candRelations.ends, candRelations.relations});
        ++report.documents;
        report.units += d.length;
    }
    const int n = int(layers.size());
    for (int a = 0; a < n; ++a) {
        for (int b = a + 1; b < n; ++b) {
            SpanScores pair;
            Pair p{a, b, 0, std::nullopt, std::nullopt};
            for (const MetricsDocument &d : documents) {
                if (has(d, a) && has(d, b)) {
                    pair.add(*d.layers.at(a), *d.layers.at(b));
                    ++p.documents;
                }
            }
            p.exactF1 = pair.microExact().f1();
            p.overlapF1 = pair.microOverlap().f1();
            report.pairwise.append(p);
        }
    }
    if (n >= 2) {
        CodePointAgreement all(n);
        for (const MetricsDocument &d : documents) {
            QList<QList<Annotation>> spans;
            for (int layer = 0; layer < n && has(d, layer); ++layer) {
                spans.append(*d.layers.at(layer));
            }
            if (spans.size() == n) {
                all.add(d.length, spans);
                ++report.allLayersDocuments;
            }
        }
        if (report.allLayersDocuments > 0) {
            report.allLayersAlpha = all.alpha();
        }
    }
    return report;
}

QString MetricsReport::layerTitle(const QString &layer)
{
    return layer.isEmpty() ? QStringLiteral("editable") : layer;
}

QStringList MetricsReport::labels() const
{
    QStringList names = agreement.labels();
    for (const auto &[label, s] : scores.labels()) {
        if (!names.contains(label)) {
            names.append(label);
        }
    }
    return names;
}

QByteArray MetricsReport::toCsv() const
{
    QString out = QStringLiteral("table,row,column,value\r\n");
    const auto line = [&out](const QString &table, const QString &row, const QString &column, const QString &value) {
        out += csvField(table) + u',' + csvField(row) + u',' + csvField(column) + u',' + csvField(value)
            + QStringLiteral("\r\n");
    };
    // One table's matched, P, R and F1 of a row, exact or overlap.
    const auto counts = [&line](const QString &table, const QString &row, const QString &kind, const MatchCounts &c) {
        line(table, row, kind + QStringLiteral("_matched"), QString::number(c.matched));
        line(table, row, kind + QStringLiteral("_precision"), csvNumber(c.precision()));
        line(table, row, kind + QStringLiteral("_recall"), csvNumber(c.recall()));
        line(table, row, kind + QStringLiteral("_f1"), csvNumber(c.f1()));
    };
    line(QStringLiteral("info"), QStringLiteral("scope"), QStringLiteral("value"), scope);
    line(QStringLiteral("info"), QStringLiteral("reference"), QStringLiteral("value"),
         layerTitle(layers.value(reference)));
    line(QStringLiteral("info"), QStringLiteral("candidate"), QStringLiteral("value"),
         layerTitle(layers.value(candidate)));
    line(QStringLiteral("info"), QStringLiteral("documents"), QStringLiteral("value"), QString::number(documents));
    line(QStringLiteral("info"), QStringLiteral("documents_without_candidate"), QStringLiteral("value"),
         QString::number(withoutCandidate));
    line(QStringLiteral("info"), QStringLiteral("documents_without_reference"), QStringLiteral("value"),
         QString::number(withoutReference));
    line(QStringLiteral("info"), QStringLiteral("units"), QStringLiteral("value"), QString::number(units));
    for (const QString &label : labels()) {
        const LabelScores s = scores.labels().count(label) ? scores.labels().at(label) : LabelScores();
        line(QStringLiteral("scores"), label, QStringLiteral("reference"), QString::number(s.exact.reference));
        line(QStringLiteral("scores"), label, QStringLiteral("candidate"), QString::number(s.exact.candidate));
        counts(QStringLiteral("scores"), label, QStringLiteral("exact"), s.exact);
        counts(QStringLiteral("scores"), label, QStringLiteral("overlap"), s.overlap);
        line(QStringLiteral("scores"), label, QStringLiteral("kappa"), csvNumber(agreement.kappa(label)));
        line(QStringLiteral("scores"), label, QStringLiteral("alpha"), csvNumber(agreement.alpha(label)));
    }
    const MatchCounts microExact = scores.microExact();
    line(QStringLiteral("scores"), QStringLiteral("micro"), QStringLiteral("reference"),
         QString::number(microExact.reference));
    line(QStringLiteral("scores"), QStringLiteral("micro"), QStringLiteral("candidate"),
         QString::number(microExact.candidate));
    counts(QStringLiteral("scores"), QStringLiteral("micro"), QStringLiteral("exact"), microExact);
    counts(QStringLiteral("scores"), QStringLiteral("micro"), QStringLiteral("overlap"), scores.microOverlap());
    for (const auto &[kind, a] : {std::pair{QStringLiteral("exact"), scores.macroExact()},
                                  std::pair{QStringLiteral("overlap"), scores.macroOverlap()}}) {
        line(QStringLiteral("scores"), QStringLiteral("macro"), kind + QStringLiteral("_precision"),
             csvNumber(a.precision));
        line(QStringLiteral("scores"), QStringLiteral("macro"), kind + QStringLiteral("_recall"), csvNumber(a.recall));
        line(QStringLiteral("scores"), QStringLiteral("macro"), kind + QStringLiteral("_f1"), csvNumber(a.f1));
    }
    for (const auto &[row, cells] : scores.confusion()) {
        for (const auto &[column, n] : cells) {
            line(QStringLiteral("confusion"), row, column, QString::number(n));
        }
    }
    for (const auto &[label, n] : scores.missed()) {
        line(QStringLiteral("confusion"), label, QStringLiteral("missed"), QString::number(n));
    }
    for (const auto &[label, n] : scores.spurious()) {
        line(QStringLiteral("confusion"), QStringLiteral("spurious"), label, QString::number(n));
    }
    for (const Pair &p : pairwise) {
        const QString row = layerTitle(layers.value(p.a)) + QStringLiteral(" / ") + layerTitle(layers.value(p.b));
        line(QStringLiteral("pairwise"), row, QStringLiteral("documents"), QString::number(p.documents));
        line(QStringLiteral("pairwise"), row, QStringLiteral("exact_f1"), csvNumber(p.exactF1));
        line(QStringLiteral("pairwise"), row, QStringLiteral("overlap_f1"), csvNumber(p.overlapF1));
    }
    if (withRelations) {
        const auto count = [](const std::map<QString, qint64> &perLabel, const QString &label) {
            const auto it = perLabel.find(label);
            return QString::number(it == perLabel.end() ? 0 : it->second);
        };
        for (const auto &[label, s] : relationScores.labels()) {
            line(QStringLiteral("relations"), label, QStringLiteral("reference"), QString::number(s.exact.reference));
            line(QStringLiteral("relations"), label, QStringLiteral("candidate"), QString::number(s.exact.candidate));
            counts(QStringLiteral("relations"), label, QStringLiteral("exact"), s.exact);
            counts(QStringLiteral("relations"), label, QStringLiteral("overlap"), s.overlap);
            line(QStringLiteral("relations"), label, QStringLiteral("mislabelled"),
                 count(relationScores.mislabelled(), label));
            line(QStringLiteral("relations"), label, QStringLiteral("missed"), count(relationScores.missed(), label));
            line(QStringLiteral("relations"), label, QStringLiteral("spurious"),
                 count(relationScores.spurious(), label));
        }
        counts(QStringLiteral("relations"), QStringLiteral("micro"), QStringLiteral("exact"),
               relationScores.microExact());
        counts(QStringLiteral("relations"), QStringLiteral("micro"), QStringLiteral("overlap"),
               relationScores.microOverlap());
    }
    line(QStringLiteral("agreement"), QStringLiteral("reference / candidate"), QStringLiteral("alpha"),
         csvNumber(agreement.alpha()));
    line(QStringLiteral("agreement"), QStringLiteral("all layers"), QStringLiteral("alpha"), csvNumber(allLayersAlpha));
    line(QStringLiteral("agreement"), QStringLiteral("all layers"), QStringLiteral("documents"),
         QString::number(allLayersDocuments));
    return out.toUtf8();
}

QByteArray MetricsReport::toJson() const
{
    QJsonArray layerNames;
    for (const QString &layer : layers) {
        layerNames.append(layerTitle(layer));
    }
    QJsonObject result{{QStringLiteral("scope"), scope},
                       {QStringLiteral("layers"), layerNames},
                       {QStringLiteral("reference"), layerTitle(layers.value(reference))},
                       {QStringLiteral("candidate"), layerTitle(layers.value(candidate))},
                       {QStringLiteral("documents"), documents},
                       {QStringLiteral("documents_without_candidate"), withoutCandidate},
                       {QStringLiteral("documents_without_reference"), withoutReference},
                       {QStringLiteral("units"), units},
                       {QStringLiteral("alpha"), number(agreement.alpha())}};
    QJsonObject perLabel;
    for (const QString &label : labels()) {
        const LabelScores s = scores.labels().count(label) ? scores.labels().at(label) : LabelScores();
        perLabel.insert(label,
                        QJsonObject{{QStringLiteral("reference"), s.exact.reference},
                                    {QStringLiteral("candidate"), s.exact.candidate},
                                    {QStringLiteral("exact"), countsJson(s.exact)},
                                    {QStringLiteral("overlap"), countsJson(s.overlap)},
                                    {QStringLiteral("kappa"), number(agreement.kappa(label))},
                                    {QStringLiteral("alpha"), number(agreement.alpha(label))}});
    }
    result.insert(QStringLiteral("labels"), perLabel);
    insertScoresJson(result, scores);
    if (withRelations) {
        result.insert(QStringLiteral("relations"), relationScoresJson(relationScores));
    }
    QJsonArray pairs;
    for (const Pair &p : pairwise) {
        pairs.append(QJsonObject{{QStringLiteral("a"), layerTitle(layers.value(p.a))},
                                 {QStringLiteral("b"), layerTitle(layers.value(p.b))},
                                 {QStringLiteral("documents"), p.documents},
                                 {QStringLiteral("exact_f1"), number(p.exactF1)},
                                 {QStringLiteral("overlap_f1"), number(p.overlapF1)}});
    }
    result.insert(QStringLiteral("pairwise"), pairs);
    result.insert(QStringLiteral("skipped"), QJsonArray::fromStringList(skipped));
    result.insert(QStringLiteral("all_layers"),
                  QJsonObject{{QStringLiteral("documents"), allLayersDocuments},
                              {QStringLiteral("alpha"), number(allLayersAlpha)}});
    return QJsonDocument(result).toJson(QJsonDocument::Indented);
}

} // namespace Scholiast
