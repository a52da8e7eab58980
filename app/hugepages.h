// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: GPL-3.0-or-later
// Transparent huge pages for malloc, asked for by starting the process again (issue 17).
#pragma once

#include <cstdlib>

#include <unistd.h>

namespace Scholiast {

/// A large document's spans live in arrays of tens of megabytes, which glibc's malloc backs with
/// 4 kB pages: their page faults and TLB misses were a fifth of `diff`, a tenth of `agree` and a
/// fifth of the window's open of the 50 MB / 1M-span case (docs/PERFORMANCE.md). glibc reads its
/// tunables only as a process starts, so the process starts itself again, once, with the same
/// arguments and process id, asking malloc for transparent huge pages where the system grants
/// them on request ("madvise"; "always" grants them anyway, "never" not at all). A GLIBC_TUNABLES
/// already set is left as it is (so there is no second start), and when the start fails the
/// process goes on as it was started. Call it first thing in main(), before any thread starts.
inline void startAgainWithHugePages(char *argv[])
{
#if defined(__linux__) && defined(__GLIBC__)
    constexpr const char *Tunables = "GLIBC_TUNABLES";
    if (std::getenv(Tunables) != nullptr || setenv(Tunables, "glibc.malloc.hugetlb=1", 1) != 0) {
        return;
    }
    execv("/proc/self/exe", argv);
    unsetenv(Tunables);
#else
    (void)argv;
#endif
}

} // namespace Scholiast
