"""An e-mail backend for the outbox tests: each accepted mail is one line (Message-ID, recipient)
appended to the file named by $DANGVU_MAILSINK, after a short delay like a real server's; and a
backend whose server is down."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend


class SlowFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[Any]) -> int:
        path = os.environ["DANGVU_MAILSINK"]
        for message in email_messages:
            time.sleep(0.005)
            with open(path, "a", encoding="utf-8") as sink:
                sink.write(f"{message.extra_headers['Message-ID']} {message.to[0]}\n")
                sink.flush()
                os.fsync(sink.fileno())
        return len(email_messages)


class DownBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[Any]) -> int:
        raise ConnectionRefusedError("SMTP server unreachable")
