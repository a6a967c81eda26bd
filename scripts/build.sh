#!/usr/bin/env bash
# Configures and builds Voronka into a build directory, and the web UI into web/dist.
# Usage: scripts/build.sh BUILD_DIR [extra cmake -D options...]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=$1
shift
cmake -S . -B "$build_dir" -G Ninja "$@" > "$build_dir.configure.log" 2>&1 || {
    cat "$build_dir.configure.log" >&2
    exit 1
}
# Heavy translation units (Beast) take ~1 GB each to compile; two jobs fit the smallest machine.
cmake --build "$build_dir" -j "${VORONKA_BUILD_JOBS:-2}"
scripts/build-web.sh
