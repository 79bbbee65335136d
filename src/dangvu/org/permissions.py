"""Who may do what with organisations: predicates over memberships and the tree.

A membership applies to its organisation and everything under it, so the office staff of
Quận ủy Long Biên manage the district's bodies, and an administrator of the city manages the city.
"""

from __future__ import annotations

from typing import Any

from dangvu.org.enums import ORG_MANAGER_ROLES
from dangvu.org.models import Organisation
from dangvu.org.scope import Scope


def role_paths(user: Any) -> dict[str, list[str]]:
    """The tree paths of the user's memberships held today, by role (see `org.scope.Scope`)."""
    scope = Scope.of(user)
    return {role: list(paths) for role, paths in scope.paths_by_role.items()}


def manager_paths(user: Any) -> list[str]:
    """The tree paths under which `user` manages (office staff and administrators)."""
    paths = role_paths(user)
    return [path for role in ORG_MANAGER_ROLES for path in paths.get(role, [])]


def can_manage_organisations(user: Any) -> bool:
    """May the user change some part of the tree (to show the buttons at all)?"""
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or manager_paths(user))


def can_manage_organisation(user: Any, organisation: Organisation) -> bool:
    """Office staff and administrators of the organisation or of one of its ancestors."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(organisation.path.startswith(path) for path in manager_paths(user))


def can_create_root_organisation(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_superuser)
