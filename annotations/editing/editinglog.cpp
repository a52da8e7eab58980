// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "editinglog_p.h"

namespace Scholiast {

Q_LOGGING_CATEGORY(lcEditing, "scholiast.editing", QtInfoMsg)

} // namespace Scholiast
