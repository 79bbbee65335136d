"""Task services: creating, editing and publishing a task."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.assignments import permissions  # noqa: F401  (declares the task actions)
from dangvu.assignments.checks import blocking_gaps, six_clear_gaps
from dangvu.assignments.enums import Priority, SourceKind
from dangvu.assignments.models import (
    Task,
)
from dangvu.core import audit, locking, policy
from dangvu.core.dates import short_date, today
from dangvu.core.policy import Actor
from dangvu.notifications import events
from dangvu.org.models import Organisation
from dangvu.org.selectors import organisations_on

from ._common import TASK_AUDIT_FIELDS


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


def _keep_published_clear(*, lead_unit: Organisation | None, deadline: dt.date | None) -> None:
    """A published task keeps its lead unit and its deadline: they cannot be taken away."""
    errors: dict[str, str] = {}
    if lead_unit is None:
        errors["lead_unit"] = _("A published task keeps its lead unit.")
    if deadline is None:
        errors["deadline"] = _(
            "A published task keeps its deadline; to move it, change the deadline on the task page."
        )
    if errors:
        raise ValidationError(errors)


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
    by: Actor,
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
    that day; its deadline may not come before it. The task starts unpublished. Only the
    committee's office (`task.create`), whatever door the request came through."""
    policy.require(
        by,
        "task.create",
        committee,
        message=_("Only the committee's office staff may give it tasks."),
    )
    return _task_new(
        committee=committee,
        content=content,
        by=by,
        source_kind=source_kind,
        source_reference=source_reference,
        original_text=original_text,
        issued_on=issued_on,
        lead_unit=lead_unit,
        lead_text=lead_text,
        coordinating_units=coordinating_units,
        deadline=deadline,
        deadline_text=deadline_text,
        deliverable=deliverable,
        authority=authority,
        priority=priority,
    )


def _task_new(
    *,
    committee: Organisation,
    content: str,
    by: Actor,
    source_kind: str,
    source_reference: str,
    original_text: str,
    issued_on: dt.date | None,
    lead_unit: Organisation | None,
    lead_text: str,
    coordinating_units: Iterable[Organisation],
    deadline: dt.date | None,
    deadline_text: str,
    deliverable: str,
    authority: Organisation | None,
    priority: str,
) -> Task:
    """`task_create` once its caller has been allowed (a sub-task is allowed by `task.split`)."""
    task = Task(committee=committee, created_by=audit.actor_or_none(by))
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
    by: Actor,
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
    base_token: str | None = None,
) -> Task:
    """Complete or correct a task; the same rules as `task_create`. The committee stays.
    `base_token` (`core.locking.token` of the task the form showed): refused with
    `EditConflict` when someone saved the task since (optimistic locking)."""
    policy.require(
        by,
        "task.manage",
        task,
        message=_("Only the committee's office staff may change its tasks."),
    )
    if base_token:
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if base_token != locking.token(locked):
            posted = {
                "content": content,
                "deadline": deadline,
                "lead_unit_id": lead_unit.pk if lead_unit else None,
                "deliverable": deliverable,
                "source_reference": source_reference,
                "deadline_text": deadline_text,
            }
            locking.check(
                locked,
                base_token,
                changed=[
                    str(
                        getattr(
                            Task._meta.get_field(name.removesuffix("_id")), "verbose_name", name
                        )
                    )
                    for name, value in posted.items()
                    if getattr(locked, name) != value
                ],
            )
    if task.published_at is not None:
        _keep_published_clear(lead_unit=lead_unit, deadline=deadline)
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
def task_publish(
    *, task: Task, by: Actor, waiver_reason: str = "", at: dt.datetime | None = None
) -> Task:
    """Give the task to its units. Refused when it is already published, when it has no lead
    unit or no deadline (never waived), or when the 6-rõ check finds other gaps and no reason is
    given for publishing anyway (the reason is kept and the statistics count it). `at` records a
    publication made earlier (on paper, or in the demo's 2020); it may not be in the future nor
    before the day the task was given."""
    task = Task.objects.select_for_update().select_related("committee").get(pk=task.pk)
    policy.require(
        by,
        "task.manage",
        task,
        message=_("Only the committee's office staff may change its tasks."),
    )
    if task.published_at is not None:
        raise ValidationError(_("This task has already been published."))
    blocking = blocking_gaps(task)
    if blocking:
        raise ValidationError(
            _(
                "A task is published only with a lead unit and a deadline; no reason can waive "
                "them (%(gaps)s). Edit the task first."
            )
            % {"gaps": "; ".join(str(gap.label) for gap in blocking)}
        )
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
    moment = at or timezone.now()
    if moment > timezone.now() or timezone.localdate(moment) < task.issued_on:
        raise ValidationError(
            _("The publication time must be between the day the task was given and now.")
        )
    before = audit.snapshot(task, ["published_at", "six_clear_waiver"])
    task.published_at = moment
    task.six_clear_waiver = waiver_reason if gaps else ""
    task.save(update_fields=["published_at", "six_clear_waiver", "updated_at"])
    audit.record(
        actor=by,
        action="task.publish",
        obj=task,
        before=before,
        after=audit.snapshot(task, ["published_at", "six_clear_waiver"]),
    )
    events.emit(
        events.Event.TASK_ASSIGNED,
        target=task,
        to=[events.units(task.lead_unit, *task.coordinating_units.all())],
        by=by,
    )
    return task
