"""A task's status, derived from its dates as of a day; never typed in.

One rule, in two forms that tests hold against each other on the same data:
`task_status(task, on)` for one task in Python, and `status_annotation(on)` (a Case/When over the
same columns) so that lists filter and statistics count in one SQL query.

The rule, first match wins, as of day `on`:

1. suspended on or before `on` → suspended;
2. no deadline → no deadline (không thời hạn), done or not: such a task is never "within the
   deadline" nor "done on time", and the statistics count it apart (issue 17);
3. completion accepted on or before `on` → done on time when accepted on or before the
   deadline, done late otherwise;
4. the deadline has passed (`on` after it) → overdue, not done;
5. the deadline is within the due-soon window (`DANGVU_DUE_SOON_DAYS`, default 7: due on `on`
   or in the next 7 days) → due soon;
6. otherwise → in progress, within the deadline.

The deadline is the task's current one: a change (`DeadlineChange`) moves it for every day,
so a task given more time is judged against the time it was given. Whether the deadline was ever
changed is a flag beside the status (`deadline_changed`, `deadline_changed_annotation`).

As of today or later the database forms are simpler, and that is what keeps lists and statistics
on their indexes at 100,000 tasks: completions and suspensions are never recorded in the future
(the services refuse a future day), so "completed on or before `on`" is "completed at all" and
"not done" is `completed_on IS NULL`, a condition an index answers. Days in the past keep the
whole rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Case, CharField, Exists, F, OuterRef, Q, Value, When

from dangvu.assignments.enums import Status
from dangvu.core.dates import today


def due_soon_days() -> int:
    return int(settings.DANGVU_DUE_SOON_DAYS)  # default and environment in config/settings.py


def task_status(task: Any, on: dt.date, *, window: int | None = None) -> Status:
    """The status of `task` as of `on` (see the module's rule)."""
    window = due_soon_days() if window is None else window
    if task.suspended_on is not None and task.suspended_on <= on:
        return Status.SUSPENDED
    if task.deadline is None:
        return Status.NO_DEADLINE
    if task.completed_on is not None and task.completed_on <= on:
        if task.completed_on <= task.deadline:
            return Status.DONE_ON_TIME
        return Status.DONE_LATE
    if on > task.deadline:
        return Status.OVERDUE
    if task.deadline <= on + dt.timedelta(days=window):
        return Status.DUE_SOON
    return Status.IN_PROGRESS


def _recorded_by(field: str, on: dt.date) -> Q:
    """The event in `field` (completion, suspension) happened on or before `on`. As of today or
    later, that it happened at all: no event is recorded in the future."""
    if on >= today():
        return Q(**{f"{field}__isnull": False})
    return Q(**{f"{field}__isnull": False, f"{field}__lte": on})


def _not_recorded_by(field: str, on: dt.date) -> Q:
    """The opposite of `_recorded_by`, written out (a negated Q is not an index condition)."""
    if on >= today():
        return Q(**{f"{field}__isnull": True})
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": on})


def status_conditions(on: dt.date, *, window: int | None = None) -> list[tuple[Status, Q]]:
    """The rule as database conditions, in order; each holds only when the earlier ones do not."""
    window = due_soon_days() if window is None else window
    done = _recorded_by("completed_on", on)
    return [
        (Status.SUSPENDED, _recorded_by("suspended_on", on)),
        (Status.NO_DEADLINE, Q(deadline__isnull=True)),
        (Status.DONE_ON_TIME, done & Q(completed_on__lte=F("deadline"))),
        (Status.DONE_LATE, done),
        (Status.OVERDUE, Q(deadline__lt=on)),
        (Status.DUE_SOON, Q(deadline__lte=on + dt.timedelta(days=window))),
    ]


def status_annotation(on: dt.date, *, window: int | None = None) -> Case:
    """`task_status` as an SQL expression: `Task.objects.annotate(status=status_annotation(on))`."""
    return Case(
        *[
            When(condition, then=Value(status.value))
            for status, condition in status_conditions(on, window=window)
        ],
        default=Value(Status.IN_PROGRESS.value),
        output_field=CharField(),
    )


def status_filter(status: str, on: dt.date, *, window: int | None = None) -> Q:
    """Tasks whose status as of `on` is `status`, as a plain condition on the indexed columns (no
    annotation needed), written out so that the database can use the deadline and completion
    indexes. The same rule as `status_conditions`; the tests hold them against each other."""
    window = due_soon_days() if window is None else window
    soon = on + dt.timedelta(days=window)
    suspended = _recorded_by("suspended_on", on)
    done = _recorded_by("completed_on", on)
    not_suspended = _not_recorded_by("suspended_on", on)
    open_ = not_suspended & _not_recorded_by("completed_on", on)
    conditions = {
        Status.SUSPENDED: suspended,
        Status.NO_DEADLINE: not_suspended & Q(deadline__isnull=True),
        Status.DONE_ON_TIME: not_suspended & done & Q(completed_on__lte=F("deadline")),
        Status.DONE_LATE: not_suspended & done & Q(completed_on__gt=F("deadline")),
        Status.OVERDUE: open_ & Q(deadline__lt=on),
        Status.DUE_SOON: open_ & Q(deadline__gte=on, deadline__lte=soon),
        Status.IN_PROGRESS: open_ & Q(deadline__gt=soon),
    }
    return conditions.get(status, Q(pk__in=[]))  # type: ignore[call-overload]


def deadline_changed(task: Any) -> bool:
    """Was the deadline ever changed? Uses the prefetched history when there is one."""
    cache = getattr(task, "_prefetched_objects_cache", {})
    if "deadline_changes" in cache:
        return bool(cache["deadline_changes"])
    annotated = getattr(task, "deadline_changed", None)
    if isinstance(annotated, bool):
        return annotated
    return bool(task.deadline_changes.exists())


def deadline_changed_annotation() -> Exists:
    from dangvu.assignments.models import DeadlineChange

    return Exists(DeadlineChange.objects.filter(task=OuterRef("pk")))
