"""Reads of the organisation tree. Organisations are public inside the system: every signed-in
user may browse the tree; who may change it is in `permissions.py`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from dangvu.core.text import fold
from dangvu.org.models import Membership, Organisation, Position, Reorganisation, Succession
from dangvu.org.permissions import manager_paths


def valid_on(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def organisations_on(day: dt.date) -> QuerySet[Organisation]:
    """Organisations that exist on `day`."""
    return Organisation.objects.filter(valid_on(day))


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


def memberships_of(user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation")


def organisations_manageable_by(user: Any) -> QuerySet[Organisation]:
    """Organisations the user may change: under an office or administrator membership."""
    qs = Organisation.objects.order_by("path")
    if user.is_superuser:
        return qs
    condition = Q(pk__in=[])
    for path in manager_paths(user):
        condition |= Q(path__startswith=path)
    return qs.filter(condition)
