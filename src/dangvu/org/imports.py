"""Import organisations and people from an Excel workbook, all or nothing.

`read_workbook` checks every row and returns a plan with a row-by-row error report; `apply_plan`
writes a plan without errors through the services, in one transaction. The template workbook
(`template_workbook`) has the two sheets and the expected headings.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from dangvu.core.dates import in_range, parse_date, range_message, short_date, within
from dangvu.core.sheets import heading_index, is_blank, values_by_heading
from dangvu.core.uploads import UploadRefusedError, check_upload
from dangvu.org import services
from dangvu.org.enums import OrgKind
from dangvu.org.models import Organisation, Person

ORG_SHEET = "Tổ chức"
PEOPLE_SHEET = "Nhân sự"
ORG_COLUMNS = {
    "code": "Mã",
    "name": "Tên đầy đủ",
    "short_name": "Tên viết tắt",
    "kind": "Loại",
    "issuer_code": "Mã ban hành",
    "parent": "Mã đơn vị cấp trên",
    "valid_from": "Hiệu lực từ",
    "valid_to": "Hiệu lực đến",
}
PEOPLE_COLUMNS = {
    "full_name": "Họ và tên",
    "email": "Email",
    "phone": "Điện thoại",
    "organisation": "Mã đơn vị",
    "title": "Chức vụ",
    "valid_from": "Từ ngày",
    "valid_to": "Đến ngày",
}
MAX_ROWS = 5000


class ImportFileError(Exception):
    """The file cannot be read as an import workbook at all."""


@dataclass
class Row:
    sheet: str
    number: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    organisations: list[Row]
    people: list[Row]

    @property
    def rows(self) -> list[Row]:
        return self.organisations + self.people

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and self.error_count == 0

    def to_payload(self) -> dict[str, Any]:
        return {
            "organisations": [row.values for row in self.organisations],
            "people": [row.values for row in self.people],
        }


def _read_sheet(workbook: Any, title: str, columns: dict[str, str]) -> list[Row]:
    if title not in workbook.sheetnames:
        return []
    sheet = workbook[title]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return []
    heading_to_index = heading_index(header)
    missing = [h for h in columns.values() if h.casefold() not in heading_to_index]
    if missing:
        raise ImportFileError(
            _("Sheet “%(sheet)s” lacks the columns: %(columns)s.")
            % {"sheet": title, "columns": ", ".join(missing)}
        )
    out = []
    for number, raw in enumerate(rows, start=2):
        if is_blank(raw):
            continue
        values = values_by_heading(raw, heading_to_index, columns)
        out.append(Row(sheet=title, number=number, values=values))
        if len(out) > MAX_ROWS:
            raise ImportFileError(_("Too many rows (at most %(max)d).") % {"max": MAX_ROWS})
    return out


def _kinds_by_label() -> dict[str, str]:
    """Every organisation type by its value and by its label in either language, casefolded
    (built once per file, not once per row: each label needs a language switch)."""
    kinds: dict[str, str] = {}
    for kind in reversed(OrgKind):  # the first type wins a label two types would share
        for language in ("vi", "en"):
            with translation.override(language):
                kinds[str(kind.label).casefold()] = kind.value
        kinds[kind.value.casefold()] = kind.value
    return kinds


def _date_or_error(row: Row, key: str, label: str, *, required: bool) -> dt.date | None:
    text = row.values[key]
    if not text:
        if required:
            row.errors.append(_("“%(column)s” is required.") % {"column": label})
        return None
    day = parse_date(text)
    if day is None:
        row.errors.append(
            _("“%(column)s”: “%(value)s” is not a date (write 11/9/2020).")
            % {"column": label, "value": text}
        )
        return None
    if not in_range(day):  # the configured years (1945–2100 by default)
        row.errors.append(f"“{label}”: {range_message()}")
        return None
    row.values[key] = day.isoformat()
    return day


def _check_organisations(rows: list[Row]) -> dict[str, tuple[dt.date, dt.date | None]]:
    """Check organisation rows; returns the validity of every code known after the import."""
    existing = {
        o.code: (o.valid_from, o.valid_to)
        for o in Organisation.objects.only("code", "valid_from", "valid_to")
    }
    in_file: dict[str, Row] = {}
    spans: dict[str, tuple[dt.date, dt.date | None]] = {}
    kinds = _kinds_by_label()
    for row in rows:
        v = row.values
        if not v["name"]:
            row.errors.append(_("“%(column)s” is required.") % {"column": ORG_COLUMNS["name"]})
        kind = kinds.get(v["kind"].strip().casefold()) if v["kind"] else None
        if kind is None:
            row.errors.append(
                _("“%(column)s”: unknown type “%(value)s”.")
                % {"column": ORG_COLUMNS["kind"], "value": v["kind"]}
            )
        else:
            v["kind"] = kind
        code = v["code"]
        if not code:
            row.errors.append(_("“%(column)s” is required.") % {"column": ORG_COLUMNS["code"]})
        elif code in existing:
            row.errors.append(_("Code “%(code)s” already exists.") % {"code": code})
        elif code in in_file:
            row.errors.append(
                _("Code “%(code)s” is repeated (row %(row)d).")
                % {"code": code, "row": in_file[code].number}
            )
        else:
            in_file[code] = row
        start = _date_or_error(row, "valid_from", ORG_COLUMNS["valid_from"], required=True)
        end = _date_or_error(row, "valid_to", ORG_COLUMNS["valid_to"], required=False)
        if start and end and end < start:
            row.errors.append(_("The validity ends before it starts."))
        if code and start:
            spans[code] = (start, end)
    known = {**existing, **spans}
    for row in rows:
        parent = row.values["parent"]
        if not parent:
            continue
        if parent not in known and parent not in in_file:
            row.errors.append(_("Parent “%(code)s” is not known.") % {"code": parent})
            continue
        if parent == row.values["code"]:
            row.errors.append(_("An organisation cannot be its own parent."))
            continue
        start = parse_date(row.values["valid_from"]) if row.values["valid_from"] else None
        if parent in known and start and not within(start, *known[parent]):
            row.errors.append(
                _("Parent “%(code)s” does not exist on %(day)s.")
                % {"code": parent, "day": short_date(start)}
            )
    _check_cycles(rows)
    return known


def _check_cycles(rows: list[Row]) -> None:
    parents = {row.values["code"]: row.values["parent"] for row in rows if row.values["code"]}
    for row in rows:
        seen, code = set(), row.values["code"]
        while code in parents and code not in seen:
            seen.add(code)
            code = parents[code]
        if code in seen and code:
            row.errors.append(_("The parents of this row form a loop."))


def _check_people(rows: list[Row], known: dict[str, tuple[dt.date, dt.date | None]]) -> None:
    for row in rows:
        v = row.values
        if not v["full_name"]:
            row.errors.append(
                _("“%(column)s” is required.") % {"column": PEOPLE_COLUMNS["full_name"]}
            )
        if not v["title"]:
            row.errors.append(_("“%(column)s” is required.") % {"column": PEOPLE_COLUMNS["title"]})
        start = _date_or_error(row, "valid_from", PEOPLE_COLUMNS["valid_from"], required=True)
        end = _date_or_error(row, "valid_to", PEOPLE_COLUMNS["valid_to"], required=False)
        if start and end and end < start:
            row.errors.append(_("The validity ends before it starts."))
        code = v["organisation"]
        if code not in known:
            row.errors.append(_("Organisation “%(code)s” is not known.") % {"code": code})
        elif start and not within(start, *known[code]):
            row.errors.append(
                _("Organisation “%(code)s” does not exist on %(day)s.")
                % {"code": code, "day": short_date(start)}
            )


def read_workbook(data: bytes, name: str = "") -> ImportPlan:
    """Read and check a workbook. Raises ImportFileError when it is not a usable .xlsx."""
    try:  # sizes, rows and columns within the budgets before openpyxl expands anything
        check_upload(name or "tệp.xlsx", data, {"xlsx"})
    except UploadRefusedError as exc:
        if exc.code in ("kind", "sniff", "damaged"):
            raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from exc
        raise ImportFileError(" ".join(exc.messages)) from exc
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from exc
    if ORG_SHEET not in workbook.sheetnames and PEOPLE_SHEET not in workbook.sheetnames:
        raise ImportFileError(
            _("The workbook has neither a “%(orgs)s” nor a “%(people)s” sheet.")
            % {"orgs": ORG_SHEET, "people": PEOPLE_SHEET}
        )
    plan = ImportPlan(
        organisations=_read_sheet(workbook, ORG_SHEET, ORG_COLUMNS),
        people=_read_sheet(workbook, PEOPLE_SHEET, PEOPLE_COLUMNS),
    )
    known = _check_organisations(plan.organisations)
    _check_people(plan.people, known)
    return plan


def _parents_first(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    by_code = {row["code"]: row for row in rows}
    ordered: list[dict[str, str]] = []
    placed: set[str] = set()

    def place(row: dict[str, str]) -> None:
        if row["code"] in placed:
            return
        parent = by_code.get(row["parent"])
        if parent is not None:
            place(parent)
        placed.add(row["code"])
        ordered.append(row)

    for row in rows:
        place(row)
    return ordered


@transaction.atomic
def apply_plan(payload: dict[str, Any], *, by: Any) -> dict[str, int]:
    """Write a checked plan. Any error from a service rolls the whole import back."""
    created: dict[str, Organisation] = {}
    for v in _parents_first(payload["organisations"]):
        parent = None
        if v["parent"]:
            parent = created.get(v["parent"]) or Organisation.objects.get(code=v["parent"])
        created[v["code"]] = services.organisation_create(
            code=v["code"],
            name=v["name"],
            short_name=v["short_name"],
            kind=v["kind"],
            issuer_code=v["issuer_code"],
            parent=parent,
            valid_from=dt.date.fromisoformat(v["valid_from"]),
            valid_to=dt.date.fromisoformat(v["valid_to"]) if v["valid_to"] else None,
            by=by,
        )
    people: dict[str, Person] = {}
    for v in payload["people"]:
        key = v["email"].casefold() or v["full_name"].casefold()
        person = people.get(key)
        if person is None and v["email"]:
            person = Person.objects.filter(email__iexact=v["email"]).first()
        if person is None:
            person = services.person_create(
                full_name=v["full_name"], email=v["email"], phone=v["phone"], by=by
            )
        people[key] = person
        organisation = created.get(v["organisation"]) or Organisation.objects.get(
            code=v["organisation"]
        )
        services.position_assign(
            person=person,
            organisation=organisation,
            title=v["title"],
            valid_from=dt.date.fromisoformat(v["valid_from"]),
            valid_to=dt.date.fromisoformat(v["valid_to"]) if v["valid_to"] else None,
            by=by,
        )
    return {"organisations": len(created), "positions": len(payload["people"])}


def apply_plan_or_error(payload: dict[str, Any], *, by: Any) -> dict[str, int]:
    """`apply_plan`, with a service's refusal turned into one readable ValidationError."""
    try:
        return apply_plan(payload, by=by)
    except (ValidationError, Organisation.DoesNotExist) as exc:
        raise ValidationError(
            _("Nothing was imported: the data changed since the preview (%(detail)s).")
            % {"detail": "; ".join(getattr(exc, "messages", [str(exc)]))}
        ) from exc


def template_workbook() -> bytes:
    """An empty workbook with the two sheets, their headings and one example row each."""
    workbook = Workbook()
    orgs = workbook.active
    orgs.title = ORG_SHEET
    orgs.append(list(ORG_COLUMNS.values()))
    orgs.append(
        [
            "vd-ban-tc",
            "Ban Tổ chức Quận ủy",
            "Ban Tổ chức",
            "Cơ quan tham mưu, giúp việc của cấp ủy",
            "",
            "lb-qu",
            "15/10/2020",
            "",
        ]
    )
    people = workbook.create_sheet(PEOPLE_SHEET)
    people.append(list(PEOPLE_COLUMNS.values()))
    people.append(
        ["Nguyễn Văn A", "a@example.org", "", "vd-ban-tc", "Trưởng ban", "15/10/2020", ""]
    )
    for sheet in (orgs, people):
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
