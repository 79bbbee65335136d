"""Import a programme's planned inspections from an Excel workbook, all or nothing.

`read_plan` checks every row (kind, subject organisation by code, year within the programme,
month, content) and returns a preview naming each row's errors; nothing is written. The office
confirms a preview without errors and `planned_items_add` writes every row in one transaction,
checking them again. `template_workbook` gives the expected headings."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from dangvu.core import uploads
from dangvu.core.sheets import heading_index, is_blank, values_by_heading
from dangvu.inspection.enums import InspectionKind
from dangvu.inspection.models import Programme
from dangvu.inspection.services import PlannedItemData, check_planned_item
from dangvu.org.models import Organisation

COLUMNS = {
    "kind": "Loại",
    "organisation": "Mã tổ chức",
    "member": "Đảng viên",
    "content": "Nội dung",
    "period": "Thời kỳ",
    "year": "Năm",
    "month": "Tháng",
    "lead": "Chủ trì",
}
MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024


class PlanFileError(Exception):
    """The file cannot be read as a plan workbook at all."""


@dataclass
class PlanRow:
    number: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    data: PlannedItemData | None = None


@dataclass
class PlanPreview:
    rows: list[PlanRow]

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and self.error_count == 0

    def items(self) -> list[PlannedItemData]:
        return [row.data for row in self.rows if row.data is not None]

    def to_payload(self) -> list[dict[str, Any]]:
        return [
            {
                "kind": d.kind,
                "organisation": d.subject_organisation.pk,
                "member": d.subject_member,
                "content": d.content,
                "period": d.period_text,
                "year": d.planned_year,
                "month": d.planned_month,
                "lead": d.lead,
            }
            for d in self.items()
        ]


def items_from_payload(payload: list[dict[str, Any]]) -> list[PlannedItemData]:
    organisations = Organisation.objects.in_bulk([row["organisation"] for row in payload])
    return [
        PlannedItemData(
            kind=row["kind"],
            subject_organisation=organisations[row["organisation"]],
            subject_member=row["member"],
            content=row["content"],
            period_text=row["period"],
            planned_year=row["year"],
            planned_month=row["month"],
            lead=row["lead"],
        )
        for row in payload
        if row["organisation"] in organisations
    ]


def _kinds() -> dict[str, str]:
    kinds = {}
    for kind in InspectionKind:
        kinds[kind.value.casefold()] = kind.value
        for language in ("vi", "en"):
            with translation.override(language):
                kinds[str(kind.label).casefold()] = kind.value
    return kinds


def _number(text: str) -> int | None:
    try:
        return int(float(text))
    except ValueError:
        return None


def read_plan(programme: Programme, content: bytes, name: str = "ke-hoach.xlsx") -> PlanPreview:
    """Every row checked; PlanFileError when the file is not a workbook with the headings, or
    would expand past the upload budgets (`core.uploads`, checked before it is expanded)."""
    if len(content) > MAX_BYTES:
        raise PlanFileError(_("The file is larger than 5 MB."))
    try:
        uploads.check_upload(name, content, {"xlsx"})
    except uploads.UploadRefusedError as error:
        if error.code in ("budget", "size"):  # it would expand past the budgets: say which
            raise PlanFileError(" ".join(error.messages)) from error
        raise PlanFileError(_("This is not an Excel workbook (.xlsx).")) from error
    try:
        sheet_rows = uploads.sheet_rows(content) or []
    except Exception as error:
        raise PlanFileError(_("This is not an Excel workbook (.xlsx).")) from error
    rows_iter = iter(sheet_rows)
    header = next(rows_iter, None)
    if header is None:
        raise PlanFileError(_("The workbook is empty."))
    index = heading_index(header)
    missing = [h for h in COLUMNS.values() if h.casefold() not in index]
    if missing:
        raise PlanFileError(
            _("The first sheet lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    raw_rows = []
    for number, raw in enumerate(rows_iter, start=2):
        if is_blank(raw):
            continue
        raw_rows.append(PlanRow(number=number, values=values_by_heading(raw, index, COLUMNS)))
        if len(raw_rows) > MAX_ROWS:
            raise PlanFileError(_("Too many rows (at most %(max)d).") % {"max": MAX_ROWS})
    kinds = _kinds()
    codes = {row.values["organisation"] for row in raw_rows}
    organisations = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
    for row in raw_rows:
        values = row.values
        kind = kinds.get(values["kind"].casefold())
        if kind is None:
            row.errors.append(_("Unknown kind “%(value)s”.") % {"value": values["kind"]})
        organisation = organisations.get(values["organisation"])
        if organisation is None:
            row.errors.append(
                _("No organisation with the code “%(value)s”.") % {"value": values["organisation"]}
            )
        year = _number(values["year"])
        if year is None:
            row.errors.append(
                _("The year “%(value)s” is not a number.") % {"value": values["year"]}
            )
        month = _number(values["month"]) if values["month"] else None
        if values["month"] and month is None:
            row.errors.append(
                _("The month “%(value)s” is not a number.") % {"value": values["month"]}
            )
        if row.errors or kind is None or organisation is None or year is None:
            continue
        data = PlannedItemData(
            kind=kind,
            subject_organisation=organisation,
            subject_member=values["member"],
            content=values["content"],
            period_text=values["period"],
            planned_year=year,
            planned_month=month,
            lead=values["lead"],
        )
        try:
            check_planned_item(programme, data)
        except ValidationError as error:
            row.errors.extend(error.messages)
            continue
        row.data = data
    return PlanPreview(rows=raw_rows)


def template_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kế hoạch"
    sheet.append(list(COLUMNS.values()))
    with translation.override("vi"):
        sheet.append(
            [
                str(InspectionKind.REGULAR.label),
                "ma-to-chuc",
                "",
                "Việc lãnh đạo, chỉ đạo thực hiện Nghị quyết…",
                "2019-2020",
                2020,
                5,
                "Ủy ban Kiểm tra",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
