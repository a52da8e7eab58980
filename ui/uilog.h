// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

namespace Scholiast {

/// scholiast.ui: the window's documents, autosave and recovery (annotations/logging_p.h).
Q_DECLARE_LOGGING_CATEGORY(lcUi)

} // namespace Scholiast
