"""Evaluation services for the register of members: creating, exempting and moving them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.dates import short_date, today
from dangvu.core.policy import Actor
from dangvu.evaluation.enums import (
    SubjectKind,
)
from dangvu.evaluation.models import (
    MemberPlacement,
    PartyMember,
)
from dangvu.org.enums import OrgKind, SuccessionKind
from dangvu.org.models import Organisation, Succession
from dangvu.org.selectors import organisations_on

from ._common import MEMBER_FIELDS

if TYPE_CHECKING:
    from dangvu.accounts.models import User


def placement_on(member: PartyMember, day: dt.date) -> MemberPlacement | None:
    return (
        member.placements.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("organisation")
        .first()
    )


def _check_cell(organisation: Organisation, day: dt.date) -> None:
    if organisation.kind != OrgKind.PARTY:
        raise ValidationError(
            {"organisation": _("Members are placed in Party organisations (cells).")}
        )
    if not organisations_on(day).filter(pk=organisation.pk).exists():
        raise ValidationError(
            {
                "organisation": _("%(name)s does not exist on %(day)s.")
                % {"name": organisation.name, "day": short_date(day)}
            }
        )


@transaction.atomic
def member_create(
    *,
    code: str,
    full_name: str,
    birth_year: int,
    joined_on: dt.date,
    organisation: Organisation,
    by: Actor,
    placed_on: dt.date | None = None,
    status: str = "official",
    subject_kind: str = SubjectKind.MEMBER,
    heads_cell: bool = False,
    exempt: bool = False,
    exempt_reason: str = "",
    user: User | None = None,
) -> PartyMember:
    """Register a member in `organisation` (a Party cell or grassroots organisation) from
    `placed_on` (default: the day they joined)."""
    policy.require(
        by,
        "member.manage",
        organisation,
        message=_("Only the office of the organisation or above keeps its register."),
    )
    member = PartyMember(
        code=code.strip(),
        full_name=full_name.strip(),
        birth_year=birth_year,
        joined_on=joined_on,
        status=status,
        subject_kind=subject_kind,
        heads_cell=heads_cell,
        exempt=exempt,
        exempt_reason=exempt_reason.strip(),
        user=user,
    )
    errors: dict[str, list[str]] = {}
    if exempt and not member.exempt_reason:
        errors["exempt_reason"] = [_("Give the reason for the exemption from activities.")]
    if joined_on.year < birth_year + 16:
        errors["joined_on"] = [_("A member joins the Party at 18 at the earliest.")]
    if errors:
        raise ValidationError(errors)
    member.full_clean()
    day = placed_on or joined_on
    _check_cell(organisation, day)
    member.save()
    MemberPlacement.objects.create(member=member, organisation=organisation, valid_from=day)
    audit.record(
        actor=by,
        action="member.create",
        obj=member,
        after={**audit.snapshot(member, MEMBER_FIELDS), "organisation": organisation.pk},
    )
    return member


@transaction.atomic
def member_exemption_set(
    *, member: PartyMember, exempt: bool, reason: str, by: Actor
) -> PartyMember:
    """Exempt a member from activities (with a reason) or end the exemption."""
    placement = member.placements.filter(valid_to__isnull=True).select_related("organisation")
    current = placement.first()
    policy.require(by, "member.manage", current.organisation if current else None)
    if exempt and not reason.strip():
        raise ValidationError(
            {"exempt_reason": _("Give the reason for the exemption from activities.")}
        )
    before = audit.snapshot(member, MEMBER_FIELDS)
    member.exempt = exempt
    member.exempt_reason = reason.strip() if exempt else ""
    member.full_clean()
    member.save(update_fields=["exempt", "exempt_reason", "updated_at"])
    audit.record(
        actor=by,
        action="member.exemption",
        obj=member,
        before=before,
        after=audit.snapshot(member, MEMBER_FIELDS),
    )
    return member


@transaction.atomic
def member_move(
    *, member: PartyMember, organisation: Organisation, on: dt.date, by: Actor
) -> MemberPlacement:
    """Move a member to another cell from `on`: the open placement ends the day before."""
    current = member.placements.select_for_update().filter(valid_to__isnull=True).first()
    policy.require(by, "member.manage", organisation)
    if current is not None:
        policy.require(by, "member.manage", current.organisation)
        if current.organisation_id == organisation.pk:
            raise ValidationError({"organisation": _("The member is already in this cell.")})
        if on <= current.valid_from:
            raise ValidationError(
                {
                    "on": _("The move must come after %(day)s.")
                    % {"day": short_date(current.valid_from)}
                }
            )
    _check_cell(organisation, on)
    if current is not None:
        current.valid_to = on - dt.timedelta(days=1)
        current.save(update_fields=["valid_to"])
    placement = MemberPlacement.objects.create(
        member=member, organisation=organisation, valid_from=on
    )
    audit.record(
        actor=by,
        action="member.move",
        obj=member,
        before={"organisation": current.organisation_id if current else None},
        after={"organisation": organisation.pk, "on": on.isoformat()},
    )
    return placement


@transaction.atomic
def members_follow_succession(
    *, predecessor: Organisation, successor: Organisation, on: dt.date, by: Actor
) -> int:
    """A reorganisation: the members still placed in `predecessor` (ended) pass to `successor`
    on `on`; their history in the predecessor stays. Returns how many moved."""
    policy.require(by, "member.manage", successor)
    policy.require(by, "member.manage", predecessor)
    _check_cell(successor, on)
    open_ = MemberPlacement.objects.select_for_update().filter(
        organisation=predecessor, valid_to__isnull=True, valid_from__lt=on
    )
    moved = list(open_.values_list("member_id", flat=True))
    open_.update(valid_to=on - dt.timedelta(days=1))
    MemberPlacement.objects.bulk_create(
        MemberPlacement(member_id=pk, organisation=successor, valid_from=on) for pk in moved
    )
    audit.record(
        actor=by,
        action="member.follow_succession",
        obj=successor,
        after={"predecessor": predecessor.pk, "members": len(moved), "on": on.isoformat()},
    )
    return len(moved)


def units_with_members(unit_ids: Iterable[int]) -> set[int]:
    """Which of these organisations still have members placed in them (one query)."""
    return set(
        MemberPlacement.objects.filter(organisation_id__in=list(unit_ids), valid_to__isnull=True)
        .values_list("organisation_id", flat=True)
        .distinct()
    )


@transaction.atomic
def members_hand_over(*, moves: Mapping[Organisation, Organisation], on: dt.date, by: Actor) -> int:
    """A reorganisation's hand-over (`org.handover`): the members still placed in each ended
    unit pass to the successor chosen for it, from the effective day. Returns how many moved."""
    return sum(
        members_follow_succession(predecessor=old, successor=new, on=on, by=by)
        for old, new in moves.items()
    )


@dataclass(frozen=True)
class FollowResult:
    moved: int
    # Ended organisations whose members stay put: several successors (or none) to choose from.
    undecided: list[Organisation]


@transaction.atomic
def members_follow_reorganisations(*, by: Actor, on: dt.date | None = None) -> FollowResult:
    """Carry members through the tree's reorganisations: the members still placed in an
    organisation that has ended (by `on`, default today) pass to its successor on the day after
    its end, when the successor is clear (one link of kind "whole", or a single successor). The
    others are listed for the office to move by hand (`member_move`)."""
    day = on or today()
    ended = Organisation.objects.filter(
        valid_to__lt=day,
        pk__in=MemberPlacement.objects.filter(valid_to__isnull=True).values("organisation_id"),
    )
    moved = 0
    undecided = []
    for org in ended:
        links = list(Succession.objects.filter(predecessor=org).select_related("successor"))
        whole = [link for link in links if link.kind == SuccessionKind.WHOLE]
        target = whole[0] if len(whole) == 1 else (links[0] if len(links) == 1 else None)
        if target is None or org.valid_to is None:
            undecided.append(org)
            continue
        moved += members_follow_succession(
            predecessor=org,
            successor=target.successor,
            on=org.valid_to + dt.timedelta(days=1),
            by=by,
        )
    return FollowResult(moved=moved, undecided=undecided)
