"""Spreadsheets of the inspection records: the statistics table and a programme's plan with its
progress. Text that a spreadsheet program would run as a formula (starting with = + - @, or a
tab or carriage return) is written with a leading apostrophe-like quote so it stays text."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from dangvu.core.dates import short_date, today
from dangvu.inspection.selectors import PlanProgress
from dangvu.inspection.statistics import SHOWN, Statistics, count_labels

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text starting like a formula is prefixed with a quote (OWASP's CSV-injection advice);
    numbers and dates are kept as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _bold_row(sheet: Any) -> None:
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def statistics_workbook(stats: Statistics) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Statistics")[:31]
    sheet.append([safe_cell(_("Inspection and supervision statistics"))])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(
        [
            _("From %(start)s to %(end)s")
            % {"start": short_date(stats.start), "end": short_date(stats.end)}
        ]
    )
    if stats.under is not None:
        sheet.append([safe_cell(stats.under.name)])
    sheet.append([_("Exported on %(day)s") % {"day": short_date(today())}])
    sheet.append([])
    labels = count_labels()
    sheet.append([_("Level"), *(labels[c] for c in SHOWN)])
    _bold_row(sheet)
    for row in [*stats.rows, stats.total]:
        sheet.append([safe_cell(row.label), *row.values()])
    _bold_row(sheet)
    sheet.column_dimensions["A"].width = 40
    return _bytes(workbook)


def plan_workbook(title: str, progress: PlanProgress) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Plan")[:31]
    sheet.append([safe_cell(title)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append(
        [
            _("No."),
            _("Kind"),
            _("Subject"),
            _("Content"),
            _("Period inspected"),
            _("Month planned"),
            _("Who leads"),
            _("Progress"),
            _("Decision"),
        ]
    )
    _bold_row(sheet)
    names = {"not_started": _("Not started"), "under_way": _("Under way"), "done": _("Done")}
    for n, row in enumerate(progress.rows, start=1):
        item = row.item
        subject = item.subject_member or item.subject_organisation.name
        when = (
            f"{item.planned_month}/{item.planned_year}"
            if item.planned_month
            else str(item.planned_year)
        )
        decision = ""
        if row.inspection is not None and row.inspection.decision_number_id:
            decision = str(row.inspection.decision_number)
        sheet.append(
            [
                n,
                item.get_kind_display(),
                safe_cell(subject),
                safe_cell(item.content),
                safe_cell(item.period_text),
                when,
                safe_cell(item.lead),
                names[row.progress],
                decision,
            ]
        )
    return _bytes(workbook)
