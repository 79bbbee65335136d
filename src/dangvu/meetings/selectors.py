"""Reads of conferences, scoped to the people who may see them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.meetings.enums import Attendance
from dangvu.meetings.models import AgendaItem, Conclusion, ConclusionItem, Conference, Invitation
from dangvu.org.enums import ORG_MANAGER_ROLES
from dangvu.org.scope import Scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor


def _visibility(user: Actor | AnonymousUser) -> Q:
    scope = Scope.of(user)
    condition = scope.q("committee", ORG_MANAGER_ROLES)
    condition |= Q(chair__user=user) | Q(delegates=user)
    # Invited in person, or a member of an invited organisation (or of a unit above it).
    invited = Q(person__user=user) | (Q(person__isnull=True) & scope.q("organisation"))
    condition |= Q(pk__in=Invitation.objects.filter(invited).values("conference_id"))
    return condition


def conferences_visible_to(user: Actor | AnonymousUser) -> QuerySet[Conference]:
    qs = Conference.objects.select_related("committee", "chair")
    if not user.is_authenticated:
        return qs.none()
    if not user.is_superuser:
        # A subquery, not a join: the delegates join would repeat a conference per delegate.
        qs = qs.filter(pk__in=Conference.objects.filter(_visibility(user)).values("pk"))
    return qs


def conference_list(
    user: Actor | AnonymousUser, *, upcoming_from: dt.datetime | None = None
) -> QuerySet[Conference]:
    """The conferences the user may see with their attendance counts; only those starting at or
    after `upcoming_from` when given (the calendar), soonest first."""
    qs = conferences_visible_to(user).annotate(
        invited_count=Count("invitations", distinct=True),
        present_count=Count(
            "invitations", filter=Q(invitations__attendance=Attendance.PRESENT), distinct=True
        ),
    )
    if upcoming_from is not None:
        return qs.filter(starts_at__gte=upcoming_from).order_by("starts_at", "pk")
    return qs.order_by("-starts_at", "pk")


def upcoming_conferences(user: Actor | AnonymousUser) -> QuerySet[Conference]:
    return conference_list(user, upcoming_from=timezone.now() - dt.timedelta(hours=12))


def get_conference_for_user(user: Actor | AnonymousUser, pk: object) -> Conference:
    """The conference if the user may read it; 404 otherwise."""
    try:
        return (
            conferences_visible_to(user)
            .prefetch_related(
                Prefetch("agenda", queryset=AgendaItem.objects.select_related("report_period")),
                "delegates",
                Prefetch(
                    "invitations",
                    queryset=Invitation.objects.select_related("person", "organisation"),
                ),
            )
            .get(pk=int(str(pk)))
        )
    except (ValueError, Conference.DoesNotExist):
        raise Http404(_("No such conference.")) from None


def conclusion_of(conference: Conference) -> Conclusion | None:
    try:
        return Conclusion.objects.select_related("number__issuer").get(conference=conference)
    except Conclusion.DoesNotExist:
        return None


def conclusion_items(conclusion: Conclusion) -> list[ConclusionItem]:
    """Items in order, each followed by its sub-items."""
    items = list(conclusion.items.order_by("number", "pk"))  # labels and links need ids only
    top = [item for item in items if item.parent_id is None]
    out: list[ConclusionItem] = []
    for item in top:
        out.append(item)
        out += [child for child in items if child.parent_id == item.pk]
    return out


def attendance_counts(conference: Conference) -> dict[str, int]:
    """How many invitations per attendance category (every category present, zero or not)."""
    counts = dict.fromkeys(Attendance.values, 0)
    for row in conference.invitations.values("attendance").annotate(n=Count("pk")):
        counts[row["attendance"]] = row["n"]
    return counts
