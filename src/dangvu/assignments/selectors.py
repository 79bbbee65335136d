"""Reads of tasks, always scoped to what the user may see (see `permissions.py`).

The statistics live beside it in `statistics.py`; their names are re-exported here (read on
first use, `__getattr__` below: `statistics.py` builds on this module's filters), so that
`selectors.task_statistics` and `from dangvu.assignments.selectors import StatisticsRow` keep
working."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.accounts.models import User
from dangvu.assignments.checks import SIX_CLEAR_INCOMPLETE
from dangvu.assignments.enums import (
    WITHIN_DEADLINE,
    CompletionStepKind,
    SixClearFilter,
    Status,
)
from dangvu.assignments.handover import lead_unit_on, predecessor_ids
from dangvu.assignments.models import (
    CompletionStep,
    DeadlineChange,
    LeadUnitChange,
    ProgressReport,
    Task,
)
from dangvu.assignments.status import (
    deadline_changed_annotation,
    status_annotation,
    status_filter,
)
from dangvu.core.audit import entries_for
from dangvu.core.dates import today
from dangvu.org.enums import ORG_MANAGER_ROLES
from dangvu.org.models import Membership, Organisation
from dangvu.org.roles import LEADER_ROLES, UNIT_ROLES
from dangvu.org.scope import Scope, person_q
from dangvu.org.selectors import placed_under_q, unit_placed_as

MANAGER_OR_LEADER = ORG_MANAGER_ROLES | LEADER_ROLES


def _committees_managed_or_led(user: Actor | AnonymousUser, field: str = "committee") -> Q:
    """`field` is a committee under the user's office, administrator or leader memberships. By
    id, not through a join on the organisation table: the planner keeps the task indexes."""
    under = Organisation.objects.filter(Scope.of(user).q(None, MANAGER_OR_LEADER)).values("pk")
    return Q(**{f"{field}__in": under})


def _visibility(user: Actor | AnonymousUser) -> Q:
    scope = Scope.of(user)
    condition = _committees_managed_or_led(user)
    if scope.has_any(UNIT_ROLES):
        coordinated = Task.coordinating_units.through.objects.filter(
            scope.q("organisation", UNIT_ROLES)
        ).values("task_id")
        units = scope.q("lead_unit", UNIT_ROLES) | Q(pk__in=coordinated)
        # A successor's users read the tasks their predecessors led, as history.
        units |= Q(lead_unit_id__in=predecessor_ids(scope.paths(UNIT_ROLES)))
        condition |= Q(published_at__isnull=False) & units
    followed = Task.followers.through.objects.filter(person_q(user)).values("task_id")
    condition |= Q(published_at__isnull=False) & Q(pk__in=followed)
    return condition


def tasks_visible_to(user: Actor | AnonymousUser) -> QuerySet[Task]:
    """Every task the user may read, with what the list and the 6-rõ check need."""
    qs = Task.objects.select_related("committee", "lead_unit", "authority").prefetch_related(
        "coordinating_units"
    )
    if not user.is_authenticated:
        return qs.none()
    if not user.is_superuser:
        qs = qs.filter(_visibility(user))
    return qs


@dataclass(frozen=True)
class TaskFilters:
    """What the task list and the statistics can be narrowed to. `on` is the "as of" day of the
    statuses; the period is a range of deadlines."""

    on: dt.date = field(default_factory=today)
    six_clear: str = ""
    unit: Organisation | None = None
    lead: Organisation | None = None
    lead_under: Organisation | None = None
    committee: Organisation | None = None
    status: str = ""
    source: str = ""
    deadline_from: dt.date | None = None
    deadline_to: dt.date | None = None


def _coordinated_under(unit: Organisation) -> QuerySet[Any]:
    return Task.coordinating_units.through.objects.filter(
        organisation__path__startswith=unit.path
    ).values("task_id")


def apply_filters(qs: QuerySet[Task], filters: TaskFilters) -> QuerySet[Task]:
    """Narrow `qs` by `filters`; the status filter is a plain condition on indexed columns."""
    if filters.six_clear == SixClearFilter.GAPS:
        qs = qs.filter(SIX_CLEAR_INCOMPLETE)
    elif filters.six_clear == SixClearFilter.COMPLETE:
        qs = qs.exclude(SIX_CLEAR_INCOMPLETE)
    if filters.unit is not None:
        qs = qs.filter(
            Q(lead_unit__path__startswith=filters.unit.path)
            | Q(pk__in=_coordinated_under(filters.unit))
        )
    if filters.lead is not None or filters.lead_under is not None:
        # The lead unit of the day (dated history: `assignments.handover`), placed in the tree of
        # that day — a unit merged away before it counts as its successor, today as on a past
        # day (`org.selectors.placements`); the statistics group by the same places.
        lead = "lead_unit_id"
        if filters.on < today():
            qs = qs.alias(lead_then=lead_unit_on(filters.on))
            lead = "lead_then"
        if filters.lead is not None:
            qs = qs.filter(**{f"{lead}__in": unit_placed_as(filters.lead, filters.on)})
        if filters.lead_under is not None:
            qs = qs.filter(placed_under_q(lead, filters.lead_under, filters.on))
    if filters.committee is not None:
        qs = qs.filter(committee=filters.committee)
    if filters.status == WITHIN_DEADLINE:
        qs = qs.filter(
            status_filter(Status.IN_PROGRESS, filters.on)
            | status_filter(Status.DUE_SOON, filters.on)
        )
    elif filters.status:
        qs = qs.filter(status_filter(filters.status, filters.on))
    if filters.source:
        qs = qs.filter(source_kind=filters.source)
    if filters.deadline_from is not None:
        qs = qs.filter(deadline__gte=filters.deadline_from)
    if filters.deadline_to is not None:
        qs = qs.filter(deadline__lte=filters.deadline_to)
    return qs


def task_list(
    user: Actor | AnonymousUser,
    filters: TaskFilters | None = None,
    *,
    six_clear: str = "",
    unit: Organisation | None = None,
) -> QuerySet[Task]:
    """The task list with its filters (6-rõ, a unit leading or coordinating — itself or a unit
    under it —, the exact lead unit, committee, status as of a day, source, period of deadlines),
    each task annotated with its `status` and `deadline_changed` as of `filters.on`."""
    filters = filters or TaskFilters(six_clear=six_clear, unit=unit)
    qs = apply_filters(tasks_visible_to(user), filters)
    return qs.annotate(
        status=status_annotation(filters.on),
        deadline_changed=deadline_changed_annotation(),
        progress_on=progress_annotation(filters.on),
    ).order_by("-issued_on", "pk")


def progress_annotation(on: dt.date) -> Any:
    """The task's progress as of `on`: today's figure for today or later; for a day in the
    past, 100 when it was completed by then, else the percentage of the lead unit's last report
    on or before that day (0 before any). A task split into sub-tasks shows its lead unit's own
    reports there: the roll-up of the sub-tasks is not replayed."""
    if on >= today():
        return F("progress")
    last_lead_report = ProgressReport.objects.filter(
        task=OuterRef("pk"), unit=OuterRef("lead_unit"), reported_on__lte=on
    ).order_by("-reported_on", "-pk")
    return Case(
        When(completed_on__lte=on, then=Value(100)),
        default=Coalesce(Subquery(last_lead_report.values("percent")[:1]), Value(0)),
        output_field=IntegerField(),
    )


def progress_on(task: Task, on: dt.date) -> int:
    """`progress_annotation` for one task (no query as of today or later)."""
    if on >= today():
        return task.progress
    progress: int = (
        Task.objects.filter(pk=task.pk).values_list(progress_annotation(on), flat=True).get()
    )
    return progress


def get_task_for_user(user: Actor | AnonymousUser, pk: object) -> Task:
    """The task with this id if the user may read it; 404 otherwise (never 403: the id of a task
    one may not see says nothing)."""
    try:
        return tasks_visible_to(user).get(pk=int(str(pk)))
    except (ValueError, Task.DoesNotExist):
        raise Http404(_("No such task.")) from None


def follower_choices(task: Task) -> QuerySet[User]:
    """Who may be asked to follow the task: the active members of its committee and of the
    bodies directly under it (the leaders, the office, the boards), and whoever follows it now.
    Not every member of a city: a follower is someone who steers the task."""
    committee = task.committee
    near = Membership.objects.filter(
        organisation__path__startswith=committee.path,
        organisation__depth__lte=committee.depth + 1,
    ).values("user_id")
    followers = Task.followers.through.objects.filter(task_id=task.pk).values("user_id")
    return (
        User.objects.filter(Q(pk__in=near) | Q(pk__in=followers), is_active=True)
        .distinct()
        .order_by("full_name", "username")
    )


def committees_for(user: Actor | AnonymousUser) -> QuerySet[Organisation]:
    """Organisations whose tasks the user manages directly (office or administrator)."""
    if user.is_superuser:
        return Organisation.objects.order_by("path")
    return Organisation.objects.filter(path__in=Scope.of(user).paths(ORG_MANAGER_ROLES)).order_by(
        "path"
    )


def _depth(path: str) -> int:
    return len([part for part in path.strip("/").split("/") if part]) - 1


def unit_filter_choices(
    user: Actor | AnonymousUser, *, levels: int | None = None
) -> QuerySet[Organisation]:
    """Units under the user's memberships; with `levels`, only down to that many levels below
    each membership (what a select can offer at city scale; deeper units come by link)."""
    if user.is_superuser:
        qs = Organisation.objects.all()
        return (qs if levels is None else qs.filter(depth__lte=levels)).order_by("path")
    scope = Scope.of(user)
    if levels is None:
        return Organisation.objects.filter(scope.q(None)).order_by("path")
    condition = Q(pk__in=[])
    for path in scope.paths():  # each membership down to its own depth + levels
        condition |= Q(path__startswith=path, depth__lte=_depth(path) + levels)
    return Organisation.objects.filter(condition).order_by("path")


# --- Timeline ---------------------------------------------------------------------------------


AUDIT_LABELS = {
    "task.create": gettext_lazy("Task recorded"),
    "task.update": gettext_lazy("Task edited"),
    "task.publish": gettext_lazy("Published to the units"),
    "task.progress": gettext_lazy("Progress recorded"),
    "task.completion_propose": gettext_lazy("Completion proposed"),
    "task.completion_accept": gettext_lazy("Completion accepted"),
    "task.completion_return": gettext_lazy("Returned to the lead unit"),
    "task.deadline_change": gettext_lazy("Deadline changed"),
    "task.suspend": gettext_lazy("Suspended"),
    "task.resume": gettext_lazy("Resumed"),
    "task.split": gettext_lazy("Sub-task given"),
    "task.followers": gettext_lazy("Followers changed"),
    "task.evidence": gettext_lazy("Evidence files added"),
    "task.handover": gettext_lazy("Handed over to the successor unit"),
}


@dataclass(frozen=True)
class TimelineEvent:
    day: dt.date
    kind: str  # progress, deadline, proposed, accepted, returned, audit
    item: Any
    label: str = ""


def task_origin(task: Task) -> tuple[str, str] | None:
    """The page the task came from, as (label, URL): the conference whose conclusion item gave
    it, or the inspection whose recommendation it follows (traced back, in one query, through
    the reverse links those apps keep). Those pages decide themselves who may read them."""
    from django.urls import reverse

    row = (
        Task.objects.filter(pk=task.pk)
        .values_list(
            "conclusion_item__conclusion__conference_id",
            "conclusion_item_parts__conclusion__conference_id",
            "inspection_recommendation__inspection_id",
        )
        .first()
    )
    if row is None:
        return None
    conference = row[0] or row[1]
    if conference:
        return _("The conference's conclusion"), reverse("meetings:detail", args=[conference])
    if row[2]:
        return _("The inspection"), reverse("inspection:detail", args=[row[2]])
    return None


def task_timeline(task: Task) -> list[TimelineEvent]:
    """Everything that happened to the task, oldest first: progress reports (with their files),
    deadline changes, completion steps and the audit log (four queries)."""
    events = [
        TimelineEvent(r.reported_on, "progress", r)
        for r in ProgressReport.objects.filter(task=task)
        .select_related("unit", "created_by")
        .prefetch_related("evidence")
    ]
    events += [
        TimelineEvent(c.changed_on, "deadline", c)
        for c in DeadlineChange.objects.filter(task=task).select_related("recorded_by")
    ]
    events += [
        TimelineEvent(c.changed_on, "handover", c)
        for c in LeadUnitChange.objects.filter(task=task).select_related("old_unit", "new_unit")
    ]
    events += [
        TimelineEvent(step.day, step.kind, step)
        for step in CompletionStep.objects.filter(task=task).select_related("by")
    ]
    # The audit log says when each change was recorded (which may be long after the event).
    events += [
        TimelineEvent(
            timezone.localdate(e.at), "audit", e, str(AUDIT_LABELS.get(e.action, e.action))
        )
        for e in reversed(entries_for(task)[:50])
    ]
    order = {"audit": 0, CompletionStepKind.PROPOSED: 2, CompletionStepKind.ACCEPTED: 3}
    return sorted(events, key=lambda e: (e.day, order.get(e.kind, 1)))


# --- Statistics, in `statistics.py` -----------------------------------------------------------

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.assignments.statistics import StatisticsRow as StatisticsRow
    from dangvu.assignments.statistics import _closed_counts_answer as _closed_counts_answer
    from dangvu.assignments.statistics import _count as _count
    from dangvu.assignments.statistics import _count_live as _count_live
    from dangvu.assignments.statistics import deadline_years as deadline_years
    from dangvu.assignments.statistics import statistics_queryset as statistics_queryset
    from dangvu.assignments.statistics import statistics_scope_depth as statistics_scope_depth
    from dangvu.assignments.statistics import task_statistics as task_statistics
    from dangvu.core.policy import Actor

_STATISTICS = frozenset(
    {
        "StatisticsRow",
        "_closed_counts_answer",
        "_count",
        "_count_live",
        "deadline_years",
        "statistics_queryset",
        "statistics_scope_depth",
        "task_statistics",
    }
)


def __getattr__(name: str) -> Any:
    """The statistics' names, from `statistics.py` (imported here on first use: it imports
    this module)."""
    if name in _STATISTICS:
        from dangvu.assignments import statistics

        return getattr(statistics, name)
    raise AttributeError(name)
