#!/usr/bin/env python3
"""A test SMTP server on loopback that keeps nothing: every message it receives is printed as
one JSON line on stdout (envelope, decoded subject and plain-text body), for the Rust
integration tests (server/tests/it/mail.rs) to read.

    python3 end2end/smtp/sink.py [--port 0]

The first line is {"port": N}: the port it listens on (0 = a free one). Without the aiosmtpd
package it exits with status 3 and says so on stderr (scripts/setup.sh --test installs it).
"""

import argparse
import asyncio
import json
import sys
from email import policy
from email.parser import BytesParser

try:
    from aiosmtpd.smtp import SMTP
except ImportError:
    print("aiosmtpd is not installed (scripts/setup.sh --test installs it)", file=sys.stderr)
    sys.exit(3)


def emit(record):
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()


class Sink:
    async def handle_DATA(self, server, session, envelope):
        message = BytesParser(policy=policy.default).parsebytes(envelope.original_content or envelope.content)
        body = message.get_body(preferencelist=("plain",))
        emit(
            {
                "mail_from": envelope.mail_from,
                "rcpt_tos": list(envelope.rcpt_tos),
                "from": str(message["From"] or ""),
                "to": str(message["To"] or ""),
                "subject": str(message["Subject"] or ""),
                "headers": list(message.keys()),
                "body": body.get_content() if body is not None else "",
            }
        )
        return "250 OK"


async def main(port):
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(Sink(), hostname="sink.localhost"), "127.0.0.1", port)
    emit({"port": server.sockets[0].getsockname()[1]})
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    try:
        asyncio.run(main(parser.parse_args().port))
    except KeyboardInterrupt:
        pass
