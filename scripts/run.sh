#!/usr/bin/env bash
# Installs what is missing, builds, prepares the demo database and starts the server on
# http://127.0.0.1:8080 (SQLite at ./data/voronka.db). Stop it with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release
./build-release/src/app/voronka demo
exec ./build-release/src/app/voronka serve --listen "${VORONKA_LISTEN:-127.0.0.1:8080}"
