"""The round's decision (quyết định công nhận kết quả đánh giá, xếp loại) as a Party document:
described as a `documents.rendering.PartyDocument` and rendered by the documents app, with the
summary table (bảng tổng hợp) appended as a Word table after the signature."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from dangvu.documents.bodies import place_of, superior_body_of
from dangvu.documents.rendering import Block, PartyDocument, Signature, render_docx
from dangvu.evaluation.enums import GRADE_ORDER, Grade
from dangvu.evaluation.models import Round
from dangvu.evaluation.selectors import GradeCounts, RollUp, rollup

GRADE_PHRASES = {
    Grade.EXCELLENT: "hoàn thành xuất sắc nhiệm vụ",
    Grade.GOOD: "hoàn thành tốt nhiệm vụ",
    Grade.COMPLETE: "hoàn thành nhiệm vụ",
    Grade.FAILED: "không hoàn thành nhiệm vụ",
}
TYPE_CODE = "QĐ"


def _counts_sentence(counts: GradeCounts, noun: str) -> str:
    parts = [
        f"{counts.counts[g]} {noun} {GRADE_PHRASES[g]} ({str(counts.share(g)).replace('.', ',')}%)"
        for g in GRADE_ORDER
    ]
    return f"Tổng số {counts.total} {noun} được đánh giá, xếp loại: " + "; ".join(parts) + "."


def decision_document(
    round_: Round,
    *,
    number: int | None,
    on: dt.date | None,
    signer_title: str,
    signer_name: str,
    figures: RollUp | None = None,
) -> PartyDocument:
    figures = figures or rollup(round_)
    committee = round_.committee
    advising = round_.advising_body.name if round_.advising_body else "Văn phòng"
    body = [
        Block("paragraph", "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"),
        Block(
            "paragraph",
            "Căn cứ quy định, hướng dẫn của Trung ương về kiểm điểm, đánh giá, xếp loại chất "
            "lượng đối với tổ chức đảng, đảng viên và tập thể, cá nhân cán bộ lãnh đạo, quản lý;",
        ),
        Block("paragraph", f"Xét đề nghị của {advising},"),
        Block("heading", "QUYẾT ĐỊNH:", level=1),
        Block(
            "paragraph",
            f"Điều 1. Công nhận kết quả đánh giá, xếp loại chất lượng {round_.title.lower()} "
            "(có bảng tổng hợp kèm theo), cụ thể:",
        ),
        Block(
            "paragraph",
            "- Tổ chức đảng: " + _counts_sentence(figures.total.organisations, "tổ chức"),
        ),
        Block("paragraph", "- Đảng viên: " + _counts_sentence(figures.total.members, "đảng viên")),
        Block(
            "paragraph",
            "Điều 2. Các tổ chức đảng, đảng viên căn cứ kết quả đánh giá, xếp loại xây dựng kế "
            "hoạch khắc phục hạn chế, khuyết điểm.",
        ),
        Block(
            "paragraph",
            f"Điều 3. {advising}, các tổ chức đảng trực thuộc và đảng viên có liên quan căn cứ "
            "Quyết định thi hành.",
        ),
    ]
    return PartyDocument(
        superior_body=superior_body_of(committee),
        issuing_body=committee.name.upper(),
        type_code=TYPE_CODE,
        issuer_code=committee.issuer_code,
        number=number,
        place=place_of(round_.committee),
        date=on,
        type_name="QUYẾT ĐỊNH",
        summary=f"về việc công nhận kết quả đánh giá, xếp loại chất lượng {round_.title.lower()}",
        body=body,
        signature=Signature(
            authority="T/M BAN THƯỜNG VỤ", title=signer_title.upper(), name=signer_name
        ),
        recipients=["Như Điều 3,", "Lưu Văn phòng."],
        draft_label=None if number else "DỰ THẢO",
    )


def _table_font(cell: object, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(11)
    run.font.name = "Times New Roman"


def summary_table(docx: bytes, figures: RollUp) -> bytes:
    """Append the summary table (one row per organisation under the committee, then the total):
    count and share per grade, for organisations and for members."""
    doc = Document(io.BytesIO(docx))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    title = doc.add_paragraph()
    run = title.add_run("BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG")
    run.bold = True
    headers = ["Đơn vị", "Đối tượng", "Tổng số", "HTXS", "HTT", "HT", "KHT"]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _table_font(cell, text, bold=True)
    for row in [*figures.children, figures.total]:
        for label, counts in (("Tổ chức", row.organisations), ("Đảng viên", row.members)):
            cells = table.add_row().cells
            name = "Tổng cộng" if row.is_total else row.organisation.display_name
            values = [name, label, str(counts.total)] + [
                f"{counts.counts[g]} ({str(counts.share(g)).replace('.', ',')}%)"
                for g in GRADE_ORDER
            ]
            for cell, text in zip(cells, values, strict=True):
                _table_font(cell, text, bold=row.is_total)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def decision_docx(document: PartyDocument, figures: RollUp) -> bytes:
    return summary_table(render_docx(document), figures)
