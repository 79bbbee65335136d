"""Who may see and change tasks: predicates over memberships and the organisation tree.

- Office staff and administrators of a committee (or of an ancestor) see, create, edit and
  publish the committee's tasks.
- Leaders read every task of the committees under them, published or not.
- Unit reporters and heads read the published tasks their unit (or a unit under it) leads or
  coordinates; anyone reads the published tasks they follow.
- The lead unit's reporters and heads propose completion and split the task among their own
  units; the lead and coordinating units' reporters and heads report progress.
- The office, and the heads and leaders of the accepting authority, accept or return a
  completion, change the deadline and suspend the task.

A membership applies to its organisation and everything under it, as everywhere else.
"""

from __future__ import annotations

from typing import Any

from dangvu.org import permissions as org_permissions
from dangvu.org.enums import Role
from dangvu.org.models import Organisation

UNIT_ROLES = frozenset({Role.REPORTER, Role.HEAD})
AUTHORITY_ROLES = frozenset({Role.HEAD, Role.LEADER})


def unit_paths(user: Any) -> list[str]:
    """Tree paths of the units the user reports or heads for."""
    paths = org_permissions.role_paths(user)
    return [p for role in UNIT_ROLES for p in paths.get(role, [])]


def acts_for(user: Any, unit: Organisation | None) -> bool:
    """Does the user act for `unit` as its reporter or head (or for a unit above it)?"""
    if unit is None or not user.is_authenticated:
        return False
    return bool(user.is_superuser) or any(unit.path.startswith(p) for p in unit_paths(user))


def can_manage_tasks(user: Any) -> bool:
    """May the user create tasks at all (to show the buttons)? The same people who manage a part
    of the tree: office staff and administrators."""
    return org_permissions.can_manage_organisations(user)


def can_manage_tasks_of(user: Any, committee: Organisation) -> bool:
    """Office staff and administrators of the committee or of one of its ancestors."""
    return org_permissions.can_manage_organisation(user, committee)


def can_manage_task(user: Any, task: Any) -> bool:
    return can_manage_tasks_of(user, task.committee)


def is_lead_unit_user(user: Any, task: Any) -> bool:
    return acts_for(user, task.lead_unit)


def reporting_units(user: Any, task: Any) -> list[Organisation]:
    """The task's units (lead first, then coordinating) the user may report progress for."""
    units = [task.lead_unit] if task.lead_unit else []
    units += list(task.coordinating_units.all())
    return [unit for unit in units if acts_for(user, unit)]


def can_decide_task(user: Any, task: Any) -> bool:
    """Accept or return a completion, change the deadline, suspend: the committee's office, or a
    head or leader of the accepting authority."""
    if can_manage_task(user, task):
        return True
    if task.authority is None or not user.is_authenticated:
        return False
    paths = org_permissions.role_paths(user)
    return any(
        task.authority.path.startswith(p) for role in AUTHORITY_ROLES for p in paths.get(role, [])
    )
