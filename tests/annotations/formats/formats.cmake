# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Interchange formats (issue 5): the offset-unit module and every format's reader and writer.
scholiast_add_test(offsetunits_test SOURCES formats/offsetunits_test.cpp LIBS scholiast_annotations)
scholiast_add_test(interchange_test SOURCES formats/interchange_test.cpp LIBS scholiast_annotations)
# A corpus folder's shared label schema (issue 18).
scholiast_add_test(labelschemafile_test SOURCES formats/labelschemafile_test.cpp LIBS scholiast_annotations)
# Issue 18 item 4: the import's format told from the file's content.
scholiast_add_test(formatsniffer_test SOURCES formats/formatsniffer_test.cpp LIBS scholiast_annotations)
# Relations in the sidecar, version 2 of the format (issue 19).
scholiast_add_test(relations_test SOURCES formats/relations_test.cpp LIBS scholiast_annotations)
# Discontinuous spans: fragments in the sidecar, the index, re-anchoring, metrics, formats (issue 19).
scholiast_add_test(fragments_test SOURCES formats/fragments_test.cpp LIBS scholiast_annotations)
