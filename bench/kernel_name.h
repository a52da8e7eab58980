// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Which simdjson kernel the On-Demand code of a translation unit compiled to. Defined in
// kernel_name.cpp, which is compiled with the same flags as the scholiastjsonreader.cpp it is linked with.
//
// Not simdjson::builtin_implementation()->name(): that function lives in libsimdjson.so and names
// the *library's* compile-time kernel, not the one inlined into our code.
const char *scholiastBenchOndemandKernel();
