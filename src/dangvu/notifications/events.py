"""Workflow events: who is told, in-app at once and by e-mail in the next digest.

The services of the other apps call one line inside their transaction, after their write:

    events.emit(NotificationKind.TASK_ASSIGNED, target=task, to=events.units(task.lead_unit), by=by)

`to` names people (users) or an audience by role: `units(org, …)` — the people who act for
those units (their reporters and heads, `org.roles.UNIT_ROLES`), `office(committee)` — the
committee's office staff. Memberships are read as held today (`org.scope`), active users
only, never the person who acted. The in-app notifications are rows of the caller's
transaction: a refused or failed write tells nobody, a committed one cannot lose them.

The e-mail: `digests_send` (a worker job every `DANGVU_EVENT_DIGEST_MINUTES`) gathers each
person's notifications not yet e-mailed into one mail (`emails`, template `event_digest`), in
transactions that both queue the mail in the outbox and mark the notifications e-mailed: a
worker killed mid-run leaves each person either wholly done or wholly to do.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.accounts.models import User
from dangvu.core import policy
from dangvu.core.policy import Actor
from dangvu.notifications import emails, targets
from dangvu.notifications.enums import EVENT_KINDS, NotificationKind
from dangvu.notifications.models import Notification
from dangvu.org.enums import Role
from dangvu.org.models import Membership, Organisation
from dangvu.org.roles import UNIT_ROLES
from dangvu.org.scope import active_memberships_q

Event = NotificationKind  # the callers' name for the kinds of workflow event

# People written per digest transaction (see `reminders_send`'s CHUNK).
CHUNK = 250
TEXT_CHARS = 150

# The line of each event; %(about)s is the target's own short name (`str(target)`).
TEXTS = {
    NotificationKind.TASK_ASSIGNED: gettext_lazy("Task assigned to your unit: %(about)s"),
    NotificationKind.COMPLETION_PROPOSED: gettext_lazy(
        "The lead unit proposes the task as done: %(about)s"
    ),
    NotificationKind.COMPLETION_ACCEPTED: gettext_lazy("Completion accepted: %(about)s"),
    NotificationKind.COMPLETION_RETURNED: gettext_lazy(
        "Completion returned to the unit: %(about)s"
    ),
    NotificationKind.COMMENT_ANSWERED: gettext_lazy(
        "Your comment on the draft was answered: %(about)s"
    ),
    NotificationKind.REPORT_SUBMITTED: gettext_lazy("Contribution submitted: %(about)s"),
    NotificationKind.REPORT_RETURNED: gettext_lazy("Contribution returned to your unit: %(about)s"),
    NotificationKind.CONFERENCE_INVITED: gettext_lazy("You are invited to: %(about)s"),
}


@dataclass(frozen=True)
class Audience:
    """The people holding one of `roles` in one of `organisations` (by id), today."""

    organisations: tuple[int, ...]
    roles: frozenset[str]


def units(*organisations: Organisation | None) -> Audience:
    """The reporters and heads of these units (None is skipped: a task without a lead unit)."""
    return Audience(tuple(o.pk for o in organisations if o is not None), UNIT_ROLES)


def heads(*organisations: Organisation | None) -> Audience:
    return Audience(tuple(o.pk for o in organisations if o is not None), frozenset({Role.HEAD}))


def office(committee: Organisation) -> Audience:
    """The committee's office staff (văn phòng)."""
    return Audience((committee.pk,), frozenset({Role.OFFICE}))


Recipient = User | Audience


def recipients(to: Iterable[Recipient | None], *, exclude: Actor | None = None) -> list[User]:
    """The active users named by `to`, each once, without `exclude` (who acted)."""
    ids: set[int] = set()
    for item in to:
        if item is None:
            continue
        if isinstance(item, Audience):
            if item.organisations and item.roles:
                ids.update(
                    Membership.objects.filter(
                        active_memberships_q(timezone.localdate()),
                        organisation_id__in=item.organisations,
                        role__in=item.roles,
                    ).values_list("user_id", flat=True)
                )
        elif item.pk is not None:
            ids.add(item.pk)
    if exclude is not None and exclude.pk is not None:
        ids.discard(exclude.pk)
    if not ids:
        return []
    return list(User.objects.filter(pk__in=sorted(ids), is_active=True).order_by("pk"))


def event_text(kind: str, target: models.Model, about: str = "") -> str:
    about = (about or str(target)).strip()
    if len(about) > TEXT_CHARS:
        about = about[: TEXT_CHARS - 1].rstrip() + "…"
    with translation.override(settings.LANGUAGE_CODE):
        return str(TEXTS[NotificationKind(kind)]) % {"about": about}


def emit(
    kind: str,
    *,
    target: models.Model,
    to: Iterable[Recipient | None],
    by: Actor,
    about: str = "",
    link: str | None = None,
    email: bool = True,
) -> list[Notification]:
    """Tell the people `to` that `kind` happened to `target`: one in-app notification each,
    in the caller's transaction, and (when `email` and they have an address) a line in their
    next e-mail digest. `link` defaults to the target's page (`targets.link_of`)."""
    if kind not in EVENT_KINDS:
        raise ValueError(f"not a workflow event: {kind}")
    people = recipients(to, exclude=by)
    if not people:
        return []
    text = event_text(kind, target, about)
    path = targets.link_of(target) if link is None else link
    target_type = targets.type_of(target)
    notes = [
        Notification(
            user=user,
            kind=kind,
            text=text,
            link=path,
            target_type=target_type,
            target_id=target.pk,
            email_due=email and bool(user.email),
        )
        for user in people
    ]
    return Notification.objects.bulk_create(notes)


@dataclass
class DigestRun:
    people: int = 0
    notifications: int = 0
    emails: int = 0

    def __str__(self) -> str:
        return f"{self.emails} digests ({self.notifications} notifications) to {self.people} people"


def pending() -> models.QuerySet[Notification]:
    return Notification.objects.filter(email_due=True, emailed_at__isnull=True)


def digests_send(*, by: Actor, now: dt.datetime | None = None) -> DigestRun:
    """Queue one e-mail per person listing their workflow notifications not yet e-mailed,
    and mark those e-mailed, in the same transaction (per `CHUNK` people). Idempotent: what
    is marked is never sent again; the outbox key holds the newest notification's id."""
    policy.require(by, "reminders.send", message=_("Only Dangvu's worker sends reminders."))
    run = DigestRun()
    now = now or timezone.now()
    users = sorted(set(pending().filter(created_at__lte=now).values_list("user_id", flat=True)))
    for start in range(0, len(users), CHUNK):
        _digest_chunk(users[start : start + CHUNK], now, run)
    return run


@transaction.atomic
def _digest_chunk(user_ids: list[int], now: dt.datetime, run: DigestRun) -> None:
    # Locked so that two workers never put one notification into two mails.
    notes = list(
        pending()
        .select_for_update()
        .filter(user_id__in=user_ids, created_at__lte=now)
        .order_by("user_id", "created_at", "pk")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for note in notes:
        by_user[note.user_id].append(note)
    people = User.objects.in_bulk(list(by_user))
    done: list[int] = []
    for user_id, items in by_user.items():
        user = people.get(user_id)
        done.extend(n.pk for n in items)
        if user is None or not user.is_active or not user.email:
            continue
        queued = emails.queue(
            key=f"events:{user_id}:{items[-1].pk}",
            name="event_digest",
            to=[user.email],
            context={"name": user.full_name or user.username, "items": items},
        )
        run.people += 1
        run.notifications += len(items)
        run.emails += int(queued)
    Notification.objects.filter(pk__in=done).update(emailed_at=now)
