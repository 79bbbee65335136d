"""The import workbook's sheets and columns, the plan read from it, and the checks of one
value (required, length, date, order, code) every sheet's rows share."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from dangvu.core.dates import in_range, parse_date, range_message
from dangvu.core.sheets import heading_index, is_blank, values_by_heading

ACT_SHEET = "Quyết định"
ORG_SHEET = "Tổ chức"
UPDATE_SHEET = "Cập nhật"
LINK_SHEET = "Kế thừa"
PEOPLE_SHEET = "Nhân sự"
ROLE_SHEET = "Vai trò"
LISTS_SHEET = "Danh mục"

ACT_COLUMNS = {
    "number": "Số",
    "issued_on": "Ngày ban hành",
    "issuer": "Cơ quan ban hành",
    "effective_on": "Ngày hiệu lực",
    "title": "Trích yếu",
}
ORG_COLUMNS = {
    "code": "Mã",
    "name": "Tên đầy đủ",
    "short_name": "Tên viết tắt",
    "kind": "Loại",
    "issuer_code": "Mã ban hành",
    "parent": "Mã đơn vị cấp trên",
    "valid_from": "Hiệu lực từ",
    "valid_to": "Hiệu lực đến",
    "sort_order": "Thứ tự",
}
UPDATE_COLUMNS = {
    "code": "Mã",
    "name": "Tên mới",
    "short_name": "Tên viết tắt mới",
    "kind": "Loại",
    "issuer_code": "Mã ban hành",
    "sort_order": "Thứ tự",
    "close_on": "Ngày cuối cùng",
}
LINK_COLUMNS = {
    "predecessor": "Mã đơn vị cũ",
    "successor": "Mã đơn vị mới",
    "kind": "Hình thức",
    "wording": "Nội dung theo nghị quyết",
    "clause": "Khoản",
}
PEOPLE_COLUMNS = {
    "full_name": "Họ và tên",
    "email": "Email",
    "phone": "Điện thoại",
    "organisation": "Mã đơn vị",
    "title": "Chức vụ",
    "valid_from": "Từ ngày",
    "valid_to": "Đến ngày",
    # A user account for the person (created when the name is new) and a role held from
    # "Từ ngày" to "Đến ngày" in the unit: both optional.
    "username": "Tên đăng nhập",
    "role": "Vai trò",
}
ROLE_COLUMNS = {
    "username": "Tên đăng nhập",
    "organisation": "Mã đơn vị",
    "role": "Vai trò",
    "valid_from": "Từ ngày",
}
# Columns a workbook may leave out (older templates have no order column).
OPTIONAL_COLUMNS = {
    "sort_order",
    "title",
    "wording",
    "clause",
    "short_name",
    "issuer_code",
    "username",
    "role",
}
MAX_ROWS = 5000
CODE_PATTERN = re.compile(r"^[-a-zA-Z0-9_]+$")
LIMITS = {"name": 255, "short_name": 100, "issuer_code": 16, "code": 64}


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
    act: list[Row] = field(default_factory=list)
    organisations: list[Row] = field(default_factory=list)
    updates: list[Row] = field(default_factory=list)
    links: list[Row] = field(default_factory=list)
    people: list[Row] = field(default_factory=list)
    roles: list[Row] = field(default_factory=list)

    @property
    def rows(self) -> list[Row]:
        return self.act + self.organisations + self.updates + self.links + self.people + self.roles

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and self.error_count == 0

    def to_payload(self) -> dict[str, Any]:
        return {
            "act": [row.values for row in self.act],
            "organisations": [row.values for row in self.organisations],
            "updates": [row.values for row in self.updates],
            "links": [row.values for row in self.links],
            "people": [row.values for row in self.people],
            "roles": [row.values for row in self.roles],
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
    missing = [
        heading
        for key, heading in columns.items()
        if heading.casefold() not in heading_to_index and key not in OPTIONAL_COLUMNS
    ]
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


def _rows_from(sheet: str, items: list[dict[str, Any]], columns: dict[str, str]) -> list[Row]:
    """Rows from the API's JSON: numbered from 1, every value as text."""
    rows = []
    for number, item in enumerate(items, start=1):
        values = {}
        for key in columns:
            value = item.get(key)
            if isinstance(value, dt.date):
                value = value.isoformat()
            values[key] = "" if value is None else str(value).strip()
        rows.append(Row(sheet=sheet, number=number, values=values))
    return rows


def _label_table(choices: Any) -> dict[str, str]:
    """Every choice by its value and its label in either language, casefolded."""
    table: dict[str, str] = {}
    for choice in reversed(list(choices)):  # the first choice wins a label two would share
        for language in ("vi", "en"):
            with translation.override(language):
                table[str(choice.label).casefold()] = choice.value
        table[choice.value.casefold()] = choice.value
    return table


def _required(row: Row, key: str, columns: dict[str, str]) -> str:
    value = row.values[key]
    if not value:
        row.errors.append(_("“%(column)s” is required.") % {"column": columns[key]})
    return value


def _length(row: Row, key: str, columns: dict[str, str], limit: int) -> None:
    value = row.values[key]
    if len(value) > limit:
        row.errors.append(
            _("“%(column)s” is too long: %(length)d characters (at most %(limit)d).")
            % {"column": columns[key], "length": len(value), "limit": limit}
        )


def _date_or_error(
    row: Row, key: str, columns: dict[str, str], *, required: bool
) -> dt.date | None:
    text = row.values[key]
    if not text:
        if required:
            row.errors.append(_("“%(column)s” is required.") % {"column": columns[key]})
        return None
    day = parse_date(text)
    if day is None:
        row.errors.append(
            _("“%(column)s”: “%(value)s” is not a date (write 11/9/2020).")
            % {"column": columns[key], "value": text}
        )
        return None
    if not in_range(day):  # the configured years (1945–2100 by default)
        row.errors.append(f"“{columns[key]}”: {range_message()}")
        return None
    row.values[key] = day.isoformat()
    return day


def _order_or_error(row: Row, columns: dict[str, str]) -> None:
    text = row.values.get("sort_order", "")
    if text and not (text.isdigit() and int(text) < 2_000_000_000):
        row.errors.append(
            _("“%(column)s”: “%(value)s” is not a whole number.")
            % {"column": columns["sort_order"], "value": text}
        )


def _code_or_error(row: Row, key: str, columns: dict[str, str]) -> str:
    code = row.values[key]
    if code and not CODE_PATTERN.match(code):
        row.errors.append(
            _(
                "“%(column)s”: “%(value)s” may hold only letters without diacritics, digits, "
                "“-” and “_” (no spaces)."
            )
            % {"column": columns[key], "value": code}
        )
    return code
