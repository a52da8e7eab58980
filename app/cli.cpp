// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"
#include "formats/scholiastjson.h"
#include "hugepages.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <string>

#include <sys/stat.h>

namespace {

// Whether an argument names a folder, or a file or document's sidecar large enough to be read in
// batches: only then is starting again with huge pages (hugepages.h) worth its few milliseconds,
// which a script that runs the CLI on each of many small files would pay each time.
bool namesLargeInput(int argc, char *argv[])
{
    const auto large = [](const std::string &path) {
        struct stat status;
        return stat(path.c_str(), &status) == 0
            && (S_ISDIR(status.st_mode) || status.st_size >= Scholiast::ScholiastJson::BatchedReadMinBytes);
    };
    for (int i = 1; i < argc; ++i) {
        if (large(argv[i]) || large(std::string(argv[i]) + ".scholiast.json")) {
            return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    if (namesLargeInput(argc, argv)) {
        Scholiast::startAgainWithHugePages(argv);
    }
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
