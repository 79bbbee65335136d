"""Optimistic locking: a form carries the version token of what it showed (`token`), the write
service compares it with the row it locked (`check`) and refuses with `EditConflict` (the page
answers 409, keeps what was typed and says who saved in between and what differs) instead of
silently writing over a colleague's work."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


class EditConflict(ValidationError):  # noqa: N818 - a refusal, shown as such
    """Someone saved the object after the form was opened."""

    def __init__(self, message: str, *, changed: Iterable[str] = ()) -> None:
        self.changed = list(changed)
        super().__init__(message, code="conflict")


def token(obj: Any) -> str:
    """The version of `obj` a form shows: its `updated_at` to the microsecond."""
    value = getattr(obj, "updated_at", None)
    return value.isoformat() if isinstance(value, dt.datetime) else ""


def _saved_by(obj: Any, since: str) -> str:
    from dangvu.core.audit import object_key
    from dangvu.core.models import AuditEntry

    object_type, object_id = object_key(obj)
    entries = AuditEntry.objects.filter(object_type=object_type, object_id=object_id)
    with contextlib.suppress(ValueError):
        entries = entries.filter(at__gte=dt.datetime.fromisoformat(since))
    last = entries.select_related("actor").order_by("-at", "-id").first()
    if last is None:
        return ""
    return saved_by(last.actor, last.at)


def conflict(who: str, changed: Iterable[str] = ()) -> EditConflict:
    """The refusal: who saved in between (a sentence, may be empty) and what now differs."""
    changed = list(changed)
    message = _("Someone else saved this while you were editing it; nothing of yours was saved.")
    if who:
        message += " " + who
    if changed:
        message += " " + _("Parts that now differ from what you typed: %(parts)s.") % {
            "parts": "; ".join(changed)
        }
    message += " " + _("Your text is kept below: compare it with the saved one, then save again.")
    return EditConflict(message, changed=changed)


def saved_by(who: Any, when: dt.datetime) -> str:
    name = str(who) if who else _("the system")
    return _("%(who)s saved it at %(when)s.") % {
        "who": name,
        "when": timezone.localtime(when).strftime("%H:%M %d/%m/%Y"),
    }


def check(obj: Any, expected: str | None, *, changed: Iterable[str] = ()) -> None:
    """Refuse when the locked `obj` is no longer at the version `expected` (None: the caller
    did not send one, e.g. an older form or a script: not checked)."""
    if not expected or expected == token(obj):
        return
    raise conflict(_saved_by(obj, expected), changed)
