#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every test: unit, storage
# and API layers on SQLite and on a private PostgreSQL cluster that ctest starts and stops.
# Extra arguments go to ctest (e.g. scripts/test.sh -L unit).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVORONKA_WERROR=ON
cd build-test
ctest --output-on-failure --timeout 600 -j "${VORONKA_TEST_JOBS:-2}" "$@"
