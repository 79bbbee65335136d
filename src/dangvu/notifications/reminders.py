"""Which reminders (đôn đốc) are due on a day, and to whom.

The rule, for a published task that is neither done nor suspended on `day`:

- `n` days before its deadline, for each `n` in `DANGVU_REMINDER_DAYS` (default 7, 3, 1) → before;
- on the deadline → due;
- every `DANGVU_REMINDER_REPEAT_DAYS` days after it (default 7) → overdue.

Recipients: the reporters and heads of the lead unit and of the coordinating units (their own
membership in that unit, not of a unit above it), and the task's followers; active users only.

Reads only: a handful of queries whatever the number of tasks (the candidate tasks are found by
their deadline, which is indexed; never a scan of every task in Python).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Min, Q, QuerySet

from dangvu.accounts.models import User
from dangvu.assignments.models import Task
from dangvu.assignments.permissions import UNIT_ROLES
from dangvu.notifications.enums import ReminderKind
from dangvu.org.models import Membership


# The defaults (7, 3, 1 days before; every 7 days after) are in config/settings.py.
def days_before_setting() -> tuple[int, ...]:
    return tuple(int(n) for n in settings.DANGVU_REMINDER_DAYS)


def repeat_days_setting() -> int:
    return int(settings.DANGVU_REMINDER_REPEAT_DAYS)


def reminder_kind(
    deadline: dt.date, day: dt.date, *, days_before: Container[int], repeat_every: int
) -> ReminderKind | None:
    """The reminder a task with this deadline gets on `day`, if any (the module's rule)."""
    delta = (deadline - day).days
    if delta == 0:
        return ReminderKind.DUE
    if delta > 0:
        return ReminderKind.BEFORE if delta in days_before else None
    if repeat_every > 0 and (-delta) % repeat_every == 0:
        return ReminderKind.OVERDUE
    return None


def open_tasks_on(day: dt.date) -> QuerySet[Task]:
    """Published tasks, given by `day`, neither done nor suspended on that day."""
    return Task.objects.filter(
        Q(completed_on__isnull=True) | Q(completed_on__gt=day),
        Q(suspended_on__isnull=True) | Q(suspended_on__gt=day),
        published_at__isnull=False,
        issued_on__lte=day,
        deadline__isnull=False,
    )


def reminder_deadlines(
    day: dt.date, *, days_before: Iterable[int], repeat_every: int, earliest: dt.date | None
) -> list[dt.date]:
    """The deadlines that call for a reminder on `day`: a short list, so that the candidate
    tasks are an indexed `deadline IN (…)` lookup."""
    out = {day} | {day + dt.timedelta(days=n) for n in days_before if n > 0}
    if repeat_every > 0 and earliest is not None:
        past = day - dt.timedelta(days=repeat_every)
        while past >= earliest:
            out.add(past)
            past -= dt.timedelta(days=repeat_every)
    return sorted(out)


@dataclass(frozen=True)
class DueTask:
    task_id: int
    content: str
    deadline: dt.date
    kind: ReminderKind
    days: int  # before the deadline (positive) or after it (negative)


@dataclass
class Recipient:
    user_id: int
    email: str
    name: str
    tasks: list[DueTask] = field(default_factory=list)


def due_reminders(
    day: dt.date,
    *,
    days_before: Iterable[int] | None = None,
    repeat_every: int | None = None,
) -> dict[int, Recipient]:
    """Everyone who should be reminded on `day`, with their due tasks (deadline order)."""
    before = frozenset(days_before_setting() if days_before is None else days_before)
    repeat = repeat_days_setting() if repeat_every is None else repeat_every
    open_tasks = open_tasks_on(day)
    earliest = open_tasks.filter(deadline__lt=day).aggregate(m=Min("deadline"))["m"]
    deadlines = reminder_deadlines(day, days_before=before, repeat_every=repeat, earliest=earliest)
    candidates = open_tasks.filter(deadline__in=deadlines)

    tasks: dict[int, DueTask] = {}
    units: dict[int, set[int]] = defaultdict(set)  # task → units whose people are reminded
    for pk, content, deadline, lead_unit_id in candidates.values_list(
        "pk", "content", "deadline", "lead_unit_id"
    ).iterator(chunk_size=5000):
        if deadline is None:
            continue
        kind = reminder_kind(deadline, day, days_before=before, repeat_every=repeat)
        if kind is None:
            continue
        tasks[pk] = DueTask(pk, content, deadline, kind, (deadline - day).days)
        if lead_unit_id is not None:
            units[pk].add(lead_unit_id)
    if not tasks:
        return {}
    task_ids = candidates.values("pk")
    for task_id, unit_id in Task.coordinating_units.through.objects.filter(
        task_id__in=task_ids
    ).values_list("task_id", "organisation_id"):
        units[task_id].add(unit_id)

    people: dict[int, set[int]] = defaultdict(set)  # unit → its reporters and heads
    unit_ids = set().union(*units.values()) if units else set()
    for unit_id, user_id in Membership.objects.filter(
        role__in=UNIT_ROLES, organisation_id__in=sorted(unit_ids)
    ).values_list("organisation_id", "user_id"):
        people[unit_id].add(user_id)

    wanted: dict[int, set[int]] = defaultdict(set)  # user → tasks
    for task_id, task_units in units.items():
        if task_id not in tasks:
            continue
        for unit_id in task_units:
            for user_id in people.get(unit_id, ()):
                wanted[user_id].add(task_id)
    for task_id, user_id in Task.followers.through.objects.filter(task_id__in=task_ids).values_list(
        "task_id", "user_id"
    ):
        if task_id in tasks:
            wanted[user_id].add(task_id)
    if not wanted:
        return {}

    out: dict[int, Recipient] = {}
    for user_id, email, full_name, username in User.objects.filter(
        pk__in=sorted(wanted), is_active=True
    ).values_list("pk", "email", "full_name", "username"):
        due = sorted((tasks[t] for t in wanted[user_id]), key=lambda t: (t.deadline, t.task_id))
        out[user_id] = Recipient(user_id, email, full_name or username, due)
    return out
