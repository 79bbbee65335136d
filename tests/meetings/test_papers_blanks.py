"""The giấy mời always says where the conference is: the place, the online link, or a blank line
the office fills in by hand (the demo's letter had no "Địa điểm" line at all)."""

from __future__ import annotations

import io

from docx import Document

from dangvu.documents.rendering import render_docx
from dangvu.meetings import papers
from dangvu.meetings.models import Conference


def body_lines(conference: Conference) -> list[str]:
    doc = Document(io.BytesIO(render_docx(papers.invitation_letter(conference))))
    return [p.text for p in doc.paragraphs]


def test_the_letter_names_the_place(conference: Conference) -> None:
    lines = body_lines(conference)
    assert "Địa điểm: Phòng họp tầng 3." in lines
    # after the time, before the agenda
    assert (
        lines.index("Địa điểm: Phòng họp tầng 3.")
        == lines.index("Thời gian: 14 giờ 00 phút, thứ Sáu, ngày 02/10/2020.") + 1
    )


def test_no_place_leaves_a_line_to_fill_in(conference: Conference) -> None:
    Conference.objects.filter(pk=conference.pk).update(place="")
    conference.refresh_from_db()
    lines = body_lines(conference)
    assert f"Địa điểm: {papers.BLANK}" in lines
    minutes = Document(io.BytesIO(render_docx(papers.minutes_document(conference))))
    assert f"Địa điểm: {papers.BLANK}" in [p.text for p in minutes.paragraphs]


def test_an_online_conference_gives_its_link(conference: Conference) -> None:
    Conference.objects.filter(pk=conference.pk).update(
        place="", online_link="https://hop.example.vn/qu-lb"
    )
    conference.refresh_from_db()
    assert "Hình thức: trực tuyến (https://hop.example.vn/qu-lb)." in body_lines(conference)
