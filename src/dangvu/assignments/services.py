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
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.accounts.models import User
from dangvu.assignments import permissions  # noqa: F401  (declares the task actions)
from dangvu.assignments.checks import six_clear_gaps
from dangvu.assignments.enums import CompletionStepKind, Priority, SourceKind
from dangvu.assignments.evidence import check_file
from dangvu.assignments.models import (
    CompletionStep,
    DeadlineChange,
    Evidence,
    ProgressReport,
    Task,
)
from dangvu.core import audit, locking, policy
from dangvu.core.dates import short_date, today
from dangvu.core.policy import Actor
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
    """Give the task to its units. Refused when it is already published, or when the 6-rõ check
    finds gaps and no reason is given for publishing anyway (the reason is kept). `at` records a
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
    return task


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


@transaction.atomic
def completion_propose(*, task: Task, by: Actor, on: dt.date | None = None, note: str = "") -> Task:
    """The lead unit says the task is done and asks the authority to accept it. Refused for a
    user of another unit, on a task not open, or while a proposal waits for a decision."""
    task = _locked(task)
    policy.require(
        by,
        "task.propose_completion",
        task,
        message=_("Only the lead unit may propose that the task is complete."),
    )
    _require_open(task)
    if task.completion_proposed_on is not None:
        raise ValidationError(_("A completion proposal is already waiting for a decision."))
    day = _event_day(task, on)
    before = _follow_up_snapshot(task)
    task.completion_proposed_on = day
    CompletionStep.objects.create(
        task=task,
        kind=CompletionStepKind.PROPOSED,
        day=day,
        by=audit.actor_or_none(by),
        note=note.strip(),
    )
    return _save_follow_up(task, by=by, action="task.completion_propose", before=before)


def _pending_proposal(task: Task, day: dt.date) -> None:
    if task.completion_proposed_on is None:
        raise ValidationError(_("The lead unit has not proposed completion."))
    if day < task.completion_proposed_on:
        raise ValidationError(
            {
                "on": _("The decision cannot come before the proposal (%(day)s).")
                % {"day": short_date(task.completion_proposed_on)}
            }
        )


@transaction.atomic
def completion_accept(*, task: Task, by: Actor, on: dt.date | None = None, note: str = "") -> Task:
    """The authority (or the office) accepts the lead unit's proposal: the task is completed on
    `on`, which decides whether it was done on time."""
    task = _locked(task)
    policy.require(
        by,
        "task.accept",
        task,
        message=_("Only the accepting authority or the office may accept the result."),
    )
    _require_open(task)
    day = _event_day(task, on)
    _pending_proposal(task, day)
    before = _follow_up_snapshot(task)
    task.completion_proposed_on = None
    task.completed_on = day
    task.progress = 100
    CompletionStep.objects.create(
        task=task,
        kind=CompletionStepKind.ACCEPTED,
        day=day,
        by=audit.actor_or_none(by),
        note=note.strip(),
    )
    _save_follow_up(task, by=by, action="task.completion_accept", before=before)
    _roll_up(task)
    return task


@transaction.atomic
def completion_return(*, task: Task, by: Actor, reason: str, on: dt.date | None = None) -> Task:
    """The authority (or the office) returns the proposal to the lead unit, saying why."""
    task = _locked(task)
    policy.require(
        by,
        "task.return",
        task,
        message=_("Only the accepting authority or the office may return the result."),
    )
    _require_open(task)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the result is returned.")})
    day = _event_day(task, on)
    _pending_proposal(task, day)
    before = _follow_up_snapshot(task)
    task.completion_proposed_on = None
    CompletionStep.objects.create(
        task=task,
        kind=CompletionStepKind.RETURNED,
        day=day,
        by=audit.actor_or_none(by),
        note=reason,
    )
    return _save_follow_up(task, by=by, action="task.completion_return", before=before)


@transaction.atomic
def task_suspend(*, task: Task, by: Actor, reason: str, on: dt.date | None = None) -> Task:
    """Stop following the task from `on`, with the reason (a changed situation, a new order)."""
    task = _locked(task)
    policy.require(
        by,
        "task.suspend",
        task,
        message=_("Only the accepting authority or the office may suspend the task."),
    )
    _require_open(task)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the task is suspended.")})
    day = _event_day(task, on)
    before = _follow_up_snapshot(task)
    task.suspended_on = day
    task.suspension_reason = reason
    task.completion_proposed_on = None
    return _save_follow_up(task, by=by, action="task.suspend", before=before)


@transaction.atomic
def task_resume(*, task: Task, by: Actor) -> Task:
    """Follow a suspended task again; the reason of the suspension stays in the audit log."""
    task = _locked(task)
    policy.require(
        by,
        "task.resume",
        task,
        message=_("Only the accepting authority or the office may resume the task."),
    )
    if task.suspended_on is None:
        raise ValidationError(_("The task is not suspended."))
    before = _follow_up_snapshot(task)
    task.suspended_on = None
    task.suspension_reason = ""
    return _save_follow_up(task, by=by, action="task.resume", before=before)


@transaction.atomic
def deadline_change(
    *,
    task: Task,
    by: Actor,
    new_deadline: dt.date,
    reason: str,
    approved_by: str,
    on: dt.date | None = None,
    deadline_text: str = "",
) -> DeadlineChange:
    """Move the deadline, keeping the old one with the reason and who approved the change.
    Refused on a completed task, and for a deadline before the day the task was given."""
    task = _locked(task)
    policy.require(
        by,
        "task.change_deadline",
        task,
        message=_("Only the accepting authority or the office may change the deadline."),
    )
    if task.completed_on is not None:
        raise ValidationError(_("The task is already completed."))
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = _("Say why the deadline changes.")
    if not approved_by.strip():
        errors["approved_by"] = _("Say who approved the change.")
    if new_deadline < task.issued_on:
        errors["new_deadline"] = _(
            "The deadline cannot be before the day the task is given (%(day)s)."
        ) % {"day": short_date(task.issued_on)}
    elif new_deadline == task.deadline:
        errors["new_deadline"] = _("This is already the deadline.")
    if errors:
        raise ValidationError(errors)
    day = _event_day(task, on)
    before = _follow_up_snapshot(task)
    change = DeadlineChange(
        task=task,
        old_deadline=task.deadline,
        new_deadline=new_deadline,
        reason=reason.strip(),
        approved_by=approved_by.strip(),
        changed_on=day,
        recorded_by=audit.actor_or_none(by),
    )
    change.full_clean()
    change.save()
    task.deadline = new_deadline
    task.deadline_text = deadline_text.strip()
    _save_follow_up(task, by=by, action="task.deadline_change", before=before)
    return change


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
    at once, its authority is the parent's lead unit, its deadline no later than the parent's;
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
    if deadline is not None and parent.deadline is not None and deadline > parent.deadline:
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


@transaction.atomic
def progress_report_create(
    *,
    task: Task,
    by: Actor,
    unit: Organisation,
    done: str,
    percent: int,
    reported_on: dt.date | None = None,
    difficulties: str = "",
    next_steps: str = "",
    files: Iterable[tuple[str, bytes]] = (),
) -> ProgressReport:
    """A lead or coordinating unit reports progress. Refused on a task that is not open (done or
    suspended), from a unit that is neither lead nor coordinating, and with a file that is not a
    PDF, Word, Excel, JPG or PNG of at most 10 MB. The unit's reporters and heads report; the
    committee's office may record a report on a unit's behalf (it compiles them). The lead unit's
    percentage becomes the task's progress (rolled up to the parent task)."""
    task = _locked(task)
    policy.require(
        by,
        "task.report_progress",
        ProgressReport(task=task, unit=unit),
        message=_("You do not report for %(unit)s.") % {"unit": unit.name},
    )
    coordinating = list(task.coordinating_units.all())
    if unit != task.lead_unit and unit not in coordinating:
        raise ValidationError(
            {"unit": _("Only the lead and coordinating units report on this task.")}
        )
    if task.published_at is None:
        raise ValidationError(_("The task has not been published to its units yet."))
    if task.completed_on is not None or task.suspended_on is not None:
        raise ValidationError(_("The task is closed (completed or suspended): no more reports."))
    day = _event_day(task, reported_on, field="reported_on")
    if unit.valid_to is not None and day > unit.valid_to:
        # đơn vị đã kết thúc: its open work passed to its successors (org.handover)
        raise ValidationError(
            {
                "unit": _(
                    "%(unit)s ended on %(end)s: it cannot report after that day. Its work "
                    "passed to the units that succeeded it."
                )
                % {"unit": unit.name, "end": short_date(unit.valid_to)}
            }
        )
    if not 0 <= percent <= 100:
        raise ValidationError({"percent": _("The progress is a percentage from 0 to 100.")})
    checked = [(name, data, check_file(name, data)) for name, data in files]
    report = ProgressReport(
        task=task,
        unit=unit,
        reported_on=day,
        done=done.strip(),
        difficulties=difficulties.strip(),
        next_steps=next_steps.strip(),
        percent=percent,
        created_by=audit.actor_or_none(by),
    )
    report.full_clean()
    report.save()
    _evidence_save(report, checked)
    if unit == task.lead_unit:
        before = _follow_up_snapshot(task)
        task.progress = percent
        task.save(update_fields=["progress", "updated_at"])
        audit.record(
            actor=by,
            action="task.progress",
            obj=task,
            before=before,
            after=_follow_up_snapshot(task),
        )
        _roll_up(task)
    else:
        audit.record(
            actor=by, action="task.progress", obj=task, after={"unit": unit.pk, "percent": percent}
        )
    return report


