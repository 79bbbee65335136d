"""The one answer to "which organisations does this user cover, and in which roles?".

A membership applies to its organisation and everything under it (a path prefix in the tree), for
the days it is held. Every app's policy and selectors ask `Scope.of(user)` instead of writing
`path__startswith` loops of their own:

    scope = Scope.of(user)
    scope.covers(task.committee, ORG_MANAGER_ROLES)      # a predicate
    Task.objects.filter(scope.q("committee", ORG_MANAGER_ROLES))   # a queryset filter

The scope is read once per request (one query) and cached on the user object.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from dangvu.org.enums import Role
from dangvu.org.models import Membership, Organisation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor

ALL_ROLES: frozenset[str] = frozenset(Role.values)

_CACHE_ATTR = "_dangvu_scope"


def active_memberships_q(day: dt.date, prefix: str = "") -> Q:
    """Memberships held on `day` (open-ended bounds are null)."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def person_q(actor: Actor | AnonymousUser, field: str = "user") -> Q:
    """Rows of `field` that are this person's; none for a system actor or an anonymous one
    (they have no memberships, follow nothing)."""
    pk = getattr(actor, "pk", None)
    return Q(**{field: pk}) if pk is not None else Q(pk__in=[])


@dataclass(frozen=True)
class Scope:
    """The tree paths a user holds each role at, on one day. Superusers cover everything."""

    user_id: int | None
    is_superuser: bool = False
    paths_by_role: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, user: Actor | AnonymousUser) -> Scope:
        """The scope of `user` today (anonymous users and system actors included)."""
        if user is None or not getattr(user, "is_authenticated", False):
            return cls(user_id=None)
        cached = getattr(user, _CACHE_ATTR, None)
        if isinstance(cached, Scope):
            return cached
        if getattr(user, "pk", None) is None:  # a system actor: no memberships, all powers
            return cls(user_id=None, is_superuser=bool(getattr(user, "is_superuser", False)))
        scope = cls.on(user, timezone.localdate())
        setattr(user, _CACHE_ATTR, scope)
        return scope

    @classmethod
    def on(cls, user: Actor | AnonymousUser, day: dt.date) -> Scope:
        """The scope of `user` on `day`, uncached (for history and tests)."""
        paths: dict[str, list[str]] = {}
        rows = Membership.objects.filter(active_memberships_q(day), person_q(user)).values_list(
            "role", "organisation__path"
        )
        for role, path in rows:
            paths.setdefault(role, []).append(path)
        return cls(
            user_id=user.pk,
            is_superuser=bool(user.is_superuser),
            paths_by_role={role: tuple(sorted(set(p))) for role, p in paths.items()},
        )

    @classmethod
    def forget(cls, user: Actor | AnonymousUser) -> None:
        """Drop the cached scope (after a grant or an end of a role in the same request)."""
        if hasattr(user, _CACHE_ATTR):
            delattr(user, _CACHE_ATTR)

    # --- questions -------------------------------------------------------------------------------

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None or self.is_superuser

    def paths(self, roles: Iterable[str] = ALL_ROLES) -> list[str]:
        """The tree paths at which the user holds any of `roles`."""
        return [p for role in roles for p in self.paths_by_role.get(role, ())]

    def has_any(self, roles: Iterable[str] = ALL_ROLES) -> bool:
        """Does the user hold any of `roles` anywhere (superusers: yes)?"""
        return self.is_superuser or bool(self.paths(roles))

    def covers(self, organisation: Organisation | None, roles: Iterable[str] = ALL_ROLES) -> bool:
        """Does one of the user's `roles` apply to `organisation` (held there or above it)?"""
        if organisation is None:
            return False
        if self.is_superuser:
            return True
        return any(organisation.path.startswith(p) for p in self.paths(roles))

    def covers_path(self, path: str, roles: Iterable[str] = ALL_ROLES) -> bool:
        return self.is_superuser or any(path.startswith(p) for p in self.paths(roles))

    def q(self, field_name: str | None, roles: Iterable[str] = ALL_ROLES) -> Q:
        """A filter for rows whose organisation (`field_name`, or the organisation itself when
        None) is covered by one of `roles`. Matches nothing when the user holds none of them."""
        if self.is_superuser:
            return Q()
        lookup = f"{field_name}__path__startswith" if field_name else "path__startswith"
        condition = Q(pk__in=[])
        for path in self.paths(roles):
            condition |= Q(**{lookup: path})
        return condition
