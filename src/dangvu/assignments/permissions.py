"""Who may change tasks: named actions declared once on the policy (`dangvu.core.policy`).

- `task.create` (on a committee), `task.manage` (edit, publish, followers): the office staff
  and administrators of the committee or of an ancestor.
- `task.propose_completion`: the lead unit's reporters and heads (đơn vị chủ trì).
- `task.split`: the lead unit's reporters and heads, and the committee's office.
- `task.accept`, `task.return`, `task.suspend`, `task.resume`, `task.change_deadline`: the
  committee's office, or a head or leader of the accepting authority (cấp có thẩm quyền).
- `task.report_progress` (on a progress report, new or made: its task and unit): the unit's
  reporters and heads, and the committee's office, which records a report on a unit's behalf
  (issue 17, item 8: "do Văn phòng cập nhật thay", `records_on_behalf`). Leaders, and units
  other than the task's lead and coordinating units, do not report.

Reading is scoped by `selectors.tasks_visible_to`. A membership applies to its organisation and
everything under it (`org.scope.Scope`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from dangvu.accounts.models import User
from dangvu.core import policy
from dangvu.org.enums import ORG_MANAGER_ROLES
from dangvu.org.models import Organisation
from dangvu.org.roles import AUTHORITY_ROLES, UNIT_ROLES
from dangvu.org.scope import Scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor


def acts_for(user: Actor | AnonymousUser, unit: Organisation | None) -> bool:
    """Does the user act for `unit` as its reporter or head (or for a unit above it)?"""
    return unit is not None and Scope.of(user).covers(unit, UNIT_ROLES)


@rules.predicate
def manages_committee(user: User, committee: Organisation | None) -> bool:
    """Office staff and administrators of the committee or of one of its ancestors."""
    return Scope.of(user).covers(committee, ORG_MANAGER_ROLES)


@rules.predicate
def manages_task(user: User, task: Any) -> bool:
    return Scope.of(user).covers(task.committee, ORG_MANAGER_ROLES)


@rules.predicate
def is_lead_unit_user(user: User, task: Any) -> bool:
    return acts_for(user, task.lead_unit)


@rules.predicate
def is_authority_head_or_leader(user: User, task: Any) -> bool:
    return task.authority is not None and Scope.of(user).covers(task.authority, AUTHORITY_ROLES)


@rules.predicate
def reports_for_unit(user: User, report: Any) -> bool:
    """`report` is a progress report (saved or not): its `task` and its `unit`."""
    return acts_for(user, report.unit)


@rules.predicate
def manages_reported_task(user: User, report: Any) -> bool:
    return Scope.of(user).covers(report.task.committee, ORG_MANAGER_ROLES)


can_decide = manages_task | is_authority_head_or_leader

policy.declare("task.create", manages_committee)
policy.declare("task.manage", manages_task)
policy.declare("task.propose_completion", is_lead_unit_user)
policy.declare("task.split", is_lead_unit_user | manages_task)
for _action in ("accept", "return", "suspend", "resume", "change_deadline"):
    policy.declare(f"task.{_action}", can_decide)
policy.declare("task.report_progress", reports_for_unit | manages_reported_task)


# --- what to show ----------------------------------------------------------------------------


def can_manage_tasks(user: Actor | AnonymousUser) -> bool:
    """May the user create tasks somewhere (to show the buttons)?"""
    return Scope.of(user).has_any(ORG_MANAGER_ROLES)


def reporting_units(user: Actor | AnonymousUser, task: Any) -> list[Organisation]:
    """The task's units (lead first, then coordinating) the policy lets the user report for:
    a unit's own reporters and heads for their unit, the committee's office for every one of
    them (on the unit's behalf)."""
    from dangvu.assignments.models import ProgressReport

    units = [task.lead_unit] if task.lead_unit else []
    units += list(task.coordinating_units.all())
    return [
        unit
        for unit in units
        if policy.allowed(user, "task.report_progress", ProgressReport(task=task, unit=unit))
    ]


def may_report_on(user: Actor | AnonymousUser, task: Any) -> bool:
    """Is there a unit of the task the user may report for (to show the progress form)?"""
    return bool(reporting_units(user, task))


def records_on_behalf(user: Actor | AnonymousUser, unit: Organisation) -> bool:
    """Is a report for `unit` by `user` recorded on the unit's behalf (by the office, or an
    administrator), rather than by the unit's own reporters and heads? System work (the demo,
    imports) is not marked."""
    if not isinstance(user, User):
        return False
    return user.is_superuser or not acts_for(user, unit)
