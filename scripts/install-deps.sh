#!/usr/bin/env bash
# Installs, with apt-get, every Debian 12 package that building, running and testing Voronka
# needs. Idempotent: packages already present are skipped; apt-get runs only when one is missing.
# Usage: scripts/install-deps.sh [--bench]   (--bench adds the load generator)
set -euo pipefail

packages=(
    # build
    build-essential cmake ninja-build pkg-config git
    # fuzzing (scripts/fuzz.sh): clang with libFuzzer and the sanitizer runtimes
    clang libclang-rt-14-dev
    # the formatting check (scripts/check-format.sh, the ctest test `format`)
    clang-format
    # libraries (DESIGN.md, "Stack")
    libboost-dev nlohmann-json3-dev libsqlite3-dev libpq-dev libcurl4-openssl-dev
    libsodium-dev libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev
    libphonenumber-dev libicu-dev
    # data in and out (issue 13): XLSX written with libxlsxwriter, read with minizip + expat;
    # a CSV file's encoding guessed with uchardet
    libxlsxwriter-dev libminizip-dev libexpat1-dev libuchardet-dev
    # test peers: PostgreSQL started by the tests themselves
    postgresql postgresql-contrib
    # pg_dump and pg_restore: `voronka backup` and `restore` on PostgreSQL
    postgresql-client
    # the SMTP server of the e-mail tests (tests/peers/smtp_peer.py)
    python3-aiosmtpd
    # for sending a password to `voronka user add` and reading JSON in the run script
    python3 tzdata
    # the web UI's browser tests: playwright-core drives Debian's /usr/bin/chromium (no browser
    # is downloaded)
    chromium
)
# The web UI (web/) is built with Node and npm. Debian's packages when the commands are missing;
# a Node installed otherwise (e.g. NodeSource's, whose nodejs conflicts with Debian's npm) is kept.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
fi
if [[ "${1:-}" == "--bench" ]]; then
    packages+=(wrk)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    sudo_cmd=(sudo)
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
