// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "logging_p.h"

namespace Scholiast {

// QtInfoMsg: debug messages are off by default, warnings and info on.
Q_LOGGING_CATEGORY(lcAnnotations, "scholiast.annotations", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFormats, "scholiast.formats", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "scholiast.cli", QtInfoMsg)

} // namespace Scholiast
