"""Tình hình thực hiện thông báo kết luận: how the tasks of one conclusion notice (TB) are being
carried out, for its page and its Excel export alike.

The notice's tasks are found through the conclusion items that point at them (the reverse
relation `conclusion_item`, by name: `assignments` does not import `meetings`, which depends on
it). Only the published tasks the user may read are listed; a notice with none of them is a 404.
The counters above the table are `tally` of the very lines the table shows, so they cannot
contradict it (issue 17: "Chậm: 0" beside three overdue units).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404
from django.utils.translation import gettext as _

from dangvu.assignments.enums import Status
from dangvu.assignments.models import ProgressReport, Task
from dangvu.assignments.selectors import StatisticsRow, TaskFilters, task_list

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor


@dataclass(frozen=True)
class NoticeLine:
    """One task of the notice: the item it came from, its status as of the day and the last
    progress report of any of its units (None before any)."""

    item: str
    task: Task
    status: Status
    last_report: ProgressReport | None


@dataclass(frozen=True)
class NoticeProgress:
    conclusion_id: int
    conference_id: int
    title: str
    number: str  # "12-TB/QU", "" before it is issued
    issued_on: dt.date | None
    on: dt.date
    lines: list[NoticeLine]
    counters: StatisticsRow


def tally(lines: list[NoticeLine], label: str = "") -> StatisticsRow:
    """The counters of a list of lines: the same `StatisticsRow` the statistics table uses, so
    "on time", "overdue" and the share on time mean the same on every page."""
    row = StatisticsRow(key=None, label=label)
    for line in lines:
        row.assigned += 1
        row.counts[line.status] = row.counts.get(line.status, 0) + 1
        if line.task.six_clear_waiver:
            row.waived += 1
    return row


def _item_label(number: int, parent_number: int | None) -> str:
    if parent_number is None:
        return f"{number}."
    return f"{parent_number}.{chr(ord('a') + number - 1)})"


def notice_progress(user: Actor | AnonymousUser, conclusion_id: int, on: dt.date) -> NoticeProgress:
    """The notice's published tasks the user may read, in the order of its items, with their
    status as of `on` (the status Case of the task list) and their last progress report."""
    prefix = "conclusion_item__"
    tasks = list(
        task_list(user, TaskFilters(on=on)).filter(
            **{f"{prefix}conclusion_id": conclusion_id}, published_at__isnull=False
        )
    )
    if not tasks:
        raise Http404(_("No task of this notice is visible to you."))
    head = (
        Task.objects.filter(pk=tasks[0].pk)
        .values(
            f"{prefix}conclusion__conference_id",
            f"{prefix}conclusion__conference__title",
            f"{prefix}conclusion__issued_on",
            f"{prefix}conclusion__number__number",
            f"{prefix}conclusion__number__type_code",
            f"{prefix}conclusion__number__issuer__issuer_code",
        )
        .get()
    )
    items: dict[int, tuple[int, int | None]] = {
        task_id: (number, parent)
        for task_id, number, parent in Task.objects.filter(
            pk__in=[t.pk for t in tasks]
        ).values_list("pk", f"{prefix}number", f"{prefix}parent__number")
    }
    last: dict[int, ProgressReport] = {}
    reports = ProgressReport.objects.filter(task__in=tasks, reported_on__lte=on)
    for report in reports.select_related("unit", "created_by").order_by("reported_on", "pk"):
        last[report.task_id] = report

    def place(task: Task) -> tuple[int, int]:
        number, parent = items[task.pk]
        return (parent, number) if parent is not None else (number, 0)

    order = sorted(tasks, key=place)
    lines = [
        NoticeLine(
            item=_item_label(*items[task.pk]),
            task=task,
            status=Status(task.status),  # type: ignore[attr-defined]
            last_report=last.get(task.pk),
        )
        for task in order
    ]
    number = head[f"{prefix}conclusion__number__number"]
    return NoticeProgress(
        conclusion_id=conclusion_id,
        conference_id=head[f"{prefix}conclusion__conference_id"],
        title=head[f"{prefix}conclusion__conference__title"],
        number=(
            f"{number}-{head[f'{prefix}conclusion__number__type_code']}/"
            f"{head[f'{prefix}conclusion__number__issuer__issuer_code']}"
            if number
            else ""
        ),
        issued_on=head[f"{prefix}conclusion__issued_on"],
        on=on,
        lines=lines,
        counters=tally(lines, _("Total")),
    )
