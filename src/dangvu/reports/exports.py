"""The report as a Party-format Word document (through documents.render_docx) and the indicator
table as an Excel workbook."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from dangvu.core.exports import safe_row
from dangvu.documents.rendering import Block, PartyDocument, Signature, render_docx
from dangvu.org.models import Organisation
from dangvu.reports.models import DraftVersion, IssuedReport, Period
from dangvu.reports.selectors import IndicatorTable

DEFAULT_AUTHORITY = "T/M BAN THƯỜNG VỤ"
DEFAULT_RECIPIENTS = ["Thường trực cấp ủy cấp trên (để b/c);", "Lưu Văn phòng."]
_COMMITTEE_PREFIXES = ("Quận ủy ", "Huyện ủy ", "Thị ủy ", "Thành ủy ", "Tỉnh ủy ", "Đảng ủy ")


def place_of(committee: Organisation) -> str:
    """ "Long Biên" from "Quận ủy Long Biên"."""
    for prefix in _COMMITTEE_PREFIXES:
        if committee.name.startswith(prefix):
            return committee.name[len(prefix) :]
    return committee.name


def superior_body_of(committee: Organisation) -> str:
    """The Party organisation above the committee, as the header names it: "Thành ủy Hà Nội" is
    written "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"."""
    parent = committee.parent
    if parent is None:
        return ""
    name = parent.name
    for prefix, body in (("Thành ủy ", "Đảng bộ thành phố "), ("Tỉnh ủy ", "Đảng bộ tỉnh ")):
        if name.startswith(prefix):
            name = body + name[len(prefix) :]
    return name.upper()


def summary_of(period: Period) -> str:
    title = period.title.strip()
    if title.lower().startswith("báo cáo "):
        title = title[len("báo cáo ") :]
    return title[:1].upper() + title[1:]


def _number(value: Any) -> str:
    number = Decimal(str(value))
    text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def body_blocks(version: DraftVersion) -> list[Block]:
    blocks: list[Block] = []
    for section in version.body:
        depth = section["depth"]
        if depth == 0:
            # Two headings, not one with a line break: the renderer justifies headings and a
            # broken line would be stretched across the page.
            blocks.append(Block("heading", section["number"].upper(), level=1))
            text = section["title"].upper()
        elif depth == 1:
            text = f"{section['number']}. {section['title'].upper()}"
        elif depth == 2:
            text = f"{section['number']}. {section['title']}"
        else:
            text = f"{section['number']}) {section['title']}"
        blocks.append(Block("heading", text, level=min(depth + 1, 3)))
        blocks.extend(Block("paragraph", p["text"]) for p in section["paragraphs"])
    rows = [row for row in version.indicators if Decimal(row["total"])]
    if rows:
        blocks.append(Block("heading", "MỘT SỐ CHỈ TIÊU CHỦ YẾU", level=1))
        for row in rows:
            line = f"- {row['name']}: {_number(row['total'])} {row['unit']}"
            if row.get("previous") is not None:
                line += f" (cùng kỳ năm trước: {_number(row['previous'])} {row['unit']})"
            blocks.append(Block("paragraph", line + "."))
    return blocks


def party_document(version: DraftVersion, issued: IssuedReport | None = None) -> PartyDocument:
    """The version as a Party document: a draft is marked "DỰ THẢO (lần N)" and leaves the
    number, date and signer blank; the issued report carries them."""
    period = version.period
    committee = period.committee
    if issued is not None:
        signature = Signature(issued.signer_authority, issued.signer_title, issued.signer_name)
        recipients = [r.strip(" -") for r in issued.recipients.splitlines() if r.strip(" -")]
    else:
        signature = Signature(DEFAULT_AUTHORITY, "", "")
        recipients = DEFAULT_RECIPIENTS
    return PartyDocument(
        superior_body=superior_body_of(committee),
        issuing_body=committee.name.upper(),
        type_code="BC",
        issuer_code=committee.issuer_code,
        number=issued.number if issued is not None else None,
        place=place_of(committee),
        date=issued.issued_on if issued is not None else None,
        type_name="BÁO CÁO",
        summary=summary_of(period),
        body=body_blocks(version),
        signature=signature,
        recipients=recipients or DEFAULT_RECIPIENTS,
        draft_label=None if issued is not None else f"DỰ THẢO (lần {version.number})",
    )


def version_docx(version: DraftVersion, issued: IssuedReport | None = None) -> bytes:
    return render_docx(party_document(version, issued))


def indicator_workbook(period: Period, table: IndicatorTable) -> bytes:
    """Units × indicators with the committee's total and, when it exists, last year's."""
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = "Chỉ tiêu"
    bold = Font(bold=True)
    sheet.append(safe_row([period.title]))
    sheet["A1"].font = bold
    header = ["Đơn vị", *(f"{i.name} ({i.unit})" for i in table.indicators)]
    sheet.append(safe_row(header))
    for cell in sheet[2]:
        cell.font = bold
    for unit, values, _rolled in table.rows:
        sheet.append(
            safe_row([unit.display_name, *(float(values.get(i.pk, 0)) for i in table.indicators)])
        )
    sheet.append(["Tổng cộng", *(float(table.totals.get(i.pk, 0)) for i in table.indicators)])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    if table.previous is not None:
        sheet.append(
            [
                "Cùng kỳ năm trước",
                *(
                    float(table.previous[i.pk]) if i.pk in table.previous else None
                    for i in table.indicators
                ),
            ]
        )
    sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
