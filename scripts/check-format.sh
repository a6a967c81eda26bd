#!/usr/bin/env bash
# Fails, naming the files, when clang-format (Debian 12's, version 14, with .clang-format) would
# change any C++ file tracked by git. `scripts/check-format.sh --fix` formats them instead.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
if [[ "${1:-}" == "--fix" ]]; then
    clang-format -i "${files[@]}"
    exit 0
fi
unformatted=()
for f in "${files[@]}"; do
    if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
        unformatted+=("$f")
    fi
done
if (( ${#unformatted[@]} > 0 )); then
    echo "clang-format would change ${#unformatted[@]} file(s); run scripts/check-format.sh --fix:" >&2
    printf '  %s\n' "${unformatted[@]}" >&2
    exit 1
fi
echo "${#files[@]} C++ files formatted"
