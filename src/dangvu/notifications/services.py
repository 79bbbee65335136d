"""Writes of notifications and reminders.

The reminder pass writes its own ledger (`ReminderSent`, `DigestSent`) instead of one audit entry
per reminder: the ledger is the record of what was sent to whom and when, and its unique
constraints are what make the pass idempotent. Marking one's own notifications read is a
personal reading state, not a record of the office's work: it is not audited either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dangvu.assignments.models import Task
from dangvu.core import policy
from dangvu.core.dates import short_date
from dangvu.core.policy import Actor
from dangvu.notifications import emails, targets
from dangvu.notifications.enums import NOTIFICATION_FOR_REMINDER, ReminderKind
from dangvu.notifications.models import DigestSent, Notification, OutgoingMail, ReminderSent
from dangvu.notifications.reminders import DueTask, Recipient, due_reminders

# Recipients written per transaction: few enough that a failure loses little, many enough that
# 5,000 people do not mean 5,000 commits.
CHUNK = 250


@dataclass
class ReminderRun:
    day: dt.date
    recipients: int = 0
    reminders: int = 0
    notifications: int = 0
    emails: int = 0

    def __str__(self) -> str:
        return (
            f"{self.day.isoformat()}: {self.reminders} reminders to {self.recipients} people, "
            f"{self.notifications} notifications, {self.emails} e-mails"
        )


def reminder_text(item: DueTask) -> str:
    content = item.content if len(item.content) <= 150 else item.content[:149].rstrip() + "…"
    deadline = short_date(item.deadline)
    if item.kind == ReminderKind.DUE:
        return _("Due today (%(deadline)s): %(content)s") % {
            "deadline": deadline,
            "content": content,
        }
    if item.kind == ReminderKind.BEFORE:
        return ngettext(
            "Due in %(days)d day (%(deadline)s): %(content)s",
            "Due in %(days)d days (%(deadline)s): %(content)s",
            item.days,
        ) % {"days": item.days, "deadline": deadline, "content": content}
    return ngettext(
        "Overdue by %(days)d day (deadline %(deadline)s), not done: %(content)s",
        "Overdue by %(days)d days (deadline %(deadline)s), not done: %(content)s",
        -item.days,
    ) % {"days": -item.days, "deadline": deadline, "content": content}


@dataclass(frozen=True)
class Texts:
    """Each due task's line and link, made once per task rather than once per recipient."""

    text: dict[int, str]
    link: dict[int, str]


def _texts(recipients: Iterable[Recipient]) -> Texts:
    text: dict[int, str] = {}
    link: dict[int, str] = {}
    pattern = reverse("assignments:detail", args=[0]).replace("/0/", "/{}/")
    for recipient in recipients:
        for item in recipient.tasks:
            if item.task_id not in text:
                text[item.task_id] = reminder_text(item)
                link[item.task_id] = pattern.format(item.task_id)
    return Texts(text, link)


def _digest_context(
    recipient: Recipient, items: list[DueTask], day: dt.date, texts: Texts
) -> dict[str, object]:
    lines = [{"text": texts.text[i.task_id], "link": texts.link[i.task_id]} for i in items]
    return {"name": recipient.name, "day": day, "items": lines}


def reminders_send(
    *,
    by: Actor,
    day: dt.date,
    days_before: Iterable[int] | None = None,
    repeat_every: int | None = None,
) -> ReminderRun:
    """Send the reminders due on `day`: an in-app notification per task and person, and one
    digest e-mail per person (with an address) listing all their due tasks.

    Idempotent: a reminder already in the ledger for (task, person, day) is not sent again, and
    a person gets at most one digest a day (`DigestSent`); a task that falls due after that
    day's digest still gets its in-app notification. Writes in transactions of `CHUNK` people,
    each with its digests in the outbox, which the worker delivers after the pass. `by` is the
    worker (`policy.WORKER`)."""
    policy.require(by, "reminders.send", message=_("Only Dangvu's worker sends reminders."))
    recipients = due_reminders(day, days_before=days_before, repeat_every=repeat_every)
    run = ReminderRun(day=day)
    if not recipients:
        return run
    task_type = targets.type_of(Task)
    already = set(
        ReminderSent.objects.filter(day=day, target_type=task_type).values_list(
            "target_id", "user_id"
        )
    )
    digested = set(DigestSent.objects.filter(day=day).values_list("user_id", flat=True))
    people = sorted(recipients.values(), key=lambda r: r.user_id)
    with translation.override(settings.LANGUAGE_CODE):
        texts = _texts(people)
        for start in range(0, len(people), CHUNK):
            _send_chunk(people[start : start + CHUNK], day, already, digested, run, texts)
    return run


@transaction.atomic
def _send_chunk(
    people: list[Recipient],
    day: dt.date,
    already: set[tuple[int, int]],
    digested: set[int],
    run: ReminderRun,
    texts: Texts,
) -> None:
    sent: list[ReminderSent] = []
    notes: list[Notification] = []
    digests: list[DigestSent] = []
    mails: list[OutgoingMail] = []
    task_type = targets.type_of(Task)
    for recipient in people:
        new = [t for t in recipient.tasks if (t.task_id, recipient.user_id) not in already]
        if not new:
            continue
        run.recipients += 1
        for item in new:
            sent.append(
                ReminderSent(
                    target_type=task_type,
                    target_id=item.task_id,
                    user_id=recipient.user_id,
                    day=day,
                    kind=item.kind,
                    days=item.days,
                )
            )
            notes.append(
                Notification(
                    user_id=recipient.user_id,
                    kind=NOTIFICATION_FOR_REMINDER[item.kind],
                    text=texts.text[item.task_id],
                    link=texts.link[item.task_id],
                    target_type=task_type,
                    target_id=item.task_id,
                )
            )
        if recipient.email and recipient.user_id not in digested:
            mail = emails.outgoing(
                key=f"digest:{recipient.user_id}:{day.isoformat()}",
                name="reminder_digest",
                to=[recipient.email],
                context=_digest_context(recipient, new, day, texts),
            )
            if mail is not None:
                digests.append(DigestSent(user_id=recipient.user_id, day=day, tasks=len(new)))
                mails.append(mail)
    ReminderSent.objects.bulk_create(sent, batch_size=1000)
    Notification.objects.bulk_create(notes, batch_size=1000)
    DigestSent.objects.bulk_create(digests, batch_size=1000)
    run.reminders += len(sent)
    run.notifications += len(notes)
    run.emails += len(mails)
    # The outbox: the mails are rows of this transaction, sent after it commits and marked sent
    # only when the server accepted them (`outbox.deliver`); a crash or an outage loses none.
    OutgoingMail.objects.bulk_create(mails, batch_size=1000)


@transaction.atomic
def notification_mark_read(*, notification: Notification, by: Actor) -> Notification:
    """Mark one of the user's own notifications read (a no-op when it already is)."""
    policy.require(
        by,
        "notification.mark_read",
        notification,
        message=_("This notification is not yours."),
    )
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, by: Actor) -> int:
    """Mark all of the user's unread notifications read; returns how many."""
    policy.require(by, "notification.mark_all_read")
    if by.pk is None:  # a system actor has no notifications
        return 0
    return Notification.objects.filter(user_id=by.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
