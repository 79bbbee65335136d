"""Reads of the organisation tree. Organisations are public inside the system: every signed-in
user may browse the tree; who may change it is in `permissions.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from dangvu.core.dates import in_range, parse_date
from dangvu.core.text import fold
from dangvu.org.enums import ORG_MANAGER_ROLES, SuccessionKind
from dangvu.org.models import Membership, Organisation, Position, Reorganisation, Succession
from dangvu.org.scope import Scope, person_q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor


def valid_on(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def organisations_on(day: dt.date) -> QuerySet[Organisation]:
    """Organisations that exist on `day`."""
    return Organisation.objects.filter(valid_on(day))


def picker_units(
    day: dt.date,
    *,
    within: QuerySet[Organisation] | None = None,
    under: Organisation | None = None,
    keep: Iterable[object] = (),
) -> QuerySet[Organisation]:
    """The units a picker offers: those that exist on `day`, the day that matters to the form
    (the day a task is given, a period's last day, a conference's day, the day statistics are
    as of), among `within` (the user's part of the tree) and under `under` when given, in tree
    order. `keep`: ids already chosen (an edited task's units), offered even if they do not
    exist that day, so that an edit never drops a choice silently. Every unit picker of every
    app comes from here."""
    qs = within if within is not None else Organisation.objects.all()
    if under is not None:
        qs = qs.filter(path__startswith=under.path)
    kept = [int(str(pk)) for pk in keep if pk is not None and str(pk).isdigit()]
    condition = valid_on(day)
    if kept:
        condition |= Q(pk__in=kept)
    return qs.filter(condition).order_by("path")


def picker_day(data: Any, name: str, default: dt.date) -> dt.date:
    """The day a bound form's field `name` holds (as typed: 11/9/2020), else `default`: what a
    picker is limited by before the form is validated."""
    raw = str(data.get(name) or "").strip() if data else ""
    day = parse_date(raw) if raw else None
    return day if day is not None and in_range(day) else default


def organisation_search(*, query: str = "", day: dt.date | None = None) -> QuerySet[Organisation]:
    """Organisations whose name matches `query` ignoring case and diacritics ("thuong thanh",
    "THƯỢNG THANH" → "Thượng Thanh"), or whose code is `query`; on `day` when given, else at
    any time (former units included)."""
    qs = Organisation.objects.all() if day is None else organisations_on(day)
    if query:
        folded = fold(query)
        condition = Q(code__iexact=query.strip())
        if folded:
            condition |= Q(name_folded__contains=folded)
        qs = qs.filter(condition)
    return qs.select_related("parent")


@dataclass
class TreeNode:
    organisation: Organisation
    children: list[TreeNode] = field(default_factory=list)


def organisation_tree(day: dt.date, *, root: Organisation | None = None) -> list[TreeNode]:
    """The tree as it stood on `day`, in one query. An organisation whose parent did not exist
    that day (the wards of 2025 under a city that did) is shown as a root."""
    qs = organisations_on(day)
    if root is not None:
        qs = qs.filter(path__startswith=root.path)
    nodes = {org.pk: TreeNode(org) for org in qs.order_by("depth", "sort_order", "name")}
    roots: list[TreeNode] = []
    for node in nodes.values():
        parent_id = node.organisation.parent_id
        if parent_id in nodes and node.organisation.pk != getattr(root, "pk", None):
            nodes[parent_id].children.append(node)
        else:
            roots.append(node)
    return roots


@dataclass
class TreeRow:
    """One organisation of the collapsed tree, whether it has units under it that day, and
    the children already shown (the first level under the roots)."""

    organisation: Organisation
    has_children: bool
    children: list[TreeRow] = field(default_factory=list)


def _with_children_flag(qs: QuerySet[Organisation], day: dt.date) -> list[TreeRow]:
    children = Organisation.objects.filter(valid_on(day), parent=OuterRef("pk"))
    rows = qs.annotate(has_children=Exists(children)).order_by("sort_order", "name")
    return [TreeRow(org, bool(org.has_children)) for org in rows]


def tree_first_page(day: dt.date) -> list[TreeRow]:
    """The tree on `day`, collapsed: the roots (organisations without a parent that day) and
    the level under them, in two queries whatever the size of the tree."""
    parent_gone = (
        Q(parent__isnull=True) | Q(parent__valid_from__gt=day) | Q(parent__valid_to__lt=day)
    )
    roots = _with_children_flag(organisations_on(day).filter(parent_gone), day)
    by_id = {row.organisation.pk: row for row in roots}
    if by_id:
        for row in _with_children_flag(organisations_on(day).filter(parent_id__in=by_id), day):
            by_id[row.organisation.parent_id or 0].children.append(row)
    return roots


def tree_children(parent: Organisation, day: dt.date) -> list[TreeRow]:
    """The units directly under `parent` on `day` (one query), for the tree's on-demand level."""
    return _with_children_flag(organisations_on(day).filter(parent=parent), day)


def get_organisation(pk: object) -> Organisation:
    """The organisation with this id, or 404."""
    try:
        return Organisation.objects.select_related("parent").get(pk=int(str(pk)))
    except (ValueError, Organisation.DoesNotExist):
        raise Http404(_("No such organisation.")) from None


def ancestors(organisation: Organisation) -> list[Organisation]:
    """From the root down to the parent, in one query."""
    ids = organisation.ancestor_ids()
    by_id = Organisation.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def positions_on(organisation: Organisation, day: dt.date) -> QuerySet[Position]:
    return (
        organisation.positions.filter(valid_on(day))
        .select_related("person", "term")
        .order_by("sort_order", "valid_from")
    )


def position_history(organisation: Organisation) -> QuerySet[Position]:
    return organisation.positions.select_related("person", "term").order_by("-valid_from")


def predecessors(organisation: Organisation) -> QuerySet[Succession]:
    return organisation.predecessor_links.select_related("predecessor", "reorganisation")


def successors(organisation: Organisation) -> QuerySet[Succession]:
    return organisation.successor_links.select_related("successor", "reorganisation")


def get_succession(pk: object) -> Succession:
    try:
        return Succession.objects.select_related("predecessor", "successor").get(pk=int(str(pk)))
    except (ValueError, Succession.DoesNotExist):
        raise Http404(_("No such succession.")) from None


@dataclass
class LineageStep:
    """One generation of links, all from or to organisations of the step before."""

    links: list[Succession]

    @property
    def days(self) -> list[dt.date]:
        return sorted({link.successor_start for link in self.links})  # type: ignore[attr-defined]


def _generations(start: Organisation, *, backwards: bool, limit: int = 12) -> list[LineageStep]:
    """Links step by step from `start` (one query per generation, not per unit)."""
    steps: list[LineageStep] = []
    frontier = {start.pk}
    seen = {start.pk}
    for _step in range(limit):
        lookup = "successor_id__in" if backwards else "predecessor_id__in"
        links = list(
            Succession.objects.filter(**{lookup: frontier})
            .select_related("predecessor", "successor", "reorganisation")
            .order_by("successor__valid_from", "predecessor__name", "successor__name")
        )
        if not links:
            break
        for link in links:
            # the day the work passed over: the day after the predecessor's last day
            end = link.predecessor.valid_to
            link.successor_start = (  # type: ignore[attr-defined]
                end + dt.timedelta(days=1) if end else link.successor.valid_from
            )
        steps.append(LineageStep(links))
        frontier = {
            (link.predecessor_id if backwards else link.successor_id) for link in links
        } - seen
        seen |= frontier
        if not frontier:
            break
    return steps


def lineage(organisation: Organisation) -> dict[str, list[LineageStep]]:
    """Where an organisation came from (back to the first predecessors) and where it went (to
    today's successors), across several reorganisations."""
    return {
        "before": list(reversed(_generations(organisation, backwards=True))),
        "after": _generations(organisation, backwards=False),
    }


def reorganisations() -> QuerySet[Reorganisation]:
    return Reorganisation.objects.all()


def get_reorganisation(pk: object) -> Reorganisation:
    try:
        return Reorganisation.objects.get(pk=int(str(pk)))
    except (ValueError, Reorganisation.DoesNotExist):
        raise Http404(_("No such reorganisation.")) from None


def reorganisation_links(act: Reorganisation) -> QuerySet[Succession]:
    return act.links.select_related("predecessor", "successor").order_by(
        "successor__sort_order", "successor__name", "predecessor__name"
    )


def memberships_of(user: Actor | AnonymousUser) -> QuerySet[Membership]:
    return Membership.objects.filter(person_q(user)).select_related("organisation")


def organisations_manageable_by(user: Actor | AnonymousUser) -> QuerySet[Organisation]:
    """Organisations the user may change: under an office or administrator membership."""
    return Organisation.objects.filter(Scope.of(user).q(None, ORG_MANAGER_ROLES)).order_by("path")


# --- history across reorganisations --------------------------------------------------------


def predecessor_ids(
    paths: Iterable[str] = (),
    *,
    unit_ids: Iterable[int] = (),
    ended_before: dt.date | None = None,
    generations: int = 8,
) -> set[int]:
    """The units that preceded the units at `paths` (or under them) or with `unit_ids`, across
    several reorganisations: one query per generation. With `ended_before`, only predecessors
    whose last day came before that day (those that were already gone then)."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(successor__path__startswith=path)
    ids = list(unit_ids)
    if ids:
        condition |= Q(successor_id__in=ids)
    links = Succession.objects.all()
    if ended_before is not None:
        links = links.filter(predecessor__valid_to__lt=ended_before)
    found: set[int] = set()
    frontier = set(links.filter(condition).values_list("predecessor_id", flat=True))
    for _generation in range(generations):
        frontier -= found
        if not frontier:
            break
        found |= frontier
        frontier = set(
            links.filter(successor_id__in=frontier).values_list("predecessor_id", flat=True)
        )
    return found


def predecessor_units(organisation: Organisation) -> QuerySet[Organisation]:
    """Every unit that came before `organisation`, across several reorganisations."""
    ids = predecessor_ids(unit_ids=[organisation.pk])
    return Organisation.objects.filter(pk__in=ids).order_by("-valid_to", "sort_order", "name")


# Which successor an ended unit counts as when it passed into several: the one that took it all,
# else the remainder (phần còn lại), else the first part recorded. One place per unit, so that no
# task counts twice and a statistics row is what its drill-down lists.
_PLACEMENT_RANK: dict[str, int] = {
    SuccessionKind.WHOLE: 0,
    SuccessionKind.ABSORBED: 0,
    SuccessionKind.REMAINDER: 1,
    SuccessionKind.PART: 2,
}


def placements(day: dt.date) -> dict[int, int]:
    """Each unit that had ended by `day` and passed into a successor → the unit it counts as in
    the tree of `day`: its successor (`_PLACEMENT_RANK` when several), followed across several
    reorganisations to a unit not yet ended then (or the last one). Units that ended with no
    successor are not in it: their history stays where it was. One query."""
    rows = Succession.objects.filter(predecessor__valid_to__lt=day).values_list(
        "predecessor_id", "successor_id", "kind", "pk"
    )
    chosen: dict[int, tuple[tuple[int, int], int]] = {}
    for predecessor, successor, kind, pk in rows:
        rank = (_PLACEMENT_RANK.get(kind, 3), pk)
        if predecessor not in chosen or rank < chosen[predecessor][0]:
            chosen[predecessor] = (rank, successor)
    following = {unit: successor for unit, (_rank, successor) in chosen.items()}
    placed: dict[int, int] = {}
    for unit, target in following.items():
        seen = {unit}
        while target in following and target not in seen:
            seen.add(target)
            target = following[target]
        placed[unit] = target
    return placed


def unit_placed_as(organisation: Organisation, day: dt.date) -> set[int]:
    """The ids that count as `organisation` on `day`: itself and the units that had ended by then
    and passed into it (`placements`)."""
    into = {unit for unit, target in placements(day).items() if target == organisation.pk}
    return {organisation.pk} | into


def placed_under_q(field: str, organisation: Organisation, day: dt.date) -> Q:
    """A condition on `field` (an organisation id: a column or an annotation) holding the units
    whose place in the tree of `day` is `organisation` or under it: its subtree, less the units
    of it that had ended by then and passed into a unit elsewhere, plus those from elsewhere
    that passed into it (a ward merged before `day` counts under its successor, not under its
    old district). The statistics' rows are grouped by the same places (`placements`)."""
    placed = placements(day)
    ids = set(placed) | set(placed.values())
    paths = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "path"))

    def inside(pk: int) -> bool:
        return paths.get(pk, "").startswith(organisation.path)

    out = [unit for unit, target in placed.items() if inside(unit) and not inside(target)]
    into = [unit for unit, target in placed.items() if inside(target) and not inside(unit)]
    subtree = Organisation.objects.filter(path__startswith=organisation.path).values("pk")
    condition = Q(**{f"{field}__in": subtree})
    if out:
        condition &= ~Q(**{f"{field}__in": out})
    if into:
        condition |= Q(**{f"{field}__in": into})
    return condition


def units_placed_under(organisation: Organisation, day: dt.date) -> set[int]:
    """The ids `placed_under_q` holds, as a set (a subtree read: for tests and small trees)."""
    ids = Organisation.objects.values_list("pk", flat=True)
    return set(ids.filter(placed_under_q("pk", organisation, day)))
