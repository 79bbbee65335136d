"""Task service creating a sub-task under a task."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.assignments import permissions  # noqa: F401  (declares the task actions)
from dangvu.assignments.enums import SourceKind
from dangvu.assignments.models import (
    Task,
)
from dangvu.core import audit, policy
from dangvu.core.dates import short_date
from dangvu.core.policy import Actor
from dangvu.org.models import Organisation

from ._common import _event_day, _locked, _require_open, _roll_up
from .tasks import _task_new


@transaction.atomic
def subtask_create(
    *,
    parent: Task,
    by: Actor,
    content: str,
    lead_unit: Organisation,
    deadline: dt.date | None = None,
    weight: int = 1,
    deliverable: str = "",
    on: dt.date | None = None,
) -> Task:
    """The lead unit gives part of its task to one of its own units. The sub-task is published
    at once, its authority is the parent's lead unit, its deadline no later than the parent's
    (the parent's when none is given: a published task always has one);
    the parent's progress becomes the weighted mean of its sub-tasks'."""
    parent = _locked(parent)
    policy.require(
        by,
        "task.split",
        parent,
        message=_("Only the lead unit may split its task."),
    )
    _require_open(parent)
    if parent.lead_unit is None:
        raise ValidationError(_("The task has no lead unit to split it."))
    if lead_unit == parent.lead_unit or not lead_unit.path.startswith(parent.lead_unit.path):
        raise ValidationError(
            {"lead_unit": _("A sub-task goes to a unit under the lead unit of the task.")}
        )
    day = _event_day(parent, on)
    deadline = deadline or parent.deadline  # a sub-task is published at once: never without one
    if deadline is None:
        raise ValidationError({"deadline": _("Give the sub-task a deadline.")})
    if parent.deadline is not None and deadline is not None and deadline > parent.deadline:
        raise ValidationError(
            {
                "deadline": _("A sub-task cannot end after its task (%(day)s).")
                % {"day": short_date(parent.deadline)}
            }
        )
    task = _task_new(
        committee=parent.committee,
        content=content,
        by=by,
        source_kind=SourceKind.PLAN,
        source_reference=_("Part of task #%(id)d") % {"id": parent.pk},
        original_text="",
        issued_on=day,
        lead_unit=lead_unit,
        lead_text="",
        coordinating_units=(),
        deadline=deadline,
        deadline_text="",
        deliverable=deliverable,
        authority=parent.lead_unit,
        priority=parent.priority,
    )
    task.parent = parent
    task.weight = weight
    task.published_at = timezone.now()
    task.full_clean()
    task.save(update_fields=["parent", "weight", "published_at", "updated_at"])
    audit.record(
        actor=by,
        action="task.split",
        obj=parent,
        after={"subtask": task.pk, "lead_unit": lead_unit.pk, "weight": weight},
    )
    _roll_up(task)
    return task
