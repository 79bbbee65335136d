"""The report as a Party-format Word document (through documents.render_docx) and the indicator
table as an Excel workbook."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from dangvu.core.exports import safe_row
from dangvu.documents import report_body
from dangvu.documents.bodies import committee_word, issuing_body_of, place_of, superior_body_of
from dangvu.documents.numbering import register_entry
from dangvu.documents.rendering import Block, PartyDocument, Signature, render_docx
from dangvu.documents.signing import DEFAULT_AUTHORITY
from dangvu.reports.models import DraftVersion, IssuedReport, Period
from dangvu.reports.selectors import IndicatorTable

DEFAULT_RECIPIENTS = ["Thường trực cấp ủy cấp trên (để b/c);", "Lưu Văn phòng."]


def summary_of(period: Period) -> str:
    title = period.title.strip()
    if title.lower().startswith("báo cáo "):
        title = title[len("báo cáo ") :]
    return title[:1].upper() + title[1:]


def body_blocks(version: DraftVersion) -> list[Block]:
    """The version's body in the outline's order, empty headings left out, next-period tasks
    grouped by unit (documents.report_body)."""
    return report_body.body_blocks(ordered_body(version))


def ordered_body(version: DraftVersion) -> list[dict[str, Any]]:
    positions = dict(version.period.sections.values_list("pk", "position"))
    return report_body.in_outline_order(version.body, positions)


def empty_headings(version: DraftVersion) -> list[str]:
    """The headings the issued report will leave out, for the office to confirm."""
    return report_body.empty_headings(ordered_body(version))


def annex_note(issued: IssuedReport | None, committee: Any) -> str:
    if issued is None:
        return "(Kèm theo dự thảo báo cáo)"
    return (
        f"(Kèm theo Báo cáo số {issued.number_label}, ngày {issued.issued_on:%d/%m/%Y} "
        f"của Ban Thường vụ {committee_word(committee)})"
    )


def party_document(version: DraftVersion, issued: IssuedReport | None = None) -> PartyDocument:
    """The version as a Party document: a draft is marked "DỰ THẢO (lần N)" and leaves the
    number, date and signer blank; the issued report carries them."""
    period = version.period
    committee = period.committee
    entry = None
    if issued is not None:
        entry = register_entry(committee, "BC", issued.issued_on.year, issued.number)
        signature = Signature(issued.signer_authority, issued.signer_title, issued.signer_name)
        recipients = [r.strip(" -") for r in issued.recipients.splitlines() if r.strip(" -")]
    else:
        signature = Signature(DEFAULT_AUTHORITY, "", "")
        recipients = DEFAULT_RECIPIENTS
    return PartyDocument(
        superior_body=superior_body_of(committee),
        issuing_body=issuing_body_of(committee),
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
        annex=report_body.indicator_annex(version.indicators),
        annex_title="MỘT SỐ CHỈ TIÊU CHỦ YẾU",
        annex_note=annex_note(issued, committee),
        confidentiality=entry.confidentiality if entry is not None else "",
        urgency=entry.urgency if entry is not None else "",
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
