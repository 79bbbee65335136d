"""Excel workbooks (openpyxl): the statistics table with the filters written above it, and the
task list with the filters applied."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dangvu.assignments.columns import STATISTICS_COLUMNS, column_values
from dangvu.assignments.enums import Status
from dangvu.assignments.models import Task
from dangvu.assignments.notices import NoticeProgress
from dangvu.assignments.selectors import StatisticsRow
from dangvu.core.dates import short_date
from dangvu.core.dates import today as today_
from dangvu.core.exports import safe_row
from dangvu.core.text import safe_cell


def statistics_workbook(
    rows: list[StatisticsRow], total: StatisticsRow, *, title: str, description: list[str]
) -> bytes:
    """One sheet: a title, the filters, then one line per row and the total."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Statistics")[:31]
    sheet.append(safe_row([title]))
    sheet["A1"].font = Font(bold=True, size=14)
    for line in description:
        sheet.append(safe_row([line]))
    sheet.append([_("Exported on %(day)s") % {"day": short_date(today_())}])
    sheet.append([])
    headings = [_("Unit / group"), *[str(column.heading) for column in STATISTICS_COLUMNS]]
    sheet.append(headings)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in [*rows, total]:
        values = column_values(row)
        sheet.append(safe_row([row.label, *[values[c.name] for c in STATISTICS_COLUMNS]]))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 40
    for index in range(2, len(STATISTICS_COLUMNS) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# The task list leaves the columns of the bulk update empty, so that the office can fill them in
# and upload the same file on the "Bulk update" page (the code column is the same).
LIST_EXPORT_MAX = 10_000


def task_list_workbook(tasks: Iterable[Task], *, on: dt.date, description: list[str]) -> bytes:
    """The task list as one sheet (write-only: memory flat in the number of tasks), with each
    task's code, 6-rõ facts and status on `on`, then the bulk update's empty columns."""
    from dangvu.assignments.bulk import COLUMNS as BULK_COLUMNS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Tasks")[:31])
    sheet.append([_("Task list")])
    for line in description:
        sheet.append([safe_cell(line)])
    sheet.append([_("Exported on %(day)s") % {"day": short_date(today_())}])
    sheet.append([])
    status_heading = _("Status on %(day)s") % {"day": short_date(on)}
    sheet.append(
        [
            BULK_COLUMNS["task"],
            _("Content"),
            _("Lead unit"),
            _("Coordinating units"),
            _("Deadline"),
            _("Product"),
            _("Accepting authority"),
            status_heading,
            _("Progress now (%)"),
            _("Source"),
            _("Given on"),
            *[heading for key, heading in BULK_COLUMNS.items() if key != "task"],
        ]
    )
    for count, task in enumerate(tasks, start=1):
        if count > LIST_EXPORT_MAX:
            sheet.append([_("Only the first %(max)d tasks are listed.") % {"max": LIST_EXPORT_MAX}])
            break
        sheet.append(
            [
                task.code,
                safe_cell(task.content),
                safe_cell(task.lead_unit.name if task.lead_unit else task.lead_text),
                safe_cell("; ".join(unit.name for unit in task.coordinating_units.all())),
                short_date(task.deadline) if task.deadline else safe_cell(task.deadline_text),
                safe_cell(task.deliverable),
                safe_cell(task.authority.name if task.authority else ""),
                str(Status(getattr(task, "status", "")).label) if task.published_at else _("draft"),
                getattr(task, "progress_on", task.progress),
                safe_cell(task.source_reference or str(task.get_source_kind_display())),
                short_date(task.issued_on),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def notice_progress_workbook(progress: NoticeProgress) -> bytes:
    """Tình hình thực hiện thông báo kết luận: the notice, the counters, then one line per task
    (item, content, lead unit, deadline, status, last progress), every text cell neutralised."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Notice")[:31]
    sheet.append([safe_cell(_("How the conclusion notice is carried out"))])
    sheet["A1"].font = Font(bold=True, size=14)
    heading = progress.title
    if progress.number:
        heading = _("Notice no. %(number)s — %(title)s") % {
            "number": progress.number,
            "title": progress.title,
        }
    sheet.append([safe_cell(heading)])
    sheet.append([_("As of %(day)s") % {"day": short_date(progress.on)}])
    sheet.append([])
    counters = progress.counters
    for label, value in [
        (_("Assigned"), counters.assigned),
        (_("Done on time"), counters.done_on_time),
        (_("Done late"), counters.done_late),
        (_("In progress within the deadline"), counters.in_progress),
        (_("Overdue, not done"), counters.overdue),
        (_("Suspended"), counters.suspended),
        (_("No deadline"), counters.no_deadline),
        (_("Share on time") + " (%)", counters.percent_on_time),
    ]:
        sheet.append([label, value])
    sheet.append([])
    sheet.append(
        [
            _("Item no."),
            _("Task code"),
            _("Content"),
            _("Lead unit"),
            _("Deadline"),
            _("Status on %(day)s") % {"day": short_date(progress.on)},
            _("Last report"),
            _("Progress (%)"),
            _("What was done"),
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for line in progress.lines:
        task, report = line.task, line.last_report
        sheet.append(
            [
                safe_cell(line.item),
                task.code,
                safe_cell(task.content),
                safe_cell(task.lead_unit.name if task.lead_unit else task.lead_text),
                short_date(task.deadline) if task.deadline else "",
                str(line.status.label),
                short_date(report.reported_on) if report else "",
                report.percent if report else None,
                safe_cell(report.done) if report else "",
            ]
        )
    sheet.column_dimensions["C"].width = 60
    sheet.column_dimensions["D"].width = 30
    sheet.column_dimensions["I"].width = 60
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
