#!/usr/bin/env bash
# Runs the HTTP benchmarks of bench/README.md on this machine and prints one row per run:
# requests per second, latency p50/p99, the server's CPU time per request (user + system,
# from /proc/PID/stat; steadier than req/s on a busy machine) and its peak resident memory
# (VmHWM of /proc/PID/status).
# The runs are repeated in ROUNDS alternating rounds (floor, voronka, floor, voronka, ...) and
# summarised at the end with the median of each figure and of its ratio to the floor of the
# same round: the machine is shared, so only ratios within a round are comparable.
# Builds in Release into build-bench/ (override with VORONKA_BENCH_BUILD; VORONKA_BENCH_NO_BUILD=1
# uses the binaries already there). Needs wrk (scripts/install-deps.sh --bench). Raw wrk and
# loadgen output goes to bench/results/<time>/, with summary.tsv (one line per run) and
# summary.txt (the medians).
#
# Usage: bench/run.sh [DURATION [ROUNDS]]   DURATION as wrk takes it, default 10s; ROUNDS default 3
# Environment: VORONKA_BENCH_POSTGRES=0 skips the PostgreSQL runs (on by default when
# scripts/test-postgres.sh can start a cluster).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${VORONKA_BENCH_BUILD:-$root/build-bench}
duration=${1:-10s}
rounds=${2:-3}
connections=64
wrk_threads=2
results=$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)

server_pid=
server_url=
server_log=
round=0
summary=$results/summary.tsv
pg_dir=
pg_url=
# Set by run_wrk: the figures of the last run.
last_rps=

build_targets() {
    [[ ${VORONKA_BENCH_NO_BUILD:-0} == 1 ]] && return
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" --target "$@"
}

# start_server NAME COMMAND...: starts COMMAND in the background and waits until it prints
# "listening on [http://]HOST:PORT". Sets server_pid, server_url and server_log.
start_server() {
    local name=$1
    shift
    server_log=$results/r$round.$name.server.log
    : >"$server_log"
    "$@" >>"$server_log" 2>&1 &
    server_pid=$!
    local address=
    for _ in $(seq 1 100); do
        address=$(sed -n 's/.*listening on \(http:\/\/\)\{0,1\}\([0-9.]*:[0-9]*\).*/\2/p' "$server_log" | head -n 1)
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

# The largest VmRSS of the running server while a load runs, sampled every 0.2 s: its memory
# under that load, apart from earlier peaks that VmHWM keeps (a sign-in's argon2id hash takes
# 64 MiB for a moment).
sampler_pid=
sampler_out=
start_rss_sampler() {
    sampler_out=$tmp/rss.$server_pid
    echo 0 >"$sampler_out"
    local pid=$server_pid out=$sampler_out
    (
        max=0
        while rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) && [[ -n $rss ]]; do
            if ((rss > max)); then max=$rss; echo "$max" >"$out"; fi
            sleep 0.2
        done
    ) &
    sampler_pid=$!
}
stop_rss_sampler() {
    kill "$sampler_pid" 2>/dev/null || true
    wait "$sampler_pid" 2>/dev/null || true
    sampler_pid=
    cat "$sampler_out"
}

stop_server() {
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        wait "$server_pid" || true
    fi
    server_pid=
    # voronka logs a line per request (tens of MB per run): keep the start and the end.
    if [[ -n $server_log && -f $server_log ]] && (($(stat -c %s "$server_log") > 1048576)); then
        local lines
        lines=$(wc -l <"$server_log")
        { head -n 20 "$server_log"; echo "... ($lines lines in all, trimmed by run.sh) ..."; tail -n 20 "$server_log"; } \
            >"$server_log.trimmed"
        mv "$server_log.trimmed" "$server_log"
    fi
}

print_header() {
    printf '%-32s %8s %10s %10s %12s %13s %12s\n' "run" "req/s" "p50" "p99" "CPU/req" "VmHWM" "RSS in load"
}

