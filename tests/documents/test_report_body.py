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


def test_headings_after_a_left_out_one_are_renumbered() -> None:
    """The demo's outline: V and VI are empty, so VII becomes V; "1. Ưu điểm" is empty, so
    "2. Hạn chế" becomes "1."; an empty "Phần thứ hai" makes the third part the second."""
    body = [
        section(1, "Phần thứ nhất", "Kết quả", 0, []),
        section(2, "I", "Chính trị", 1, ["A."]),
        section(3, "II", "Tổ chức", 1, ["B."]),
        section(4, "III", "Nội chính", 1, []),
        section(5, "IV", "Chính quyền", 1, []),
        section(6, "V", "Mặt trận", 1, ["C."]),
        section(7, "VI", "Đánh giá chung", 1, []),
        section(8, "1", "Ưu điểm", 2, []),
        section(9, "2", "Hạn chế", 2, ["D."]),
        section(10, "a", "Chủ quan", 3, []),
        section(11, "b", "Khách quan", 3, ["E."]),
        section(12, "Phần thứ hai", "Nhiệm vụ", 0, []),
        section(13, "Phần thứ ba", "Kiến nghị", 0, ["F."]),
        section(14, "I", "Với Thành ủy", 1, ["G."]),
    ]
    headings = [b.text for b in body_blocks(body) if b.kind == "heading"]
    assert headings == [
        "PHẦN THỨ NHẤT",
        "KẾT QUẢ",
        "I. CHÍNH TRỊ",
        "II. TỔ CHỨC",
        "III. MẶT TRẬN",
        "IV. ĐÁNH GIÁ CHUNG",
        "1. Hạn chế",
        "a) Khách quan",
        "PHẦN THỨ HAI",
        "KIẾN NGHỊ",
        "I. VỚI THÀNH ỦY",  # a new parent starts its own count
    ]
    # The warning names the headings as the outline numbers them.
    assert empty_headings(body)[:3] == ["III. NỘI CHÍNH", "IV. CHÍNH QUYỀN", "1. Ưu điểm"]


def test_capital_letters_and_unknown_numbers() -> None:
    body = [
        section(1, "A", "Mở đầu", 1, []),
        section(2, "B", "Kết quả", 1, ["Có."]),
        section(3, "C", "Nhiệm vụ", 1, ["Có."]),  # a letter, not the Roman hundred
        section(4, "", "Không số", 1, []),
        section(5, "Mục 5", "Khác", 1, ["Có."]),
    ]
    headings = [b.text for b in body_blocks(body) if b.kind == "heading"]
    # The unnumbered empty heading shifts nothing; a number in no known style stays.
    assert headings == ["A. KẾT QUẢ", "B. NHIỆM VỤ", "Mục 5. KHÁC"]
