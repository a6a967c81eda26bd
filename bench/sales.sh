#!/usr/bin/env bash
# The issue-3 benchmarks (docs/benchmarks.md, "Issue 3 — sales core"): a generated database of
# 1,000,000 contacts and 200,000 deals (voronka_seed), the real `voronka serve` on it, and
#   - create a deal over the API (wrk, POST /api/v1/deals as a manager; run last, after the reads) beside the raw database
#     doing the minimal single-row insert transaction (voronka_raw_insert), same connections;
#   - get a deal (wrk, ids rotating over all deals, as the admin);
#   - the board of the deal pipeline (?limit=50) as the admin and as a manager, sequential;
#   - q search among the contacts by name fragment and by phone in another written form, and
#     /api/v1/search, sequential, varied queries;
#   - the no-next-step control as the admin and as a manager, sequential;
#   - keyset pages of every list order, PAGES (1000) pages deep, as the admin and as a manager
#     (bench/paging.py); ONLY=paging measures only these.
# Sequential requests go through one curl per series (keep-alive, `-w` per request); the
# percentiles are computed here. Loopback only; every loop is bounded.
#
# Usage: bench/sales.sh [sqlite|postgres|both]   (default both)
# Environment: VORONKA_BENCH_BUILD (default build-bench, as run.sh), VORONKA_BENCH_NO_BUILD=1,
#   SEED_CONTACTS (1000000), SEED_DEALS (200000), WRK_SECONDS (8), WRK_CONNECTIONS (8),
#   SEQ (50 for the board and the control, 2 x SEQ for search), PAGES (1000), ONLY=paging.
# Output and the generated SQLite database go to bench/results/sales-<UTC time>/ (not committed);
# the databases are removed at the end unless KEEP_DB=1 (the PostgreSQL cluster is then left running). NO_SEED=1 SQLITE_DB=PATH re-measures a kept one.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${VORONKA_BENCH_BUILD:-$root/build-bench}
which=${1:-both}
contacts=${SEED_CONTACTS:-1000000}
deals=${SEED_DEALS:-200000}
wrk_seconds=${WRK_SECONDS:-8}
wrk_connections=${WRK_CONNECTIONS:-8}
seq_count=${SEQ:-50}
results=$root/bench/results/sales-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results"
voronka=$build/src/app/voronka

server_pid=
pg_dir=
cleanup() {
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" || true; fi
    if [[ -n $pg_dir && ${KEEP_DB:-0} == 1 ]]; then echo "PostgreSQL cluster kept: $pg_dir ($(cat "$pg_dir/url")voronka_sales); stop it with scripts/test-postgres.sh stop $pg_dir"; pg_dir=; fi
    if [[ -n $pg_dir ]]; then "$root/scripts/test-postgres.sh" stop "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$pg_dir"; fi
    if [[ ${KEEP_DB:-0} != 1 ]]; then rm -rf "$results/sqlite"; fi
}
trap cleanup EXIT

