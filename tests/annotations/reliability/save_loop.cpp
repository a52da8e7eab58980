// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Saves one of two sidecars in turn, as fast as it can, until killed: the subject of the kill
// test. It writes through ScholiastJson::write, the only way Scholiast writes a sidecar, and says
// "saved MICROSECONDS" after each save, so that the test can place its kills within a save.
#include "formats/scholiastjson.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace Scholiast;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fputs("usage: save_loop TARGET A.json B.json\n", stderr);
        return 2;
    }
    Diagnostics diagnostics;
    const auto a = ScholiastJson::read(args.at(2), diagnostics);
    const auto b = ScholiastJson::read(args.at(3), diagnostics);
    if (!a || !b) {
        return 1;
    }
    // Start with the version that is not on disk, so that every completed save changes the file.
    QFile current(args.at(1));
    const bool aOnDisk = current.open(QIODevice::ReadOnly) && current.readAll() == ScholiastJson::serialize(*a);
    std::puts("ready");
    std::fflush(stdout);
    QElapsedTimer timer;
    for (quint64 i = aOnDisk ? 1 : 0;; ++i) {
        timer.start();
        if (!ScholiastJson::write(args.at(1), (i % 2) ? *b : *a, diagnostics)) {
            return 1;
        }
        std::printf("saved %lld\n", static_cast<long long>(timer.nsecsElapsed() / 1000));
        std::fflush(stdout);
    }
}
