// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "uilog.h"

namespace Scholiast {

Q_LOGGING_CATEGORY(lcUi, "scholiast.ui", QtInfoMsg)

} // namespace Scholiast
