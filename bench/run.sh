#!/usr/bin/env bash
# Runs the HTTP benchmarks of bench/README.md on this machine and prints one row per run:
# requests per second, latency p50/p99, the server's CPU time per request (user + system,
# from /proc/PID/stat; steadier than req/s on a busy machine) and its peak resident memory
# (VmHWM of /proc/PID/status).
# Builds in Release into build-bench/ (override with VORONKA_BENCH_BUILD; VORONKA_BENCH_NO_BUILD=1
# uses the binaries already there). Needs wrk (scripts/install-deps.sh --bench). Raw wrk output
# goes to bench/results/<time>/.
#
# Usage: bench/run.sh [DURATION]        DURATION as wrk takes it, default 10s
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${VORONKA_BENCH_BUILD:-$root/build-bench}
duration=${1:-10s}
connections=64
wrk_threads=2
results=$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)

server_pid=
server_url=
server_log=

build_targets() {
    [[ ${VORONKA_BENCH_NO_BUILD:-0} == 1 ]] && return
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" --target "$@"
}

# start_server NAME COMMAND...: starts COMMAND in the background and waits until it prints
# "listening on HOST:PORT". Sets server_pid, server_url and server_log.
start_server() {
    local name=$1
    shift
    server_log=$results/$name.server.log
    : >"$server_log"
    "$@" >>"$server_log" 2>&1 &
    server_pid=$!
    local address=
    for _ in $(seq 1 100); do
        address=$(sed -n 's/.*listening on \([0-9.]*:[0-9]*\).*/\1/p' "$server_log" | head -n 1)
        [[ -n $address ]] && break
        if ! kill -0 "$server_pid" 2>/dev/null; then
            echo "run.sh: $name exited before listening:" >&2
            cat "$server_log" >&2
            exit 1
        fi
        sleep 0.1
    done
    if [[ -z $address ]]; then
        echo "run.sh: $name did not start listening" >&2
        stop_server
        exit 1
    fi
    server_url=http://$address
}

# CPU time (user + system) the running server has used so far, in clock ticks.
cpu_ticks() {
    awk '{print $14 + $15}' "/proc/$server_pid/stat"
}

# Peak resident memory of the running server, in KiB (VmHWM of /proc/PID/status).
peak_rss_kib() {
    awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status"
}

stop_server() {
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        wait "$server_pid" || true
    fi
    server_pid=
}

print_header() {
    printf '%-24s %10s %9s %9s %13s %12s\n' "run" "req/s" "p50" "p99" "server CPU/req" "peak RSS"
}

# run_wrk NAME PATH [WRK ARGS...]: loads server_url/PATH with wrk and prints a row.
run_wrk() {
    local name=$1 path=$2
    shift 2
    local out=$results/${name// /_}.wrk.txt
    local ticks_before ticks_after
    ticks_before=$(cpu_ticks)
    wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency "$@" "$server_url$path" >"$out"
    ticks_after=$(cpu_ticks)
    local rps p50 p99 rss requests cpu_us
    requests=$(awk '/requests in/ {print $1}' "$out")
    cpu_us=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
        'BEGIN {printf "%.1f us", (n > 0 ? t * 1e6 / hz / n : 0)}')
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
    p50=$(awk '$1 == "50%" {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    rss=$(peak_rss_kib)
    if grep -q 'Non-2xx or 3xx responses' "$out"; then
        echo "run.sh: $name: $(grep 'Non-2xx' "$out")" >&2
    fi
    printf '%-24s %10s %9s %9s %13s %8s KiB\n' "$name" "$rps" "$p50" "$p99" "$cpu_us" "$rss"
}

# The floor of the HTTP stack: raw Beast answering a constant, 2 I/O threads.
bench_floor() {
    start_server floor "$build/bench/voronka_floor_server" 0 2
    run_wrk "beast floor" /
    stop_server
}

# api::Server with a constant handler, 2 I/O threads: our server's cost over the floor.
bench_server_floor() {
    start_server server_floor "$build/bench/voronka_server_floor" 0 2
    run_wrk "api::Server constant" /
    stop_server
}

# Hook: the real binary. Start `voronka serve` on a free loopback port against a fresh
# database (start_server, once it prints "listening on HOST:PORT"), sign in to get a token,
# then: run_wrk "voronka /healthz" /healthz; run_wrk "voronka /api/v1/me" /api/v1/me -H
# "Authorization: Bearer $token". peak_rss_kib gives the memory figure under that load.
bench_voronka() {
    :
}

# Hook: p99 at half of the measured peak rate needs a rate-limited load generator; wrk has no
# rate option.
bench_latency_at_half_peak() {
    :
}

main() {
    command -v wrk >/dev/null || {
        echo "run.sh: wrk is missing; run scripts/install-deps.sh --bench" >&2
        exit 1
    }
    build_targets voronka_floor_server voronka_server_floor
    mkdir -p "$results"
    trap stop_server EXIT
    echo "wrk -t$wrk_threads -c$connections -d$duration --latency; $(nproc) cores; results in $results"
    print_header
    bench_floor
    bench_server_floor
    bench_voronka
    bench_latency_at_half_peak
}

main "$@"
