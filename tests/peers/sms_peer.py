#!/usr/bin/python3
"""A local stand-in for SMS.ru's HTTP API (`/sms/send`), for tests and benchmarks.

Run with Debian's interpreter (standard library only):

    /usr/bin/python3 tests/peers/sms_peer.py --port-file PORT_FILE --log LOG [options]

Contract (tests are written against it; change it only together with them):

* Binds 127.0.0.1 on a port chosen by the kernel and writes that port, as decimal text, to
  `--port-file` (written to a temporary name and renamed, so a reader never sees it half done).
  The server is threaded and speaks HTTP/1.1 with keep-alive; every answer has Content-Length.
* `GET /sms/send?...` or `POST /sms/send` (parameters in the query string and/or an
  `application/x-www-form-urlencoded` body; a JSON object body is also read, for custom
  provider settings). Parameters as SMS.ru documents them: `api_id`, `to` (digits, several
  separated by commas), `msg` (UTF-8), optional `from`, `json=1` for the JSON answer (without
  it the plain-text answer: `100\\n<sms_id>\\n...\\nbalance=<b>`, or just the error code).
* Answers as SMS.ru does (https://sms.ru/api/send, "Отправить СМС сообщение HTTP запросом"; the
  codes from its code table, as reproduced by client libraries):
    - accepted:   {"status":"OK","status_code":100,
                   "sms":{"79990000001":{"status":"OK","status_code":100,"sms_id":"..."}},
                   "balance":999.5}
    - per number: {"status":"OK","status_code":100,"sms":{"7999...":{"status":"ERROR",
                   "status_code":207,"status_text":"..."}},"balance":...}
    - request:    {"status":"ERROR","status_code":200,"status_text":"Неправильный api_id"}
  HTTP status is 200 for all of these (SMS.ru reports errors in the body).
* `api_id`: a missing or empty one answers the request error 200. With `--api-id KEY` only KEY
  is accepted (others get 200); without it any non-empty api_id is accepted.
* Behaviour per request, chosen by the LAST THREE DIGITS of the (first) destination number
  unless a control mode is set (see below):
      ...200  request error 200 "Неправильный api_id"           (permanent)
      ...201  request error 201 "Не хватает средств"            (SMS.ru: not enough money)
      ...220  request error 220 "Сервис временно недоступен"    (temporary)
      ...202  per-number error 202 "Неправильно указан номер"  (permanent)
      ...207  per-number error 207 "Нет маршрута"               (permanent)
      ...230  per-number error 230 "Превышен лимит в день"      (temporary)
      ...500  HTTP 500 with a plain-text body
      ...408  slow: sleeps `--slow-seconds` (default 5), then accepts as usual
      ...444  drop: closes the connection without answering
      anything else: accepted.
* Control: `POST /control` with a JSON body `{"mode": M, "times": N, "slow_seconds": S}`.
  M is one of "digits" (the default: per number as above), "ok", "error207", "error202",
  "bad_api_id" (200), "error220", "http500", "slow", "drop". With `times` the mode applies to
  the next N `/sms/send` requests only, then reverts to "digits"; without it, until changed.
  `slow_seconds` replaces `--slow-seconds`. Answers 200 `{"mode": M}`; an unknown mode 400.
* `GET /stats` answers `{"requests": R, "accepted": A}`: R counts every `/sms/send` request
  received, A every number accepted (code 100).
* Log: every ACCEPTED message (one per accepted number) is appended to `--log` as one JSON line
  `{"to": "7999...", "msg": "...", "sms_id": "...", "from": "..." | null}`, flushed to the
  kernel before the answer is written. So a message the client saw accepted is always in the
  log, and a message in the log was accepted even if the client never saw the answer (slow
  answers are logged after the sleep, before writing; dropped connections log nothing).
  `sms_id`s are unique per peer process: "<6-digit random prefix>-<7-digit counter>".
* SIGTERM/SIGINT stop it cleanly; a SIGKILL loses nothing already logged.
"""

import argparse
import json
import os
import random
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# SMS.ru's texts for the codes this peer gives (ru, as the provider answers them).
REQUEST_ERRORS = {
    200: "Неправильный api_id",
    201: "Не хватает средств на лицевом счету",
    202: "Неправильно указан номер телефона получателя, либо на него нет маршрута",
    203: "Нет текста сообщения",
    220: "Сервис временно недоступен, попробуйте чуть позже",
}
NUMBER_ERRORS = {
    202: "Неправильно указан номер телефона получателя, либо на него нет маршрута",
    207: "На этот номер нет маршрута для доставки сообщений",
    230: "Превышен общий лимит количества сообщений на этот номер в день",
}
DIGIT_MODES = {
    "200": "bad_api_id",
    "201": "error201",
    "220": "error220",
    "202": "error202",
    "207": "error207",
    "230": "error230",
    "500": "http500",
    "408": "slow",
    "444": "drop",
}
CONTROL_MODES = {"digits", "ok", "error207", "error202", "error230", "bad_api_id", "error201",
                 "error220", "http500", "slow", "drop"}


