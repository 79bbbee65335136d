"""The Party-format DOCX: open it with python-docx and check each part of the layout."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.shared import Mm, Pt

from dangvu.documents.conversion import convert_to_pdf, soffice_path
from dangvu.documents.rendering import (
    Block,
    Margins,
    PartyDocument,
    Signature,
    number_line,
    place_and_date,
    render_docx,
)


def make_document(**overrides: object) -> PartyDocument:
    values: dict[str, object] = {
        "superior_body": "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
        "issuing_body": "QUẬN ỦY LONG BIÊN",
        "type_code": "TB",
        "issuer_code": "QU",
        "number": 12,
        "place": "Long Biên",
        "date": dt.date(2020, 9, 12),
        "type_name": "THÔNG BÁO",
        "summary": "Kết luận của đồng chí Phó Bí thư Thường trực Quận ủy",
        "body": [
            Block("paragraph", "Sáng ngày 11/9/2020, Quận ủy tổ chức hội nghị."),
            Block("heading", "I. NHIỆM VỤ TRỌNG TÂM", 1),
            Block("paragraph", "1. Ban hành Quy chế làm việc khóa IV."),
        ],
        "signature": Signature("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Nguyễn Văn Mẫu"),
        "recipients": ["Thường trực Quận ủy", "Các ban xây dựng Đảng", "Lưu VP."],
    }
    values.update(overrides)
    return PartyDocument(**values)  # type: ignore[arg-type]


def open_docx(data: bytes) -> object:
    return Document(io.BytesIO(data))


def cell_lines(cell: object) -> list[str]:
    return [p.text for p in cell.paragraphs]  # type: ignore[attr-defined]


def find_run(doc: object, text: str) -> object:
    paragraphs = list(doc.paragraphs)  # type: ignore[attr-defined]
    for table in doc.tables:  # type: ignore[attr-defined]
        for cell in table._cells:
            paragraphs += cell.paragraphs
    for paragraph in paragraphs:
        for run in paragraph.runs:
            if run.text == text:
                return run
    raise AssertionError(f"no run {text!r}")


def test_header_table_has_both_columns() -> None:
    doc = open_docx(render_docx(make_document()))
    header = doc.tables[0]  # type: ignore[attr-defined]
    left, right = header.rows[0].cells
    assert cell_lines(left) == [
        "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
        "QUẬN ỦY LONG BIÊN",
        "*",
        "Số 12-TB/QU",
    ]
    assert right.paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert cell_lines(right)[-1] == "Long Biên, ngày 12 tháng 9 năm 2020"
    # The issuing body and the Party title are bold; the superior body is not.
    assert find_run(doc, "QUẬN ỦY LONG BIÊN").bold is True  # type: ignore[attr-defined]
    assert not find_run(doc, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI").bold  # type: ignore[attr-defined]
    assert find_run(doc, "ĐẢNG CỘNG SẢN VIỆT NAM").bold is True  # type: ignore[attr-defined]
    # The rule under the title is a bottom border on the next paragraph.
    assert "w:pBdr" in right.paragraphs[1]._p.xml
    # Borderless header.
    assert 'w:val="nil"' in header._tbl.xml


def test_date_is_italic_and_long() -> None:
    doc = open_docx(render_docx(make_document(date=dt.date(2020, 2, 5))))
    run = find_run(doc, "Long Biên, ngày 05 tháng 02 năm 2020")
    assert run.italic is True  # type: ignore[attr-defined]


def test_page_is_a4_with_the_margins_given() -> None:
    margins = Margins(top_mm=25, bottom_mm=20, left_mm=35, right_mm=20)
    doc = open_docx(render_docx(make_document(margins=margins)))
    section = doc.sections[0]  # type: ignore[attr-defined]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    assert abs(section.top_margin - Mm(25)) < Mm(0.1)
    assert abs(section.left_margin - Mm(35)) < Mm(0.1)
    assert abs(section.right_margin - Mm(20)) < Mm(0.1)


def test_default_margins_are_20_20_30_15() -> None:
    section = open_docx(render_docx(make_document())).sections[0]  # type: ignore[attr-defined]
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin)] == [20, 20]
    assert [round(m.mm) for m in (section.left_margin, section.right_margin)] == [30, 15]


def test_fonts_are_times_new_roman_and_body_14pt() -> None:
    doc = open_docx(render_docx(make_document()))
    body = find_run(doc, "Sáng ngày 11/9/2020, Quận ủy tổ chức hội nghị.")
    assert body.font.name == "Times New Roman"  # type: ignore[attr-defined]
    assert body.font.size == Pt(14)  # type: ignore[attr-defined]
    assert doc.styles["Normal"].font.name == "Times New Roman"  # type: ignore[attr-defined]
    # Vietnamese letters are looked up in the east-Asian slot too.
    assert 'w:eastAsia="Times New Roman"' in body._r.xml  # type: ignore[attr-defined]


def test_title_body_and_headings() -> None:
    doc = open_docx(render_docx(make_document()))
    texts = [p.text for p in doc.paragraphs]  # type: ignore[attr-defined]
    assert "THÔNG BÁO" in texts
    assert "Kết luận của đồng chí Phó Bí thư Thường trực Quận ủy" in texts
    assert find_run(doc, "THÔNG BÁO").bold is True  # type: ignore[attr-defined]
    assert find_run(doc, "I. NHIỆM VỤ TRỌNG TÂM").bold is True  # type: ignore[attr-defined]
    assert not find_run(doc, "1. Ban hành Quy chế làm việc khóa IV.").bold  # type: ignore[attr-defined]
    paragraph = next(p for p in doc.paragraphs if p.text.startswith("Sáng ngày"))  # type: ignore[attr-defined]
    assert paragraph.alignment == 3  # justified
    assert paragraph.paragraph_format.first_line_indent > 0


def test_signature_and_recipients() -> None:
    doc = open_docx(render_docx(make_document()))
    closing = doc.tables[-1]  # type: ignore[attr-defined]
    left, right = closing.rows[0].cells
    assert cell_lines(left) == [
        "Nơi nhận:",
        "- Thường trực Quận ủy",
        "- Các ban xây dựng Đảng",
        "- Lưu VP.",
    ]
    assert find_run(doc, "- Lưu VP.").font.size == Pt(12)  # type: ignore[attr-defined]
    lines = [line for line in cell_lines(right) if line]
    assert lines == ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Nguyễn Văn Mẫu"]
    assert find_run(doc, "Nguyễn Văn Mẫu").bold is True  # type: ignore[attr-defined]


def test_draft_has_label_and_no_number() -> None:
    document = make_document(number=None, date=None, draft_label="DỰ THẢO (lần 2)")
    doc = open_docx(render_docx(document))
    assert doc.paragraphs[0].text == "DỰ THẢO (lần 2)"  # type: ignore[attr-defined]
    assert find_run(doc, "DỰ THẢO (lần 2)").bold is True  # type: ignore[attr-defined]
    left = doc.tables[0].rows[0].cells[0]  # type: ignore[attr-defined]
    assert left.paragraphs[-1].text == number_line(document)
    assert number_line(document).startswith("Số ")
    assert number_line(document).endswith("-TB/QU")
    assert not any(ch.isdigit() for ch in number_line(document))
    assert place_and_date(document).startswith("Long Biên, ngày")


def test_issued_document_has_no_draft_label() -> None:
    doc = open_docx(render_docx(make_document()))
    assert "DỰ THẢO" not in doc.paragraphs[0].text  # type: ignore[attr-defined]


def test_no_recipients_leaves_the_left_cell_empty() -> None:
    doc = open_docx(render_docx(make_document(recipients=[])))
    left = doc.tables[-1].rows[0].cells[0]  # type: ignore[attr-defined]
    assert "Nơi nhận:" not in cell_lines(left)


@pytest.mark.skipif(
    soffice_path() is None,
    reason="LibreOffice (soffice, package libreoffice-writer-nogui) is not installed; CI has it",
)
def test_libreoffice_converts_it_to_a_pdf_with_the_text() -> None:
    pdf = convert_to_pdf(render_docx(make_document()))
    assert pdf is not None
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        assert b"/Type /Page" in pdf or b"/Type/Page" in pdf
        return
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Số 12-TB/QU" in text
    assert "Nguyễn Văn Mẫu" in text
    pages = subprocess.run(
        ["pdfinfo", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert re.search(r"^Pages:\s+1$", pages, re.MULTILINE)
    assert "(A4)" in pages
    assert "QUẬN ỦY LONG BIÊN" in pages  # the author


def test_conversion_without_libreoffice_returns_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert soffice_path() is None
    assert convert_to_pdf(b"not used") is None
