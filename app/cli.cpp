// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("scholiast-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SCHOLIAST_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = Scholiast::Cli::run(QCoreApplication::arguments().mid(1), out, err);
    out.flush();
    err.flush();
    return code;
}