if [[ ${VORONKA_BENCH_NO_BUILD:-0} != 1 ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" --target voronka voronka_seed voronka_raw_insert >/dev/null
fi

log() { echo "$*" | tee -a "$results/summary.txt"; }

# start_server DATABASE: voronka serve on a free loopback port; sets server_pid and url.
start_server() {
    local out=$results/$label.server.log
    : >"$out"
    "$voronka" serve --listen 127.0.0.1:0 --database "$1" >"$out" 2>&1 &
    server_pid=$!
    local address=
    for _ in $(seq 1 300); do
        address=$(sed -n 's/.*listening on \(http:\/\/\)\{0,1\}\([0-9.]*:[0-9]*\).*/\2/p' "$out" | head -n 1)
        [[ -n $address ]] && break
        kill -0 "$server_pid" 2>/dev/null || { cat "$out" >&2; exit 1; }
        sleep 0.1
    done
    [[ -n $address ]] || { echo "sales.sh: no listening line" >&2; exit 1; }
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

# series NAME TOKEN PATH...: one curl, keep-alive, the paths in order, one request each;
# prints status counts and latency p50/p95/p99/max in ms and the mean body size.
series() {
    local name=$1 token=$2
    shift 2
    local config=$results/$label.$name.curl
    : >"$config"
    for path in "$@"; do printf 'url = "%s%s"\noutput = "/dev/null"\n' "$url" "$path" >>"$config"; done
    curl -s --max-time 120 -H "Authorization: Bearer $token" -w '%{http_code} %{time_total} %{size_download}\n' \
        -K "$config" >"$results/$label.$name.times"
    python3 - "$results/$label.$name.times" "$label $name" <<'PY' | tee -a "$results/summary.txt"
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
codes = {}
for c, _, _ in rows: codes[c] = codes.get(c, 0) + 1
t = sorted(float(r[1]) * 1000 for r in rows)
def p(q): return t[min(len(t) - 1, int(q * len(t)))]
size = sum(int(r[2]) for r in rows) / len(rows)
print(f"{sys.argv[2]:<40} n={len(t):<4} p50 {p(0.5):8.2f} ms  p95 {p(0.95):8.2f} ms  p99 {p(0.99):8.2f} ms  "
      f"max {t[-1]:8.2f} ms  body {size:9.0f} B  status {codes}")
PY
}

run_backend() {
    label=$1
    local database=$2
    log "== $label: $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    if [[ ${NO_SEED:-0} != 1 ]]; then
        "$voronka" demo --accounts-only --database "$database" >"$results/$label.demo.log" 2>&1
        local t0=$SECONDS
        "$build/bench/voronka_seed" --database "$database" --contacts "$contacts" --deals "$deals" | tee "$results/$label.seed.log"
        log "$label seed: $((SECONDS - t0)) s wall ($(tail -n 1 "$results/$label.seed.log"))"
        if [[ $database == postgresql* ]]; then
            # What autovacuum does soon after a bulk load anyway (statistics, visibility map).
            t0=$SECONDS
            psql -q "$database" -c "VACUUM ANALYZE" >/dev/null
            log "$label VACUUM ANALYZE: $((SECONDS - t0)) s"
        fi
    fi
    start_server "$database"
    local admin manager
    admin=$(login admin@voronka.example)
    manager=$(login ivanov@voronka.example)

    # --- keyset pages of every list order (issue 11): PAGES pages of 50 from the first, following
    # next_cursor, as the admin and as the manager (bench/paging.py)
    local orders=()
    for list in contacts companies; do
        for sort in id -id name -name updated_at -updated_at; do orders+=("$list:$sort"); done
    done
    for list in deals leads; do
        for sort in id -id created_at -created_at updated_at -updated_at amount -amount; do orders+=("$list:$sort"); done
    done
    for who in admin manager; do
        python3 "$root/bench/paging.py" "$url" "${!who}" "$label pages-$who" "${PAGES:-1000}" 50 "${orders[@]}" |
            tee -a "$results/summary.txt"
    done
    if [[ ${ONLY:-} == paging ]]; then
        stop_server
        return
    fi

    local pipeline
    pipeline=$(curl -sf -H "Authorization: Bearer $admin" "$url/api/v1/pipelines" | python3 -c '
import json, sys
d = json.load(sys.stdin)
items = d["items"] if isinstance(d, dict) else d
print([p["id"] for p in items if p["record_type"] == "deal" and p.get("is_default")][0])')

    # --- get a deal, ids rotating over the generated deals
    cat >"$results/get_deal.lua" <<LUA
local n = 0
request = function()
  n = n + 1
  local id = 1 + (n * 7919) % $deals
  return wrk.format("GET", "/api/v1/deals/" .. id)
end
LUA
    wrk -t2 -c"$wrk_connections" -d"${wrk_seconds}s" --latency -s "$results/get_deal.lua" \
        -H "Authorization: Bearer $admin" "$url/" >"$results/$label.get_deal.wrk.txt"
    log "$label GET /api/v1/deals/{id} (wrk -c$wrk_connections, rotating ids): $(awk '/^Requests\/sec/ {print $2}' "$results/$label.get_deal.wrk.txt") req/s," \
        "p50 $(awk '$1 == "50%" {print $2}' "$results/$label.get_deal.wrk.txt") p99 $(awk '$1 == "99%" {print $2}' "$results/$label.get_deal.wrk.txt")" \
        "$(grep -h 'Non-2xx' "$results/$label.get_deal.wrk.txt" || true)"

    # --- the board
    local paths=()
    for _ in $(seq 1 "$seq_count"); do paths+=("/api/v1/pipelines/$pipeline/board?limit=50"); done
    series board-admin "$admin" "${paths[@]}"
    series board-manager "$manager" "${paths[@]}"

    # --- search: name fragments, phones in another written form, /search
    mapfile -t names < <(python3 - "$((seq_count * 2))" <<'PY'
import random, sys
random.seed(3)
frags = ["ванов", "Соколова", "петр", "КУЗНЕЦ", "смирнова ольга", "Фёдоров", "алексеевич", "Морозова Анна",
         "Орлов Дмитрий", "ilin", "vasilev", "Пономарёва", "щербаков", "Никитина Елена Сергеевна", "ершов",
         "Зайцева", "Киселёв Иван", "тарасова", "виноградов", "гаврилова"]
for i in range(int(sys.argv[1])):
    print(frags[i % len(frags)] if i < len(frags) else random.choice(frags))
PY
)
    mapfile -t phones < <(python3 - "$((seq_count * 2))" "$contacts" <<'PY'
import random, sys
random.seed(5)
n, contacts = int(sys.argv[1]), int(sys.argv[2])
for k in range(n):
    i = random.randrange(contacts)
    d = (i * 7919331 + 123456789) % 1000000000
    s = f"9{d:09d}"[:10] if False else f"9{d // 10000000:02d}{d // 10000 % 1000:03d}{d // 100 % 100:02d}{d % 100:02d}"
    form = k % 3
    if form == 0: print(f"8 ({s[:3]}) {s[3:6]}-{s[6:8]}-{s[8:]}")
    elif form == 1: print(f"+7 {s[:3]} {s[3:]}")
    else: print(f"7{s}")
PY
)
    enc() { python3 -c 'import sys, urllib.parse; [print(urllib.parse.quote(l.rstrip("\n"))) for l in sys.stdin]'; }
    mapfile -t qn < <(printf '%s\n' "${names[@]}" | enc)
    mapfile -t qp < <(printf '%s\n' "${phones[@]}" | enc)
    paths=(); for q in "${qn[@]}"; do paths+=("/api/v1/contacts?q=$q"); done
    series contacts-q-name-admin "$admin" "${paths[@]}"
    series contacts-q-name-manager "$manager" "${paths[@]}"
    paths=(); for q in "${qp[@]}"; do paths+=("/api/v1/contacts?q=$q"); done
    series contacts-q-phone-admin "$admin" "${paths[@]}"
    paths=(); for q in "${qn[@]}"; do paths+=("/api/v1/search?q=$q"); done
    series search-name-admin "$admin" "${paths[@]}"
    series search-name-manager "$manager" "${paths[@]}"
    paths=(); for q in "${qp[@]}"; do paths+=("/api/v1/search?q=$q"); done
    series search-phone-admin "$admin" "${paths[@]}"
    # One phone looked up, to show that it is found.
    log "$label check: contacts?q=${phones[0]} -> $(curl -s -H "Authorization: Bearer $admin" "$url/api/v1/contacts?q=${qp[0]}" | head -c 300)"

    # --- the no-next-step control
    paths=(); for _ in $(seq 1 $((seq_count / 2))); do paths+=("/api/v1/control/no-next-step"); done
    series no-next-step-admin "$admin" "${paths[@]}"
    series no-next-step-manager "$manager" "${paths[@]}"
    # --- create a deal: the raw single-row transaction, then the API, then the raw again. Last, so
    # that the reads above see exactly the generated data (the raw rows are deals without a task).
    local raw
    raw=$("$build/bench/voronka_raw_insert" --database "$database" --threads "$wrk_connections" --seconds "$wrk_seconds")
    log "$label $raw"
    cat >"$results/post_deal.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title":"Поставка оборудования wrk","amount":1500000,"currency":"RUB"}'
LUA
    wrk -t2 -c"$wrk_connections" -d"${wrk_seconds}s" --latency -s "$results/post_deal.lua" \
        -H "Authorization: Bearer $manager" "$url/api/v1/deals" >"$results/$label.post_deal.wrk.txt"
    log "$label POST /api/v1/deals (wrk -c$wrk_connections): $(awk '/^Requests\/sec/ {print $2}' "$results/$label.post_deal.wrk.txt") req/s," \
        "p50 $(awk '$1 == "50%" {print $2}' "$results/$label.post_deal.wrk.txt") p99 $(awk '$1 == "99%" {print $2}' "$results/$label.post_deal.wrk.txt")" \
        "$(grep -h 'Non-2xx' "$results/$label.post_deal.wrk.txt" || true)"
    raw=$("$build/bench/voronka_raw_insert" --database "$database" --threads "$wrk_connections" --seconds "$wrk_seconds")
    log "$label $raw (again, after the API run)"

    stop_server
}

log "sales.sh $(date -u +%FT%TZ); $(nproc) cores; source $(git -C "$root" rev-parse --short HEAD)" \
    "($(git -C "$root" status --porcelain | wc -l) paths changed in the tree); $contacts contacts, $deals deals; results in $results"
if [[ $which == sqlite || $which == both ]]; then
    mkdir -p "$results/sqlite"
    # SQLITE_DB=PATH (with NO_SEED=1) measures an already generated database instead.
    run_backend sqlite "sqlite:${SQLITE_DB:-$results/sqlite/voronka.db}"
fi
if [[ $which == postgres || $which == both ]]; then
    pg_dir=$(mktemp -d /tmp/voronka-sales-pg.XXXXXX)
    "$root/scripts/test-postgres.sh" start "$pg_dir" >"$results/postgres.log" 2>&1
    pg_url=$(cat "$pg_dir/url")
    psql -q "${pg_url}postgres" -c "CREATE DATABASE voronka_sales" >/dev/null
    run_backend postgres "${pg_url}voronka_sales"
fi
