# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: MIT
# Agreement, P/R/F1, review classification and merging of annotators' spans (issue 6,
# docs/METRICS.md). Included by annotations/CMakeLists.txt; paths are relative to annotations/.
target_sources(scholiast_annotations PRIVATE
    metrics/metrics_p.h metrics/matching.cpp
    metrics/spanlist.h metrics/spanlist.cpp
    metrics/spanscores.h metrics/spanscores.cpp
    metrics/review.h metrics/review.cpp
    metrics/relationscores.h metrics/relationscores.cpp
    metrics/codepointagreement.h metrics/codepointagreement.cpp
    metrics/merge.h metrics/merge.cpp
    metrics/metricsjson.h metrics/metricsjson.cpp
    cli/metrics.cpp
)
