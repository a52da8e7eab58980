# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: MIT
# Interchange formats (issue 5): one reader/writer pair per format, sharing the offset-unit
# conversion (offsetunits), the JSON tree with positions (jsontree_p) and the helpers in interchange.
target_sources(scholiast_annotations PRIVATE
    formats/offsetunits.h formats/offsetunits.cpp
    formats/jsontree_p.h formats/jsontree.cpp
    formats/interchange.h formats/interchange.cpp
    formats/formatsniffer.h formats/formatsniffer.cpp
    formats/writecheck.h formats/writecheck.cpp
    formats/importwriter.h formats/importwriter.cpp
    formats/salvage.h
    formats/jsonldataset.h formats/jsonldataset.cpp
    formats/doccano.h formats/doccano.cpp
    formats/brat.h formats/brat.cpp
    formats/labelstudio.h formats/labelstudio.cpp
    formats/spacyjsonl.h formats/spacyjsonl.cpp
    formats/webannotation.h formats/webannotation.cpp
    formats/conllbio.h formats/conllbio.cpp
    formats/csvformat.h formats/csvformat.cpp
    formats/labelschemafile.h formats/labelschemafile.cpp
    cli/interchange.cpp
)
