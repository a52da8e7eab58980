// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Resident memory for the 50 MB document plus its 1,000,000 spans, in a fresh process:
// loads the document, reads and validates the sidecar into an AnnotationSet (what opening a file
// in Scholiast keeps), and prints VmRSS / VmHWM from /proc/self/status after each step.
// The inputs are generated in a child process first when missing, so that generation does not
// count. Usage: memory_probe   (inputs in $SCHOLIAST_BENCH_DIR or the temp folder, see generate.h)

#include "annotationset.h"
#include "document.h"
#include "generate.h"
#include "formats/scholiastjson.h"

#include <QFile>

#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

using namespace Scholiast;

namespace {

long statusKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key)) {
            return line.mid(key.size()).trimmed().split(' ').value(0).toLong();
        }
    }
    return -1;
}

void print(const char *step)
{
    // malloc's own count of bytes handed out, beside the resident set: the gap is free memory the
    // heap keeps (fragmentation), not data.
    const struct mallinfo2 heap = mallinfo2();
    std::printf("%-44s VmRSS %7.1f MB   VmHWM %7.1f MB   in use %7.1f MB\n", step, double(statusKb("VmRSS")) / 1024.0,
                double(statusKb("VmHWM")) / 1024.0, double(heap.uordblks + heap.hblkhd) / 1048576.0);
    std::fflush(stdout);
}

} // namespace

int main()
{
    const pid_t child = fork();
    if (child == 0) {
        (void)Bench::ensureFiles();
        _exit(0);
    }
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "input generation failed\n");
        return 1;
    }
    const Bench::Files files = Bench::ensureFiles(false);

    print("start (Qt loaded)");
    const long base = statusKb("VmRSS");
    Diagnostics diagnostics;
    auto doc = Document::load(files.document, diagnostics);
    if (!doc) {
        return 1;
    }
    print("document loaded");
    AnnotationSet set;
    {
        auto sidecar = ScholiastJson::read(files.sidecar, diagnostics, &*doc);
        if (!sidecar) {
            for (const Diagnostic &d : diagnostics) {
                std::fprintf(stderr, "%s\n", qPrintable(d.message));
            }
            return 1;
        }
        print("sidecar read + validated");
        set.reset(sidecar->annotations);
        print("annotation set filled");
    }
    print("sidecar dropped (document + set remain)");
    malloc_trim(0);
    print("after malloc_trim");
    std::printf("spans: %lld, document: %lld code points\n", qint64(set.size()), doc->length());
    std::printf("document + spans above start: %.1f MB\n", double(statusKb("VmRSS") - base) / 1024.0);
    return 0;
}
