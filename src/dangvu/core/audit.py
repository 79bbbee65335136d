"""The audit log: every service that changes something records it here, inside its transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models

from dangvu.core.models import AuditEntry
from dangvu.core.policy import SystemActor

if TYPE_CHECKING:
    from dangvu.accounts.models import User
    from dangvu.core.policy import Actor

Snapshot = dict[str, Any]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> Snapshot:
    """The named fields of `obj` as JSON-ready values (foreign keys as their ids)."""
    out: Snapshot = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        out[name] = _jsonable(getattr(obj, attname))
    return out


def object_key(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def actor_or_none(by: Actor | None) -> User | None:
    """The user behind an action, or None for system work (`by=None`) and anonymous users: what
    a `created_by`-style foreign key stores."""
    if by is None or isinstance(by, SystemActor) or not getattr(by, "pk", None):
        return None
    return by


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    before: Snapshot | None = None,
    after: Snapshot | None = None,
) -> AuditEntry:
    """Write one audit entry; `actor` is None for system work (the demo, commands)."""
    object_type, object_id = object_key(obj)
    if before is not None and after is not None:
        # Keep only what changed, so the log reads as a diff.
        changed = {k for k in after if before.get(k) != after.get(k)}
        before = {k: v for k, v in before.items() if k in changed}
        after = {k: v for k, v in after.items() if k in changed}
    return AuditEntry.objects.create(
        actor=actor_or_none(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=str(obj)[:300],
        before=before,
        after=after,
    )


def entries_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    object_type, object_id = object_key(obj)
    return AuditEntry.objects.filter(object_type=object_type, object_id=object_id).select_related(
        "actor"
    )
