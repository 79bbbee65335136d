"""Conference pages: who sees what (404 for others), the office's journey, bad input."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from dangvu.accounts.models import User
from dangvu.assignments.models import Task
from dangvu.core import policy
from dangvu.core.models import AuditEntry
from dangvu.meetings.enums import Attendance, ConferenceState
from dangvu.meetings.models import Conference
from dangvu.org import services as org_services
from dangvu.org.enums import Role
from dangvu.org.models import Organisation
from tests.conftest import login
from tests.factories import UserFactory
from tests.meetings.conftest import demo_notice, held, next_notice


def demo_conference() -> Conference:
    return Conference.objects.get(starts_at__date=dt.date(2020, 9, 11))


def url(name: str, conference: Conference, *args: Any) -> str:
    return reverse(f"meetings:{name}", args=[conference.pk, *args])


def test_list_shows_the_demo_conference(office_client: Client) -> None:
    response = office_client.get(reverse("meetings:list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Hội nghị thảo luận dự thảo báo cáo" in text
    assert "18 / 19" in text  # present / invited: 15 units, 4 people by name (one excused)


def test_list_query_count_does_not_grow(
    office_client: Client,
    office: User,
    demo: dict[str, Organisation],
    django_assert_max_num_queries: Any,
) -> None:
    from dangvu.meetings import services

    for day in range(1, 6):
        services.conference_create(
            committee=demo["lb-qu"],
            kind="briefing",
            title=f"Giao ban {day}",
            starts_at=dt.datetime(2020, 11, day, 8, tzinfo=dt.UTC),
            by=office,
        )
    with django_assert_max_num_queries(12):
        response = office_client.get(reverse("meetings:list"))
    assert response.content.decode().count("Giao ban") >= 5


def test_detail_reads_like_the_article(office_client: Client) -> None:
    response = office_client.get(url("detail", demo_conference()))
    text = response.content.decode()
    assert "Ngô Mạnh Điềm - Phó Bí thư Thường trực Quận ủy" in text
    assert "Đảng ủy Khối Doanh nghiệp quận Long Biên" in text
    assert f"Đã ban hành thông báo số {demo_notice()} ngày 12/9/2020." in text
    assert text.count("Nhiệm vụ #") == 4


def test_people_outside_get_404(client: Client, demo: dict[str, Organisation]) -> None:
    outsider = UserFactory()
    org_services.membership_grant(
        user=outsider, organisation=demo["p-bode"], role=Role.OFFICE, by=policy.SYSTEM
    )
    login(client, outsider.username)
    conference = demo_conference()
    assert client.get(url("detail", conference)).status_code == 404
    assert client.get(url("notice_docx", conference)).status_code == 404
    assert client.get(reverse("meetings:detail", args=[999999])).status_code == 404
    assert "Hội nghị thảo luận" not in client.get(reverse("meetings:list")).content.decode()


def test_invited_unit_reads_but_cannot_edit(reporter_client: Client) -> None:
    conference = demo_conference()  # Ban Tuyên giáo was invited
    response = reporter_client.get(url("detail", conference))
    assert response.status_code == 200
    assert "Tạo nhiệm vụ" not in response.content.decode()
    assert reporter_client.get(url("notice_docx", conference)).status_code == 200
    # A reader is told "not allowed" (403), not "no such conference": he may read it.
    assert reporter_client.get(url("conclusion", conference)).status_code == 403
    assert reporter_client.post(url("close", conference)).status_code == 403
    item = conference.conclusion.items.first()
    assert reporter_client.post(url("item_task", conference, item.pk)).status_code == 403


def test_reader_cannot_create_conferences(reporter_client: Client) -> None:
    assert reporter_client.get(reverse("meetings:create")).status_code == 403


def test_chair_with_an_account_may_edit(client: Client, demo: dict[str, Organisation]) -> None:
    conference = demo_conference()
    chair_user = UserFactory()
    chair = conference.chair
    chair.user = chair_user
    chair.save()
    login(client, chair_user.username)
    assert client.get(url("detail", conference)).status_code == 200
    assert client.get(url("issue", conference)).status_code == 200


def test_office_journey(office_client: Client, demo: dict[str, Organisation]) -> None:
    response = office_client.post(
        reverse("meetings:create"),
        {
            "committee": demo["lb-qu"].pk,
            "kind": "standing",
            "title": "Hội nghị Ban Thường vụ tháng 10",
            "starts_at": "2020-10-06T08:00",
            "place": "Phòng họp số 1",
        },
    )
    conference = Conference.objects.get(title="Hội nghị Ban Thường vụ tháng 10")
    assert response.status_code == 302
    office_client.post(url("agenda_add", conference), {"title": "Công tác cán bộ"})
    office_client.post(
        url("invite", conference),
        {"organisations": [demo["lb-btc"].pk], "position_text": "Trưởng ban"},
    )
    invitation = conference.invitations.get()
    office_client.post(url("held", conference))
    office_client.post(
        url("attendance", conference),
        {f"attendance-{invitation.pk}": "excused", f"reason-{invitation.pk}": "Đi công tác"},
    )
    invitation.refresh_from_db()
    assert invitation.attendance == Attendance.EXCUSED

    # Closing with an item without outcome is refused, in Vietnamese.
    response = office_client.post(url("close", conference), follow=True)
    assert "Chưa thể kết thúc hội nghị" in response.content.decode()
    item = conference.agenda.get()
    office_client.post(
        url("minutes", conference, item.pk),
        {"discussion": "Thống nhất", "outcome_kind": "decision", "outcome": "Thông qua."},
    )
    office_client.post(
        url("conclusion", conference), {"preamble": "", "items": "1. Kiện toàn cán bộ."}
    )
    expected = next_notice()
    response = office_client.post(
        url("issue", conference),
        {
            "signer_authority": "T/L BAN THƯỜNG VỤ",
            "signer_title": "Chánh Văn phòng",
            "signer_name": "Nguyễn Văn Mẫu",
            "issued_on": "2020-10-07",
            "recipients": "Lưu VP.",
        },
    )
    assert response.status_code == 302
    docx = office_client.get(url("notice_docx", conference))
    number = expected.split("-")[0]
    assert docx["Content-Disposition"] == f'attachment; filename="thong-bao-{number}-TB-2020.docx"'
    doc = Document(io.BytesIO(docx.content))
    assert doc.tables[0].rows[0].cells[0].paragraphs[-1].text == f"Số {expected}"
    item = conference.conclusion.items.get()
    response = office_client.post(url("item_task", conference, item.pk))
    task = Task.objects.get(original_text="Kiện toàn cán bộ.")
    assert response["Location"] == reverse("assignments:detail", args=[task.pk])
    response = office_client.post(url("close", conference), follow=True)
    conference.refresh_from_db()
    assert conference.state == ConferenceState.CLOSED


def test_issuing_twice_through_the_page_shows_the_error(office_client: Client) -> None:
    conference = demo_conference()
    response = office_client.post(
        url("issue", conference),
        {
            "signer_authority": "T/M BAN THƯỜNG VỤ",
            "signer_title": "Phó Bí thư",
            "signer_name": "Ngô Mạnh Điềm",
            "issued_on": "2020-09-12",
        },
    )
    assert response.status_code == 200
    message = f"Thông báo này đã được ban hành với số {demo_notice()}."
    assert message in response.content.decode()


def test_bad_conference_form_keeps_input(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    count = Conference.objects.count()
    response = office_client.post(
        reverse("meetings:create"),
        {"committee": demo["lb-qu"].pk, "kind": "briefing", "title": "Giao ban", "starts_at": "x"},
    )
    assert response.status_code == 200
    assert "Giao ban" in response.content.decode()
    assert Conference.objects.count() == count


def test_attendance_export(office_client: Client) -> None:
    response = office_client.get(url("attendance_csv", demo_conference()))
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0] == "STT,Đại biểu,Mời với tư cách,Điểm danh"
    assert len(lines) == 20  # 15 units and 4 people invited by name
    assert "Ban Tổ chức Quận ủy Long Biên" in lines[1]
    assert lines[1].endswith("Có mặt")


@pytest.mark.skipif(
    __import__("shutil").which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_notice_pdf(office_client: Client) -> None:
    from dangvu.core import background

    response = office_client.get(url("notice_pdf", demo_conference()))
    assert response.status_code == 302  # to the page of the worker's job (core.background)
    background.run_pending()
    response = office_client.get(response["Location"] + "file/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_held_then_minutes_page_shows_revisions(
    office_client: Client, office: User, demo: dict[str, Organisation]
) -> None:
    from dangvu.meetings import services

    conference = services.conference_create(
        committee=demo["lb-qu"],
        kind="briefing",
        title="Giao ban",
        starts_at=dt.datetime(2020, 10, 1, 8, tzinfo=dt.UTC),
        by=office,
    )
    item = services.agenda_item_add(conference=conference, title="Việc A", by=office)
    held(conference, office)
    for outcome in ("Lần đầu", "Lần hai"):
        office_client.post(
            url("minutes", conference, item.pk),
            {"discussion": "", "outcome_kind": "information", "outcome": outcome},
        )
    page = office_client.get(url("minutes", conference, item.pk)).content.decode()
    assert "Các phiên bản" in page
    assert "Lần đầu" in page


def test_reader_gets_403_on_every_edit_door(reporter_client: Client) -> None:
    """The reader may see the conference, so its edit doors answer 403 (not 404), and the
    service refuses before writing anything."""
    conference = demo_conference()
    item = conference.agenda.get()
    before = AuditEntry.objects.count()
    marks = {f"attendance-{i.pk}": "absent" for i in conference.invitations.all()}
    for name, args, data in (
        ("minutes", [item.pk], None),
        ("issue", [], None),
        ("agenda_add", [], {"title": "Mục mới"}),
        ("invite", [], {"organisation": conference.committee_id}),
        ("attendance", [], marks),
        ("held", [], {}),
        ("send_invitations", [], {}),
    ):
        if data is None:
            response = reporter_client.get(url(name, conference, *args))
        else:
            response = reporter_client.post(url(name, conference, *args), data)
        assert response.status_code == 403, name
    assert AuditEntry.objects.count() == before
    assert conference.agenda.count() == 1


def test_outsider_gets_404_on_exports(client: Client, demo: dict[str, Organisation]) -> None:
    login(client, UserFactory().username)
    conference = demo_conference()
    assert client.get(url("attendance_csv", conference)).status_code == 404
    assert client.get(url("notice_pdf", conference)).status_code == 404


def test_send_invitations_page(
    office_client: Client,
    office: User,
    demo: dict[str, Organisation],
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from dangvu.meetings import services

    conference = services.conference_create(
        committee=demo["lb-qu"],
        kind="briefing",
        title="Giao ban tháng 11",
        starts_at=dt.datetime(2020, 11, 2, 1, tzinfo=dt.UTC),
        by=office,
    )
    person = org_services.person_create(
        full_name="Phạm Văn Mời", email="moi@example.org", by=policy.SYSTEM
    )
    org_services.position_assign(
        person=person,
        organisation=demo["lb-btc"],
        title="Phó ban",
        valid_from=dt.date(2020, 1, 1),
        by=policy.SYSTEM,
    )
    office_client.post(
        url("invite", conference), {"persons": [person.pk], "position_text": "Phó ban"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(url("send_invitations", conference), follow=True)
    assert "Đã gửi 1 giấy mời: qua thư điện tử cho cá nhân" in response.content.decode()
    from dangvu.notifications import outbox

    outbox.deliver()  # the worker's pass
    assert [m.to for m in mailoutbox] == [["moi@example.org"]]
    assert conference.invitations.get().emailed_at is not None


def test_office_edits_the_details(
    office_client: Client, office: User, demo: dict[str, Organisation]
) -> None:
    from dangvu.meetings import services

    conference = services.conference_create(
        committee=demo["lb-qu"],
        kind="briefing",
        title="Giao ban",
        starts_at=dt.datetime(2020, 11, 2, 1, tzinfo=dt.UTC),
        by=office,
    )
    page = office_client.get(url("update", conference)).content.decode()
    assert 'value="2020-11-02T08:00"' in page  # shown in Hà Nội time
    response = office_client.post(
        url("update", conference),
        {"kind": "thematic", "title": "Hội nghị chuyên đề", "starts_at": "2020-11-03T14:00"},
    )
    assert response.status_code == 302
    conference.refresh_from_db()
    assert (conference.kind, conference.title) == ("thematic", "Hội nghị chuyên đề")
    assert conference.starts_at == dt.datetime(2020, 11, 3, 7, tzinfo=dt.UTC)


def test_closed_conference_cannot_be_edited(office_client: Client) -> None:
    conference = demo_conference()
    response = office_client.post(
        url("update", conference),
        {"kind": "thematic", "title": "Đổi tên", "starts_at": "2020-09-11T08:00"},
    )
    assert response.status_code == 200
    assert "Hội nghị đã kết thúc, không thể thay đổi nữa." in response.content.decode()
    conference.refresh_from_db()
    assert conference.title != "Đổi tên"


def test_reader_cannot_edit_the_details(reporter_client: Client) -> None:
    assert reporter_client.get(url("update", demo_conference())).status_code == 403
