"""The columns of the task statistics, once (issue 18, item 4): the dashboard's table, its
drill-down links, the chart's segments, the Excel export and the API all read this list, so a
column added here appears everywhere and nowhere else needs to know.

Each column names the `selectors.StatisticsRow` attribute it shows (also the API's field), its
heading, the status filter its drill-down link lists ("" every task of the row, None no link) and
the chart segment it draws (None: not drawn; due soon is drawn within "in progress")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dangvu.assignments.enums import WITHIN_DEADLINE, Status


@dataclass(frozen=True)
class StatisticsColumn:
    name: str
    heading: str | Promise
    link_status: str | None = None
    segment: Status | None = None
    percent: bool = False  # a share, written "66,7%" ("—" when there is none)


STATISTICS_COLUMNS: tuple[StatisticsColumn, ...] = (
    StatisticsColumn("assigned", _("Assigned"), link_status=""),
    StatisticsColumn(
        "done_on_time", _("Done on time"), Status.DONE_ON_TIME, segment=Status.DONE_ON_TIME
    ),
    StatisticsColumn("done_late", _("Done late"), Status.DONE_LATE, segment=Status.DONE_LATE),
    StatisticsColumn(
        "in_progress",
        _("In progress within the deadline"),
        WITHIN_DEADLINE,
        segment=Status.IN_PROGRESS,
    ),
    StatisticsColumn("due_soon", _("Of which due soon"), Status.DUE_SOON),
    StatisticsColumn("overdue", _("Overdue, not done"), Status.OVERDUE, segment=Status.OVERDUE),
    StatisticsColumn("suspended", _("Suspended"), Status.SUSPENDED, segment=Status.SUSPENDED),
    StatisticsColumn(
        "no_deadline", _("No deadline"), Status.NO_DEADLINE, segment=Status.NO_DEADLINE
    ),
    StatisticsColumn("waived", _("Published with a waived gap")),
    # xgettext:no-python-format
    StatisticsColumn("percent_on_time", _("% on time"), percent=True),
)


def column_values(row: Any) -> dict[str, Any]:
    """A row's value in every column, by name (the API's fields)."""
    return {column.name: getattr(row, column.name) for column in STATISTICS_COLUMNS}
