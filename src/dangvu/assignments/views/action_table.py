"""The follow-up actions as a table (issue 18, item 2): each row says what its box on the task
page shows (title, button), its form, the service it runs and the message when it is done.
`action_boxes` makes the boxes `TaskActions` opens; `views.follow_up.task_follow_up` runs a row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.forms import Form
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from dangvu.assignments import selectors, services
from dangvu.assignments.actions import subunits
from dangvu.assignments.forms import (
    AcceptForm,
    DeadlineChangeForm,
    FollowersForm,
    ProposeForm,
    ReturnForm,
    SubtaskForm,
    SuspendForm,
)
from dangvu.assignments.models import Task
from dangvu.core.dates import today
from dangvu.core.policy import Actor


class ResumeForm(Form):
    """Resuming needs nothing typed: the box is a button."""


@dataclass(frozen=True)
class FollowUp:
    """One follow-up action: its box, its form and its service."""

    name: str  # the URL name and `TaskActions` field
    policy_action: str
    title: str | Promise
    button: str | Promise
    done: str | Promise
    form: Callable[[Task, Any, dict[str, Any]], Form]  # (task, POST data or None, initial)
    initial: Callable[[Task, dt.date], dict[str, Any]]
    run: Callable[[Task, Actor, dict[str, Any]], Any]
    secondary: bool = False
    opened: bool = False  # shown open even before anything is typed


def _on(task: Task, day: dt.date) -> dict[str, Any]:
    return {"on": day}


FOLLOW_UPS: dict[str, FollowUp] = {
    spec.name: spec
    for spec in [
        FollowUp(
            name="propose",
            policy_action="task.propose_completion",
            title=gettext_lazy("Propose completion"),
            button=gettext_lazy("Propose completion"),
            done=gettext_lazy("Completion proposed; the accepting authority will decide."),
            form=lambda task, data, initial: ProposeForm(data, initial=initial),
            initial=_on,
            run=lambda task, by, d: services.completion_propose(
                task=task, by=by, on=d["on"], note=d["note"]
            ),
        ),
        FollowUp(
            name="accept",
            policy_action="task.accept",
            title=gettext_lazy("Accept the result"),
            button=gettext_lazy("Accept completion"),
            done=gettext_lazy("Completion accepted."),
            form=lambda task, data, initial: AcceptForm(data, initial=initial),
            initial=_on,
            run=lambda task, by, d: services.completion_accept(
                task=task, by=by, on=d["on"], note=d["note"]
            ),
            opened=True,
        ),
        FollowUp(
            name="return",
            policy_action="task.return",
            title=gettext_lazy("Return to the lead unit"),
            button=gettext_lazy("Return to the lead unit"),
            done=gettext_lazy("Returned to the lead unit."),
            form=lambda task, data, initial: ReturnForm(data, initial=initial),
            initial=_on,
            run=lambda task, by, d: services.completion_return(
                task=task, by=by, on=d["on"], reason=d["reason"]
            ),
            secondary=True,
            opened=True,
        ),
        FollowUp(
            name="deadline",
            policy_action="task.change_deadline",
            title=gettext_lazy("Change the deadline"),
            button=gettext_lazy("Change the deadline"),
            done=gettext_lazy("Deadline changed."),
            form=lambda task, data, initial: DeadlineChangeForm(data, initial=initial),
            initial=_on,
            run=lambda task, by, d: services.deadline_change(task=task, by=by, **d),
        ),
        FollowUp(
            name="suspend",
            policy_action="task.suspend",
            title=gettext_lazy("Suspend"),
            button=gettext_lazy("Suspend the task"),
            done=gettext_lazy("Task suspended."),
            form=lambda task, data, initial: SuspendForm(data, initial=initial),
            initial=_on,
            run=lambda task, by, d: services.task_suspend(
                task=task, by=by, on=d["on"], reason=d["reason"]
            ),
            secondary=True,
        ),
        FollowUp(
            name="resume",
            policy_action="task.resume",
            title=gettext_lazy("Resume the task"),
            button=gettext_lazy("Resume the task"),
            done=gettext_lazy("Task resumed."),
            form=lambda task, data, initial: ResumeForm(data),
            initial=lambda task, day: {},
            run=lambda task, by, d: services.task_resume(task=task, by=by),
            secondary=True,
            opened=True,  # nothing to type: the button shows at once
        ),
        FollowUp(
            name="followers",
            policy_action="task.manage",
            title=gettext_lazy("Followers"),
            button=gettext_lazy("Save the followers"),
            done=gettext_lazy("Followers saved."),
            form=lambda task, data, initial: FollowersForm(
                data, users=selectors.follower_choices(task), initial=initial
            ),
            initial=lambda task, day: {"followers": task.followers.all()},
            run=lambda task, by, d: services.task_followers_set(
                task=task, by=by, users=d["followers"]
            ),
        ),
        FollowUp(
            name="split",
            policy_action="task.split",
            title=gettext_lazy("Give part of the task to a unit"),
            button=gettext_lazy("Give the sub-task"),
            done=gettext_lazy("Sub-task given."),
            form=lambda task, data, initial: SubtaskForm(
                data, units=subunits(task), initial=initial
            ),
            initial=lambda task, day: {"on": day, "deadline": task.deadline},
            run=lambda task, by, d: services.subtask_create(parent=task, by=by, **d),
        ),
    ]
}


@dataclass(frozen=True)
class ActionBox:
    """One box on the task page: its action, its form (blank, or bound with errors), its URL."""

    spec: FollowUp
    form: Form
    url: str

    @property
    def open(self) -> bool:
        return self.spec.opened or self.form.is_bound


def action_boxes(task: Task, open_actions: list[str], **bound: Form) -> list[ActionBox]:
    """A box for each open follow-up action, in page order; `bound` gives a refused form back."""
    day = today()
    return [
        ActionBox(
            spec=FOLLOW_UPS[name],
            form=bound.get(name)
            or FOLLOW_UPS[name].form(task, None, FOLLOW_UPS[name].initial(task, day)),
            url=reverse(f"assignments:{name}", args=[task.pk]),
        )
        for name in open_actions
    ]
