#!/usr/bin/python3
"""A local HTTP server that records webhook calls, for tests of webhook delivery.

Run with Debian's interpreter (standard library only):

    /usr/bin/python3 tests/peers/webhook_peer.py --port-file PORT_FILE --log LOG [--host 127.0.0.2]

Contract (tests are written against it; change it only together with them):

* Binds `--host` (default 127.0.0.1; any 127.x.y.z works on Linux) on a port chosen by the kernel and writes it as decimal text to
  `--port-file` (written to a temporary name and renamed). Threaded, HTTP/1.1 keep-alive.
* Every POST is appended to `--log` as one JSON line, flushed before the answer:
      {"path": "/hook", "headers": {"Name": "value", ...}, "body": "<raw body as UTF-8>"}
  (header names as the client sent them; the body decoded as UTF-8 with replacement).
* The answer's status comes from the path: `/status/NNN...` answers NNN (e.g. /status/500,
  /status/404); `/redirect?to=URL` answers 302 with `Location: URL` (URL percent-decoded);
  `/drop...` closes the connection without answering (and logs nothing); anything else answers
  200 `{"ok": true}`.
* SIGTERM/SIGINT stop it.
"""

import argparse
import json
import os
import re
import signal
import socket
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        if self.path.startswith("/drop"):
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        record = {"path": self.path, "headers": {k: v for k, v in self.headers.items()},
                  "body": body.decode("utf-8", errors="replace")}
        with self.server.lock:
            self.server.log.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.server.log.flush()
        match = re.match(r"^/status/(\d{3})", self.path)
        status = int(match.group(1)) if match else 200
        location = None
        if self.path.startswith("/redirect"):
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            status, location = 302, query.get("to", [""])[0]
        data = b'{"ok": true}' if status < 300 else b'{"ok": false}'
        self.send_response(status)
        if location is not None:
            self.send_header("Location", location)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    server = Server((args.host, 0), Handler)
    server.lock = threading.Lock()
    server.log = open(args.log, "a", encoding="utf-8")
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.serve_forever(poll_interval=0.2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
