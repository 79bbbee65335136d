"""The round's decision (quyết định công nhận kết quả đánh giá, xếp loại) as a Party document:
described as a `documents.rendering.PartyDocument` and rendered by the documents app, with the
summary table (bảng tổng hợp) as its annex ("PHỤ LỤC", "(Kèm theo Quyết định số …)")."""

from __future__ import annotations

import datetime as dt

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


PREFIX = "đánh giá, xếp loại chất lượng"


def _counts_sentence(counts: GradeCounts, noun: str) -> str:
    parts = [
        f"{counts.counts[g]} {noun} {GRADE_PHRASES[g]} ({_percent(counts, g)})" for g in GRADE_ORDER
    ]
    return f"Tổng số {counts.total} {noun} được đánh giá, xếp loại: " + "; ".join(parts) + "."


def _what(title: str) -> str:
    """What the round rates, after "kết quả đánh giá, xếp loại chất lượng": the title without
    those words when it starts with them, its first letter lowered (names keep their capitals)."""
    text = title.strip()
    if text.lower().startswith(PREFIX):
        text = text[len(PREFIX) :].strip()
    return text[:1].lower() + text[1:]


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
    what = _what(round_.title)
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
            f"Điều 1. Công nhận kết quả đánh giá, xếp loại chất lượng {what} "
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
        summary=f"về việc công nhận kết quả đánh giá, xếp loại chất lượng {what}",
        body=body,
        signature=Signature(
            authority="T/M BAN THƯỜNG VỤ", title=signer_title.upper(), name=signer_name
        ),
        recipients=["Như Điều 3,", "Lưu Văn phòng."],
        draft_label=None if number else "DỰ THẢO",
        annex=[Block("table", "", rows=summary_rows(figures), widths_mm=ANNEX_WIDTHS_MM)],
        annex_title=ANNEX_TITLE,
        annex_note=annex_note(round_, number, on),
    )


ANNEX_TITLE = "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG"
ANNEX_WIDTHS_MM = [38, 19, 14, 23.5, 23.5, 23.5, 23.5]  # 165 mm: A4 less 30 + 15 mm margins


def _percent(counts: GradeCounts, grade: str) -> str:
    return str(counts.share(grade)).replace(".", ",") + "%"


def summary_rows(figures: RollUp) -> list[list[str]]:
    """The summary table (bảng tổng hợp): one row per organisation under the committee and the
    total, for organisations and for members, count and share per grade."""
    rows = [["Đơn vị", "Đối tượng", "Tổng số", "HTXS", "HTT", "HT", "KHT"]]
    for row in [*figures.children, figures.total]:
        for label, counts in (("Tổ chức", row.organisations), ("Đảng viên", row.members)):
            name = "Tổng cộng" if row.is_total else row.organisation.display_name
            rows.append(
                [name, label, str(counts.total)]
                + [f"{counts.counts[g]} ({_percent(counts, g)})" for g in GRADE_ORDER]
            )
    return rows


def annex_note(round_: Round, number: int | None, on: dt.date | None) -> str:
    if number is None or on is None:
        return "(Kèm theo dự thảo quyết định)"
    committee = round_.committee
    return (
        f"(Kèm theo Quyết định số {number}-{TYPE_CODE}/{committee.issuer_code}, ngày "
        f"{on:%d/%m/%Y} của Ban Thường vụ {committee.name})"
    )


def decision_docx(document: PartyDocument) -> bytes:
    return render_docx(document)
