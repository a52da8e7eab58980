#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes (once) and updates a Debian 13 root for building and testing Scholiast with Qt 6.8 and
# KF6, in a cache folder outside the clone. Prints the root's path on the last line; exits 3
# with a warning when the machine lacks the space or the tools for it.
#   debian13-root.sh [NAME [PACKAGE-LIST]]: the root's folder name in the cache (trixie-root)
#   and its package list (tools/debian13-packages.txt); an empty list keeps the root bare.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${SCHOLIAST_DEBIAN13_CACHE:-/var/cache/scholiast}"
root="$cache/${1:-trixie-root}"
mirror="${SCHOLIAST_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
list="${2-$here/debian13-packages.txt}"
stamp="$root/.scholiast-packages.sha256"

if [ "$(id -u)" -ne 0 ]; then
    echo "warning: the Debian 13 root needs root (debootstrap, chroot); skipping" >&2
    exit 3
fi
mkdir -p "$cache"
free_kb=$(df -Pk "$cache" | awk 'NR==2 {print $4}')
if [ ! -e "$root/.scholiast-complete" ] && [ "${free_kb:-0}" -lt $((3 * 1024 * 1024)) ]; then
    echo "warning: $cache has $((free_kb / 1024)) MB free; the Debian 13 root needs about 3 GB; skipping" >&2
    exit 3
fi
if ! command -v debootstrap >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi
if [ ! -e "$root/.scholiast-complete" ]; then
    rm -rf "$root"
    echo "Making the Debian 13 root in $root (once; cached afterwards)" >&2
    log="$cache/debootstrap-$(basename "$root").log"
    debootstrap --variant=minbase trixie "$root" "$mirror" >"$log" 2>&1 || {
        echo "error: debootstrap failed; see $log" >&2
        tail -5 "$log" >&2
        exit 1
    }
    touch "$root/.scholiast-complete"
fi
want=$([ -z "$list" ] || sha256sum "$list" | cut -d' ' -f1)
if [ -n "$list" ] && [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    mapfile -t packages < <(grep -v '^\s*#' "$list" | grep -v '^\s*$')
    echo "Installing into the Debian 13 root: ${packages[*]}" >&2
    unshare -m chroot "$root" /bin/sh -c "mount -t proc proc /proc && apt-get update -qq && \
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages[*]}" \
        >"$cache/apt.log" 2>&1 || {
        echo "error: installing packages in the Debian 13 root failed; see $cache/apt.log" >&2
        tail -5 "$cache/apt.log" >&2
        exit 1
    }
    echo "$want" >"$stamp"
fi
echo "$root"
