// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "metricsjson.h"

namespace Scholiast::Metrics {

QJsonValue jsonNumber(std::optional<double> value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonObject countsJson(const MatchCounts &counts)
{
    return {{QStringLiteral("reference"), counts.reference},
            {QStringLiteral("candidate"), counts.candidate},
            {QStringLiteral("matched"), counts.matched},
            {QStringLiteral("precision"), jsonNumber(counts.precision())},
            {QStringLiteral("recall"), jsonNumber(counts.recall())},
            {QStringLiteral("f1"), jsonNumber(counts.f1())}};
}

QJsonObject averagesJson(const Averages &averages)
{
    return {{QStringLiteral("precision"), jsonNumber(averages.precision)},
            {QStringLiteral("recall"), jsonNumber(averages.recall)},
            {QStringLiteral("f1"), jsonNumber(averages.f1)}};
}

void insertScoresJson(QJsonObject &result, const SpanScores &scores)
{
    result.insert(QStringLiteral("micro"),
                  QJsonObject{{QStringLiteral("exact"), countsJson(scores.microExact())},
                              {QStringLiteral("overlap"), countsJson(scores.microOverlap())}});
    result.insert(QStringLiteral("macro"),
                  QJsonObject{{QStringLiteral("exact"), averagesJson(scores.macroExact())},
                              {QStringLiteral("overlap"), averagesJson(scores.macroOverlap())}});
    QJsonObject confusion;
    for (const auto &[row, cells] : scores.confusion()) {
        QJsonObject r;
        for (const auto &[column, n] : cells) {
            r.insert(column, n);
        }
        confusion.insert(row, r);
    }
    result.insert(QStringLiteral("confusion"), confusion);
    QJsonObject missed;
    for (const auto &[label, n] : scores.missed()) {
        missed.insert(label, n);
    }
    QJsonObject spurious;
    for (const auto &[label, n] : scores.spurious()) {
        spurious.insert(label, n);
    }
    result.insert(QStringLiteral("missed"), missed);
    result.insert(QStringLiteral("spurious"), spurious);
}

QJsonObject relationScoresJson(const RelationScores &scores)
{
    QJsonObject labels;
    for (const auto &[label, s] : scores.labels()) {
        labels.insert(label,
                      QJsonObject{{QStringLiteral("exact"), countsJson(s.exact)},
                                  {QStringLiteral("overlap"), countsJson(s.overlap)}});
    }
    const auto perLabel = [](const std::map<QString, qint64> &counts) {
        QJsonObject out;
        for (const auto &[label, n] : counts) {
            out.insert(label, n);
        }
        return out;
    };
    return {{QStringLiteral("labels"), labels},
            {QStringLiteral("micro"),
             QJsonObject{{QStringLiteral("exact"), countsJson(scores.microExact())},
                         {QStringLiteral("overlap"), countsJson(scores.microOverlap())}}},
            {QStringLiteral("macro"),
             QJsonObject{{QStringLiteral("exact"), averagesJson(scores.macroExact())},
                         {QStringLiteral("overlap"), averagesJson(scores.macroOverlap())}}},
            {QStringLiteral("missed"), perLabel(scores.missed())},
            {QStringLiteral("spurious"), perLabel(scores.spurious())},
            {QStringLiteral("mislabelled"), perLabel(scores.mislabelled())}};
}

} // namespace Scholiast::Metrics
