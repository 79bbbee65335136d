"""Every kind of document of the demo (TB, report, giấy mời, delegate list, biên bản), converted
by LibreOffice: one typeface, page numbers from page 2, nothing left of the old faults."""

from __future__ import annotations

import re
from typing import Any

import pytest

from dangvu.documents import pdf as pdf_tools
from dangvu.documents.conversion import convert_to_pdf, soffice_path
from dangvu.documents.management.commands.document_samples import demo_documents
from dangvu.documents.rendering import render_docx


@pytest.mark.skipif(
    soffice_path() is None or not pdf_tools.poppler_available(),
    reason="LibreOffice (libreoffice-writer-nogui) or poppler-utils is not installed; CI has both",
)
def test_demo_documents_as_pdf(demo: Any) -> None:
    documents = dict(demo_documents())
    assert set(documents) == {
        "thong-bao-ket-luan",
        "bao-cao",
        "giay-moi",
        "danh-sach-dai-bieu",
        "bien-ban",
    }
    for stem, document in documents.items():
        pdf = convert_to_pdf(render_docx(document))
        assert pdf is not None, stem
        assert len(pdf_tools.font_families(pdf)) == 1, (stem, pdf_tools.font_names(pdf))
        pages = pdf_tools.page_texts(pdf)
        first = pages[0]
        assert "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" in first, stem  # on one line
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in first
        for number, page in enumerate(pages[1:], start=2):
            top = next(line.strip() for line in page.splitlines() if line.strip())
            assert top == str(number), (stem, number)
        text = "\n".join(pages)
        assert "THƯỜNG TRỰC QUẬN ỦY\n" not in text  # the signer line does not repeat the body
        if stem == "bao-cao":
            assert "PHẦN THỨ BA" not in text  # empty heading left out
            assert "PHỤ LỤC" in pages[-1]
            annex = pages[-1]
            assert "Nơi nhận" not in annex
            body_end = next(p for p in pages if "Nơi nhận" in p)
            assert "MỘT SỐ CHỈ TIÊU" not in body_end
            # The headings left out leave no gap in the numbering (V and VI were empty: the
            # report went from IV to VII; "Đánh giá chung" opened with "2.").
            romans = re.findall(r"^\s*([IVX]+)\. [A-ZĐ]", text, re.MULTILINE)
            assert romans == ["I", "II", "III", "IV", "V", "VI", "VII"], romans
            assert re.search(r"ĐÁNH GIÁ CHUNG\s+1\. Hạn chế", text), "renumbered sub-heading"
        if stem in ("giay-moi", "bien-ban"):
            assert "Địa điểm: Hội trường Quận ủy Long Biên." in text, stem
