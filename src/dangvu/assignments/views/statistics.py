"""Statistics pages of tasks and their export."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.assignments import selectors
from dangvu.assignments.charts import bar_chart, chart_svg
from dangvu.assignments.columns import STATISTICS_COLUMNS, StatisticsColumn
from dangvu.assignments.enums import StatisticsGrouping
from dangvu.assignments.exports import statistics_workbook
from dangvu.assignments.forms import (
    StatisticsFilterForm,
)
from dangvu.core.dates import month_end, short_date
from dangvu.core.files import attachment_header
from dangvu.core.http import as_of
from dangvu.org.selectors import picker_units

from ._common import UNIT_LEVELS, _filters


def _statistics_counts(request: HttpRequest) -> dict[str, Any]:
    """The form, the filters and the counts: what the page and the Excel export share."""
    units = selectors.unit_filter_choices(request.user)
    form = StatisticsFilterForm(
        request.GET or None,
        units=units,
        # units that exist on the day the statistics are as of (org.selectors.picker_units)
        listed_units=picker_units(
            as_of(request)[0],
            within=selectors.unit_filter_choices(request.user, levels=UNIT_LEVELS),
            keep=[request.GET.get("unit")],
        ),
        years=selectors.deadline_years(around=as_of(request)[0].year),
    )
    filters, on_error = _filters(request, form)
    grouping = (form.cleaned_data.get("group") if form.is_valid() else "") or (
        StatisticsGrouping.UNIT
    )
    rows, total = selectors.task_statistics(request.user, filters, grouping)
    return {
        "form": form,
        "filters": filters,
        "on_error": on_error,
        "grouping": grouping,
        "rows": rows,
        "total": total,
    }


def _statistics(request: HttpRequest) -> dict[str, Any]:
    """The page: the counts with their drill-down links and the chart."""
    counts = _statistics_counts(request)
    filters: selectors.TaskFilters = counts["filters"]
    grouping, rows, total = counts["grouping"], counts["rows"], counts["total"]
    base = {"on": filters.on.isoformat()}
    for name in ("unit", "committee", "lead", "lead_under"):
        value = getattr(filters, name)
        if value is not None:
            base[name] = str(value.pk)
    for name in ("source", "deadline_from", "deadline_to"):
        value = getattr(filters, name)
        if value:
            base[name] = str(value)
    lines: list[StatisticsLine] = []
    for row in rows:
        scope = dict(base)
        if row.key in (None, ""):
            lines.append(StatisticsLine(row, None))
            continue
        if grouping == StatisticsGrouping.MONTH:
            first = dt.date.fromisoformat(f"{row.key}-01")
            last = month_end(first)  # also for December 9999, stored before the gate
            scope |= {"deadline_from": first.isoformat(), "deadline_to": last.isoformat()}
        elif grouping == StatisticsGrouping.COMMITTEE:
            scope["committee"] = str(row.key)
        else:
            scope["lead_under"] = str(row.key)
        lines.append(StatisticsLine(row, _drill_down(scope)))
    chart = bar_chart(rows)
    return counts | {
        "on": filters.on,
        "rows": lines,
        "total_line": StatisticsLine(total, _drill_down(base)),
        "chart": chart,
        "chart_svg": chart_svg(chart, _("Tasks by status")),
        "query": request.GET.urlencode(),
        "columns": STATISTICS_COLUMNS,
    }


class StatisticsLine(NamedTuple):
    """A row of the dashboard and its links down to the task list, by column (None for the
    rows without a unit or a deadline)."""

    row: selectors.StatisticsRow
    links: dict[str, str] | None

    @property
    def cells(self) -> list[tuple[StatisticsColumn, Any, str | None]]:
        """(column, value, link) by column. Counts come as text, which the template writes as
        they are (a number would go through localisation, a thousand times a page); the share
        on time as a number (or None), which it formats."""
        links = self.links or {}
        return [
            (
                column,
                getattr(self.row, column.name)
                if column.percent
                else str(getattr(self.row, column.name)),
                links.get(column.name),
            )
            for column in STATISTICS_COLUMNS
        ]


def _drill_down(scope: dict[str, str]) -> dict[str, str]:
    """Links to the task list for each column of one row."""
    base = f"{reverse('assignments:list')}?{urlencode(scope)}"
    return {
        column.name: f"{base}&{urlencode({'status': column.link_status})}"
        if column.link_status
        else base
        for column in STATISTICS_COLUMNS
        if column.link_status is not None
    }


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    """The dashboard: counts per lead unit, committee or month, as of a day, with filters, a
    chart and links down to the tasks behind each number."""
    context = _statistics(request)
    if context["on_error"]:
        messages.error(request, context["on_error"])
    return render(request, "assignments/statistics.html", context)


@login_required
def statistics_export(request: HttpRequest) -> HttpResponse:
    """The dashboard's table as an Excel workbook, with the same filters."""
    counts = _statistics_counts(request)
    filters: selectors.TaskFilters = counts["filters"]
    description = [_("As of %(day)s") % {"day": short_date(filters.on)}]
    if filters.deadline_from or filters.deadline_to:
        description.append(
            _("Deadlines from %(start)s to %(end)s")
            % {
                "start": short_date(filters.deadline_from) or "…",
                "end": short_date(filters.deadline_to) or "…",
            }
        )
    if filters.unit is not None:
        description.append(_("Unit: %(name)s") % {"name": filters.unit.name})
    data = statistics_workbook(
        counts["rows"],
        counts["total"],
        title=_("Task follow-up statistics"),
        description=description,
    )
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = attachment_header(
        f"thong-ke-nhiem-vu-{filters.on.isoformat()}.xlsx"
    )
    return response
