// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Scholiast {

/// What `scholiast --version` prints and Help > About shows: Scholiast's version, Qt's (run
/// time and build time) and KSyntaxHighlighting's, or that it is not built in. One line each.
[[nodiscard]] QString versionInfo();

} // namespace Scholiast
