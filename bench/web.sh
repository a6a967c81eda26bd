#!/bin/sh
# The web UI's benchmark (issue 8): bench/web.mjs with playwright-core from web/node_modules.
#   VORONKA_DATABASE=sqlite:/tmp/copy-of/voronka.db bench/web.sh [RUNS]
# Builds web/dist when it is missing; see bench/web.mjs for the environment.
set -eu
cd "$(dirname "$0")/../web"
[ -d node_modules/playwright-core ] || npm ci
[ -f dist/index.html ] || npm run build
exec node ../bench/web.mjs "$@"
