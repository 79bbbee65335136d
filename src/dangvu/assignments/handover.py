"""Tasks handed over by a reorganisation: the lead unit of an open task becomes dated history.

A `LeadUnitChange` keeps the unit before and the day the successor takes over, like a deadline
change keeps the old deadline. The lead unit as of a day is, in one rule with two forms held
against each other by the tests:
- `lead_unit_id_on(task, day)` in Python: the old unit of the first change after `day`, else the
  task's current lead unit;
- `lead_unit_on(day)`, the same as an SQL expression (a subquery on the changes), for the
  statistics of a past day. As of today or later it is the `lead_unit` column itself: hand-overs
  are never dated in the future (a reorganisation is handed over once it has taken effect).

Called by `org.handover`, which decides who may carry out a hand-over (the org policy) and which
successor takes each task.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import BigIntegerField, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from dangvu.assignments.models import LeadUnitChange, Task
from dangvu.core.audit import actor_or_none
from dangvu.core.models import AuditEntry
from dangvu.core.policy import Actor
from dangvu.org.models import Organisation, Reorganisation
from dangvu.org.selectors import predecessor_ids

__all__ = ["hand_over", "lead_unit_id_on", "lead_unit_on", "open_tasks_led_by", "predecessor_ids"]


def lead_unit_id_on(task: Task, day: dt.date) -> int | None:
    """The id of the task's lead unit on `day` (see the module's rule)."""
    later = [c for c in task.lead_unit_changes.all() if c.changed_on > day]
    if later:
        first = min(later, key=lambda c: (c.changed_on, c.pk))
        return first.old_unit_id
    return task.lead_unit_id


def lead_unit_on(day: dt.date) -> Any:
    """`lead_unit_id_on` as an SQL expression over tasks."""
    later = (
        LeadUnitChange.objects.filter(task=OuterRef("pk"), changed_on__gt=day)
        .order_by("changed_on", "pk")
        .values("old_unit_id")[:1]
    )
    return Coalesce(Subquery(later), F("lead_unit_id"), output_field=BigIntegerField())


def open_tasks_led_by(unit_ids: Iterable[int]) -> QuerySet[Task]:
    """Open tasks (neither completed nor suspended) whose lead unit is one of `unit_ids`."""
    return Task.objects.filter(
        lead_unit_id__in=list(unit_ids), completed_on__isnull=True, suspended_on__isnull=True
    )


def hand_over(
    *,
    moves: dict[int, Organisation],
    day: dt.date,
    reasons: dict[tuple[int, int], str],
    reorganisation: Reorganisation | None,
    by: Actor,
) -> int:
    """Give each open task in `moves` (task id → successor) to its successor from `day`: a lead
    unit change, the task's lead unit, an audit entry per task (the timeline shows the change
    with its reason, `reasons[(old unit id, new unit id)]`). Tasks closed meanwhile are left.
    Runs in the caller's transaction; returns the number of tasks handed over."""
    rows = list(
        Task.objects.select_for_update()
        .filter(pk__in=list(moves), completed_on__isnull=True, suspended_on__isnull=True)
        .values_list("pk", "lead_unit_id", "content")
    )
    recorder = actor_or_none(by)
    changes, entries = [], []
    by_target: dict[int, list[int]] = defaultdict(list)
    now = timezone.now()
    for pk, old_id, content in rows:
        target = moves[pk]
        if target.pk == old_id:
            continue
        reason = reasons.get((old_id or 0, target.pk), "")
        changes.append(
            LeadUnitChange(
                task_id=pk,
                old_unit_id=old_id,
                new_unit=target,
                changed_on=day,
                reason=reason[:300],
                reorganisation=reorganisation,
                recorded_by=recorder,
            )
        )
        entries.append(
            AuditEntry(
                at=now,
                actor=recorder,
                action="task.handover",
                object_type="assignments.task",
                object_id=str(pk),
                object_repr=content[:300],
                before={"lead_unit": old_id},
                after={"lead_unit": target.pk, "from": day.isoformat(), "reason": reason},
            )
        )
        by_target[target.pk].append(pk)
    LeadUnitChange.objects.bulk_create(changes, batch_size=1000)
    AuditEntry.objects.bulk_create(entries, batch_size=1000)
    for target_id, ids in by_target.items():
        for start in range(0, len(ids), 900):
            Task.objects.filter(pk__in=ids[start : start + 900]).update(
                lead_unit_id=target_id, updated_at=now
            )
    return len(changes)
