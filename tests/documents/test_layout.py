"""Layout rules of Hướng dẫn 36-HD/VPTW, read back from the DOCX (python-docx and its XML) and
from the PDF LibreOffice makes of it (poppler's pdffonts and pdftotext)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from dangvu.documents import fonts
from dangvu.documents import pdf as pdf_tools
from dangvu.documents.conversion import convert_to_pdf, soffice_path
from dangvu.documents.rendering import (
    HEADER_LEFT_MM,
    Block,
    Signature,
    render_docx,
)
from tests.documents import metrics
from tests.documents.test_rendering import make_document

VIETNAMESE = (
    "THƯỜNG TRỰC chương trình ưu tiên, Ơn Ứng Ữ Ự ỡ ợ ẫ ậ đ Đ ằ ẳ ẵ ặ ề ể ễ ệ ỉ ị ọ ỏ ố ồ ổ ỗ "
    "ộ ớ ờ ở ỡ ợ ụ ủ ứ ừ ử ữ ự ỳ ỵ ỷ ỹ. "
)
LONGEST_SUPERIOR = "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH"

needs_pdf = pytest.mark.skipif(
    soffice_path() is None or not pdf_tools.poppler_available(),
    reason="LibreOffice (libreoffice-writer-nogui) or poppler-utils is not installed; CI has both",
)


def open_docx(data: bytes) -> object:
    return Document(io.BytesIO(data))


def mm(twips: str) -> float:
    return int(twips) / 1440 * 25.4


# --- language, page numbers --------------------------------------------------------------------


def test_language_is_vietnamese_in_the_styles() -> None:
    doc = open_docx(render_docx(make_document()))
    styles = doc.styles.element  # type: ignore[attr-defined]
    default_lang = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = default_lang.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "vi-VN"
    assert lang.get(qn("w:eastAsia")) == "vi-VN"
    normal = doc.styles["Normal"].element.rPr.find(qn("w:lang"))  # type: ignore[attr-defined]
    assert normal.get(qn("w:val")) == "vi-VN"
    assert "en-US" not in styles.xml
    assert doc.core_properties.language == "vi-VN"  # type: ignore[attr-defined]


def test_page_numbers_from_page_two_top_centre() -> None:
    doc = open_docx(render_docx(make_document()))
    section = doc.sections[0]  # type: ignore[attr-defined]
    assert section.different_first_page_header_footer is True
    assert section.first_page_header.paragraphs[0].text == ""
    header = section.header.paragraphs[0]
    assert header.alignment == 1  # centred
    fields = header._p.findall(qn("w:fldSimple"))
    assert [f.get(qn("w:instr")).strip() for f in fields] == ["PAGE"]


# --- header widths -----------------------------------------------------------------------------


def header_columns_mm(doc: object) -> list[float]:
    grid = doc.tables[0]._tbl.tblGrid  # type: ignore[attr-defined]
    return [mm(col.get(qn("w:w"))) for col in grid.findall(qn("w:gridCol"))]


def test_header_cells_have_no_padding_and_fill_the_text_width() -> None:
    doc = open_docx(render_docx(make_document()))
    left, right = header_columns_mm(doc)
    assert left == pytest.approx(HEADER_LEFT_MM, abs=0.1)
    assert left + right == pytest.approx(210 - 30 - 15, abs=0.2)
    margins = doc.tables[0]._tbl.tblPr.find(qn("w:tblCellMar"))  # type: ignore[attr-defined]
    assert {margins.find(qn(f"w:{e}")).get(qn("w:w")) for e in ("left", "right")} == {"0"}


@pytest.mark.skipif(not metrics.available(), reason="fonts-liberation2 is not installed")
@pytest.mark.parametrize("name", ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", LONGEST_SUPERIOR])
def test_left_header_cell_holds_the_superior_body_on_one_line(name: str) -> None:
    doc = open_docx(render_docx(make_document(superior_body=name)))
    left, right = header_columns_mm(doc)
    assert metrics.text_width_mm(name, 14) < left
    assert metrics.text_width_mm("QUẬN ỦY LONG BIÊN", 14, bold=True) < left
    assert metrics.text_width_mm("ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True) < right
    longest_date = "Long Biên, ngày 30 tháng 12 năm 2020"
    assert metrics.text_width_mm(longest_date, 14, italic=True) < right


# --- keep-with-next, signer, marks ---------------------------------------------------------------


def test_the_last_paragraph_and_the_closing_keep_together() -> None:
    doc = open_docx(render_docx(make_document()))
    body = [p for p in doc.paragraphs if p.text]  # type: ignore[attr-defined]
    last = body[-1]
    assert last.text == "1. Ban hành Quy chế làm việc khóa IV."
    assert last.paragraph_format.keep_with_next is True
    closing = doc.tables[-1]  # type: ignore[attr-defined]
    row = closing.rows[0]._tr
    assert row.trPr.find(qn("w:cantSplit")) is not None
    for cell in closing.rows[0].cells:
        assert all(p.paragraph_format.keep_with_next for p in cell.paragraphs)
    heading = next(p for p in body if p.text == "I. NHIỆM VỤ TRỌNG TÂM")
    assert heading.paragraph_format.keep_with_next is True


def test_signer_lines_do_not_repeat_the_issuing_body() -> None:
    document = make_document(
        signature=Signature("T/M BAN THƯỜNG VỤ", "Phó Bí thư Thường trực Quận ủy", "Ngô Mạnh Điềm")
    )
    doc = open_docx(render_docx(document))
    right = doc.tables[-1].rows[0].cells[1]  # type: ignore[attr-defined]
    lines = [p.text for p in right.paragraphs if p.text]
    assert lines == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Ngô Mạnh Điềm"]


def test_confidentiality_and_urgency_marks_under_the_number() -> None:
    doc = open_docx(render_docx(make_document(confidentiality="Mật", urgency="Khẩn")))
    left = doc.tables[0].rows[0].cells[0]  # type: ignore[attr-defined]
    lines = [p.text for p in left.paragraphs]
    assert lines[3:] == ["Số 12-TB/QU", "MẬT", "KHẨN"]
    for paragraph in left.paragraphs[4:]:
        run = paragraph.runs[0]
        assert run.bold is True
        assert run._r.rPr.find(qn("w:bdr")) is not None  # in a box


def test_no_marks_by_default() -> None:
    left = open_docx(render_docx(make_document())).tables[0].rows[0].cells[0]  # type: ignore[attr-defined]
    assert [p.text for p in left.paragraphs][-1] == "Số 12-TB/QU"


def test_a_table_block_is_a_grid_with_a_repeated_heading_row() -> None:
    rows = [["STT", "Họ và tên"], ["1", "Nguyễn Văn Mẫu"]]
    document = make_document(body=[Block("table", "", rows=rows, widths_mm=[20, 100])])
    table = open_docx(render_docx(document)).tables[1]  # type: ignore[attr-defined]
    assert [[c.text for c in r.cells] for r in table.rows] == rows
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold is True


def test_second_signer_takes_the_place_of_the_recipients() -> None:
    document = make_document(left_signature=Signature("THƯ KÝ HỘI NGHỊ", "", "Lê Thị Thư"))
    left = open_docx(render_docx(document)).tables[-1].rows[0].cells[0]  # type: ignore[attr-defined]
    assert [p.text for p in left.paragraphs if p.text] == ["THƯ KÝ HỘI NGHỊ", "Lê Thị Thư"]


# --- the PDF -----------------------------------------------------------------------------------


@needs_pdf
def test_pdf_uses_one_font_family_for_all_of_vietnamese() -> None:
    document = make_document(
        body=[
            Block("heading", "I. " + VIETNAMESE.upper(), 1),
            Block("paragraph", VIETNAMESE * 3),
            Block("heading", "a) " + VIETNAMESE, 3),
        ]
    )
    pdf = convert_to_pdf(render_docx(document))
    assert pdf is not None
    families = pdf_tools.font_families(pdf)
    assert len(families) == 1, f"fallback fonts in the PDF: {pdf_tools.font_names(pdf)}"
    assert families <= {"LiberationSerif", "TimesNewRomanPSMT", "TimesNewRoman", "Tinos"}
    assert fonts.font_problems() == []


OLD_LIBERATION = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")


@needs_pdf
@pytest.mark.skipif(not OLD_LIBERATION.exists(), reason="fonts-liberation 1.x is not installed")
def test_the_font_check_catches_a_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With only Liberation Serif 1.x and DejaVu, the PDF mixes two families and the start-up
    check says so: the test above would fail and the warning is printed."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{OLD_LIBERATION.parent}</dir><dir>/usr/share/fonts/truetype/dejavu</dir>"
        f"<cachedir>{tmp_path / 'cache'}</cachedir>"
        '<include ignore_missing="yes">/etc/fonts/conf.d</include></fontconfig>'
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    problems = fonts.font_problems()
    assert problems
    assert "does not cover Vietnamese" in problems[0]
    pdf = convert_to_pdf(render_docx(make_document(body=[Block("paragraph", VIETNAMESE)])))
    assert pdf is not None
    assert len(pdf_tools.font_families(pdf)) > 1


@needs_pdf
def test_pdf_header_lines_and_page_numbers() -> None:
    body = [Block("paragraph", "Nội dung thử nghiệm dài để sang trang. " * 12) for _ in range(8)]
    pdf = convert_to_pdf(render_docx(make_document(superior_body=LONGEST_SUPERIOR, body=body)))
    assert pdf is not None
    pages = pdf_tools.page_texts(pdf)
    assert len(pages) >= 2
    first_lines = [line.strip() for line in pages[0].splitlines() if line.strip()]
    # The superior body on one line (beside "ĐẢNG CỘNG SẢN VIỆT NAM" in the layout text).
    assert any(line.startswith(LONGEST_SUPERIOR) for line in first_lines)
    assert not first_lines[0].isdigit()  # no number on page 1
    for number, page in enumerate(pages[1:], start=2):
        top = next(line.strip() for line in page.splitlines() if line.strip())
        assert top == str(number)


@needs_pdf
def test_pdf_never_leaves_the_signature_alone_on_the_last_page() -> None:
    """Whatever the body's length, the page with the signature has body text on it too."""
    sentence = "Tiếp tục triển khai có hiệu quả các nhiệm vụ trọng tâm của quý IV năm 2020. "
    for count in (15, 16):  # without keep-with-next, both leave the closing alone on page 3
        body = [Block("paragraph", f"{i}. " + sentence * 3) for i in range(1, count + 1)]
        pdf = convert_to_pdf(render_docx(make_document(body=body)))
        assert pdf is not None
        last = pdf_tools.page_texts(pdf)[-1]
        assert "Nơi nhận" in last
        assert "Tiếp tục triển khai" in last, f"{count} paragraphs: the closing stands alone"
