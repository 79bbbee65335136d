"""Reads of the party-member register, scoped to what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from dangvu.core import policy
from dangvu.core.dates import today
from dangvu.evaluation.models import (
    MemberPlacement,
    PartyMember,
)
from dangvu.org.models import Organisation
from dangvu.org.scope import Scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor

# --- the register -------------------------------------------------------------------------------


def _placed_on(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def members_visible_to(
    user: Actor | AnonymousUser, *, on: dt.date | None = None
) -> QuerySet[PartyMember]:
    """Members placed on `on` (default today) in an organisation the user holds a role at or
    under; a member always sees their own record."""
    day = on or today()
    scope = Scope.of(user)
    if not scope.is_authenticated:
        return PartyMember.objects.none()
    placements = MemberPlacement.objects.filter(_placed_on(day), member=OuterRef("pk")).filter(
        scope.q("organisation")
    )
    own = Q(user=user) if getattr(user, "pk", None) else Q(pk__in=[])
    return PartyMember.objects.filter(Exists(placements) | own)


@dataclass
class MemberRow:
    member: PartyMember
    cell: Organisation | None


def member_rows(
    user: Actor | AnonymousUser, *, on: dt.date | None = None, query: str = ""
) -> list[MemberRow]:
    """The register as a list: each member with their cell on the day (two queries)."""
    day = on or today()
    members = members_visible_to(user, on=day)
    if query:
        members = members.filter(Q(full_name__icontains=query) | Q(code__iexact=query))
    members_list = list(members.order_by("full_name", "code")[:500])
    cells = {
        p.member_id: p.organisation
        for p in MemberPlacement.objects.filter(
            _placed_on(day), member__in=members_list
        ).select_related("organisation")
    }
    return [MemberRow(member=m, cell=cells.get(m.pk)) for m in members_list]


def get_member_for_user(user: Actor | AnonymousUser, pk: int) -> PartyMember:
    member = PartyMember.objects.filter(pk=pk).prefetch_related("placements__organisation").first()
    if member is None or not policy.allowed(user, "member.read", member):
        raise Http404(_("No such member."))
    return member
