"""The statistics table as an Excel workbook (openpyxl), with the filters written above it."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from dangvu.assignments.selectors import StatisticsRow
from dangvu.core.dates import short_date
from dangvu.core.dates import today as today_
from dangvu.core.exports import safe_row


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
    headings = [
        _("Unit / group"),
        _("Assigned"),
        _("Done on time"),
        _("Done late"),
        _("In progress within the deadline"),
        _("Of which due soon"),
        _("Overdue, not done"),
        _("Suspended"),
        _("Share on time") + " (%)",
    ]
    sheet.append(headings)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in [*rows, total]:
        sheet.append(
            safe_row(
                [
                    row.label,
                    row.assigned,
                    row.done_on_time,
                    row.done_late,
                    row.in_progress,
                    row.due_soon,
                    row.overdue,
                    row.suspended,
                    row.percent_on_time,
                ]
            )
        )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 40
    for letter in "BCDEFGHI":
        sheet.column_dimensions[letter].width = 14
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
