"""Reading .docx files built in the test with python-docx."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest

from dangvu.extraction import ExtractionError, extract, text_from_docx


def _docx(paragraphs: list[tuple[str, str | None]]) -> bytes:
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_paragraphs_and_automatic_numbering_become_text() -> None:
    data = _docx(
        [
            ("Ngày 11/9/2020, đồng chí Ngô Mạnh Điềm - Phó Bí thư Quận ủy chủ trì hội nghị.", None),
            ("Đồng chí yêu cầu các cơ quan, đơn vị thực hiện các nhiệm vụ sau:", None),
            ("Rà soát đảng viên trước ngày 30/10/2020.", "List Number"),
            ("Tổng kết công tác năm.", "List Number"),
        ]
    )

    text = text_from_docx(data)

    assert "1. Rà soát đảng viên" in text
    assert "2. Tổng kết công tác năm." in text
    result = extract(text)
    assert result.meeting.chair == "Ngô Mạnh Điềm"
    assert [t.group for t in result.tasks] == ["1", "2"]
    assert all(t.lead == "các cơ quan, đơn vị" for t in result.tasks)
    assert result.tasks[0].deadline_iso == date(2020, 10, 30)


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"PK\x03\x04broken zip"])
def test_broken_file(data: bytes) -> None:
    with pytest.raises(ExtractionError, match="DOCX bị hỏng"):
        text_from_docx(data)
