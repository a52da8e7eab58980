// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace Scholiast {

/// scholiast.editing: loading, saving, the file watcher, the lock, suggestion runs (annotations/logging_p.h).
Q_DECLARE_LOGGING_CATEGORY(lcEditing)

} // namespace Scholiast
