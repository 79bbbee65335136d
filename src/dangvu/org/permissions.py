"""Who may do what with organisations: the org app's policy, declared once on `Scope`.

A membership applies to its organisation and everything under it, so the office staff of
Quận ủy Long Biên manage the district's bodies, and an administrator of the city manages the city.
Roots (a city committee) are created by superusers only.

Actions (asked by the services with `policy.require`, by views and the API with `policy.allowed`):
- `organisation.create_under`: obj = the parent (None: a new root);
- `organisation.update`, `organisation.close`: obj = the organisation;
- `succession.manage`: obj = a `Succession` (saved or not): both ends must be covered;
- `reorganisation.import`: obj = None (may open the import at all; every row is checked too);
- `membership.grant`, `membership.end`: obj = a `Membership` (saved or not);
- `position.assign`: obj = the organisation the position is held in;
- `account.create`: obj = None (a user account for an imported person; its roles are checked
  one by one with `membership.grant`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from dangvu.core import policy
from dangvu.org.enums import ORG_MANAGER_ROLES, Role
from dangvu.org.models import Membership, Organisation, Succession
from dangvu.org.scope import Scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.accounts.models import User
    from dangvu.core.policy import Actor


def role_paths(user: Actor | AnonymousUser) -> dict[str, list[str]]:
    """The tree paths of the user's memberships held today, by role (see `org.scope.Scope`)."""
    scope = Scope.of(user)
    return {role: list(paths) for role, paths in scope.paths_by_role.items()}


def manager_paths(user: Actor | AnonymousUser) -> list[str]:
    """The tree paths under which `user` manages (office staff and administrators)."""
    return Scope.of(user).paths(ORG_MANAGER_ROLES)


# --- predicates ---------------------------------------------------------------------------


@rules.predicate
def is_superuser(user: User) -> bool:
    return bool(getattr(user, "is_superuser", False))


@rules.predicate
def manages_somewhere(user: User) -> bool:
    return Scope.of(user).has_any(ORG_MANAGER_ROLES)


@rules.predicate
def manages_parent(user: User, parent: Organisation | None) -> bool:
    """A unit is created under a parent the user manages; a root only by a superuser."""
    if parent is None:
        return bool(getattr(user, "is_superuser", False))
    return Scope.of(user).covers(parent, ORG_MANAGER_ROLES)


@rules.predicate
def manages_organisation(user: User, organisation: Organisation | None) -> bool:
    return Scope.of(user).covers(organisation, ORG_MANAGER_ROLES)


@rules.predicate
def manages_both_ends(user: User, link: Succession | None) -> bool:
    """A link is made by the level that covers both the predecessor and the successor."""
    if link is None:
        return Scope.of(user).has_any(ORG_MANAGER_ROLES)
    scope = Scope.of(user)
    return scope.covers(link.predecessor, ORG_MANAGER_ROLES) and scope.covers(
        link.successor, ORG_MANAGER_ROLES
    )


@rules.predicate
def manages_membership(user: User, membership: Membership | None) -> bool:
    """Office staff grant and end roles within their scope; the administrator role only an
    administrator above it (or a superuser)."""
    if membership is None:
        return Scope.of(user).has_any(ORG_MANAGER_ROLES)
    scope = Scope.of(user)
    if membership.role == Role.ADMIN:
        return scope.covers(membership.organisation, {Role.ADMIN})
    return scope.covers(membership.organisation, ORG_MANAGER_ROLES)


policy.declare("organisation.create_under", manages_parent)
policy.declare("organisation.update", manages_organisation)
policy.declare("organisation.close", manages_organisation)
policy.declare("succession.manage", manages_both_ends)
policy.declare("reorganisation.import", manages_somewhere)
policy.declare("membership.grant", manages_membership)
policy.declare("membership.end", manages_membership)
policy.declare("position.assign", manages_organisation)
policy.declare("account.create", manages_somewhere)


# --- what views ask, to show buttons ---------------------------------------------------------


def can_manage_organisations(user: Actor | AnonymousUser) -> bool:
    """May the user change some part of the tree (to show the buttons at all)?"""
    return policy.allowed(user, "reorganisation.import")


def can_manage_organisation(user: Actor | AnonymousUser, organisation: Organisation) -> bool:
    """Office staff and administrators of the organisation or of one of its ancestors."""
    return policy.allowed(user, "organisation.update", organisation)


def can_create_root_organisation(user: Actor | AnonymousUser) -> bool:
    return policy.allowed(user, "organisation.create_under", None)
