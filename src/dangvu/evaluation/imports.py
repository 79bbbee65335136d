"""The register imported from Excel: every row checked first (a preview naming each row and
what is wrong with it), then written in one transaction on confirmation, or not at all.

Columns (first row, any order): Mã đảng viên, Họ và tên, Năm sinh, Mã chi bộ, Ngày vào Đảng,
Chính thức/Dự bị, Miễn sinh hoạt (có/không), Lý do miễn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import policy, uploads
from dangvu.core.dates import parse_date
from dangvu.core.policy import Actor
from dangvu.core.sheets import heading_index, is_blank, values_by_heading
from dangvu.evaluation import services
from dangvu.evaluation.enums import MemberStatus
from dangvu.evaluation.models import PartyMember
from dangvu.org.models import Organisation

COLUMNS = {
    "code": "Mã đảng viên",
    "full_name": "Họ và tên",
    "birth_year": "Năm sinh",
    "cell": "Mã chi bộ",
    "joined_on": "Ngày vào Đảng",
    "status": "Chính thức/Dự bị",
    "exempt": "Miễn sinh hoạt",
    "exempt_reason": "Lý do miễn",
}
YES = {"có", "x", "1", "yes", "true"}


@dataclass
class RowCheck:
    number: int  # the row in the sheet (the heading is row 1)
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)


def read_rows(data: bytes, name: str = "dang-vien.xlsx") -> list[RowCheck]:
    """The rows of the first sheet, read within the upload budgets (`core.uploads`: a workbook
    declaring a million rows is refused before it is expanded)."""
    try:
        uploads.check_upload(name, data, {"xlsx"})
    except uploads.UploadRefusedError as error:
        if error.code in ("budget", "size"):  # it would expand past the budgets: say which
            raise
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from error
    try:
        sheet_rows = uploads.sheet_rows(data) or []
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from error
    rows = iter(sheet_rows)
    header = next(rows, None)
    if header is None:
        raise ValidationError(_("The workbook is empty."))
    index = heading_index(header)
    missing = [h for h in COLUMNS.values() if h.casefold() not in index and h != "Lý do miễn"]
    if missing:
        raise ValidationError(_("Missing columns: %(list)s.") % {"list": ", ".join(missing)})
    return [
        RowCheck(number=number, values=values_by_heading(raw, index, COLUMNS))
        for number, raw in enumerate(rows, start=2)
        if not is_blank(raw)
    ]


def to_payload(rows: list[RowCheck]) -> list[dict[str, object]]:
    """What confirming writes (kept in the session or in the checking job)."""
    return [{"number": row.number, "values": row.values} for row in rows]


def from_payload(payload: list[dict[str, Any]]) -> list[RowCheck]:
    return [RowCheck(number=int(r["number"]), values=dict(r["values"])) for r in payload]


def check(rows: list[RowCheck], by: Actor) -> list[RowCheck]:
    """Fill each row's errors (a few queries for the whole file)."""
    cells = {
        o.code: o for o in Organisation.objects.filter(code__in={r.values["cell"] for r in rows})
    }
    taken = set(
        PartyMember.objects.filter(code__in={r.values["code"] for r in rows}).values_list(
            "code", flat=True
        )
    )
    seen: set[str] = set()
    for row in rows:
        v = row.values
        if not v["code"]:
            row.errors.append(_("No member code."))
        elif v["code"] in taken or v["code"] in seen:
            row.errors.append(
                _("The code %(code)s is already in the register.") % {"code": v["code"]}
            )
        seen.add(v["code"])
        if not v["full_name"]:
            row.errors.append(_("No name."))
        if not v["birth_year"].isdigit() or not 1900 <= int(v["birth_year"]) <= 2100:
            row.errors.append(_("The year of birth is not a year."))
        if parse_date(v["joined_on"]) is None:
            row.errors.append(_("The date of joining is not a date."))
        cell = cells.get(v["cell"])
        if cell is None:
            row.errors.append(_("No organisation has the code “%(code)s”.") % {"code": v["cell"]})
        elif not policy.allowed(by, "member.manage", cell):
            row.errors.append(_("You do not keep the register of %(name)s.") % {"name": cell.name})
        if v["status"].casefold() not in ("chính thức", "dự bị", ""):
            row.errors.append(_("Status must be “Chính thức” or “Dự bị”."))
        if v["exempt"].casefold() in YES and not v["exempt_reason"]:
            row.errors.append(_("Give the reason for the exemption from activities."))
    return rows


@transaction.atomic
def apply(rows: list[RowCheck], by: Actor) -> int:
    """Write every row through `services.member_create`; any refusal undoes the whole file."""
    cells = {
        o.code: o for o in Organisation.objects.filter(code__in={r.values["cell"] for r in rows})
    }
    for row in check(rows, by):
        if row.errors:
            raise ValidationError(
                _("Row %(n)s: %(errors)s") % {"n": row.number, "errors": " ".join(row.errors)}
            )
        v = row.values
        joined = parse_date(v["joined_on"])
        assert isinstance(joined, dt.date)  # noqa: S101 - checked above
        try:
            services.member_create(
                code=v["code"],
                full_name=v["full_name"],
                birth_year=int(v["birth_year"]),
                joined_on=joined,
                organisation=cells[v["cell"]],
                status=MemberStatus.PROBATIONARY
                if v["status"].casefold() == "dự bị"
                else MemberStatus.OFFICIAL,
                exempt=v["exempt"].casefold() in YES,
                exempt_reason=v["exempt_reason"],
                by=by,
            )
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise ValidationError(
                _("Row %(n)s: %(errors)s") % {"n": row.number, "errors": " ".join(messages)}
            ) from error
    return len(rows)