class State:
    def __init__(self, log_path, api_id, slow_seconds):
        self.lock = threading.Lock()
        self.log = open(log_path, "a", encoding="utf-8")
        self.api_id = api_id
        self.slow_seconds = slow_seconds
        self.mode = "digits"
        self.times = None  # None: until changed
        self.prefix = random.randint(100000, 999999)
        self.counter = 0
        self.requests = 0
        self.accepted = 0
        self.balance = 100000.0

    def next_mode(self, first_number):
        """The behaviour of one /sms/send request; consumes one of `times`."""
        with self.lock:
            self.requests += 1
            mode = self.mode
            if self.times is not None:
                self.times -= 1
                if self.times <= 0:
                    self.mode, self.times = "digits", None
        if mode == "digits":
            mode = DIGIT_MODES.get(first_number[-3:], "ok")
        return mode

    def accept(self, number, msg, sender):
        with self.lock:
            self.counter += 1
            self.accepted += 1
            self.balance -= 0.5
            sms_id = "%06d-%07d" % (self.prefix, self.counter)
            line = json.dumps({"to": number, "msg": msg, "sms_id": sms_id, "from": sender},
                              ensure_ascii=False)
            self.log.write(line + "\n")
            self.log.flush()
            return sms_id, self.balance


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "sms-peer/1"

    def log_message(self, fmt, *args):  # quiet: tests read the log file, not stderr
        pass

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _answer(self, status, payload, content_type="application/json; charset=utf-8"):
        data = payload if isinstance(payload, bytes) else payload.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _json(self, status, obj):
        self._answer(status, json.dumps(obj, ensure_ascii=False))

    def do_GET(self):
        self._route("GET")

    def do_POST(self):
        self._route("POST")

    def _route(self, method):
        url = urlsplit(self.path)
        body = self._body() if method == "POST" else b""
        state = self.server.state
        if url.path == "/control" and method == "POST":
            try:
                req = json.loads(body or b"{}")
                mode = req.get("mode", "digits")
                if mode not in CONTROL_MODES:
                    raise ValueError(mode)
                times = req.get("times")
                with state.lock:
                    state.mode = mode
                    state.times = int(times) if times is not None else None
                    if "slow_seconds" in req:
                        state.slow_seconds = float(req["slow_seconds"])
            except (ValueError, TypeError, AttributeError) as err:
                self._json(400, {"error": "bad control request: %s" % err})
                return
            self._json(200, {"mode": mode})
        elif url.path == "/stats" and method == "GET":
            with state.lock:
                self._json(200, {"requests": state.requests, "accepted": state.accepted})
        elif url.path == "/sms/send":
            self._send(url.query, body)
        else:
            self._json(404, {"status": "ERROR", "status_code": 211, "status_text": "Метод не найден"})

    def _params(self, query, body):
        params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if body and content_type == "application/json":
            obj = json.loads(body.decode("utf-8"))
            if isinstance(obj, dict):
                params.update({k: str(v) for k, v in obj.items()})
        elif body:
            text = body.decode("utf-8")
            params.update({k: v[-1] for k, v in parse_qs(text, keep_blank_values=True).items()})
        return params

    def _send(self, query, body):
        state = self.server.state
        try:
            params = self._params(query, body)
        except (ValueError, UnicodeDecodeError):
            params = {}
        numbers = [n.strip() for n in params.get("to", "").replace(";", ",").split(",") if n.strip()]
        want_json = params.get("json") == "1"
        mode = state.next_mode(numbers[0] if numbers else "")

        if mode == "drop":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if mode == "http500":
            self._answer(500, "Internal Server Error", "text/plain; charset=utf-8")
            return
        if mode == "slow":
            time.sleep(state.slow_seconds)
            mode = "ok"

        api_id = params.get("api_id", "")
        if not api_id or (state.api_id is not None and api_id != state.api_id):
            mode = "bad_api_id"
        if mode == "bad_api_id":
            code = 200
        elif mode in ("error201", "error220"):
            code = int(mode[5:])
        elif not numbers:
            code = 202
        elif not params.get("msg"):
            code = 203
        else:
            code = None
        if code is not None:
            if want_json:
                self._json(200, {"status": "ERROR", "status_code": code,
                                 "status_text": REQUEST_ERRORS[code]})
            else:
                self._answer(200, "%d\n" % code, "text/plain; charset=utf-8")
            return

        per_number_code = int(mode[5:]) if mode in ("error202", "error207", "error230") else 100
        results, lines, balance = {}, ["100"], state.balance
        for number in numbers:
            if per_number_code == 100:
                sms_id, balance = state.accept(number, params["msg"], params.get("from"))
                results[number] = {"status": "OK", "status_code": 100, "sms_id": sms_id}
                lines.append(sms_id)
            else:
                results[number] = {"status": "ERROR", "status_code": per_number_code,
                                   "status_text": NUMBER_ERRORS[per_number_code]}
                lines.append(str(per_number_code))
        balance = round(balance, 2)
        if want_json:
            self._json(200, {"status": "OK", "status_code": 100, "sms": results, "balance": balance})
        else:
            lines.append("balance=%.2f" % balance)
            self._answer(200, "\n".join(lines) + "\n", "text/plain; charset=utf-8")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--api-id", default=None, help="the only api_id accepted (default: any)")
    parser.add_argument("--slow-seconds", type=float, default=5.0)
    args = parser.parse_args()

    server = Server(("127.0.0.1", 0), Handler)
    server.state = State(args.log, args.api_id, args.slow_seconds)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.serve_forever(poll_interval=0.2)
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
