"""Reading a workbook (or the API's JSON) into a plan and checking every row against every rule
the confirm applies, naming sheet and row."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from dangvu.core.policy import Actor
from dangvu.core.uploads import UploadRefusedError, check_upload
from dangvu.org.imports.check_links import LinkChecks
from dangvu.org.imports.check_people import PeopleChecks
from dangvu.org.imports.check_units import UnitChecks
from dangvu.org.imports.reading import (
    ACT_COLUMNS,
    ACT_SHEET,
    LINK_COLUMNS,
    LINK_SHEET,
    ORG_COLUMNS,
    ORG_SHEET,
    PEOPLE_COLUMNS,
    PEOPLE_SHEET,
    ROLE_COLUMNS,
    ROLE_SHEET,
    UPDATE_COLUMNS,
    UPDATE_SHEET,
    ImportFileError,
    ImportPlan,
    _read_sheet,
    _rows_from,
)


class Checker(UnitChecks, LinkChecks, PeopleChecks):
    """Every check, in the order the confirm writes: the act, units, parents, links, people."""

    def run(self) -> None:
        self.check_act()
        self.check_creates()
        self.check_updates()
        self.check_parents()
        self.check_links()
        self.check_people()
        self.check_roles()


def check_plan(plan: ImportPlan, *, by: Actor) -> ImportPlan:
    Checker(plan, by).run()
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
    `create`, `update`, `links`, `people`, `roles`)."""
    act = {k: data.get(k) for k in ACT_COLUMNS}
    plan = ImportPlan(
        act=_rows_from(ACT_SHEET, [act], ACT_COLUMNS) if any(act.values()) else [],
        organisations=_rows_from(ORG_SHEET, data.get("create") or [], ORG_COLUMNS),
        updates=_rows_from(UPDATE_SHEET, data.get("update") or [], UPDATE_COLUMNS),
        links=_rows_from(LINK_SHEET, data.get("links") or [], LINK_COLUMNS),
        people=_rows_from(PEOPLE_SHEET, data.get("people") or [], PEOPLE_COLUMNS),
        roles=_rows_from(ROLE_SHEET, data.get("roles") or [], ROLE_COLUMNS),
    )
    return check_plan(plan, by=by)
