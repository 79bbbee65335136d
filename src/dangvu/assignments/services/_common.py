"""Field lists, the follow-up day rule, locking and roll-up shared by the task services."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dangvu.assignments import permissions  # noqa: F401  (declares the task actions)
from dangvu.assignments.models import (
    Task,
)
from dangvu.core import audit
from dangvu.core.dates import short_date, today
from dangvu.core.policy import Actor

TASK_AUDIT_FIELDS = [
    "content",
    "source_kind",
    "source_reference",
    "original_text",
    "issued_on",
    "committee",
    "lead_unit",
    "lead_text",
    "deadline",
    "deadline_text",
    "deliverable",
    "authority",
    "priority",
    "published_at",
    "six_clear_waiver",
]


# --- Follow-up: completion, suspension, deadline changes, sub-tasks, progress -----------------
#
# These services take the day the event happened (`on`, default today): the office often records
# on the system what was decided on paper a few days before. That day may not come before the day
# the task was given, nor after today. Every service asks the policy (`permissions.py`) whether
# `by` may act, inside its transaction and before it writes: system work passes `policy.SYSTEM`
# (or `DEMO`, `WORKER`); None and anonymous users are refused like anyone else.

FOLLOW_UP_FIELDS = [
    "deadline",
    "deadline_text",
    "progress",
    "completion_proposed_on",
    "completed_on",
    "suspended_on",
    "suspension_reason",
]


def _follow_up_snapshot(task: Task) -> audit.Snapshot:
    return audit.snapshot(task, FOLLOW_UP_FIELDS)


def _event_day(task: Task, on: dt.date | None, field: str = "on") -> dt.date:
    day = on or today()
    if day < task.issued_on:
        raise ValidationError(
            {
                field: _("The date cannot be before the day the task was given (%(day)s).")
                % {"day": short_date(task.issued_on)}
            }
        )
    if day > today():
        raise ValidationError({field: _("The date cannot be in the future.")})
    return day


def _locked(task: Task) -> Task:
    """The task again, locked for the rest of the transaction (PostgreSQL; SQLite locks the
    whole database on write anyway)."""
    return (
        Task.objects.select_for_update(of=("self",))
        .select_related("committee", "lead_unit", "authority", "parent")
        .get(pk=task.pk)
    )


def _require_open(task: Task) -> None:
    if task.published_at is None:
        raise ValidationError(_("The task has not been published to its units yet."))
    if task.completed_on is not None:
        raise ValidationError(_("The task is already completed."))
    if task.suspended_on is not None:
        raise ValidationError(_("The task is suspended."))


def _save_follow_up(task: Task, *, by: Actor, action: str, before: audit.Snapshot) -> Task:
    task.full_clean()
    task.save()
    audit.record(actor=by, action=action, obj=task, before=before, after=_follow_up_snapshot(task))
    return task


def _roll_up(task: Task) -> None:
    """Set each ancestor's progress to the weighted mean of its sub-tasks' progress."""
    parent_id = task.parent_id
    while parent_id is not None:
        parent = Task.objects.select_for_update().get(pk=parent_id)
        total_weight = 0
        weighted = 0
        for weight, progress in parent.subtasks.values_list("weight", "progress"):
            total_weight += weight
            weighted += weight * progress
        if total_weight:
            parent.progress = round(weighted / total_weight)
            parent.save(update_fields=["progress", "updated_at"])
        parent_id = parent.parent_id
