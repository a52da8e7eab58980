# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: MIT
# Suggesters (issue 9, docs/SUGGEST.md): rules (quotes, boilerplate, a user's patterns) and model
# commands, giving pending spans. Included by annotations/CMakeLists.txt; paths relative to annotations/.
target_sources(scholiast_annotations PRIVATE
    suggest/suggestion.h suggest/suggestion.cpp
    suggest/quotes.h suggest/quotes.cpp
    suggest/attribution.h suggest/attribution.cpp
    suggest/boilerplate.h suggest/boilerplate.cpp
    suggest/patterns.h suggest/patterns.cpp
    suggest/modelcommand.h suggest/modelcommand.cpp
    cli/suggest.cpp
)
