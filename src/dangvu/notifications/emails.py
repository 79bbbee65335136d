"""The one builder of outbound e-mail: every sender of the site calls this module.

A mail is a pair of translated Django templates, `notifications/emails/<name>_subject.txt` and
`<name>_body.txt`, rendered in the site's language (Vietnamese) with the site's configured
address (`DANGVU_SITE_URL`) in the context as `site_url`, so every link reads
`{{ site_url }}{% url … %}` and never the address of whoever made the request. Nothing is sent
here: `queue` writes an `OutgoingMail` row in the caller's transaction and the worker delivers
it (`outbox.deliver`), marking it sent only when the mail server accepted it. healthchecks'
`hc/lib/emails.py` is the model.

The names in use: `reminder_digest` (task reminders), `event_digest` (workflow events),
`report_reminder` (late contributions), `invitation` (conference invitations),
`password_reset` (accounts).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from dangvu.notifications import outbox
from dangvu.notifications.models import OutgoingMail

TEMPLATE_DIR = "notifications/emails"


def site_url() -> str:
    """The site's configured address, without a trailing slash (`DANGVU_SITE_URL`)."""
    return str(settings.DANGVU_SITE_URL).rstrip("/")


def absolute(path: str) -> str:
    """A link for an e-mail: `path` (from `reverse`) on the site's configured address."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return site_url() + ("" if path.startswith("/") else "/") + path


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str


def render(name: str, context: Mapping[str, Any], *, language: str | None = None) -> Mail:
    """The subject (one line) and the plain-text body of the mail `name`."""
    full = {"site_url": site_url(), **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{TEMPLATE_DIR}/{name}_subject.txt", full)
        body = render_to_string(f"{TEMPLATE_DIR}/{name}_body.txt", full)
    return Mail(subject=" ".join(subject.split())[:500], body=body.strip() + "\n")


def addresses(to: Iterable[str]) -> list[str]:
    """The distinct non-empty addresses, sorted (a stable `to` line)."""
    return sorted({address.strip() for address in to if address and address.strip()})


def outgoing(
    *, key: str, name: str, to: Iterable[str], context: Mapping[str, Any]
) -> OutgoingMail | None:
    """An unsaved outbox row for `bulk_create` (the reminder pass writes thousands at once);
    None when there is nobody to send it to."""
    recipients = addresses(to)
    if not recipients:
        return None
    mail = render(name, context)
    return OutgoingMail(
        key=key,
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to="\n".join(recipients),
    )


def queue(*, key: str, name: str, to: Iterable[str], context: Mapping[str, Any]) -> bool:
    """Render the mail `name` and add it to the outbox in the caller's transaction; the worker
    sends it. `key` makes it idempotent (False when that key is already queued, or when there
    is no address)."""
    recipients = addresses(to)
    if not recipients:
        return False
    mail = render(name, context)
    return outbox.enqueue(key=key, subject=mail.subject, body=mail.body, to=recipients)
