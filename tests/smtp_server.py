#!/usr/bin/python3
"""A real SMTP server for the e-mail channel's tests (Debian's python3-aiosmtpd).

Stores every message it accepts as a file in --dir, requires AUTH when --user is given (over plain
text, as tests run on loopback), and prints "ready <port>" once it listens. Stops on SIGTERM.
"""
import argparse
import asyncio
import os
import signal
import sys
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Store:
    def __init__(self, directory):
        self.directory = directory

    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(self.directory, uuid.uuid4().hex + ".eml")
        with open(name + ".tmp", "wb") as f:
            f.write(b"X-Envelope-From: " + envelope.mail_from.encode() + b"\r\n")
            f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name)
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user \
            and auth_data.password.decode() == args.password
        return AuthResult(success=ok, handled=False)

    kwargs = {}
    if args.user:
        kwargs = dict(authenticator=authenticate, auth_required=True, auth_require_tls=False)
    controller = Controller(Store(args.dir), hostname="127.0.0.1", port=args.port, **kwargs)
    controller.start()
    print("ready", args.port, flush=True)
    stop = asyncio.new_event_loop()
    signal.signal(signal.SIGTERM, lambda *_: stop.call_soon_threadsafe(stop.stop))
    signal.signal(signal.SIGINT, lambda *_: stop.call_soon_threadsafe(stop.stop))
    stop.run_forever()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
