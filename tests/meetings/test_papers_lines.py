"""Lines of the conference papers a văn thư would otherwise write by hand: where (the demo's
giấy mời had no "Địa điểm" line at all), and who signs (the Chánh Văn phòng under "T/L BAN
THƯỜNG VỤ", the secretary under "THƯ KÝ HỘI NGHỊ")."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document

from dangvu.core import policy
from dangvu.documents.rendering import PartyDocument, render_docx
from dangvu.meetings import papers
from dangvu.meetings.models import Conference
from dangvu.org import services as org_services
from dangvu.org.models import Organisation, Person


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


# --- who signs --------------------------------------------------------------------------------


def signer_lines(document: PartyDocument, column: int = 1) -> list[str]:
    doc = Document(io.BytesIO(render_docx(document)))
    cell = doc.tables[-1].rows[0].cells[column]
    return [p.text for p in cell.paragraphs if p.text]


def chief_of_office(conference: Conference, valid_to: dt.date | None = None) -> Person:
    office_body = Organisation.objects.get(code="lb-vp")
    assert office_body.parent_id == conference.committee_id
    office_body.positions.all().delete()  # the demo's own Chánh Văn phòng, Lê Văn C
    person = org_services.person_create(full_name="Lê Văn Chánh", by=policy.DEMO)
    org_services.position_assign(
        person=person,
        organisation=office_body,
        title="Chánh Văn phòng Quận ủy",
        valid_from=dt.date(2020, 1, 1),
        valid_to=valid_to,
        by=policy.DEMO,
    )
    deputy = org_services.person_create(full_name="Đỗ Thị Phó", by=policy.DEMO)
    org_services.position_assign(
        person=deputy,
        organisation=office_body,
        title="Phó Chánh Văn phòng Quận ủy",
        valid_from=dt.date(2020, 1, 1),
        by=policy.DEMO,
    )
    return person


def test_the_chief_of_office_signs_the_letter_and_the_list(conference: Conference) -> None:
    chief_of_office(conference)
    assert signer_lines(papers.invitation_letter(conference)) == [
        "T/L BAN THƯỜNG VỤ",
        "CHÁNH VĂN PHÒNG",
        "Lê Văn Chánh",
    ]
    assert signer_lines(papers.delegate_list(conference))[-1] == "Lê Văn Chánh"


def test_a_chief_no_longer_in_office_is_not_named(conference: Conference) -> None:
    chief_of_office(conference, valid_to=dt.date(2020, 6, 30))
    # The delegate list is dated the conference's day (2/10/2020): nobody is chief then; the
    # deputy is not the chief.
    assert signer_lines(papers.delegate_list(conference)) == [
        "T/L BAN THƯỜNG VỤ",
        "CHÁNH VĂN PHÒNG",
    ]


def test_the_secretary_signs_the_minutes_when_a_person(conference: Conference) -> None:
    Conference.objects.filter(pk=conference.pk).update(
        secretary="đồng chí Lê Thị Thư - Phó Chánh Văn phòng"
    )
    conference.refresh_from_db()
    lines = signer_lines(papers.minutes_document(conference), column=0)
    assert lines == ["THƯ KÝ HỘI NGHỊ", "Lê Thị Thư"]
    assert papers.secretary_name("Văn phòng Quận ủy") == ""
    assert papers.secretary_name("Ban Tổ chức") == ""
    assert papers.secretary_name("Nguyễn Văn Mẫu.") == "Nguyễn Văn Mẫu"
