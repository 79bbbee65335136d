"""The register as an Excel workbook (sổ đăng ký văn bản đi): the columns of the paper register."""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from dangvu.documents.enums import TYPE_CODES
from dangvu.documents.models import DocumentNumber

COLUMNS = [
    ("Số, ký hiệu", 16),
    ("Ngày tháng", 12),
    ("Loại văn bản", 14),
    ("Trích yếu nội dung", 60),
    ("Độ mật", 10),
    ("Độ khẩn", 12),
    ("Số từ sổ giấy", 10),
    ("Bản ký, đóng dấu", 14),
]


def register_workbook(title: str, entries: Iterable[DocumentNumber]) -> bytes:
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = "Sổ văn bản đi"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([name for name, _width in COLUMNS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for index, (_name, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for entry in entries:
        sheet.append(
            [
                str(entry),
                entry.issued_on,
                TYPE_CODES.get(entry.type_code, entry.type_code),
                entry.label,
                entry.confidentiality,
                entry.urgency,
                "x" if entry.typed else "",
                "x" if entry.signed_scan else "",
            ]
        )
        sheet.cell(row=sheet.max_row, column=2).number_format = "DD/MM/YYYY"
        sheet.cell(row=sheet.max_row, column=4).alignment = Alignment(wrap_text=True)
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
