#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz and runs each for SECONDS (default 60)
# on its seeds (fuzz/corpus/NAME, read only) plus what earlier runs found (build-fuzz/corpus/NAME),
# with its dictionary (fuzz/dict/NAME.dict) when there is one. Prints the executions each reached.
# Exits non-zero on the first crash, leak, timeout or broken property, printing the input that
# did it and the command that replays it. docs/fuzzing.md says more.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (targets: json_body http_head duration time
#        phone template cursor csv; default all)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=(json_body http_head duration time phone template cursor csv)
fi

scripts/install-deps.sh
build=build-fuzz
CXX=clang++ scripts/build.sh "$build" -DVORONKA_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo

summary=()
for target in "${targets[@]}"; do
    binary=$build/fuzz/fuzz_$target
    found=$build/corpus/$target
    artifacts=$build/crashes/$target
    log=$build/fuzz_$target.log
    rm -rf "$artifacts"
    mkdir -p "$found" "$artifacts"
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096
             -print_final_stats=1 -artifact_prefix="$artifacts/")
    if [[ -f fuzz/dict/$target.dict ]]; then
        options+=(-dict="fuzz/dict/$target.dict")
    fi
    echo "fuzz: $target for ${seconds}s" >&2
    if ! "$binary" "${options[@]}" "$found" "fuzz/corpus/$target" > "$log" 2>&1; then
        tail -n 60 "$log" >&2
        for input in "$artifacts"/*; do
            [[ -f $input ]] || continue
            echo "fuzz: $target failed on $input:" >&2
            od -A d -c "$input" | head -n 20 >&2
            echo "fuzz: replay with: $binary $input" >&2
        done
        exit 1
    fi
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    per_second=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    inputs=$(find "$found" -type f | wc -l)
    summary+=("$(printf '%-10s %12s executions %8s/s %6s inputs found' "$target" "$executions" "$per_second" "$inputs")")
done
echo "fuzz: no crash in ${seconds}s per target" >&2
printf '%s\n' "${summary[@]}"
