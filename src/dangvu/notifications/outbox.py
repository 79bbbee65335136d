"""The outbox: e-mails are written as rows (`OutgoingMail`) in the transaction of what they
report, and sent afterwards, one by one; a row is marked sent only when the server accepted it.

`enqueue` is called inside a write's transaction; `deliver` claims due rows (a conditional
UPDATE moves `next_attempt_at` forward as a lease, so two workers never send the same row at
once), sends each with its stable Message-ID, and marks it sent. A send that raises (the server
refused, the network is down, the process was killed) leaves the row unsent: it is tried again
after 1, 2, 4… minutes (at most `MAX_DELAY`). The worker delivers at every pass.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from dangvu.notifications.models import OutgoingMail

logger = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=5)  # a claimed row is not claimed again before this has passed
MAX_DELAY = dt.timedelta(hours=6)
BATCH = 100


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failure: 1, 2, 4, 8… minutes, at most six hours."""
    return min(dt.timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_DELAY)


def message_id(mail: OutgoingMail) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "dangvu"
    return f"<outbox-{mail.pk}.{mail.key.replace(':', '.')}@{domain}>"


def enqueue(*, key: str, subject: str, body: str, to: list[str], from_email: str = "") -> bool:
    """Add a mail to the outbox (in the caller's transaction); False when `key` is already there."""
    _mail, created = OutgoingMail.objects.get_or_create(
        key=key,
        defaults={
            "subject": subject[:500],
            "body": body,
            "to": "\n".join(to),
            "from_email": from_email or settings.DEFAULT_FROM_EMAIL,
        },
    )
    return created


def _claim(mail: OutgoingMail, now: dt.datetime) -> bool:
    return (
        OutgoingMail.objects.filter(
            pk=mail.pk, sent_at__isnull=True, next_attempt_at=mail.next_attempt_at
        ).update(next_attempt_at=now + LEASE)
        == 1
    )


def deliver(now: dt.datetime | None = None, *, limit: int | None = None) -> tuple[int, int]:
    """Send the due mails; returns (sent, failed)."""
    sent = failed = 0
    connection = None
    fixed = now
    while limit is None or sent + failed < limit:
        now = fixed or timezone.now()
        due = list(
            OutgoingMail.objects.filter(sent_at__isnull=True, next_attempt_at__lte=now).order_by(
                "next_attempt_at", "pk"
            )[:BATCH]
        )
        if not due:
            break
        for mail in due:
            if limit is not None and sent + failed >= limit:
                break
            if not _claim(mail, now):
                continue
            message = EmailMessage(
                mail.subject,
                mail.body,
                mail.from_email,
                mail.to.splitlines(),
                headers={"Message-ID": message_id(mail)},
            )
            try:
                if connection is None:
                    connection = get_connection(fail_silently=False)
                accepted = connection.send_messages([message])
                if not accepted:
                    raise RuntimeError("the mail server accepted nothing")
            except Exception as exc:
                failed += 1
                logger.warning("outbox: mail %s not sent: %s", mail.key, exc)
                attempts = mail.attempts + 1
                OutgoingMail.objects.filter(pk=mail.pk).update(
                    attempts=attempts,
                    next_attempt_at=max(now, timezone.now()) + backoff(attempts),
                    last_error=f"{exc.__class__.__name__}: {exc}"[:2000],
                )
                connection = None  # a broken connection is not reused
                continue
            with transaction.atomic():
                OutgoingMail.objects.filter(pk=mail.pk).update(
                    sent_at=timezone.now(), attempts=mail.attempts + 1, last_error=""
                )
            sent += 1
    return sent, failed


def pending() -> int:
    return OutgoingMail.objects.filter(sent_at__isnull=True).count()
