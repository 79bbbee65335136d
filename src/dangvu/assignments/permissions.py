"""Who may see and change tasks: predicates over memberships and the organisation tree.

- Office staff and administrators of a committee (or of an ancestor) see, create, edit and
  publish the committee's tasks.
- Leaders read every task of the committees under them, published or not.
- Unit reporters and heads read the published tasks their unit (or a unit under it) leads or
  coordinates.
"""

from __future__ import annotations

from typing import Any

from dangvu.org import permissions as org_permissions
from dangvu.org.enums import Role
from dangvu.org.models import Organisation

UNIT_ROLES = frozenset({Role.REPORTER, Role.HEAD})


def can_manage_tasks(user: Any) -> bool:
    """May the user create tasks at all (to show the buttons)? The same people who manage a part
    of the tree: office staff and administrators."""
    return org_permissions.can_manage_organisations(user)


def can_manage_tasks_of(user: Any, committee: Organisation) -> bool:
    """Office staff and administrators of the committee or of one of its ancestors."""
    return org_permissions.can_manage_organisation(user, committee)


def can_manage_task(user: Any, task: Any) -> bool:
    return can_manage_tasks_of(user, task.committee)