def _evidence_save(report: ProgressReport, checked: list[tuple[str, bytes, str]]) -> list[Evidence]:
    return [
        Evidence.objects.create(
            report=report, file=ContentFile(data, name=name), name=name, kind=kind, size=len(data)
        )
        for name, data, kind in checked
    ]


@transaction.atomic
def evidence_add(
    *, report: ProgressReport, by: Actor, files: Iterable[tuple[str, bytes]]
) -> list[Evidence]:
    """Attach files to a progress report already made (the API sends them after the report):
    by whoever may report for its unit, while the task is open, each file checked as in
    `progress_report_create`; one refused file and none is kept."""
    task = _locked(report.task)
    policy.require(
        by,
        "task.report_progress",
        report,
        message=_("You do not report for %(unit)s.") % {"unit": report.unit.name},
    )
    if task.completed_on is not None or task.suspended_on is not None:
        raise ValidationError(_("The task is closed (completed or suspended): no more reports."))
    files = list(files)
    if not files:
        raise ValidationError({"files": _("Choose at least one file.")})
    saved = _evidence_save(report, [(name, data, check_file(name, data)) for name, data in files])
    audit.record(
        actor=by,
        action="task.evidence",
        obj=task,
        after={"report": report.pk, "files": [evidence.name for evidence in saved]},
    )
    return saved


@transaction.atomic
def task_followers_set(*, task: Task, by: Actor, users: Iterable[User]) -> Task:
    """The users who follow the task (they see it and, later, get its reminders)."""
    policy.require(
        by,
        "task.manage",
        task,
        message=_("Only the committee's office staff may change its tasks."),
    )
    before = sorted(task.followers.values_list("pk", flat=True))
    task.followers.set(list(users))
    after = sorted(task.followers.values_list("pk", flat=True))
    audit.record(
        actor=by,
        action="task.followers",
        obj=task,
        before={"followers": before},
        after={"followers": after},
    )
    return task
