"""The issued report's body: outline order, empty headings left out (and named), next-period
tasks grouped by unit, the indicators as an annex after the signature."""

from __future__ import annotations

import io

from docx import Document

from dangvu.documents.rendering import render_docx
from dangvu.documents.report_body import (
    body_blocks,
    empty_headings,
    in_outline_order,
    indicator_annex,
)
from tests.documents.test_rendering import make_document


def section(pk: int, number: str, title: str, depth: int, texts: list, role: str = "topic") -> dict:
    """A section of the draft; a text is a string (the office's) or (text, unit name)."""
    paragraphs = []
    for item in texts:
        text, unit = (item, "") if isinstance(item, str) else item
        paragraphs.append({"text": text, "unit_name": unit})
    return {"section": pk, "number": number, "title": title, "depth": depth, "role": role,
            "paragraphs": paragraphs}  # fmt: skip


BODY = [
    section(1, "Phần thứ nhất", "Kết quả", 0, []),
    section(2, "I", "Công tác chính trị", 1, ["Đoạn kết quả."]),
    section(3, "II", "Đánh giá chung", 1, []),
    section(4, "1", "Ưu điểm", 2, []),
    section(5, "2", "Hạn chế", 2, ["Một số hạn chế."]),
    section(6, "Phần thứ hai", "Nhiệm vụ kỳ tới", 0, []),
    section(
        7,
        "",
        "Nhiệm vụ",
        1,
        [
            "Các đơn vị tập trung thực hiện tốt nhiệm vụ.",
            ("Tổ chức Đại hội Đoàn các cấp.", "Quận Đoàn"),
            ("Ra mắt mô hình dân vận khéo.", "Ban Dân vận"),
            ("Sơ kết chuyên đề năm.", "Quận Đoàn"),
        ],
        role="tasks",
    ),
    section(8, "Phần thứ ba", "Kiến nghị", 0, []),
]


def texts(blocks: list) -> list[str]:
    return [b.text for b in blocks]


def test_empty_headings_are_named_and_left_out() -> None:
    assert empty_headings(BODY) == ["1. Ưu điểm", "PHẦN THỨ BA KIẾN NGHỊ"]
    out = texts(body_blocks(BODY))
    assert "1. Ưu điểm" not in out
    assert "PHẦN THỨ BA" not in out
    assert "KIẾN NGHỊ" not in out
    # A heading whose children have text stays.
    assert "II. ĐÁNH GIÁ CHUNG" in out
    assert out[:2] == ["PHẦN THỨ NHẤT", "KẾT QUẢ"]


def test_sections_follow_the_outline_order() -> None:
    shuffled = [BODY[2], BODY[0], BODY[4], BODY[1], BODY[3]]
    positions = {1: 0, 2: 1, 3: 2, 4: 3, 5: 4}
    assert [s["section"] for s in in_outline_order(shuffled, positions)] == [1, 2, 3, 4, 5]
    # A section no longer in the outline goes last.
    extra = dict(BODY[1], section=99)
    assert in_outline_order([extra, *BODY[:2]], positions)[-1]["section"] == 99


def test_next_period_tasks_are_grouped_by_unit_with_their_subject() -> None:
    out = body_blocks(BODY)
    start = texts(out).index("NHIỆM VỤ")
    assert texts(out)[start + 1 : start + 7] == [
        "Các đơn vị tập trung thực hiện tốt nhiệm vụ.",
        "Quận Đoàn:",
        "- Tổ chức Đại hội Đoàn các cấp.",
        "- Sơ kết chuyên đề năm.",
        "Ban Dân vận:",
        "- Ra mắt mô hình dân vận khéo.",
    ]
    assert out[start + 2].kind == "heading"


def test_indicators_are_an_annex_after_the_signature() -> None:
    annex = indicator_annex(
        [
            {
                "name": "Đảng viên mới kết nạp",
                "unit": "đồng chí",
                "total": "170",
                "previous": "141",
            },
            {"name": "Cuộc kiểm tra", "unit": "cuộc", "total": "0", "previous": None},
        ]
    )
    assert annex[0].rows == [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Cùng kỳ năm trước"],
        ["1", "Đảng viên mới kết nạp", "đồng chí", "170", "141"],
    ]
    document = make_document(
        body=body_blocks(BODY), annex=annex, annex_title="MỘT SỐ CHỈ TIÊU CHỦ YẾU"
    )
    doc = Document(io.BytesIO(render_docx(document)))
    body = doc.element.body
    order = [child.tag.rsplit("}", 1)[1] for child in body]
    tables = [i for i, tag in enumerate(order) if tag == "tbl"]
    # header table, closing table (signature, Nơi nhận), then the annex's table
    assert len(tables) == 3
    annex_start = next(
        i
        for i, child in enumerate(body)
        if child.tag.endswith("}p") and "PHỤ LỤC" in "".join(child.itertext())
    )
    assert tables[1] < annex_start < tables[2]
    phu_luc = next(p for p in doc.paragraphs if p.text == "PHỤ LỤC")
    assert phu_luc.paragraph_format.page_break_before is True
    assert indicator_annex([{"name": "x", "unit": "y", "total": "0"}]) == []
