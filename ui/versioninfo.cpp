// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "versioninfo.h"

#include "view/syntaxhighlighter.h"

#include <QStringList>

namespace Scholiast {

QString versionInfo()
{
    QStringList lines;
    lines.append(QStringLiteral("Scholiast " SCHOLIAST_VERSION));
    const QString runtime = QString::fromLatin1(qVersion());
    lines.append(runtime == QLatin1String(QT_VERSION_STR)
                     ? QStringLiteral("Qt %1").arg(runtime)
                     : QStringLiteral("Qt %1 (built with %2)").arg(runtime, QLatin1String(QT_VERSION_STR)));
    lines.append(SyntaxHighlighter::isAvailable()
                     ? QStringLiteral("KSyntaxHighlighting %1").arg(SyntaxHighlighter::version())
                     : QStringLiteral("KSyntaxHighlighting: not built in"));
    return lines.join(u'\n');
}

} // namespace Scholiast
