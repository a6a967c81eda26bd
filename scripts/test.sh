#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every test: unit, storage
# and API layers on SQLite and on a private PostgreSQL cluster that ctest starts and stops.
# A full run (no arguments) then runs each fuzz target briefly (scripts/fuzz.sh, 10 s each;
# VORONKA_FUZZ_SECONDS changes it, 0 skips). Extra arguments go to ctest (e.g. scripts/test.sh -L unit)
# and skip the fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVORONKA_WERROR=ON
(cd build-test && ctest --output-on-failure --timeout 600 -j "${VORONKA_TEST_JOBS:-2}" "$@")
fuzz_seconds=${VORONKA_FUZZ_SECONDS:-10}
if [[ $# -eq 0 && $fuzz_seconds != 0 ]]; then
    scripts/fuzz.sh "$fuzz_seconds"
fi
