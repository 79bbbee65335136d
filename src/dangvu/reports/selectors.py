"""Reads of period reports, always scoped to what the user may see (see `permissions.py`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from dangvu.core.dates import today
from dangvu.org.enums import ORG_MANAGER_ROLES
from dangvu.org.models import Organisation
from dangvu.org.roles import LEADER_ROLES, UNIT_ROLES
from dangvu.org.scope import Scope
from dangvu.org.selectors import predecessor_ids
from dangvu.reports.enums import CommentStatus, ContributionStatus
from dangvu.reports.models import (
    Comment,
    Contribution,
    ContributionEntry,
    DraftVersion,
    Indicator,
    IndicatorValue,
    Period,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor

READER_ROLES = ORG_MANAGER_ROLES | LEADER_ROLES  # the committee's office and leaders read all


def _committee_reader_of(user: Actor | AnonymousUser, committee: Organisation) -> bool:
    return Scope.of(user).covers(committee, READER_ROLES)


def committees_managed_by(user: Actor | AnonymousUser) -> QuerySet[Organisation]:
    """The committees a new period or a request may name: those where the user is office staff
    or administrator (superusers: every party committee). What to offer; the services decide
    again (`period.create`, `period.manage`)."""
    scope = Scope.of(user)
    if scope.is_superuser:
        return Organisation.objects.filter(kind="party").order_by("path")
    return Organisation.objects.filter(path__in=scope.paths(ORG_MANAGER_ROLES)).order_by("path")


def author_unit_of(user: Actor | AnonymousUser) -> Organisation | None:
    """The unit a comment is signed with: the first organisation the user holds a role in today
    (none for anonymous users and system actors)."""
    from dangvu.org.models import Membership
    from dangvu.org.scope import active_memberships_q, person_q

    membership = (
        Membership.objects.filter(active_memberships_q(today()), person_q(user))
        .select_related("organisation")
        .first()
    )
    return membership.organisation if membership else None


def contributions_visible_to(user: Actor | AnonymousUser) -> QuerySet[Contribution]:
    """Office and leaders: every contribution to their committees' periods; unit users: their
    units' contributions and, as history, those of their units' predecessors."""
    qs = Contribution.objects.select_related("period", "period__committee", "unit")
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    scope = Scope.of(user)
    condition = scope.q("period__committee", READER_ROLES) | scope.q("unit", UNIT_ROLES)
    return qs.filter(condition | _predecessors_q(scope))


def _predecessors_q(scope: Scope) -> Q:
    """The contributions of the units before the user's units: a successor's users read them
    as history (writing stays with the unit's own people: `contribution.write`)."""
    if not scope.has_any(UNIT_ROLES):
        return Q(pk__in=[])
    return Q(unit_id__in=predecessor_ids(scope.paths(UNIT_ROLES)))


def periods_visible_to(user: Actor | AnonymousUser) -> QuerySet[Period]:
    qs = Period.objects.select_related("committee", "issued")
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    scope = Scope.of(user)
    condition = scope.q("committee", READER_ROLES)
    if scope.has_any(UNIT_ROLES):
        contributed = Contribution.objects.filter(
            scope.q("unit", UNIT_ROLES) | _predecessors_q(scope)
        )
        condition |= Q(pk__in=contributed.values("period_id"))
    return qs.filter(condition)


def get_period_for_user(user: Actor | AnonymousUser, pk: object) -> Period:
    try:
        return periods_visible_to(user).get(pk=int(str(pk)))
    except (ValueError, Period.DoesNotExist):
        raise Http404(_("No such reporting period.")) from None


def get_contribution_for_user(user: Actor | AnonymousUser, pk: object) -> Contribution:
    """404 for a contribution of another unit: its id says nothing."""
    try:
        return contributions_visible_to(user).get(pk=int(str(pk)))
    except (ValueError, Contribution.DoesNotExist):
        raise Http404(_("No such contribution.")) from None


def contribution_with_entries(contribution: Contribution) -> dict[int, ContributionEntry]:
    return {entry.section_id: entry for entry in contribution.entries.all()}


def contribution_values(contribution: Contribution) -> dict[int, Decimal]:
    return {v.indicator_id: v.value for v in contribution.values.all()}


def status_board(period: Period, *, user: Actor | AnonymousUser) -> list[Contribution]:
    """The contributions asked for in the period that the user may see (all of them for the
    office and leaders, their own for a unit), with the unit and the number of attachments: one
    query whatever the number of units."""
    qs = period.contributions.all()
    if not user.is_superuser and not _committee_reader_of(user, period.committee):
        scope = Scope.of(user)
        qs = qs.filter(scope.q("unit", UNIT_ROLES) | _predecessors_q(scope))
    return list(
        qs.select_related("unit")
        .annotate(attachment_count=Count("attachments"))
        .order_by("unit__sort_order", "unit__name")
    )


def status_counts(rows: list[Contribution]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.status] += 1
        if row.late:
            counts["late"] += 1
    return dict(counts)


def late_contributions(period: Period, day: Any) -> QuerySet[Contribution]:
    """Not yet submitted when the due date has passed."""
    if day <= period.due_on:
        return period.contributions.none()
    return period.contributions.filter(
        status__in=[ContributionStatus.DRAFT, ContributionStatus.READY, ContributionStatus.RETURNED]
    ).select_related("unit")


def latest_version(period: Period) -> DraftVersion | None:
    return period.versions.order_by("-number").first()


def get_version(period: Period, number: object) -> DraftVersion:
    try:
        return period.versions.get(number=int(str(number)))
    except (ValueError, DraftVersion.DoesNotExist):
        raise Http404(_("No such version.")) from None


def version_list(period: Period) -> QuerySet[DraftVersion]:
    """The versions for a list (number, date, author, note), without their bodies."""
    return (
        period.versions.select_related("created_by")
        .defer("body", "indicators", "merged")
        .order_by("-number")
    )


def comments_of(period: Period) -> QuerySet[Comment]:
    return (
        Comment.objects.filter(version__period=period)
        .select_related("version", "author", "author_unit", "answered_by", "answered_in", "section")
        .order_by("created_at", "pk")
    )


def open_comments(period: Period) -> QuerySet[Comment]:
    return comments_of(period).filter(status=CommentStatus.OPEN)


@dataclass
class IndicatorTable:
    indicators: list[Indicator]
    rows: list[tuple[Organisation, dict[int, Decimal], bool]] = field(default_factory=list)
    totals: dict[int, Decimal] = field(default_factory=dict)
    previous: dict[int, Decimal] | None = None
    previous_period: Period | None = None


def previous_year_period(period: Period) -> Period | None:
    """The same period of the previous year for the same committee, if it was opened."""
    return (
        Period.objects.filter(
            committee_id=period.committee_id,
            kind=period.kind,
            number=period.number,
            year=period.year - 1,
        )
        .order_by("-pk")
        .first()
    )


def _accepted_values(period: Period) -> list[tuple[int, str, int, Decimal]]:
    return list(
        IndicatorValue.objects.filter(
            contribution__period=period, contribution__status=ContributionStatus.ACCEPTED
        ).values_list("contribution__unit_id", "indicator__name", "indicator_id", "value")
    )


def indicator_table(period: Period) -> IndicatorTable:
    """Units × indicators from the accepted contributions, a unit's figure including those of the
    contributing units under it (summed up the tree), the committee's totals, and the totals of
    the same period last year (matched by indicator name) when it exists. A fixed number of
    queries."""
    indicators = list(period.indicators.all())
    contributions = list(
        period.contributions.filter(status=ContributionStatus.ACCEPTED)
        .select_related("unit")
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.all()))
        .order_by("unit__depth", "unit__sort_order", "unit__name")
    )
    own: dict[int, dict[int, Decimal]] = {}
    units: dict[int, Organisation] = {}
    for contribution in contributions:
        units[contribution.unit_id] = contribution.unit
        own[contribution.unit_id] = {v.indicator_id: v.value for v in contribution.values.all()}
    table = IndicatorTable(indicators=indicators)
    totals: dict[int, Decimal] = defaultdict(Decimal)
    # Each unit's own figures go to itself and to every contributing unit above it: units ×
    # depth, not units × units.
    rolled: dict[int, dict[int, Decimal]] = {unit_id: defaultdict(Decimal) for unit_id in units}
    has_children: set[int] = set()
    for unit_id, unit in units.items():
        for above in [*unit.ancestor_ids(), unit_id]:
            if above not in units:
                continue
            if above != unit_id:
                has_children.add(above)
            for indicator_id, value in own[unit_id].items():
                rolled[above][indicator_id] += value
        for indicator_id, value in own[unit_id].items():
            totals[indicator_id] += value
    for unit_id, unit in units.items():
        table.rows.append((unit, dict(rolled[unit_id]), unit_id in has_children))
    table.totals = dict(totals)
    previous = previous_year_period(period)
    if previous is not None:
        by_name: dict[str, Decimal] = defaultdict(Decimal)
        for _unit, name, _iid, value in _accepted_values(previous):
            by_name[name] += value
        table.previous = {i.pk: by_name[i.name] for i in indicators if i.name in by_name}
        table.previous_period = previous
    return table


def similar_periods(period: Period) -> list[Period]:
    """Other periods of the committee with the same kind and year (and month, quarter or half
    where the kind has one): opening another is most likely a mistake. Ad hoc periods may be
    many."""
    from dangvu.reports.enums import PeriodKind

    if period.kind == PeriodKind.AD_HOC:
        return []
    periods = Period.objects.filter(
        committee_id=period.committee_id, kind=period.kind, year=period.year, number=period.number
    ).exclude(pk=period.pk)
    return list(periods.order_by("pk"))
