#!/usr/bin/env python3
"""Keyset pages of every list order (issue 11), for bench/sales.sh.

Usage: paging.py URL TOKEN LABEL PAGES LIMIT LIST:SORT...

For each LIST:SORT (e.g. contacts:-name) walks PAGES pages of LIMIT items from the first,
following next_cursor, one keep-alive connection, one request at a time, and prints one line:
the latencies (client side, request written to body read) p50 / p95 / max over all pages, the
time of the last page walked (page PAGES: the deep page) and the status codes. Loopback only.
"""
import http.client
import json
import sys
import time
import urllib.parse


def walk(conn, token, path_of, pages):
    times, codes, cursor = [], {}, None
    for _ in range(pages):
        path = path_of(cursor)
        start = time.perf_counter()
        conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        body = response.read()
        times.append((time.perf_counter() - start) * 1000)
        codes[response.status] = codes.get(response.status, 0) + 1
        if response.status != 200:
            break
        cursor = json.loads(body).get("next_cursor")
        if cursor is None:
            break
    return times, codes


def main():
    url, token, label, pages, limit = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    parsed = urllib.parse.urlparse(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=120)
    for spec in sys.argv[6:]:
        name, sort = spec.split(":", 1)

        def path_of(cursor, name=name, sort=sort):
            query = {"sort": sort, "limit": str(limit)}
            if cursor:
                query["cursor"] = cursor
            return f"/api/v1/{name}?" + urllib.parse.urlencode(query)

        times, codes = walk(conn, token, path_of, pages)
        t = sorted(times)

        def p(q):
            return t[min(len(t) - 1, int(q * len(t)))]

        print(f"{label} {name}?sort={sort:<12} pages {len(times):<5} p50 {p(0.5):7.2f} ms  p95 {p(0.95):7.2f} ms  "
              f"max {t[-1]:7.2f} ms  page {len(times)} {times[-1]:7.2f} ms  status {codes}", flush=True)


if __name__ == "__main__":
    main()
