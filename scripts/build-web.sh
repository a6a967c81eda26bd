#!/usr/bin/env bash
# Builds the web UI into web/dist (served by `voronka serve`, config key web_root): installs the
# locked packages with `npm ci` when web/node_modules is missing or older than the lock file, then
# type-checks against the API document and bundles.
set -euo pipefail
cd "$(dirname "$0")/../web"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund
fi
npm run build
