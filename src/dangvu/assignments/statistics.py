"""Statistics of tasks: counts per lead unit, committee or month of the deadline, as of a day.

Split from `selectors.py` (which re-exports these names, so callers keep their imports). The
lead unit is dated history (`assignments.handover`): a past day counts the unit of that day,
today the unit that leads now. Rows and filters place each lead unit in the same tree, the tree
of the day the statistics are as of (`org.selectors.placements`): a unit merged away before that
day counts under the unit it passed into, not under its old parent, on a past day as today —
so a row holds exactly what its drill-down (`lead_under`) lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Max, Min, QuerySet, Sum
from django.utils.translation import gettext as _

from dangvu.assignments.enums import CLOSED_STATUSES, KEPT_OUTCOMES, StatisticsGrouping, Status
from dangvu.assignments.handover import lead_unit_on
from dangvu.assignments.models import ClosedTasksByMonth, ClosedTasksByUnit, Task
from dangvu.assignments.selectors import (
    TaskFilters,
    _committees_managed_or_led,
    _depth,
    _visibility,
    apply_filters,
    unit_filter_choices,
)
from dangvu.assignments.status import status_annotation
from dangvu.core.dates import today
from dangvu.org.models import Organisation
from dangvu.org.roles import UNIT_ROLES
from dangvu.org.scope import Scope, person_q
from dangvu.org.selectors import placed_under_q, placements, unit_placed_as

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor


def statistics_scope_depth(user: Actor | AnonymousUser, filters: TaskFilters) -> int:
    """The tree level the statistics by unit count at: the units directly under the filtered
    unit, else under the user's highest membership (a city office sees its wards, not every
    cell)."""
    if filters.unit is not None:
        return filters.unit.depth + 1
    if user.is_superuser:
        return 1
    depths = [_depth(path) for path in Scope.of(user).paths()]
    return min(depths, default=0) + 1


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


def statistics_queryset(user: Actor | AnonymousUser, filters: TaskFilters) -> QuerySet[Task]:
    """The tasks statistics count: published, given on or before the day, top-level (a
    sub-task is part of its task, not a task of its own), visible to the user."""
    qs = Task.objects.filter(
        published_at__isnull=False, issued_on__lte=filters.on, parent__isnull=True
    )
    if not user.is_superuser:
        qs = qs.filter(_visibility(user))
    return apply_filters(qs, filters)


def task_statistics(
    user: Actor | AnonymousUser, filters: TaskFilters, grouping: str = StatisticsGrouping.UNIT
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
        group_of = _units_at_level(
            user, values, statistics_scope_depth(user, filters), placements(filters.on)
        )
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


def _count(
    user: Actor | AnonymousUser, filters: TaskFilters, key: str
) -> list[tuple[Any, str, int]]:
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


def _count_waived(
    user: Actor | AnonymousUser, filters: TaskFilters, key: str
) -> list[tuple[Any, int]]:
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


def _closed_counts_answer(user: Actor | AnonymousUser, filters: TaskFilters, key: str) -> bool:
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
    return not Task.followers.through.objects.filter(person_q(user)).exists()


def _count_closed(
    user: Actor | AnonymousUser, filters: TaskFilters, key: str
) -> list[tuple[Any, str, int]]:
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
    # the units placed in today's tree, as `apply_filters` places them for the open tasks
    if filters.lead is not None:
        qs = qs.filter(lead_unit_id__in=unit_placed_as(filters.lead, filters.on))
    if filters.lead_under is not None:
        qs = qs.filter(placed_under_q("lead_unit_id", filters.lead_under, filters.on))
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


def _units_at_level(
    user: Actor | AnonymousUser, lead_ids: set[int | None], level: int, placed: dict[int, int]
) -> dict[Any, tuple[Any, str]]:
    """Each lead unit → (the ancestor at `level` of its place in the tree of the day, or that
    place itself when above it; that unit's name). Its place: itself, or for a unit merged away
    by then the unit it passed into (`placed`, from `org.selectors.placements`), as the lead
    filters place it.

    The units come from the user's part of the tree, in one range read of the path index (a
    city's few thousand units in 7 ms, where an `IN` list of their ids took 20–60 ms); lead
    units outside it (a task the user coordinates or follows elsewhere, a successor), and
    their ancestors, from one small query each, only when there are any."""
    units: dict[int, tuple[str, str]] = {}  # id → (path, name)

    def read(queryset: QuerySet[Organisation]) -> None:
        for pk, path, name, short in queryset.values_list("pk", "path", "name", "short_name"):
            units[pk] = (path, short or name)

    read(unit_filter_choices(user).order_by())
    leads = {lead for lead in lead_ids if lead is not None}
    place = {lead: placed.get(lead, lead) for lead in leads}
    if set(place.values()) - units.keys():
        read(Organisation.objects.filter(pk__in=set(place.values()) - units.keys()))
    ancestor: dict[int, int] = {}
    for lead in leads:
        ids = [int(part) for part in units[place[lead]][0].strip("/").split("/") if part]
        ancestor[lead] = ids[min(level, len(ids) - 1)]
    if set(ancestor.values()) - units.keys():
        read(Organisation.objects.filter(pk__in=set(ancestor.values()) - units.keys()))
    groups: dict[Any, tuple[Any, str]] = {None: (None, str(_("no lead unit")))}
    for lead, unit in ancestor.items():
        groups[lead] = (unit, units[unit][1])
    return groups


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
