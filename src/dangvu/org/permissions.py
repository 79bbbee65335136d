"""Who may do what with organisations: predicates over memberships and the tree.

A membership applies to its organisation and everything under it, so the office staff of
Quận ủy Long Biên manage the district's bodies, and an administrator of the city manages the city.
"""

from __future__ import annotations

from typing import Any

from dangvu.org.enums import ORG_MANAGER_ROLES
from dangvu.org.models import Membership, Organisation


def role_paths(user: Any) -> dict[str, list[str]]:
    """The tree paths of the user's memberships, by role: one query per request, cached on the
    user object, for every permission and selector that asks."""
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
