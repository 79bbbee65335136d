"""Reads of tasks, always scoped to what the user may see (see `permissions.py`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
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
    CLOSED_STATUSES,
    KEPT_OUTCOMES,
    WITHIN_DEADLINE,
    CompletionStepKind,
    SixClearFilter,
    StatisticsGrouping,
    Status,
)
from dangvu.assignments.handover import lead_unit_on, predecessor_ids
from dangvu.assignments.models import (
    ClosedTasksByMonth,
    ClosedTasksByUnit,
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
from dangvu.org.scope import Scope
from dangvu.org.selectors import unit_placed_as, units_placed_under

MANAGER_OR_LEADER = ORG_MANAGER_ROLES | LEADER_ROLES


def _committees_managed_or_led(user: Any, field: str = "committee") -> Q:
    """`field` is a committee under the user's office, administrator or leader memberships. By
    id, not through a join on the organisation table: the planner keeps the task indexes."""
    under = Organisation.objects.filter(Scope.of(user).q(None, MANAGER_OR_LEADER)).values("pk")
    return Q(**{f"{field}__in": under})


def _visibility(user: Any) -> Q:
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
    if (filters.lead or filters.lead_under) and filters.on < today():
        # A past day: the lead unit of that day, placed in the tree of that day (a unit merged
        # before it counts under its successor, after it under its old parent).
        qs = qs.alias(lead_then=lead_unit_on(filters.on))
        if filters.lead is not None:
            qs = qs.filter(lead_then__in=unit_placed_as(filters.lead, filters.on))
        if filters.lead_under is not None:
            qs = qs.filter(lead_then__in=units_placed_under(filters.lead_under, filters.on))
    else:
        if filters.lead is not None:
            qs = qs.filter(lead_unit=filters.lead)
        if filters.lead_under is not None:
            qs = qs.filter(lead_unit__path__startswith=filters.lead_under.path)
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
    user: Any,
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


def get_task_for_user(user: Any, pk: object) -> Task:
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


def committees_for(user: Any) -> QuerySet[Organisation]:
    """Organisations whose tasks the user manages directly (office or administrator)."""
    if user.is_superuser:
        return Organisation.objects.order_by("path")
    return Organisation.objects.filter(path__in=Scope.of(user).paths(ORG_MANAGER_ROLES)).order_by(
        "path"
    )


def _depth(path: str) -> int:
    return len([part for part in path.strip("/").split("/") if part]) - 1


def unit_filter_choices(user: Any, *, levels: int | None = None) -> QuerySet[Organisation]:
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


def statistics_scope_depth(user: Any, filters: TaskFilters) -> int:
    """The tree level the statistics by unit count at: the units directly under the filtered
    unit, else under the user's highest membership (a city office sees its wards, not every
    cell)."""
    if filters.unit is not None:
        return filters.unit.depth + 1
    if user.is_superuser:
        return 1
    depths = [_depth(path) for path in Scope.of(user).paths()]
    return min(depths, default=0) + 1


# --- Statistics -------------------------------------------------------------------------------


@dataclass
class StatisticsRow:
    """One line of the table, as official reports count: assigned, done on time, done late,
    in progress within the deadline (due soon included, and shown apart), overdue, suspended,
    without a deadline (counted apart, never on time); and, beside the statuses, how many were
    published with a 6-rõ gap waived for a reason (`waived`)."""

    key: Any
    label: str
    assigned: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    waived: int = 0

    @property
    def done_on_time(self) -> int:
        return self.counts.get(Status.DONE_ON_TIME, 0)

    @property
    def done_late(self) -> int:
        return self.counts.get(Status.DONE_LATE, 0)

    @property
    def due_soon(self) -> int:
        return self.counts.get(Status.DUE_SOON, 0)

    @property
    def in_progress(self) -> int:
        """Within the deadline, due soon included."""
        return self.counts.get(Status.IN_PROGRESS, 0) + self.due_soon

    @property
    def overdue(self) -> int:
        return self.counts.get(Status.OVERDUE, 0)

    @property
    def suspended(self) -> int:
        return self.counts.get(Status.SUSPENDED, 0)

    @property
    def no_deadline(self) -> int:
        return self.counts.get(Status.NO_DEADLINE, 0)

    @property
    def percent_on_time(self) -> float | None:
        """Done on time among the tasks whose outcome is known: done (on time or late) or past
        their deadline. None when there are none yet."""
        judged = self.done_on_time + self.done_late + self.overdue
        return round(100 * self.done_on_time / judged, 1) if judged else None


def statistics_queryset(user: Any, filters: TaskFilters) -> QuerySet[Task]:
    """The tasks statistics count: published, given on or before the day, top-level (a
    sub-task is part of its task, not a task of its own), visible to the user."""
    qs = Task.objects.filter(
        published_at__isnull=False, issued_on__lte=filters.on, parent__isnull=True
    )
    if not user.is_superuser:
        qs = qs.filter(_visibility(user))
    return apply_filters(qs, filters)


def task_statistics(
    user: Any, filters: TaskFilters, grouping: str = StatisticsGrouping.UNIT
) -> tuple[list[StatisticsRow], StatisticsRow]:
    """Counts per lead unit, committee or month of the deadline, as of `filters.on`: each
    task's status computed once (the Case of `status_annotation`), grouped by (group, status);
    closed tasks read from the counts the database keeps when it can (`_count`). Returns the
    rows and the total."""
    by_month = grouping == StatisticsGrouping.MONTH
    if grouping == StatisticsGrouping.COMMITTEE:
        key = "committee_id"
    elif by_month:
        # Grouped by day and bucketed here: SQLite's month truncation is a slow Python function.
        key = "deadline"
    else:
        # Lead units, rolled up below to their ancestor at the scope's level.
        key = "lead_unit_id"
    counted = _count(user, filters, key)
    waived = _count_waived(user, filters, key)
    values = {value for value, *_rest in counted} | {value for value, _tasks in waived}
    group_of: dict[Any, tuple[Any, str]] = {}  # a group's value → (row key, label)
    if by_month:
        for value in values:
            if value in (None, ""):
                group_of[value] = ("", str(_("no deadline")))
            elif isinstance(value, str):  # "YYYY-MM", from the kept counts
                year, month = value.split("-")
                group_of[value] = (value, f"{month}/{year}")
            else:
                group_of[value] = (value.strftime("%Y-%m"), f"{value.month:02d}/{value.year}")
    elif grouping == StatisticsGrouping.COMMITTEE:
        committees = Organisation.objects.filter(pk__in=values)
        for pk, name, short in committees.values_list("pk", "name", "short_name"):
            group_of[pk] = (pk, short or name)
    else:
        group_of = _units_at_level(user, values, statistics_scope_depth(user, filters))
    grouped: dict[Any, StatisticsRow] = {}
    for value, status, count in counted:
        key, label = group_of[value]
        row = grouped.get(key)
        if row is None:
            row = grouped[key] = StatisticsRow(key=key, label=label)
        row.assigned += count
        row.counts[status] = row.counts.get(status, 0) + count
    for value, count in waived:
        key, label = group_of[value]
        row = grouped.get(key)
        if row is None:  # only when a task changed between the two reads
            row = grouped[key] = StatisticsRow(key=key, label=label)
        row.waived += count
    rows = sorted(
        grouped.values(),
        key=lambda row: (row.key in ("", None), str(row.key) if by_month else row.label),
    )
    total = StatisticsRow(key=None, label=str(_("Total")))
    for row in rows:
        total.assigned += row.assigned
        total.waived += row.waived
        for status, count in row.counts.items():
            total.counts[status] = total.counts.get(status, 0) + count
    return rows, total


def _count(user: Any, filters: TaskFilters, key: str) -> list[tuple[Any, str, int]]:
    """(group value, status, tasks) for the statistics' tasks grouped by `key` (a task column).

    At city scale counting every task on each view is most of the dashboard's time, though only
    the open ones change with the day. When the kept counts of closed tasks can answer
    (`closed_counts.py`: as of today or later, with the filters they are kept by, for a user
    who sees whole committees), the open tasks are counted live and the closed ones read there;
    otherwise all of them are counted live."""
    qs = statistics_queryset(user, filters)
    if not _closed_counts_answer(user, filters, key):
        return _count_live(qs, filters, key)
    counted: list[tuple[Any, str, int]] = []
    if filters.status not in CLOSED_STATUSES:
        open_ = qs.filter(completed_on__isnull=True, suspended_on__isnull=True)
        counted += _count_live(open_, filters, key)
    if not filters.status or filters.status in KEPT_OUTCOMES:
        counted += _count_closed(user, filters, key)
    return counted


def _count_waived(user: Any, filters: TaskFilters, key: str) -> list[tuple[Any, int]]:
    """(group value, tasks) of the statistics' tasks published with a 6-rõ gap waived for a
    reason: counted live (few tasks; a partial index holds them), whatever the status."""
    qs = statistics_queryset(user, filters).filter(six_clear_waiver__gt="")
    qs, key = _keyed(qs, filters, key)
    return list(qs.order_by().values(key).annotate(count=Count("pk")).values_list(key, "count"))


def _keyed(qs: QuerySet[Task], filters: TaskFilters, key: str) -> tuple[QuerySet[Task], str]:
    if key == "lead_unit_id" and filters.on < today():
        # A past day counts the lead unit of that day (a task handed over by a reorganisation
        # counts for its former unit before the effective day: `assignments.handover`).
        return qs.annotate(lead_on=lead_unit_on(filters.on)), "lead_on"
    return qs, key


def _count_live(qs: QuerySet[Task], filters: TaskFilters, key: str) -> list[tuple[Any, str, int]]:
    qs, key = _keyed(qs, filters, key)
    # Tuples, not dicts: a city's count comes back as some 10,000 (unit, status) groups.
    return list(
        qs.annotate(status=status_annotation(filters.on))
        .order_by()
        .values(key, "status")
        .annotate(count=Count("pk"))
        .values_list(key, "status", "count")
    )


def _closed_counts_answer(user: Any, filters: TaskFilters, key: str) -> bool:
    """Can the kept counts of closed tasks answer? They know the committee, the lead unit (or
    the month of the deadline) and the outcome of each closed task: not what a day in the past
    saw, nor sources, deadlines, coordinating units or followers."""
    if filters.on < today() or filters.unit or filters.source or filters.six_clear:
        return False
    if filters.deadline_from or filters.deadline_to:
        return False
    if key == "deadline" and (filters.lead or filters.lead_under):
        return False
    if user.is_superuser:
        return True
    if Scope.of(user).has_any(UNIT_ROLES):
        return False
    return not Task.followers.through.objects.filter(user_id=user.pk).exists()


def _count_closed(user: Any, filters: TaskFilters, key: str) -> list[tuple[Any, str, int]]:
    if key == "deadline":
        qs: QuerySet[Any] = ClosedTasksByMonth.objects.all()
        column = "month"
    else:
        qs = ClosedTasksByUnit.objects.all()
        column = key
    if not user.is_superuser:
        qs = qs.filter(_committees_managed_or_led(user, "committee_id"))
    if filters.committee is not None:
        qs = qs.filter(committee_id=filters.committee.pk)
    if filters.lead is not None:
        qs = qs.filter(lead_unit_id=filters.lead.pk)
    if filters.lead_under is not None:
        under = Organisation.objects.filter(path__startswith=filters.lead_under.path)
        qs = qs.filter(lead_unit_id__in=under.values("pk"))
    if filters.status:
        qs = qs.filter(outcome=filters.status)
    rows = (
        qs.order_by()
        .values(column, "outcome")
        .annotate(count=Sum("tasks"))
        .values_list(column, "outcome", "count")
    )
    none = 0 if column == "lead_unit_id" else ""
    return [
        (None if value == none else value, outcome, count)
        for value, outcome, count in rows
        if count
    ]


def _units_at_level(user: Any, lead_ids: set[int | None], level: int) -> dict[Any, tuple[Any, str]]:
    """Each lead unit → (its ancestor at `level`, or itself when above it; that unit's name).

    The units come from the user's part of the tree, in one range read of the path index (a
    city's few thousand units in 7 ms, where an `IN` list of their ids took 20–60 ms); lead
    units outside it (a task the user coordinates or follows elsewhere), and their ancestors,
    from one small query each, only when there are any."""
    units: dict[int, tuple[str, str]] = {}  # id → (path, name)

    def read(queryset: QuerySet[Organisation]) -> None:
        for pk, path, name, short in queryset.values_list("pk", "path", "name", "short_name"):
            units[pk] = (path, short or name)

    read(unit_filter_choices(user).order_by())
    leads = {lead for lead in lead_ids if lead is not None}
    if leads - units.keys():
        read(Organisation.objects.filter(pk__in=leads - units.keys()))
    ancestor: dict[int, int] = {}
    for lead in leads:
        ids = [int(part) for part in units[lead][0].strip("/").split("/") if part]
        ancestor[lead] = ids[min(level, len(ids) - 1)]
    if set(ancestor.values()) - units.keys():
        read(Organisation.objects.filter(pk__in=set(ancestor.values()) - units.keys()))
    groups: dict[Any, tuple[Any, str]] = {None: (None, str(_("no lead unit")))}
    for lead, unit in ancestor.items():
        groups[lead] = (unit, units[unit][1])
    return groups


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


def deadline_years(*, around: int, back: int = 20, ahead: int = 5) -> list[int]:
    """The years the statistics' period select offers, newest first: the year of `around` and
    the one before, and those of the deadlines in the data within `back` years before it and
    `ahead` after (two index lookups, whoever asks: the years say nothing of any task)."""
    bounds = Task.objects.filter(deadline__isnull=False).aggregate(
        first=Min("deadline"), last=Max("deadline")
    )
    years = {around, around - 1}
    if bounds["first"] and bounds["last"]:
        first = max(bounds["first"].year, around - back)
        last = min(bounds["last"].year, around + ahead)
        years |= set(range(first, last + 1))
    return sorted(years, reverse=True)
