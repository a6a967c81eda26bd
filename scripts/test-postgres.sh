#!/usr/bin/env bash
# Starts and stops a private PostgreSQL cluster for the tests (loopback only, trust auth, tuned
# for speed instead of durability). ctest runs it as the `postgres` fixture; see
# tests/CMakeLists.txt.
#
#   scripts/test-postgres.sh start DIR   initdb a fresh cluster into DIR/data, start it and write
#                                        its base URL `postgresql://USER@127.0.0.1:PORT/` to DIR/url
#   scripts/test-postgres.sh stop DIR    stop the cluster and remove its data
#
# `start` replaces a cluster left in DIR by an earlier run. As root, the server runs as the
# `postgres` system user (initdb refuses root), and USER in the URL is `postgres`.
set -euo pipefail

usage() {
    echo "usage: $0 start|stop DIR" >&2
    exit 2
}
[[ $# -eq 2 ]] || usage
command=$1
dir=$2

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x $candidate/initdb && -x $candidate/pg_ctl ]]; then
        bindir=$candidate
        break
    fi
done
if [[ -z $bindir ]]; then
    echo "test-postgres: no PostgreSQL server found under /usr/lib/postgresql;" \
        "run scripts/install-deps.sh" >&2
    exit 1
fi

as_server=()
db_user=$(id -un)
if [[ $(id -u) -eq 0 ]]; then
    as_server=(runuser -u postgres --)
    db_user=postgres
fi

server() {
    "${as_server[@]}" "$@"
}

data=$dir/data

# DIR/data is the cluster, or a symlink to it when it had to live in /tmp (see start_cluster):
# the server is always given the real path, which the postgres user can reach.
stop_cluster() {
    if [[ -e $data || -L $data ]]; then
        local pgdata
        pgdata=$(readlink -f "$data")
        if [[ -f $pgdata/postmaster.pid ]]; then
            server "$bindir/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null 2>&1 ||
                server "$bindir/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$pgdata" "$data"
    fi
    rm -f "$dir/url"
}

free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

start_cluster() {
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    data=$dir/data
    stop_cluster

    local sockets=$dir
    if [[ ${#as_server[@]} -gt 0 ]]; then
        chown postgres "$dir"
        if ! server test -w "$dir"; then
            # A parent of DIR is closed to the postgres user: keep the data in /tmp instead.
            local tmp
            tmp=$(mktemp -d /tmp/voronka-test-pg.XXXXXX)
            chown postgres "$tmp"
            ln -s "$tmp" "$data"
            sockets=$tmp
        fi
    fi
    local pgdata
    pgdata=$(readlink -f "$data")

    server "$bindir/initdb" -D "$pgdata" --locale=C.UTF-8 -E UTF8 --auth=trust -U "$db_user" \
        >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }

    # A Unix socket path is limited to ~107 bytes; the tests connect over TCP anyway.
    if [[ ${#sockets} -gt 80 ]]; then
        sockets=""
    fi

    server sh -c "cat >> '$pgdata/postgresql.conf'" <<EOF
# scripts/test-postgres.sh: for tests only, never for data that matters
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sockets'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

    local attempt port
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if server "$bindir/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -o "-p $port" -w -t 60 start \
            >/dev/null; then
            echo "postgresql://$db_user@127.0.0.1:$port/" >"$dir/url"
            echo "test-postgres: PostgreSQL running at $(cat "$dir/url") (data in $pgdata)"
            return 0
        fi
        # Most likely the port was taken between choosing and binding it: try another.
        echo "test-postgres: start on port $port failed (attempt $attempt):" >&2
        tail -n 5 "$pgdata/server.log" >&2 || true
    done
    echo "test-postgres: could not start PostgreSQL" >&2
    exit 1
}

case $command in
    start) start_cluster ;;
    stop)
        if [[ -d $dir ]]; then
            dir=$(cd "$dir" && pwd)
            data=$dir/data
            stop_cluster
        fi
        ;;
    *) usage ;;
esac
