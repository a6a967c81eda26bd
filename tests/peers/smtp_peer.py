#!/usr/bin/python3
"""A local SMTP server that records what it receives, for tests of e-mail delivery.

Run with Debian's interpreter and its python3-aiosmtpd package:

    /usr/bin/python3 tests/peers/smtp_peer.py --port-file PORT_FILE --log LOG [--auth USER:PASSWORD]

Contract (tests are written against it; change it only together with them):

* Listens on 127.0.0.1, on a port chosen by the kernel, and writes that port as decimal text
  to `--port-file` (written to a temporary name and renamed). Plain SMTP, no TLS.
* Every message it accepts is appended to `--log` as one JSON line (flushed before the DATA
  reply), decoded with Python's `email` package (policy `email.policy.default`):
      {"mail_from": "...", "rcpt_tos": ["..."], "subject": "...", "from": "...",
       "to": "...", "message_id": "...", "date": "...", "text": "..." | null,
       "html": "..." | null, "content_type": "multipart/alternative"}
  `subject` and `from` are the decoded (RFC 2047) header values; `text` and `html` the
  decoded bodies of the text/plain and text/html parts (None when absent).
* Refusals chosen by the recipient's local part:
      reject550...@...  RCPT TO answered "550 5.1.1 Mailbox unavailable" (permanent)
      defer451...@...   RCPT TO answered "451 4.3.0 Try again later" (temporary)
* With `--auth USER:PASSWORD`, AUTH (PLAIN/LOGIN, allowed without TLS) is required before MAIL
  and only that pair is accepted (535 otherwise).
* SIGTERM/SIGINT stop it.
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    def __init__(self, log_path):
        self.log = open(log_path, "a", encoding="utf-8")

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("reject550"):
            return "550 5.1.1 Mailbox unavailable"
        if local.startswith("defer451"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content or envelope.content,
                                       policy=email.policy.default)

        def body(kind):
            part = msg.get_body(preferencelist=(kind,))
            return part.get_content() if part is not None else None

        def header(name):
            value = msg[name]
            return str(value) if value is not None else None

        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "subject": header("Subject"),
            "from": header("From"),
            "to": header("To"),
            "message_id": header("Message-ID"),
            "date": header("Date"),
            "text": body("plain"),
            "html": body("html"),
            "content_type": msg.get_content_type(),
        }
        self.log.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.log.flush()
        return "250 Message accepted for delivery"


def make_authenticator(pair):
    user, _, password = pair.partition(":")

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
              and auth_data.password.decode() == password)
        return AuthResult(success=ok, handled=False)

    return authenticator


async def serve(args):
    loop = asyncio.get_running_loop()
    handler = Recorder(args.log)
    options = {}
    if args.auth:
        options = {"authenticator": make_authenticator(args.auth), "auth_required": True,
                   "auth_require_tls": False}
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="peer.localhost", enable_SMTPUTF8=True, **options),
        host="127.0.0.1", port=0)
    port = server.sockets[0].getsockname()[1]
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(port))
    os.replace(tmp, args.port_file)

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--auth", default=None, help="USER:PASSWORD that AUTH must present")
    asyncio.run(serve(parser.parse_args()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
