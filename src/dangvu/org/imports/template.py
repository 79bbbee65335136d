"""The import template (every sheet with its headings, an example row, and the allowed types,
kinds and roles as drop-downs) and a reorganisation's links as a workbook."""

from __future__ import annotations

import io
from typing import Any

from django.utils import translation
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from dangvu.org.enums import OrgKind, Role, SuccessionKind
from dangvu.org.imports.reading import (
    ACT_COLUMNS,
    ACT_SHEET,
    LINK_COLUMNS,
    LINK_SHEET,
    LISTS_SHEET,
    MAX_ROWS,
    ORG_COLUMNS,
    ORG_SHEET,
    PEOPLE_COLUMNS,
    PEOPLE_SHEET,
    ROLE_COLUMNS,
    ROLE_SHEET,
    UPDATE_COLUMNS,
    UPDATE_SHEET,
)
from dangvu.org.models import Reorganisation


def _sheet(workbook: Any, title: str, headings: list[str], example: list[Any]) -> Any:
    sheet = workbook.create_sheet(title)
    sheet.append(headings)
    sheet.append(example)
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 26
    return sheet


def _list_validation(sheet: Any, column: str, count: int) -> DataValidation:
    """A drop-down in `column` of `sheet` from the first `count` rows of the lists sheet."""
    letter = {"kind": "A", "link": "B", "role": "C"}
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
    with translation.override("vi"):
        role_labels = [str(r.label) for r in Role]
    people = _sheet(
        workbook,
        PEOPLE_SHEET,
        list(PEOPLE_COLUMNS.values()),
        [
            "Nguyễn Văn A",
            "a@example.org",
            "",
            "vd-p-moi",
            "Bí thư",
            "1/7/2025",
            "",
            "nguyenvana",
            role_labels[0],
        ],
    )
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
    _list_validation(people, "role", len(role_labels)).add(f"I2:I{MAX_ROWS}")
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
