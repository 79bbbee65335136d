"""Who may see and change tasks: predicates over memberships and the organisation tree.

- Office staff and administrators of a committee (or of an ancestor) see, create, edit and
  publish the committee's tasks.
- Leaders read every task of the committees under them, published or not.
- Unit reporters and heads read the published tasks their unit (or a unit under it) leads or
  coordinates.
"""

from __future__ import annotations

from typing import Any

from dangvu.org.enums import ORG_MANAGER_ROLES, Role
from dangvu.org.models import Membership, Organisation

UNIT_ROLES = frozenset({Role.REPORTER, Role.HEAD})


def role_paths(user: Any) -> dict[str, list[str]]:
    """The tree paths of the user's memberships, by role (cached on the user object)."""
    cached: dict[str, list[str]] | None = getattr(user, "_dangvu_role_paths", None)
    if cached is None:
        cached = {}
        for role, path in Membership.objects.filter(user=user).values_list(
            "role", "organisation__path"
        ):
            cached.setdefault(role, []).append(path)
        user._dangvu_role_paths = cached
    return cached


def manager_paths(user: Any) -> list[str]:
    paths = role_paths(user)
    return [p for role in ORG_MANAGER_ROLES for p in paths.get(role, [])]


def can_manage_tasks(user: Any) -> bool:
    """May the user create tasks at all (to show the buttons)?"""
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or manager_paths(user))


def can_manage_tasks_of(user: Any, committee: Organisation) -> bool:
    """Office staff and administrators of the committee or of one of its ancestors."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(committee.path.startswith(path) for path in manager_paths(user))


def can_manage_task(user: Any, task: Any) -> bool:
    return can_manage_tasks_of(user, task.committee)
