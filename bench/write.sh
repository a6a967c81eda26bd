#!/usr/bin/env bash
# The issue-12 benchmark (docs/benchmarks.md, "Issue 12 — the write path"): create a deal over the
# API on a fresh SQLite database at synchronous = FULL, with group commit (the default) and
# without it (sqlite_group_commit = 1, each request committed alone, as before), beside the raw
# single-row transaction of the same database (voronka_raw_insert: the product's deal insert, each
# transaction committed alone) in the same round. Per round:
#   - raw: voronka_raw_insert --threads 8;
#   - POST /api/v1/deals as a manager, wrk -c8 and -c64, group commit on, then off;
#   - p99 at half the group-on -c64 rate (voronka_loadgen, open loop, 64 connections);
#   - a lone client: voronka_loadgen -c1 at 20 requests/s, group on, then off (p50, p99);
#   - the mean group size of each group-on server from /metrics.
# Rounds alternate nothing else; compare figures within a round (the machine is shared).
#
# Usage: bench/write.sh [ROUNDS [SECONDS]]   (default 3 rounds of 8 s runs; ~3 minutes a round)
# Environment: VORONKA_BENCH_BUILD (default build-bench), VORONKA_BENCH_NO_BUILD=1.
# Output: bench/results/write-<UTC time>/ (not committed); summary.txt has every figure.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${VORONKA_BENCH_BUILD:-$root/build-bench}
rounds=${1:-3}
seconds=${2:-8}
(( rounds >= 1 && rounds <= 20 && seconds >= 1 && seconds <= 60 )) || { echo "usage: $0 [ROUNDS [SECONDS]]" >&2; exit 2; }
results=$root/bench/results/write-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results"
voronka=$build/src/app/voronka
loadgen=$build/bench/voronka_loadgen
body='{"title":"Поставка оборудования","amount":1500000,"currency":"RUB"}'

server_pid=
cleanup() {
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" || true; fi
    rm -rf "$results/db"
}
trap cleanup EXIT

if [[ ${VORONKA_BENCH_NO_BUILD:-0} != 1 ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" --target voronka voronka_raw_insert voronka_loadgen >/dev/null
fi
command -v wrk >/dev/null || { echo "write.sh: wrk is missing; run scripts/install-deps.sh --bench" >&2; exit 1; }

log() { echo "$*" | tee -a "$results/summary.txt"; }

# start_server DATABASE GROUP: voronka serve on a free loopback port; sets server_pid and url.
start_server() {
    local out=$results/server.log
    : >"$out"
    VORONKA_SQLITE_GROUP_COMMIT=$2 VORONKA_LOG_LEVEL=warn "$voronka" serve --listen 127.0.0.1:0 --database "$1" >"$out" 2>&1 &
    server_pid=$!
    local address=
    for _ in $(seq 1 300); do
        address=$(sed -n 's/.*listening on \(http:\/\/\)\{0,1\}\([0-9.]*:[0-9]*\).*/\2/p' "$out" | head -n 1)
        [[ -n $address ]] && break
        kill -0 "$server_pid" 2>/dev/null || { cat "$out" >&2; exit 1; }
        sleep 0.1
    done
    [[ -n $address ]] || { echo "write.sh: no listening line" >&2; exit 1; }
    url=http://$address
}
stop_server() {
    kill -TERM "$server_pid"
    wait "$server_pid" || true
    server_pid=
}
login() {
    curl -sf -X POST -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"voronka-demo\"}" \
        "$url/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
metric() { curl -sf "$url/metrics" | awk -v m="$1" '$1 == m {print $2}'; }

# post_wrk CONNECTIONS TOKEN: prints "req/s p50 p99" of wrk creating deals.
post_wrk() {
    cat >"$results/post_deal.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$body'
LUA
    wrk -t2 -c"$1" -d"${seconds}s" --latency -s "$results/post_deal.lua" -H "Authorization: Bearer $2" \
        "$url/api/v1/deals" >"$results/wrk.txt"
    grep -q 'Non-2xx' "$results/wrk.txt" && { cat "$results/wrk.txt" >&2; echo "write.sh: non-2xx answers" >&2; exit 1; }
    echo "$(awk '/^Requests\/sec/ {print $2}' "$results/wrk.txt") $(awk '$1 == "50%" {print $2}' "$results/wrk.txt") $(awk '$1 == "99%" {print $2}' "$results/wrk.txt")"
}

# post_rate RATE CONNECTIONS TOKEN: voronka_loadgen's summary line of creating deals at RATE.
post_rate() {
    "$loadgen" -r "$1" -c "$2" -t "$(( $2 < 2 ? 1 : 2 ))" -d "$seconds" -H 'Content-Type: application/json' \
        -H "Authorization: Bearer $3" -b "$body" "$url/api/v1/deals" 2>&1 | tr '\n' ' '
}

log "write.sh $(date -u +%FT%TZ); $(nproc) cores; source $(git -C "$root" rev-parse --short HEAD)" \
    "($(git -C "$root" status --porcelain | wc -l) paths changed); $rounds rounds of ${seconds}s; results in $results"
for round in $(seq 1 "$rounds"); do
    rm -rf "$results/db"
    mkdir -p "$results/db"
    database=sqlite:$results/db/voronka.db
    "$voronka" demo --accounts-only --database "$database" >/dev/null
    log "== round $round: $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    log "raw single-row transactions: $("$build/bench/voronka_raw_insert" --database "$database" --threads 8 --seconds "$seconds")"
    for group in 64 1; do
        start_server "$database" "$group"
        manager=$(login ivanov@voronka.example)
        for c in 8 64; do
            read -r rate p50 p99 < <(post_wrk "$c" "$manager")
            log "group_commit=$group POST /api/v1/deals wrk -c$c: $rate req/s, p50 $p50, p99 $p99"
            [[ $group == 64 && $c == 64 ]] && peak=$rate
        done
        if [[ $group == 64 ]]; then
            half=$(python3 -c "print(max(1, int(float('$peak') / 2)))")
            log "group_commit=$group at half the -c64 rate ($half/s, 64 connections): $(post_rate "$half" 64 "$manager")"
        fi
        log "group_commit=$group lone client (20/s, 1 connection): $(post_rate 20 1 "$manager")"
        if [[ $group == 64 ]]; then
            commits=$(metric voronka_db_write_commits_total)
            writes=$(metric voronka_db_writes_committed_total)
            log "group_commit=$group commits $commits for $writes write transactions: mean group $(python3 -c "print(round($writes / max(1, $commits), 2))")"
        fi
        stop_server
    done
    log "raw single-row transactions (again): $("$build/bench/voronka_raw_insert" --database "$database" --threads 8 --seconds "$seconds")"
done
