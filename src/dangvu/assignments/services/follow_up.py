"""Task follow-up services: completion, suspension, deadline changes and followers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.accounts.models import User
from dangvu.assignments import permissions  # noqa: F401  (declares the task actions)
from dangvu.assignments.enums import CompletionStepKind
from dangvu.assignments.models import (
    CompletionStep,
    DeadlineChange,
    Task,
)
from dangvu.core import audit, policy
from dangvu.core.dates import short_date
from dangvu.core.policy import Actor
from dangvu.notifications import events

from ._common import (
    _event_day,
    _follow_up_snapshot,
    _locked,
    _require_open,
    _roll_up,
    _save_follow_up,
)


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
    events.emit(
        events.Event.COMPLETION_PROPOSED, target=task, to=[events.office(task.committee)], by=by
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
    events.emit(
        events.Event.COMPLETION_ACCEPTED, target=task, to=[events.units(task.lead_unit)], by=by
    )
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
    events.emit(
        events.Event.COMPLETION_RETURNED, target=task, to=[events.units(task.lead_unit)], by=by
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
