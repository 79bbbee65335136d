"""The results as Excel: one sheet per kind of subject (organisations, members), one row per
organisation under the viewed one and the total, count and share per grade, and the previous
round's total when there is one."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from dangvu.evaluation.enums import GRADE_ORDER, Grade
from dangvu.evaluation.selectors import GradeCounts, RollUp

SHORT = {
    Grade.EXCELLENT: "HTXS",
    Grade.GOOD: "HTT",
    Grade.COMPLETE: "HT",
    Grade.FAILED: "KHT",
}


def _row(name: str, counts: GradeCounts) -> list[object]:
    out: list[object] = [name, counts.total]
    for grade in GRADE_ORDER:
        out.extend([counts.counts[grade], float(counts.share(grade))])
    return out


def results_workbook(figures: RollUp) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, attr in (("Tổ chức đảng", "organisations"), ("Đảng viên", "members")):
        sheet = book.create_sheet(title)
        sheet.append([figures.round.title, figures.under.name])
        header = ["Đơn vị", "Tổng số"]
        for grade in GRADE_ORDER:
            header.extend([SHORT[grade], f"{SHORT[grade]} (%)"])
        sheet.append(header)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in figures.children:
            sheet.append(_row(row.organisation.display_name, getattr(row, attr)))
        sheet.append(_row("Tổng cộng", getattr(figures.total, attr)))
        if figures.previous is not None and figures.previous_total is not None:
            sheet.append(
                _row(f"Kỳ trước: {figures.previous.title}", getattr(figures.previous_total, attr))
            )
        sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
