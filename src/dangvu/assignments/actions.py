"""Page state as data (issue 18, item 2): which actions a user may take on a task now.

`task_actions(user, task)` asks the policy (`permissions.py`) once per action and combines the
answer with the task's state (published, open, completion proposed, suspended, units to split
among); the task page shows a box for each open follow-up action and the API lists them, so the
two can never disagree. The services decide again when the action is sent: this only says what
to offer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from dangvu.assignments import permissions
from dangvu.assignments.models import Task
from dangvu.core import policy
from dangvu.org.models import Organisation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor

# The follow-up actions, in the order the page shows their boxes.
FOLLOW_UP_ACTIONS = (
    "propose",
    "accept",
    "return",
    "deadline",
    "suspend",
    "resume",
    "followers",
    "split",
)


@dataclass(frozen=True)
class TaskActions:
    """What `user` may do on `task` now. `report_units`: the units the user may report progress
    for (lead first); `report_on_behalf`: all of them are reported on the unit's behalf (the
    office)."""

    edit: bool = False
    publish: bool = False
    report_units: tuple[Organisation, ...] = ()
    report_on_behalf: bool = False
    propose: bool = False
    accept: bool = False
    return_: bool = False
    deadline: bool = False
    suspend: bool = False
    resume: bool = False
    followers: bool = False
    split: bool = False

    def allows(self, name: str) -> bool:
        """Is the follow-up action `name` (one of `FOLLOW_UP_ACTIONS`) open?"""
        return bool(getattr(self, "return_" if name == "return" else name))

    @property
    def follow_up(self) -> list[str]:
        """The open follow-up actions, in page order."""
        return [name for name in FOLLOW_UP_ACTIONS if self.allows(name)]

    @property
    def names(self) -> list[str]:
        """Every open action by name, for the API ("report" when a unit may be reported for)."""
        out = [name for name in ("edit", "publish") if getattr(self, name)]
        if self.report_units:
            out.append("report")
        return out + self.follow_up


def subunits(task: Task) -> QuerySet[Organisation]:
    """The units a task's lead unit may give part of it to: those under it."""
    lead = task.lead_unit
    if lead is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(path__startswith=lead.path).exclude(pk=lead.pk)


def task_actions(user: Actor | AnonymousUser, task: Task) -> TaskActions:
    """The actions open to `user` on `task` (see the module)."""
    published = task.published_at is not None
    is_open = published and task.completed_on is None and task.suspended_on is None
    manage = policy.allowed(user, "task.manage", task)
    decide = published and task.completed_on is None and policy.allowed(user, "task.accept", task)
    proposed = task.completion_proposed_on is not None
    units = tuple(permissions.reporting_units(user, task)) if is_open else ()
    return TaskActions(
        edit=manage,
        publish=manage and not published,
        report_units=units,
        report_on_behalf=bool(units)
        and all(permissions.records_on_behalf(user, unit) for unit in units),
        propose=is_open and not proposed and policy.allowed(user, "task.propose_completion", task),
        accept=is_open and decide and proposed,
        return_=is_open and decide and proposed,
        deadline=decide,
        suspend=decide and task.suspended_on is None,
        resume=decide and task.suspended_on is not None,
        followers=manage,
        split=is_open and policy.allowed(user, "task.split", task) and subunits(task).exists(),
    )


__all__ = ["FOLLOW_UP_ACTIONS", "TaskActions", "subunits", "task_actions"]
