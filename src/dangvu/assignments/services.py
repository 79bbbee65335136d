"""Writes to tasks. Each service checks the rule it names, writes atomically and leaves an audit
entry; the task pages and the conclusion import go through here.

Dates: a task is checked against the day it was given (`issued_on`: the meeting or document date,
today for a task entered by hand), not against the day it is typed in. Its units must exist on that
day and its deadline may not come before it. So a conclusion of 11/9/2020 imported in 2026 keeps
its 2020 units and its deadline of 31/12/2020, while a task entered by hand today cannot be given
a deadline in the past.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.assignments.checks import six_clear_gaps
from dangvu.assignments.enums import Priority, SourceKind
from dangvu.assignments.models import Task
from dangvu.core import audit
from dangvu.core.dates import short_date, today
from dangvu.org.models import Organisation
from dangvu.org.selectors import organisations_on

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


def _snapshot(task: Task) -> audit.Snapshot:
    data = audit.snapshot(task, TASK_AUDIT_FIELDS)
    data["coordinating_units"] = sorted(task.coordinating_units.values_list("pk", flat=True))
    return data


def _check_units_exist(
    *,
    day: dt.date,
    committee: Organisation,
    lead_unit: Organisation | None,
    coordinating_units: Iterable[Organisation],
    authority: Organisation | None,
) -> None:
    named: list[tuple[str, Organisation]] = [("committee", committee)]
    if lead_unit is not None:
        named.append(("lead_unit", lead_unit))
    named += [("coordinating_units", unit) for unit in coordinating_units]
    if authority is not None:
        named.append(("authority", authority))
    existing = set(
        organisations_on(day).filter(pk__in=[o.pk for _f, o in named]).values_list("pk", flat=True)
    )
    errors: dict[str, list[str]] = {}
    for field, unit in named:
        if unit.pk not in existing:
            errors.setdefault(field, []).append(
                _("%(name)s does not exist on %(day)s.")
                % {"name": unit.name, "day": short_date(day)}
            )
    if errors:
        raise ValidationError(errors)


def _check_deadline(deadline: dt.date | None, issued_on: dt.date) -> None:
    if deadline is not None and deadline < issued_on:
        raise ValidationError(
            {
                "deadline": _("The deadline cannot be before the day the task is given (%(day)s).")
                % {"day": short_date(issued_on)}
            }
        )


def _write(task: Task, *, coordinating_units: Iterable[Organisation], **fields: Any) -> None:
    """Check and save the fields that `task_create` and `task_update` share: the units must exist
    on `issued_on`, the deadline may not come before it, and text is stripped."""
    coordinating = list(dict.fromkeys(coordinating_units))
    _check_units_exist(
        day=fields["issued_on"],
        committee=task.committee,
        lead_unit=fields["lead_unit"],
        coordinating_units=coordinating,
        authority=fields["authority"],
    )
    _check_deadline(fields["deadline"], fields["issued_on"])
    for name, value in fields.items():
        setattr(task, name, value.strip() if isinstance(value, str) else value)
    task.full_clean()
    task.save()
    task.coordinating_units.set(coordinating)


@transaction.atomic
def task_create(
    *,
    committee: Organisation,
    content: str,
    by: Any,
    source_kind: str = SourceKind.MANUAL,
    source_reference: str = "",
    original_text: str = "",
    issued_on: dt.date | None = None,
    lead_unit: Organisation | None = None,
    lead_text: str = "",
    coordinating_units: Iterable[Organisation] = (),
    deadline: dt.date | None = None,
    deadline_text: str = "",
    deliverable: str = "",
    authority: Organisation | None = None,
    priority: str = Priority.NORMAL,
) -> Task:
    """Record a task of `committee`, given on `issued_on` (default today). Its units must exist
    that day; its deadline may not come before it. The task starts unpublished."""
    task = Task(committee=committee, created_by=by if getattr(by, "pk", None) else None)
    _write(
        task,
        coordinating_units=coordinating_units,
        content=content,
        source_kind=source_kind,
        source_reference=source_reference,
        original_text=original_text,
        issued_on=issued_on or today(),
        lead_unit=lead_unit,
        lead_text=lead_text,
        deadline=deadline,
        deadline_text=deadline_text,
        deliverable=deliverable,
        authority=authority,
        priority=priority,
    )
    audit.record(actor=by, action="task.create", obj=task, after=_snapshot(task))
    return task


@transaction.atomic
def task_update(
    *,
    task: Task,
    by: Any,
    content: str,
    source_kind: str,
    source_reference: str = "",
    original_text: str = "",
    issued_on: dt.date,
    lead_unit: Organisation | None = None,
    lead_text: str = "",
    coordinating_units: Iterable[Organisation] = (),
    deadline: dt.date | None = None,
    deadline_text: str = "",
    deliverable: str = "",
    authority: Organisation | None = None,
    priority: str = Priority.NORMAL,
) -> Task:
    """Complete or correct a task; the same rules as `task_create`. The committee stays."""
    before = _snapshot(task)
    _write(
        task,
        coordinating_units=coordinating_units,
        content=content,
        source_kind=source_kind,
        source_reference=source_reference,
        original_text=original_text,
        issued_on=issued_on,
        lead_unit=lead_unit,
        lead_text=lead_text,
        deadline=deadline,
        deadline_text=deadline_text,
        deliverable=deliverable,
        authority=authority,
        priority=priority,
    )
    audit.record(actor=by, action="task.update", obj=task, before=before, after=_snapshot(task))
    return task


@transaction.atomic
def task_publish(*, task: Task, by: Any, waiver_reason: str = "") -> Task:
    """Give the task to its units. Refused when it is already published, or when the 6-rõ check
    finds gaps and no reason is given for publishing anyway (the reason is kept)."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.published_at is not None:
        raise ValidationError(_("This task has already been published."))
    gaps = six_clear_gaps(task)
    waiver_reason = waiver_reason.strip()
    if gaps and not waiver_reason:
        raise ValidationError(
            {
                "waiver_reason": _(
                    "The task is not 6-clear (%(gaps)s). Complete it, or give the reason for "
                    "publishing it as it is."
                )
                % {"gaps": "; ".join(str(gap.label) for gap in gaps)}
            }
        )
    before = audit.snapshot(task, ["published_at", "six_clear_waiver"])
    task.published_at = timezone.now()
    task.six_clear_waiver = waiver_reason if gaps else ""
    task.save(update_fields=["published_at", "six_clear_waiver", "updated_at"])
    audit.record(
        actor=by,
        action="task.publish",
        obj=task,
        before=before,
        after=audit.snapshot(task, ["published_at", "six_clear_waiver"]),
    )
    return task
