"""Import a reorganisation (or plain organisations and people) from one Excel workbook, all or
nothing.

Sheets (each optional, at least one present):
- "Quyết định": the act (number, date, issuer, effective day), one row;
- "Tổ chức": units to create (with an order key);
- "Cập nhật": units to rename, retype, reorder or close (a last day);
- "Kế thừa": successor links (old code, new code, kind, the resolution's wording and clause);
- "Nhân sự": people and their positions.

`read_workbook` (or `read_payload` for the API) checks every row against every rule the confirm
applies — the permission of the user for the row's target, codes, lengths, types, dates, parents
that exist and are not outlived, and the succession rules of `succession_rules` on the links as
they will stand — naming sheet and row; `apply_plan` writes a plan without errors through the
services, in one transaction, so a change in between rolls everything back.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from dangvu.core import policy
from dangvu.core.dates import in_range, parse_date, range_message, short_date, within
from dangvu.core.policy import Actor
from dangvu.core.sheets import heading_index, is_blank, values_by_heading
from dangvu.core.uploads import UploadRefusedError, check_upload
from dangvu.org import services, succession_rules
from dangvu.org.enums import OrgKind, Role, SuccessionKind
from dangvu.org.models import Membership, Organisation, Person, Reorganisation, Succession

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
}
ROLE_COLUMNS = {
    "username": "Tên đăng nhập",
    "organisation": "Mã đơn vị",
    "role": "Vai trò",
    "valid_from": "Từ ngày",
}
# Columns a workbook may leave out (older templates have no order column).
OPTIONAL_COLUMNS = {"sort_order", "title", "wording", "clause", "short_name", "issuer_code"}
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


# --- reading -----------------------------------------------------------------------------------


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


# --- checking ----------------------------------------------------------------------------------


@dataclass
class _Known:
    """An organisation as it will stand after the import: stored, changed or new."""

    code: str
    name: str
    valid_from: dt.date
    valid_to: dt.date | None
    path: str  # for the policy: the real path, or the parent's with a placeholder for new ones
    stored: Organisation | None
    parent: str = ""
    row: Row | None = None

    def policy_object(self) -> Organisation:
        """An Organisation the policy can ask `covers` about (unsaved for a new unit)."""
        if self.stored is not None:
            return self.stored
        return Organisation(code=self.code, name=self.name, path=self.path)

    def unit(self) -> succession_rules.Unit:
        return succession_rules.Unit(self.code, self.name, self.valid_from, self.valid_to)


class _Checker:
    def __init__(self, plan: ImportPlan, by: Actor) -> None:
        self.plan = plan
        self.by = by
        self.kinds = _label_table(OrgKind)
        self.link_kinds = _label_table(SuccessionKind)
        self.known: dict[str, _Known] = {
            o.code: _Known(o.code, o.name, o.valid_from, o.valid_to, o.path, o)
            for o in Organisation.objects.only(
                "code", "name", "valid_from", "valid_to", "path", "parent_id"
            )
        }
        self.stored_codes = set(self.known)

    def allowed(self, action: str, obj: Any) -> bool:
        return policy.allowed(self.by, action, obj)

    def run(self) -> None:
        self.check_act()
        self.check_creates()
        self.check_updates()
        self.check_parents()
        self.check_links()
        self.check_people()
        self.check_roles()

    # the act -----------------------------------------------------------------------------------
    def check_act(self) -> None:
        rows = self.plan.act
        if not rows:
            return
        if not self.allowed("reorganisation.import", None):
            rows[0].errors.append(
                _("Only office staff and administrators may record a reorganisation.")
            )
        for row in rows[1:]:
            row.errors.append(_("One decision per workbook: this sheet has one row."))
        row = rows[0]
        number = _required(row, "number", ACT_COLUMNS)
        _length(row, "number", ACT_COLUMNS, 64)
        _length(row, "title", ACT_COLUMNS, 255)
        _length(row, "issuer", ACT_COLUMNS, 255)
        _required(row, "issuer", ACT_COLUMNS)
        issued = _date_or_error(row, "issued_on", ACT_COLUMNS, required=True)
        effective = _date_or_error(row, "effective_on", ACT_COLUMNS, required=True)
        if issued and effective and effective < issued:
            row.errors.append(_("The effective day cannot be before the decision is issued."))
        if number and Reorganisation.objects.filter(number=number).exists():
            row.errors.append(
                _("Reorganisation %(number)s is already recorded.") % {"number": number}
            )

    # units to create ---------------------------------------------------------------------------
    def check_creates(self) -> None:
        in_file: dict[str, Row] = {}
        for row in self.plan.organisations:
            v = row.values
            _required(row, "name", ORG_COLUMNS)
            for key in ("name", "short_name", "issuer_code", "code"):
                _length(row, key, ORG_COLUMNS, LIMITS[key])
            kind = self.kinds.get(v["kind"].strip().casefold()) if v["kind"] else None
            if kind is None:
                row.errors.append(
                    _("“%(column)s”: unknown type “%(value)s”.")
                    % {"column": ORG_COLUMNS["kind"], "value": v["kind"]}
                )
            else:
                v["kind"] = kind
            _order_or_error(row, ORG_COLUMNS)
            code = _code_or_error(row, "code", ORG_COLUMNS)
            if not code:
                row.errors.append(_("“%(column)s” is required.") % {"column": ORG_COLUMNS["code"]})
            elif code in self.stored_codes:
                row.errors.append(_("Code “%(code)s” already exists.") % {"code": code})
            elif code in in_file:
                row.errors.append(
                    _("Code “%(code)s” is repeated (row %(row)d).")
                    % {"code": code, "row": in_file[code].number}
                )
            else:
                in_file[code] = row
            start = _date_or_error(row, "valid_from", ORG_COLUMNS, required=True)
            end = _date_or_error(row, "valid_to", ORG_COLUMNS, required=False)
            if start and end and end < start:
                row.errors.append(_("The validity ends before it starts."))
            if code and start and code in in_file and in_file[code] is row:
                self.known[code] = _Known(
                    code, v["name"], start, end, "", None, parent=v["parent"], row=row
                )

    # units to update or close ------------------------------------------------------------------
    def check_updates(self) -> None:
        seen: dict[str, Row] = {}
        closing = []
        for row in self.plan.updates:
            v = row.values
            code = _required(row, "code", UPDATE_COLUMNS)
            for key in ("name", "short_name", "issuer_code"):
                _length(row, key, UPDATE_COLUMNS, LIMITS[key])
            if v["kind"]:
                kind = self.kinds.get(v["kind"].strip().casefold())
                if kind is None:
                    row.errors.append(
                        _("“%(column)s”: unknown type “%(value)s”.")
                        % {"column": UPDATE_COLUMNS["kind"], "value": v["kind"]}
                    )
                else:
                    v["kind"] = kind
            _order_or_error(row, UPDATE_COLUMNS)
            close_on = _date_or_error(row, "close_on", UPDATE_COLUMNS, required=False)
            if not code:
                continue
            if code in seen:
                row.errors.append(
                    _("Code “%(code)s” is repeated (row %(row)d).")
                    % {"code": code, "row": seen[code].number}
                )
                continue
            seen[code] = row
            known = self.known.get(code)
            if known is None or known.stored is None:
                row.errors.append(_("Organisation “%(code)s” is not known.") % {"code": code})
                continue
            organisation = known.stored
            changes = any(v[k] for k in ("name", "short_name", "kind", "issuer_code", "sort_order"))
            if not changes and not close_on:
                row.errors.append(_("The row changes nothing: give a new value or a last day."))
            if changes and not self.allowed("organisation.update", organisation):
                row.errors.append(
                    _("You may not change %(name)s: it is outside the organisations you manage.")
                    % {"name": organisation.name}
                )
            if close_on:
                if not self.allowed("organisation.close", organisation):
                    row.errors.append(
                        _("You may not close %(name)s: it is outside the organisations you manage.")
                        % {"name": organisation.name}
                    )
                if close_on < organisation.valid_from:
                    row.errors.append(
                        _("The closing date cannot be before the organisation starts (%(start)s).")
                        % {"start": short_date(organisation.valid_from)}
                    )
                elif organisation.valid_to is not None and organisation.valid_to <= close_on:
                    row.errors.append(
                        _("%(name)s already ended on %(day)s.")
                        % {"name": organisation.name, "day": short_date(organisation.valid_to)}
                    )
                else:
                    closing.append((organisation, close_on, row))
        # A closing ends the subtree with it (as the service does); refused when a unit under it
        # starts later.
        for organisation, close_on, row in closing:
            for known in self.known.values():
                stored = known.stored
                if stored is None or not stored.path.startswith(organisation.path):
                    continue
                if stored.valid_from > close_on:
                    row.errors.append(
                        _("%(name)s starts after %(day)s; close or move it first.")
                        % {"name": stored.name, "day": short_date(close_on)}
                    )
                    break
                if known.valid_to is None or known.valid_to > close_on:
                    known.valid_to = close_on

    # parents of new units (after the closings, so that a parent closed here counts) -------------
    def check_parents(self) -> None:
        new = {k: v for k, v in self.known.items() if v.stored is None}
        for code, known in new.items():
            row = known.row
            if row is None:
                continue
            parent_code = known.parent
            if not parent_code:
                known.path = f"/new-{code}/"
                if not self.allowed("organisation.create_under", None):
                    row.errors.append(
                        _("Only an administrator may create a root organisation: give a parent.")
                    )
                continue
            if parent_code == code:
                row.errors.append(_("An organisation cannot be its own parent."))
                continue
            parent = self.known.get(parent_code)
            if parent is None:
                row.errors.append(_("Parent “%(code)s” is not known.") % {"code": parent_code})
                continue
            error = services.parent_error(
                parent.name, parent.valid_from, parent.valid_to, known.valid_from, known.valid_to
            )
            if error:
                row.errors.append(error)
        self._check_cycles(new)
        # Paths (and the permission) from the nearest stored ancestor down.
        for known in new.values():
            row = known.row
            if row is None:
                continue
            chain, current, seen = [], known, set()
            while (
                current.stored is None and current.parent in self.known and current.code not in seen
            ):
                seen.add(current.code)
                chain.append(current)
                current = self.known[current.parent]
            if current.stored is None:
                if current.parent:  # an unknown parent or a loop: reported above
                    continue
                anchor_path, anchor = f"/new-{current.code}/", None
            else:
                anchor_path, anchor = current.stored.path, current.stored
            known.path = anchor_path + "".join(f"new-{k.code}/" for k in reversed(chain))
            if anchor is not None and not self.allowed("organisation.create_under", anchor):
                row.errors.append(
                    _(
                        "You may not create a unit under %(name)s: it is outside the "
                        "organisations you manage."
                    )
                    % {"name": anchor.name}
                )

    def _check_cycles(self, new: dict[str, _Known]) -> None:
        for code, known in new.items():
            seen, current = set(), code
            while current in new and current not in seen:
                seen.add(current)
                current = new[current].parent
            if current in seen and known.row is not None:
                known.row.errors.append(_("The parents of this row form a loop."))

    # successor links ---------------------------------------------------------------------------
    def check_links(self) -> None:
        if not self.plan.links:
            return
        stored_links = list(
            Succession.objects.values_list("predecessor__code", "successor__code", "kind")
        )
        kinds_by_predecessor: dict[str, list[str]] = {}
        edges: dict[Hashable, list[Hashable]] = {}
        for old, new, stored_kind in stored_links:
            kinds_by_predecessor.setdefault(old, []).append(stored_kind)
            edges.setdefault(old, []).append(new)
        pairs = {(old, new) for old, new, _kind in stored_links}
        in_file: dict[tuple[str, str], Row] = {}
        rows_by_predecessor: dict[str, list[Row]] = {}
        for row in self.plan.links:
            v = row.values
            pred_code = _required(row, "predecessor", LINK_COLUMNS)
            succ_code = _required(row, "successor", LINK_COLUMNS)
            _length(row, "wording", LINK_COLUMNS, 500)
            _length(row, "clause", LINK_COLUMNS, 64)
            kind = self.link_kinds.get(v["kind"].strip().casefold()) if v["kind"] else None
            if kind is None:
                row.errors.append(
                    _("“%(column)s”: unknown kind “%(value)s” (allowed: %(allowed)s).")
                    % {
                        "column": LINK_COLUMNS["kind"],
                        "value": v["kind"],
                        "allowed": ", ".join(str(k.label) for k in SuccessionKind),
                    }
                )
            else:
                v["kind"] = kind
            pred = self.known.get(pred_code) if pred_code else None
            succ = self.known.get(succ_code) if succ_code else None
            for code, known in ((pred_code, pred), (succ_code, succ)):
                if code and known is None:
                    row.errors.append(_("Organisation “%(code)s” is not known.") % {"code": code})
            if pred is None or succ is None or kind is None:
                continue
            pair = (pred_code, succ_code)
            if pair in pairs:
                row.errors.append(_("This succession is already recorded."))
                continue
            if pair in in_file:
                row.errors.append(
                    _("This link is repeated (row %(row)d).") % {"row": in_file[pair].number}
                )
                continue
            in_file[pair] = row
            link = Succession(
                predecessor=pred.policy_object(), successor=succ.policy_object(), kind=kind
            )
            if not self.allowed("succession.manage", link):
                row.errors.append(
                    _(
                        "You may not link %(predecessor)s to %(successor)s: a link is recorded by "
                        "the office that manages both."
                    )
                    % {"predecessor": pred.name, "successor": succ.name}
                )
            error = succession_rules.date_error(kind, pred.unit(), succ.unit())
            if error:
                row.errors.append(error)
            if succession_rules.closes_cycle(edges, pred_code, succ_code):
                row.errors.append(succession_rules.cycle_message(pred.name, succ.name))
            else:
                edges.setdefault(pred_code, []).append(succ_code)
            kinds_by_predecessor.setdefault(pred_code, []).append(kind)
            rows_by_predecessor.setdefault(pred_code, []).append(row)
        # The rules on each predecessor's links as they will stand, reported on its rows.
        for pred_code, rows in rows_by_predecessor.items():
            error = succession_rules.set_error(
                self.known[pred_code].name, kinds_by_predecessor[pred_code]
            )
            if error:
                for row in rows:
                    row.errors.append(error)

    # people ------------------------------------------------------------------------------------
    def check_people(self) -> None:
        for row in self.plan.people:
            v = row.values
            _required(row, "full_name", PEOPLE_COLUMNS)
            _required(row, "title", PEOPLE_COLUMNS)
            _length(row, "full_name", PEOPLE_COLUMNS, 150)
            _length(row, "title", PEOPLE_COLUMNS, 150)
            _length(row, "email", PEOPLE_COLUMNS, 254)
            _length(row, "phone", PEOPLE_COLUMNS, 30)
            start = _date_or_error(row, "valid_from", PEOPLE_COLUMNS, required=True)
            end = _date_or_error(row, "valid_to", PEOPLE_COLUMNS, required=False)
            if start and end and end < start:
                row.errors.append(_("The validity ends before it starts."))
            code = v["organisation"]
            known = self.known.get(code)
            if known is None:
                row.errors.append(_("Organisation “%(code)s” is not known.") % {"code": code})
                continue
            if not self.allowed("position.assign", known.policy_object()):
                row.errors.append(
                    _(
                        "You may not record positions in %(name)s: it is outside the "
                        "organisations you manage."
                    )
                    % {"name": known.name}
                )
            if start and not within(start, known.valid_from, known.valid_to):
                row.errors.append(
                    _("Organisation “%(code)s” does not exist on %(day)s.")
                    % {"code": code, "day": short_date(start)}
                )
            elif known.valid_to is not None and end is not None and end > known.valid_to:
                row.errors.append(
                    _("%(name)s ends on %(day)s.")
                    % {"name": known.name, "day": short_date(known.valid_to)}
                )

    # roles (memberships) -------------------------------------------------------------------------
    def check_roles(self) -> None:
        if not self.plan.roles:
            return
        from dangvu.accounts.models import User

        roles = _label_table(Role)
        names = {r.values["username"] for r in self.plan.roles}
        users = set(
            User.objects.filter(username__in=names, is_active=True).values_list(
                "username", flat=True
            )
        )
        seen: dict[tuple[str, str, str], Row] = {}
        for row in self.plan.roles:
            v = row.values
            username = _required(row, "username", ROLE_COLUMNS)
            if username and username not in users:
                row.errors.append(
                    _("No active user has the user name “%(name)s”.") % {"name": username}
                )
            role = roles.get(v["role"].strip().casefold()) if v["role"] else None
            if role is None:
                row.errors.append(
                    _("“%(column)s”: unknown role “%(value)s” (allowed: %(allowed)s).")
                    % {
                        "column": ROLE_COLUMNS["role"],
                        "value": v["role"],
                        "allowed": ", ".join(str(r.label) for r in Role),
                    }
                )
            else:
                v["role"] = role
            start = _date_or_error(row, "valid_from", ROLE_COLUMNS, required=False)
            known = self.known.get(v["organisation"])
            if known is None:
                row.errors.append(
                    _("Organisation “%(code)s” is not known.") % {"code": v["organisation"]}
                )
                continue
            key = (username, v["organisation"], v["role"])
            if key in seen:
                row.errors.append(
                    _("This role is repeated (row %(row)d).") % {"row": seen[key].number}
                )
            seen[key] = row
            probe = Membership(organisation=known.policy_object(), role=role or Role.REPORTER)
            if not self.allowed("membership.grant", probe):
                row.errors.append(
                    _(
                        "You may not grant roles in %(name)s: it is outside the organisations "
                        "you manage."
                    )
                    % {"name": known.name}
                )
            if start and not within(start, known.valid_from, known.valid_to):
                row.errors.append(
                    _("Organisation “%(code)s” does not exist on %(day)s.")
                    % {"code": v["organisation"], "day": short_date(start)}
                )


def check_plan(plan: ImportPlan, *, by: Actor) -> ImportPlan:
    _Checker(plan, by).run()
    return plan


def read_workbook(data: bytes, *, by: Actor, name: str = "") -> ImportPlan:
    """Read and check a workbook for `by`. Raises ImportFileError when it is not a usable
    .xlsx, or when its sizes, rows or columns pass the upload budgets (checked before openpyxl
    expands anything)."""
    try:
        check_upload(name or "tệp.xlsx", data, {"xlsx"})
    except UploadRefusedError as exc:
        if exc.code in ("kind", "sniff", "damaged"):
            raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from exc
        raise ImportFileError(" ".join(exc.messages)) from exc
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from exc
    sheets = (ACT_SHEET, ORG_SHEET, UPDATE_SHEET, LINK_SHEET, PEOPLE_SHEET, ROLE_SHEET)
    if not any(title in workbook.sheetnames for title in sheets):
        raise ImportFileError(
            _("The workbook has none of the sheets %(sheets)s.")
            % {"sheets": ", ".join(f"“{s}”" for s in sheets)}
        )
    plan = ImportPlan(
        act=_read_sheet(workbook, ACT_SHEET, ACT_COLUMNS),
        organisations=_read_sheet(workbook, ORG_SHEET, ORG_COLUMNS),
        updates=_read_sheet(workbook, UPDATE_SHEET, UPDATE_COLUMNS),
        links=_read_sheet(workbook, LINK_SHEET, LINK_COLUMNS),
        people=_read_sheet(workbook, PEOPLE_SHEET, PEOPLE_COLUMNS),
        roles=_read_sheet(workbook, ROLE_SHEET, ROLE_COLUMNS),
    )
    return check_plan(plan, by=by)


def read_payload(data: dict[str, Any], *, by: Actor) -> ImportPlan:
    """The same plan from the API's JSON (the act's fields at the top level, the rows in lists
    `create`, `update`, `links`, `people`)."""
    act = {k: data.get(k) for k in ACT_COLUMNS}
    plan = ImportPlan(
        act=_rows_from(ACT_SHEET, [act], ACT_COLUMNS) if any(act.values()) else [],
        organisations=_rows_from(ORG_SHEET, data.get("create") or [], ORG_COLUMNS),
        updates=_rows_from(UPDATE_SHEET, data.get("update") or [], UPDATE_COLUMNS),
        links=_rows_from(LINK_SHEET, data.get("links") or [], LINK_COLUMNS),
        people=_rows_from(PEOPLE_SHEET, data.get("people") or [], PEOPLE_COLUMNS),
    )
    return check_plan(plan, by=by)


# --- writing -----------------------------------------------------------------------------------


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


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@transaction.atomic
def apply_plan(payload: dict[str, Any], *, by: Actor) -> dict[str, Any]:
    """Write a checked plan through the services. Any error rolls the whole import back."""
    act = None
    if payload.get("act"):
        v = payload["act"][0]
        act = services.reorganisation_create(
            number=v["number"],
            title=v.get("title", ""),
            issued_on=dt.date.fromisoformat(v["issued_on"]),
            issuer=v["issuer"],
            effective_on=dt.date.fromisoformat(v["effective_on"]),
            by=by,
        )
    cache: dict[str, Organisation] = {}

    def org(code: str) -> Organisation:
        if code not in cache:
            cache[code] = Organisation.objects.get(code=code)
        return cache[code]

    created = 0
    for v in _parents_first(payload.get("organisations", [])):
        cache[v["code"]] = services.organisation_create(
            code=v["code"],
            name=v["name"],
            short_name=v["short_name"],
            kind=v["kind"],
            issuer_code=v["issuer_code"],
            parent=org(v["parent"]) if v["parent"] else None,
            valid_from=dt.date.fromisoformat(v["valid_from"]),
            valid_to=_day(v["valid_to"]),
            sort_order=int(v.get("sort_order") or 0),
            reorganisation=act,
            by=by,
        )
        created += 1
    updated = closed = 0
    for v in payload.get("updates", []):
        organisation = org(v["code"])
        if any(v[k] for k in ("name", "short_name", "kind", "issuer_code", "sort_order")):
            services.organisation_update(
                organisation=organisation,
                name=v["name"] or organisation.name,
                short_name=v["short_name"] or organisation.short_name,
                kind=v["kind"] or organisation.kind,
                issuer_code=v["issuer_code"] or organisation.issuer_code,
                sort_order=int(v["sort_order"]) if v["sort_order"] else organisation.sort_order,
                reorganisation=act,
                by=by,
            )
            updated += 1
    for v in payload.get("updates", []):
        if v["close_on"]:
            organisation = Organisation.objects.get(code=v["code"])
            services.organisation_close(
                organisation=organisation,
                on=dt.date.fromisoformat(v["close_on"]),
                reorganisation=act,
                by=by,
            )
            closed += 1
    cache.clear()  # the closings changed the ends
    links = 0
    graph = services.link_graph() if payload.get("links") else None
    for v in payload.get("links", []):
        services.succession_add(
            predecessor=org(v["predecessor"]),
            successor=org(v["successor"]),
            kind=v["kind"],
            wording=v.get("wording", ""),
            clause=v.get("clause", ""),
            reorganisation=act,
            by=by,
            graph=graph,
        )
        links += 1
    people: dict[str, Person] = {}
    for v in payload.get("people", []):
        key = v["email"].casefold() or v["full_name"].casefold()
        person = people.get(key)
        if person is None and v["email"]:
            person = Person.objects.filter(email__iexact=v["email"]).first()
        if person is None:
            person = services.person_create(
                full_name=v["full_name"], email=v["email"], phone=v["phone"], by=by
            )
        people[key] = person
        services.position_assign(
            person=person,
            organisation=org(v["organisation"]),
            title=v["title"],
            valid_from=dt.date.fromisoformat(v["valid_from"]),
            valid_to=_day(v["valid_to"]),
            by=by,
        )
    from dangvu.accounts.models import User

    granted = 0
    for v in payload.get("roles", []):
        services.membership_grant(
            user=User.objects.get(username=v["username"]),
            organisation=org(v["organisation"]),
            role=v["role"],
            valid_from=_day(v["valid_from"]),
            by=by,
        )
        granted += 1
    return {
        "reorganisation": act,
        "roles": granted,
        "organisations": created,
        "updated": updated,
        "closed": closed,
        "links": links,
        "positions": len(payload.get("people", [])),
    }


def apply_plan_or_error(payload: dict[str, Any], *, by: Actor) -> dict[str, Any]:
    """`apply_plan`, with a service's refusal turned into one readable ValidationError."""
    try:
        return apply_plan(payload, by=by)
    except (ValidationError, PermissionDenied, Organisation.DoesNotExist) as exc:
        detail = getattr(exc, "messages", None) or [str(exc)]
        raise ValidationError(
            _("Nothing was imported: the data changed since the preview (%(detail)s).")
            % {"detail": "; ".join(str(d) for d in detail)}
        ) from exc