# record NAME RPS P50_MS P99_MS CPU_US HWM_KIB LOAD_RSS_KIB: prints a row and appends it to
# summary.tsv.
record() {
    printf '%-32s %8s %10s %10s %9s us %9s KiB %8s KiB\n' "r$round $1" "$2" "$3ms" "$4ms" "$5" "$6" "$7"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$1" "$2" "$3" "$4" "$5" "$6" "$7" \
        "$(cut -d' ' -f1 /proc/loadavg)" >>"$summary"
}

# wrk prints latencies as 850.00us, 1.58ms or 1.02s; prints them in ms.
wrk_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
        printf "%.3f", n }'
}

# cpu_us_per TICKS REQUESTS: server CPU per request in microseconds.
cpu_us_per() {
    awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v n="$2" 'BEGIN {printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0)}'
}

# A run's name as a file name.
file_name() {
    echo "$1" | tr ' /:@' '____' | tr -s '_'
}

# run_wrk NAME PATH [WRK ARGS...]: loads server_url/PATH with wrk and prints a row. Sets last_rps.
run_wrk() {
    local name=$1 path=$2
    shift 2
    local out
    out=$results/r$round.$(file_name "$name").wrk.txt
    local ticks_before ticks_after
    start_rss_sampler
    ticks_before=$(cpu_ticks)
    wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency "$@" "$server_url$path" >"$out"
    ticks_after=$(cpu_ticks)
    local load_rss
    load_rss=$(stop_rss_sampler)
    local rps p50 p99 requests
    requests=$(awk '/requests in/ {print $1}' "$out")
    rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
    p50=$(wrk_ms "$(awk '$1 == "50%" {print $2}' "$out")")
    p99=$(wrk_ms "$(awk '$1 == "99%" {print $2}' "$out")")
    if grep -q 'Non-2xx or 3xx responses' "$out"; then
        echo "run.sh: $name: $(grep 'Non-2xx' "$out")" >&2
    fi
    if grep -q 'Socket errors' "$out"; then
        echo "run.sh: $name: $(grep 'Socket errors' "$out")" >&2
    fi
    record "$name" "$rps" "$p50" "$p99" "$(cpu_us_per $((ticks_after - ticks_before)) "$requests")" "$(peak_rss_kib)" "$load_rss"
    last_rps=$rps
}

