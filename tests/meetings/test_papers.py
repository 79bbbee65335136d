"""The conference's papers in Party format (giấy mời, delegate list, biên bản), read back from
the DOCX, and the reason of an absence recorded with the attendance."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from dangvu.meetings import services
from dangvu.meetings.enums import Attendance, OutcomeKind
from dangvu.meetings.models import Conference
from dangvu.org.models import Organisation, Person
from tests.conftest import login
from tests.meetings.conftest import held


@pytest.fixture
def demo(demo_tree: dict[str, Organisation]) -> dict[str, Organisation]:
    """The demo's organisations and accounts, without the story's chapters: the conference and
    its papers are made here."""
    return demo_tree


def docx_text(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    doc = Document(io.BytesIO(data))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return [p.text for p in doc.paragraphs], tables


def with_a_person(conference: Conference, office: object) -> Conference:
    person = Person.objects.order_by("pk").first()
    assert person is not None
    services.invitation_add(
        conference=conference, person=person, position_text="Phó Bí thư", by=office
    )
    return conference


def test_attendance_keeps_the_reason_of_an_absence(
    office_client: Client, conference: Conference, office: object
) -> None:
    with_a_person(conference, office)
    held(conference, office)
    invitations = list(conference.invitations.order_by("pk"))
    data = {f"attendance-{i.pk}": Attendance.PRESENT for i in invitations}
    data[f"attendance-{invitations[-1].pk}"] = Attendance.EXCUSED
    data[f"reason-{invitations[-1].pk}"] = "Đi công tác"
    response = office_client.post(reverse("meetings:attendance", args=[conference.pk]), data)
    assert response.status_code == 302
    invitations[-1].refresh_from_db()
    assert (invitations[-1].attendance, invitations[-1].note) == ("excused", "Đi công tác")
    page = office_client.get(reverse("meetings:detail", args=[conference.pk])).content.decode()
    assert 'value="Đi công tác"' in page


def test_delegate_list_person_by_person(
    office_client: Client, conference: Conference, office: object
) -> None:
    with_a_person(conference, office)
    held(conference, office)
    invitations = list(conference.invitations.order_by("pk"))
    services.attendance_record(
        conference=conference,
        attendance={i.pk: Attendance.PRESENT for i in invitations[:-1]}
        | {invitations[-1].pk: Attendance.EXCUSED},
        reasons={invitations[-1].pk: "Đi công tác"},
        by=office,
    )
    response = office_client.get(
        reverse("meetings:paper", args=[conference.pk, "danh-sach-dai-bieu"])
    )
    assert response.status_code == 200
    paragraphs, tables = docx_text(response.content)
    assert "DANH SÁCH" in paragraphs
    assert "Đại biểu dự buổi giao ban tháng 10/2020" in paragraphs
    rows = tables[1]
    assert rows[0] == ["STT", "Họ và tên (đơn vị)", "Chức vụ, thành phần", "Có mặt", "Vắng (lý do)"]
    person = invitations[-1].person
    assert rows[-1] == ["3", person.full_name, "Phó Bí thư", "", "Đi công tác"]  # type: ignore[union-attr]
    assert rows[1][1] == "Ban Tuyên giáo Quận ủy Long Biên"
    assert rows[1][3] == "x"
    assert "Tổng số đại biểu được mời: 3; có mặt: 2; vắng: 1." in paragraphs


def test_invitation_letter_one_for_all_and_one_per_addressee(
    office_client: Client, conference: Conference
) -> None:
    response = office_client.get(reverse("meetings:paper", args=[conference.pk, "giay-moi"]))
    paragraphs, tables = docx_text(response.content)
    assert "GIẤY MỜI" in paragraphs
    assert "Ban Thường vụ Quận ủy trân trọng kính mời:" in paragraphs
    assert "- Ban Tuyên giáo Quận ủy Long Biên (Trưởng ban)" in paragraphs
    assert "- Ban Tổ chức Quận ủy Long Biên (Trưởng ban)" in paragraphs
    assert "Tới dự buổi giao ban tháng 10/2020." in paragraphs
    assert "Thời gian: 14 giờ 00 phút, thứ Sáu, ngày 02/10/2020." in paragraphs
    assert "Địa điểm: Phòng họp tầng 3." in paragraphs
    assert tables[0][0][0].endswith("Số \u00a0\u00a0\u00a0\u00a0-GM/QU")
    signer = [
        line
        for line in (
            c.text
            for c in Document(io.BytesIO(response.content)).tables[-1].rows[0].cells[1].paragraphs
        )
        if line
    ]
    assert signer[:2] == ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"]
    archive = office_client.get(
        reverse("meetings:paper", args=[conference.pk, "giay-moi-tung-don-vi"])
    )
    with zipfile.ZipFile(io.BytesIO(archive.content)) as letters:
        names = letters.namelist()
        assert len(names) == 2
        first, _tables = docx_text(letters.read(names[0]))
    assert (
        "Ban Thường vụ Quận ủy trân trọng kính mời: Ban Tuyên giáo Quận ủy Long Biên (Trưởng ban)."
        in first
    )
    assert not any("Ban Tổ chức" in p for p in first)
    assert "- Tình hình tháng 9." in first  # the agenda


def test_minutes_document_from_the_minutes(
    office_client: Client, conference: Conference, office: object
) -> None:
    held(conference, office)
    item = conference.agenda.get()
    services.minutes_record(
        item=item,
        discussion="Các đại biểu thảo luận tình hình tháng 9.",
        outcome_kind=OutcomeKind.DECISION,
        outcome="Thống nhất các nhiệm vụ tháng 10.",
        by=office,
    )
    response = office_client.get(reverse("meetings:paper", args=[conference.pk, "bien-ban"]))
    paragraphs, tables = docx_text(response.content)
    assert "BIÊN BẢN" in paragraphs
    assert "Buổi giao ban tháng 10/2020" in paragraphs
    assert "1. Tình hình tháng 9" in paragraphs
    assert "Các đại biểu thảo luận tình hình tháng 9." in paragraphs
    assert "Thống nhất các nhiệm vụ tháng 10." in paragraphs
    closing = tables[-1][0]
    assert closing[0].startswith("THƯ KÝ HỘI NGHỊ")
    assert closing[1].startswith("CHỦ TRÌ HỘI NGHỊ")


def test_papers_are_scoped_to_who_sees_the_conference(
    client: Client, conference: Conference
) -> None:
    from dangvu.accounts.models import User

    outsider = User.objects.create_user(username="ngoai", password="x-123456789")
    client.force_login(outsider)
    assert client.get(reverse("meetings:detail", args=[conference.pk])).status_code == 404
    for kind in ("giay-moi", "giay-moi-tung-don-vi", "danh-sach-dai-bieu", "bien-ban"):
        assert client.get(reverse("meetings:paper", args=[conference.pk, kind])).status_code == 404
    login(client, "vanphong")
    assert (
        client.get(reverse("meetings:paper", args=[conference.pk, "khong-co"])).status_code == 404
    )


def test_the_office_numbers_the_invitation_letter_in_the_register(
    office_client: Client, client: Client, conference: Conference
) -> None:
    from dangvu.documents.models import DocumentNumber

    url = reverse("meetings:paper_register", args=[conference.pk, "giay-moi"])
    response = office_client.post(url)
    assert response.status_code == 302
    entry = DocumentNumber.objects.get(source=f"conference:{conference.pk}:GM")
    assert entry.type_code == "GM"
    number = f"Số {entry}"
    letter = office_client.get(reverse("meetings:paper", args=[conference.pk, "giay-moi"]))
    paragraphs, tables = docx_text(letter.content)
    assert number in tables[0][0][0]
    assert "DỰ THẢO" not in paragraphs
    assert entry.docx is not None
    page = office_client.get(reverse("meetings:detail", args=[conference.pk])).content.decode()
    assert number in page
    again = office_client.post(url, follow=True)
    assert "đã có trong sổ với số" in again.content.decode()
    assert DocumentNumber.objects.filter(source=f"conference:{conference.pk}:GM").count() == 1
    # The minutes wait until the conference is held.
    office_client.post(reverse("meetings:paper_register", args=[conference.pk, "bien-ban"]))
    assert not DocumentNumber.objects.filter(source=f"conference:{conference.pk}:BB").exists()
    login(client, "baocao")  # reads the conference (his unit is invited), may not register
    assert client.post(url).status_code == 403
