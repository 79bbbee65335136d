"""Reads of tasks, always scoped to what the user may see (see `permissions.py`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from dangvu.assignments.checks import SIX_CLEAR_INCOMPLETE
from dangvu.assignments.enums import SixClearFilter
from dangvu.assignments.models import Task
from dangvu.assignments.permissions import UNIT_ROLES
from dangvu.org.enums import Role
from dangvu.org.models import Membership, Organisation
from dangvu.org.permissions import manager_paths, role_paths


def _visibility(user: Any) -> Q:
    paths = role_paths(user)
    condition = Q(pk__in=[])
    for path in [*manager_paths(user), *paths.get(Role.LEADER, [])]:
        condition |= Q(committee__path__startswith=path)
    unit_paths = [p for role in UNIT_ROLES for p in paths.get(role, [])]
    if unit_paths:
        units = Q(pk__in=[])
        for path in unit_paths:
            units |= Q(lead_unit__path__startswith=path)
            units |= Q(
                pk__in=Task.coordinating_units.through.objects.filter(
                    organisation__path__startswith=path
                ).values("task_id")
            )
        condition |= Q(published_at__isnull=False) & units
    followed = Task.followers.through.objects.filter(user_id=user.pk).values("task_id")
    condition |= Q(published_at__isnull=False) & Q(pk__in=followed)
    return condition


def tasks_visible_to(user: Any) -> QuerySet[Task]:
    """Every task the user may read, with what the list and the 6-rõ check need."""
    qs = Task.objects.select_related("committee", "lead_unit", "authority").prefetch_related(
        "coordinating_units"
    )
    if not user.is_authenticated:
        return qs.none()
    if not user.is_superuser:
        qs = qs.filter(_visibility(user))
    return qs


def task_list(
    user: Any, *, six_clear: str = "", unit: Organisation | None = None
) -> QuerySet[Task]:
    """The task list with its filters: 6-rõ complete or not, and a unit leading or coordinating
    (itself or a unit under it)."""
    qs = tasks_visible_to(user)
    if six_clear == SixClearFilter.GAPS:
        qs = qs.filter(SIX_CLEAR_INCOMPLETE)
    elif six_clear == SixClearFilter.COMPLETE:
        qs = qs.exclude(SIX_CLEAR_INCOMPLETE)
    if unit is not None:
        qs = qs.filter(
            Q(lead_unit__path__startswith=unit.path)
            | Q(
                pk__in=Task.coordinating_units.through.objects.filter(
                    organisation__path__startswith=unit.path
                ).values("task_id")
            )
        )
    return qs.order_by("-issued_on", "pk")


def get_task_for_user(user: Any, pk: object) -> Task:
    """The task with this id if the user may read it; 404 otherwise (never 403: the id of a task
    one may not see says nothing)."""
    try:
        return tasks_visible_to(user).get(pk=int(str(pk)))
    except (ValueError, Task.DoesNotExist):
        raise Http404(_("No such task.")) from None


def committees_for(user: Any) -> QuerySet[Organisation]:
    """Organisations whose tasks the user manages directly (office or administrator)."""
    if user.is_superuser:
        return Organisation.objects.order_by("path")
    ids = Membership.objects.filter(user=user, role__in=[Role.OFFICE, Role.ADMIN]).values(
        "organisation_id"
    )
    return Organisation.objects.filter(pk__in=ids).order_by("path")


def unit_filter_choices(user: Any) -> QuerySet[Organisation]:
    """Units offered in the list's filter: those under the user's memberships."""
    if user.is_superuser:
        return Organisation.objects.order_by("path")
    condition = Q(pk__in=[])
    for paths in role_paths(user).values():
        for path in paths:
            condition |= Q(path__startswith=path)
    return Organisation.objects.filter(condition).order_by("path")
