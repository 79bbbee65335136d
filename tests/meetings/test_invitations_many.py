"""Invitations and attendance as the office works (issue 17): many units and persons at once,
a reason whenever nothing is sent, attendance per person with the reason of an absence, and a
refused form that keeps what was chosen and typed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.core import policy
from dangvu.meetings import services
from dangvu.meetings.enums import Attendance
from dangvu.meetings.models import Conference
from dangvu.org import services as org_services
from dangvu.org.models import Organisation, Person
from tests.conftest import login
from tests.meetings.conftest import held


@pytest.fixture
def demo(db: None) -> dict[str, Organisation]:
    """The tree and the accounts only (each test makes the conference it needs)."""
    from dangvu.demo import scenario

    return scenario.load(chapters=())


def person(demo: dict[str, Organisation], name: str, code: str, email: str = "") -> Person:
    someone = org_services.person_create(full_name=name, email=email, by=policy.SYSTEM)
    org_services.position_assign(
        person=someone,
        organisation=demo[code],
        title="Trưởng ban",
        valid_from=dt.date(2020, 1, 1),
        by=policy.SYSTEM,
    )
    return someone


def invite_url(conference: Conference) -> str:
    return reverse("meetings:invite", args=[conference.pk])


def texts(response: object) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


def test_many_units_and_persons_in_one_post(
    office_client: Client, conference: Conference, demo: dict[str, Organisation]
) -> None:
    hoa = person(demo, "Trần Thị Hoa", "lb-bdv")
    response = office_client.post(
        invite_url(conference),
        {
            "organisations": [demo["lb-vp"].pk, demo["lb-ubkt"].pk, demo["lb-btg"].pk],
            "persons": [hoa.pk],
            "position_text": "Lãnh đạo",
        },
    )

    assert response.status_code == 302
    invited = conference.invitations.all()
    codes = {i.organisation.code for i in invited if i.organisation}
    assert {"lb-vp", "lb-ubkt", "lb-btg", "lb-btc"} == codes
    assert invited.get(person=hoa).position_text == "Lãnh đạo"
    said = texts(response)
    assert ("success", "Đã thêm 3 giấy mời.") in said
    assert any(level == "info" and "Ban Tuyên giáo" in text for level, text in said)


def test_a_unit_outside_the_committee_refuses_all_and_keeps_the_choice(
    office_client: Client, conference: Conference, demo: dict[str, Organisation]
) -> None:
    before = conference.invitations.count()
    response = office_client.post(
        invite_url(conference),
        {
            "organisations": [demo["lb-vp"].pk, demo["hn-tu"].pk],
            "position_text": "Lãnh đạo",
        },
    )

    assert response.status_code == 400
    form = response.context["invitation_form"]
    assert form.errors["organisations"]
    assert {str(pk) for pk in form["organisations"].value()} == {
        str(demo["lb-vp"].pk),
        str(demo["hn-tu"].pk),
    }
    assert form["position_text"].value() == "Lãnh đạo"
    assert conference.invitations.count() == before


def test_the_service_names_the_unit_outside_and_writes_nothing(
    conference: Conference, office: User, demo: dict[str, Organisation]
) -> None:
    before = conference.invitations.count()

    with pytest.raises(ValidationError) as error:
        services.invitations_add(
            conference=conference, organisations=[demo["lb-vp"], demo["hn-tu"]], by=office
        )

    assert "Thành ủy Hà Nội không thuộc Quận ủy Long Biên" in str(error.value)
    assert conference.invitations.count() == before


def test_nothing_chosen_is_said_beside_the_form(
    office_client: Client, conference: Conference
) -> None:
    response = office_client.post(invite_url(conference), {"position_text": "Khách mời"})

    assert response.status_code == 400
    assert "Chọn các tổ chức hoặc cá nhân" in response.content.decode()
    assert response.context["invitation_form"]["position_text"].value() == "Khách mời"


def test_only_already_invited_is_a_refusal_naming_them(
    conference: Conference, office: User, demo: dict[str, Organisation]
) -> None:
    with pytest.raises(ValidationError) as error:
        services.invitations_add(conference=conference, organisations=[demo["lb-btg"]], by=office)
    assert "Ban Tuyên giáo" in str(error.value)


@pytest.mark.parametrize("username", ["baocao", "truongban", "lanhdao"])
def test_other_roles_cannot_invite(
    client: Client, conference: Conference, demo: dict[str, Organisation], username: str
) -> None:
    login(client, username)
    before = conference.invitations.count()

    response = client.post(invite_url(conference), {"organisations": [demo["lb-vp"].pk]})

    assert response.status_code in (403, 404)
    assert conference.invitations.count() == before


def test_the_service_refuses_a_reader(
    conference: Conference, demo: dict[str, Organisation]
) -> None:
    with pytest.raises(PermissionDenied):
        services.invitations_add(
            conference=conference,
            organisations=[demo["lb-vp"]],
            by=User.objects.get(username="baocao"),
        )


def test_sending_nothing_is_a_warning_with_the_reason(
    office_client: Client, conference: Conference, demo: dict[str, Organisation]
) -> None:
    person(demo, "Lê Văn Không", "lb-bdv")
    # boards whose people have accounts are told through them; one with nobody: its letter
    conference.invitations.all().delete()
    services.invitation_add(
        conference=conference, organisation=demo["lb-bdv"], by=User.objects.get(username="vanphong")
    )
    services.invitations_add(
        conference=conference,
        persons=Person.objects.filter(full_name="Lê Văn Không"),
        by=User.objects.get(username="vanphong"),
    )

    response = office_client.post(reverse("meetings:send_invitations", args=[conference.pk]))

    said = texts(response)
    assert [level for level, _text in said] == ["warning"]
    text = said[0][1]
    assert "Không gửi được giấy mời nào qua thư điện tử." in text
    assert "1 tổ chức" in text  # Ban Dân vận has no account: its letter is printed
    assert "Lê Văn Không" in text  # no address
    assert "Đã gửi 0" not in text


def test_nobody_invited_says_so(
    office_client: Client, office: User, conference: Conference
) -> None:
    conference.invitations.all().delete()

    response = office_client.post(reverse("meetings:send_invitations", args=[conference.pk]))

    assert texts(response) == [
        ("warning", "Không gửi được giấy mời nào qua thư điện tử. Chưa mời ai.")
    ]


def test_some_sent_says_who_was_not(
    office_client: Client, conference: Conference, demo: dict[str, Organisation], office: User
) -> None:
    someone = person(demo, "Phạm Thị Thư", "lb-bdv", email="thu@example.org")
    services.invitations_add(conference=conference, persons=[someone], by=office)

    response = office_client.post(reverse("meetings:send_invitations", args=[conference.pk]))

    said = texts(response)
    # the person by e-mail, Ban Tuyên giáo through its people's accounts
    assert said[0] == (
        "success",
        "Đã gửi 2 giấy mời: qua thư điện tử cho cá nhân; qua thông báo trong hệ thống và thư "
        "tổng hợp cho cán bộ của tổ chức được mời.",
    )
    # Ban Tổ chức has no account in this world: its letter is printed
    assert any(level == "info" and "1 tổ chức" in text for level, text in said[1:])


def test_attendance_per_person_keeps_everything_when_a_reason_is_missing(
    office_client: Client, conference: Conference, demo: dict[str, Organisation], office: User
) -> None:
    people = [person(demo, "Đỗ Văn Một", "lb-bdv"), person(demo, "Đỗ Văn Hai", "lb-vp")]
    services.invitations_add(conference=conference, persons=people, by=office)
    held(conference, office)
    one, two = (conference.invitations.get(person=p) for p in people)
    data = {f"attendance-{i.pk}": Attendance.PRESENT for i in conference.invitations.all()}
    data |= {
        f"attendance-{one.pk}": Attendance.ABSENT,
        f"reason-{one.pk}": "Không báo",
        f"attendance-{two.pk}": Attendance.EXCUSED,
        f"reason-{two.pk}": "",
    }

    response = office_client.post(reverse("meetings:attendance", args=[conference.pk]), data)

    assert response.status_code == 400
    form = response.context["attendance_form"]
    assert "vắng có lý do" in " ".join(form.errors[f"reason-{two.pk}"])
    assert form[f"attendance-{one.pk}"].value() == Attendance.ABSENT
    assert form[f"reason-{one.pk}"].value() == "Không báo"
    html = response.content.decode()
    assert 'value="Không báo"' in html
    one.refresh_from_db()
    assert one.attendance == Attendance.UNKNOWN  # nothing saved

    data[f"reason-{two.pk}"] = "Đi học lớp trung cấp lý luận"
    assert (
        office_client.post(reverse("meetings:attendance", args=[conference.pk]), data).status_code
        == 302
    )
    two.refresh_from_db()
    assert (two.attendance, two.note) == (Attendance.EXCUSED, "Đi học lớp trung cấp lý luận")


def test_a_reader_cannot_record_attendance(
    client: Client, conference: Conference, office: User
) -> None:
    held(conference, office)
    login(client, "baocao")
    invitation = conference.invitations.first()
    assert invitation is not None

    response = client.post(
        reverse("meetings:attendance", args=[conference.pk]),
        {f"attendance-{invitation.pk}": Attendance.ABSENT, f"reason-{invitation.pk}": "x"},
    )

    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.attendance == Attendance.UNKNOWN
