"""Reads of the organisation tree. Organisations are public inside the system: every signed-in
user may browse the tree; who may change it is in `permissions.py`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from dangvu.org.models import Membership, Organisation, Position, Succession
from dangvu.org.permissions import manager_paths


def valid_on(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def organisations_on(day: dt.date) -> QuerySet[Organisation]:
    """Organisations that exist on `day`."""
    return Organisation.objects.filter(valid_on(day))


def organisation_search(*, query: str = "", day: dt.date | None = None) -> QuerySet[Organisation]:
    qs = Organisation.objects.all() if day is None else organisations_on(day)
    if query:
        qs = qs.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query) | Q(code__iexact=query)
        )
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
    return organisation.predecessor_links.select_related("predecessor")


def successors(organisation: Organisation) -> QuerySet[Succession]:
    return organisation.successor_links.select_related("successor")


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
