#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Scholiast developers
# SPDX-License-Identifier: GPL-3.0-or-later
# The Node interop test (issue 15): installs the npm packages pinned in package-lock.json into the
# build tree with `npm ci` and runs interop.test.mjs against scholiast-cli. Skipped (exit 77, CTest's
# SKIP_RETURN_CODE) with a message only where node or npm are missing or npm cannot install.
# usage: run-interop.sh SCHOLIAST_CLI WORK_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cli=$1
work=$2
# SCHOLIAST_NO_APT: the Debian 13 root (tools/debian13-test.sh) installs nothing from a test; there
# an apt-get run by this script killed the test (CI on e4fd370), and npm cannot reach the registry.
if { ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; } && [ "$(id -u)" -eq 0 ] \
    && [ -z "${SCHOLIAST_NO_APT:-}" ]; then
    # Debian's own packages, installed here rather than in tools/debian-packages.txt so that a
    # machine whose Node.js comes from elsewhere (with npm included) is left alone.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null 2>&1 \
             && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null 2>&1; } \
        || true
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "SKIP: node and npm are not installed (Debian packages nodejs and npm, tools/debian-packages.txt)"
    exit 77
fi
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/interop.test.mjs" "$work/"
# npm's downloads are cached outside the clone, so CI does not fetch them again on every run.
: "${npm_config_cache:=/var/cache/scholiast/npm}"
if ! mkdir -p "$npm_config_cache" 2>/dev/null || [ ! -w "$npm_config_cache" ]; then
    npm_config_cache="$work/npm-cache"
fi
export npm_config_cache
if ! (cd "$work" && npm ci --prefer-offline --ignore-scripts --no-audit --no-fund >npm-ci.log 2>&1); then
    echo "SKIP: npm could not install the pinned packages (package-lock.json); npm said:"
    tail -n 5 "$work/npm-ci.log"
    exit 77
fi
cd "$work"
exec node --test-reporter=spec interop.test.mjs "$cli" "$work/runs" 2>&1
