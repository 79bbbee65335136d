"""Who may do what with organisations: predicates over memberships and the tree.

A membership applies to its organisation and everything under it, so the office staff of
Quận ủy Long Biên manage the district's bodies, and an administrator of the city manages the city.
"""

from __future__ import annotations

from typing import Any

from dangvu.org.enums import ORG_MANAGER_ROLES
from dangvu.org.models import Membership, Organisation


def _manager_paths(user: Any) -> list[str]:
    """The tree paths under which `user` manages organisations (cached on the user object)."""
    cached: list[str] | None = getattr(user, "_dangvu_manager_paths", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, role__in=ORG_MANAGER_ROLES).values_list(
                "organisation__path", flat=True
            )
        )
        user._dangvu_manager_paths = cached
    return cached


def can_manage_organisations(user: Any) -> bool:
    """May the user change some part of the tree (to show the buttons at all)?"""
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or _manager_paths(user))


def can_manage_organisation(user: Any, organisation: Organisation) -> bool:
    """Office staff and administrators of the organisation or of one of its ancestors."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(organisation.path.startswith(path) for path in _manager_paths(user))


def can_create_root_organisation(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_superuser)