# --- the template ------------------------------------------------------------------------------


def _sheet(workbook: Any, title: str, headings: list[str], example: list[Any]) -> Any:
    sheet = workbook.create_sheet(title)
    sheet.append(headings)
    sheet.append(example)
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 26
    return sheet


def _list_validation(sheet: Any, column: str, count: int) -> DataValidation:
    """A drop-down in `column` of `sheet` from the first `count` rows of the lists sheet."""
    letter = {"kind": "A", "link": "B"}
    validation = DataValidation(
        type="list",
        formula1=f"'{LISTS_SHEET}'!${letter[column]}$2:${letter[column]}${count + 1}",
        allow_blank=True,
    )
    sheet.add_data_validation(validation)
    return validation


def template_workbook() -> bytes:
    """The workbook with its five sheets, their headings, one example row each, and a sheet
    listing the allowed types and kinds (offered as drop-downs in the type and kind columns)."""
    with translation.override("vi"):
        kinds = [str(k.label) for k in OrgKind]
        link_kinds = [str(k.label) for k in SuccessionKind]
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(
        workbook,
        ACT_SHEET,
        list(ACT_COLUMNS.values()),
        ["1656/NQ-UBTVQH15", "16/6/2025", "Ủy ban Thường vụ Quốc hội", "1/7/2025", "Ví dụ"],
    )
    orgs = _sheet(
        workbook,
        ORG_SHEET,
        list(ORG_COLUMNS.values()),
        [
            "vd-p-moi",
            "Đảng ủy phường Mới",
            "Phường Mới",
            kinds[0],
            "ĐU",
            "hn-tu",
            "1/7/2025",
            "",
            10,
        ],
    )
    updates = _sheet(
        workbook,
        UPDATE_SHEET,
        list(UPDATE_COLUMNS.values()),
        ["vd-p-cu", "", "", "", "", "", "30/6/2025"],
    )
    links = _sheet(
        workbook,
        LINK_SHEET,
        list(LINK_COLUMNS.values()),
        ["vd-p-cu", "vd-p-moi", link_kinds[0], "Toàn bộ diện tích tự nhiên và quy mô dân số", "12"],
    )
    _sheet(
        workbook,
        PEOPLE_SHEET,
        list(PEOPLE_COLUMNS.values()),
        ["Nguyễn Văn A", "a@example.org", "", "vd-p-moi", "Bí thư", "1/7/2025", ""],
    )
    with translation.override("vi"):
        role_labels = [str(r.label) for r in Role]
    _sheet(
        workbook,
        ROLE_SHEET,
        list(ROLE_COLUMNS.values()),
        ["nguyenvana", "vd-p-moi", role_labels[0], "1/7/2025"],
    )
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.append([ORG_COLUMNS["kind"], LINK_COLUMNS["kind"], ROLE_COLUMNS["role"]])
    for i in range(max(len(kinds), len(link_kinds), len(role_labels))):
        lists.append(
            [
                kinds[i] if i < len(kinds) else None,
                link_kinds[i] if i < len(link_kinds) else None,
                role_labels[i] if i < len(role_labels) else None,
            ]
        )
    lists.column_dimensions["A"].width = 50
    lists.column_dimensions["B"].width = 24
    for sheet, column_letter in ((orgs, "D"), (updates, "D")):
        _list_validation(sheet, "kind", len(kinds)).add(
            f"{column_letter}2:{column_letter}{MAX_ROWS}"
        )
    _list_validation(links, "link", len(link_kinds)).add(f"C2:C{MAX_ROWS}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def links_workbook(act: Reorganisation) -> bytes:
    """The links of one reorganisation, in the "Kế thừa" sheet's columns (to check or re-use)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = LINK_SHEET
    sheet.append([*LINK_COLUMNS.values(), "Tên đơn vị cũ", "Tên đơn vị mới"])
    with translation.override("vi"):
        for link in act.links.select_related("predecessor", "successor").order_by(
            "successor__sort_order", "successor__name", "pk"
        ):
            sheet.append(
                [
                    link.predecessor.code,
                    link.successor.code,
                    str(SuccessionKind(link.kind).label),
                    link.wording,
                    link.clause,
                    link.predecessor.name,
                    link.successor.name,
                ]
            )
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 26
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