# run_loadgen NAME RATE PATH [LOADGEN ARGS...]: loads server_url/PATH at RATE req/s for DURATION
# with voronka_loadgen (open loop, latency from the scheduled send) and prints a row.
run_loadgen() {
    local name=$1 rate=$2 path=$3
    shift 3
    local out
    out=$results/r$round.$(file_name "$name").loadgen.txt
    local seconds=${duration%s}
    local ticks_before ticks_after
    start_rss_sampler
    ticks_before=$(cpu_ticks)
    "$build/bench/voronka_loadgen" -v -r "$rate" -c "$connections" -t "$wrk_threads" -d "$seconds" "$@" \
        "$server_url$path" >"$out"
    ticks_after=$(cpu_ticks)
    local load_rss
    load_rss=$(stop_rss_sampler)
    local rps p50 p99 answers
    answers=$(sed -n 's/^achieved .*(\([0-9]*\) answers.*/\1/p' "$out")
    rps=$(awk '/^achieved/ {printf "%.0f", $2}' "$out")
    p50=$(awk '/^latency/ {print $6}' "$out")
    p99=$(awk '/^latency/ {print $12}' "$out")
    if ! grep -q '^non-2xx 0  errors 0  unsent 0  unfinished 0' "$out"; then
        echo "run.sh: $name: $(grep '^non-2xx' "$out")" >&2
    fi
    record "$name" "$rps" "$p50" "$p99" "$(cpu_us_per $((ticks_after - ticks_before)) "$answers")" "$(peak_rss_kib)" "$load_rss"
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

# start_voronka NAME DATABASE_URL [ENV...]: a demo organisation in DATABASE_URL, then `voronka
# serve` on a free loopback port with default settings plus ENV (VAR=value); signs in as the
# demo admin and sets token.
token=
start_voronka() {
    local name=$1 database=$2
    shift 2
    env "$@" "$build/src/app/voronka" demo --database "$database" >"$results/r$round.$name.demo.log" 2>&1
    start_server "$name" env "$@" "$build/src/app/voronka" serve --listen 127.0.0.1:0 --database "$database"
    token=$(curl -sf -X POST -H 'Content-Type: application/json' \
        -d '{"email":"admin@voronka.example","password":"voronka-demo"}' "$server_url/api/v1/auth/login" |
        sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
    if [[ -z $token ]]; then
        echo "run.sh: $name: sign-in failed" >&2
        stop_server
        exit 1
    fi
}

# A fresh database URL: a new SQLite file in the results' temporary directory, or a new
# database in the PostgreSQL cluster.
sqlite_url() {
    local dir
    dir=$(mktemp -d "$tmp/sqlite.XXXXXX")
    echo "sqlite:$dir/voronka.db"
}
postgres_url() {
    local db=voronka_bench_$1_r$round
    psql -q "${pg_url}postgres" -c "CREATE DATABASE $db" >/dev/null
    echo "$pg_url$db"
}

# voronka_runs LABEL DATABASE_URL HALF_PEAK [ENV...]: one server, loaded by wrk on /healthz and
# on /api/v1/me (signed in); with HALF_PEAK=1 also by voronka_loadgen at half the /me rate.
voronka_runs() {
    local label=$1 database=$2 half=$3
    shift 3
    start_voronka "$label" "$database" "$@"
    run_wrk "voronka $label /healthz" /healthz
    run_wrk "voronka $label /me" /api/v1/me -H "Authorization: Bearer $token"
    if [[ $half == 1 ]]; then
        bench_latency_at_half_peak "voronka $label /me" "$last_rps"
    fi
    stop_server
}

# The real binary: `voronka serve` with default settings on a fresh SQLite database (request
# log at info, one line per request on stderr, here a file) with the floor at the same rate as
# the control of its p99 at half peak, the same with the request log off
# (VORONKA_LOG_LEVEL=warn), and on PostgreSQL when a cluster could be started.
bench_voronka() {
    voronka_runs sqlite "$(sqlite_url)" 1
    bench_floor_at_rate "$half_rate"
    voronka_runs sqlite-warn "$(sqlite_url)" 0 VORONKA_LOG_LEVEL=warn
    if [[ -n $pg_url ]]; then
        voronka_runs postgres "$(postgres_url info)" 1
    fi
}

# bench_latency_at_half_peak NAME PEAK_RPS: on the running server, loads /api/v1/me at half of
# PEAK_RPS (the wrk rate of this round) with voronka_loadgen; its row has the p99 of the
# target and the server's peak RSS after both loads.
half_rate=
bench_latency_at_half_peak() {
    local name=$1 peak=$2
    local rate=$((peak / 2))
    run_loadgen "$name @half $rate" "$rate" /api/v1/me -H "Authorization: Bearer $token"
    half_rate=$rate
}

# The control for the p99 at half peak: the floor server loaded by voronka_loadgen at RATE, the
# rate voronka was given. What is left of voronka's p99 beyond this is voronka's own.
bench_floor_at_rate() {
    local rate=$1
    start_server floor-at-rate "$build/bench/voronka_floor_server" 0 2
    run_loadgen "beast floor @half $rate" "$rate" /
    stop_server
}

# Starts a private PostgreSQL cluster (scripts/test-postgres.sh) unless VORONKA_BENCH_POSTGRES=0;
# leaves pg_url empty and says why when it cannot.
start_postgres() {
    [[ ${VORONKA_BENCH_POSTGRES:-1} == 0 ]] && { echo "PostgreSQL runs skipped (VORONKA_BENCH_POSTGRES=0)"; return; }
    pg_dir=$tmp/postgres
    if "$root/scripts/test-postgres.sh" start "$pg_dir" >"$results/postgres.log" 2>&1; then
        pg_url=$(cat "$pg_dir/url")
        echo "PostgreSQL $(psql -tA "${pg_url}postgres" -c 'SHOW server_version' 2>/dev/null) at $pg_url" \
            "(scripts/test-postgres.sh: fsync off, for tests only)"
    else
        echo "PostgreSQL runs skipped: scripts/test-postgres.sh failed (see $results/postgres.log)"
        pg_dir=
    fi
}

cleanup() {
    stop_server
    if [[ -n $pg_dir ]]; then "$root/scripts/test-postgres.sh" stop "$pg_dir" >/dev/null 2>&1 || true; fi
    [[ -n ${tmp:-} ]] && rm -rf "$tmp"
}

# The medians over the rounds, and the ratios to the floor of the same round.
summarise() {
    python3 - "$summary" <<'PY' | tee "$results/summary.txt"
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
order, by = [], {}
floor = {r[0]: float(r[2]) for r in rows if r[1] == "beast floor"}
for rnd, name, rps, p50, p99, cpu, rss, load_rss, load in rows:
    key = name.split(" @half")[0] + (" @half" if "@half" in name else "")
    if key not in by:
        order.append(key)
        by[key] = []
    by[key].append((rnd, float(rps), float(p50), float(p99), float(cpu), int(rss), int(load_rss), float(load)))
print(f"medians over {len(floor)} round(s); ratio = req/s / beast floor req/s of the same round")
print("VmHWM and RSS in load: the largest over the rounds")
print(f"{'run':<30} {'req/s':>8} {'ratio':>6} {'p50 ms':>8} {'p99 ms':>8} {'CPU us/req':>10} {'VmHWM':>10} {'RSS in load':>11}  "
      "req/s | p99 ms per round")
med = statistics.median
for key in order:
    v = by[key]
    ratios = [x[1] / floor[x[0]] for x in v if x[0] in floor]
    ratio = "-" if key.endswith("@half") else f"{med(ratios):.2f}"  # a chosen rate, not a peak
    print(f"{key:<30} {med(x[1] for x in v):>8.0f} {ratio:>6} {med(x[2] for x in v):>8.3f} "
          f"{med(x[3] for x in v):>8.3f} {med(x[4] for x in v):>10.1f} {max(x[5] for x in v) / 1024:>6.1f} MiB "
          f"{max(x[6] for x in v) / 1024:>7.1f} MiB  "
          + " ".join(f"{x[1]:.0f}" for x in v) + " | " + " ".join(f"{x[3]:.2f}" for x in v))
PY
}

main() {
    command -v wrk >/dev/null || {
        echo "run.sh: wrk is missing; run scripts/install-deps.sh --bench" >&2
        exit 1
    }
    build_targets voronka_floor_server voronka_server_floor voronka_loadgen voronka
    mkdir -p "$results"
    tmp=$(mktemp -d /tmp/voronka-bench.XXXXXX)
    : >"$summary"
    trap cleanup EXIT
    echo "$(date -u +%FT%TZ); $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1);" \
        "load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "source $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
        "($(git -C "$root" status --porcelain 2>/dev/null | wc -l) paths changed or new in the working tree)"
    echo "wrk -t$wrk_threads -c$connections -d$duration --latency; $rounds round(s); results in $results"
    start_postgres
    for round in $(seq 1 "$rounds"); do
        echo "round $round, load average $(cut -d' ' -f1-3 /proc/loadavg)"
        print_header
        bench_floor
        bench_server_floor
        bench_voronka
    done
    echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
    summarise
}

main "$@"
