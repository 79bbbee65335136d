"""Issue 17, item 8 (first half): the office records progress on a unit's behalf, marked "do Văn
phòng cập nhật thay" with who did it; each role gets the answer the policy gives it."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.assignments import permissions, services
from dangvu.assignments.models import ProgressReport, Task
from dangvu.core import policy
from dangvu.org import services as org_services
from dangvu.org.enums import Role
from dangvu.org.models import Organisation
from tests.assignments.conftest import make_task

TODAY = dt.datetime(2020, 10, 20, 3, 0, tzinfo=dt.UTC)
MARK = "do Văn phòng cập nhật thay"


@pytest.fixture(autouse=True)
def _today():  # type: ignore[no-untyped-def]
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def task(demo: dict[str, Organisation]) -> Task:
    """Lead Ban Tuyên giáo, coordinating UBMTTQ quận; published."""
    return services.task_publish(task=make_task(demo), by=policy.SYSTEM)


@pytest.fixture
def front_reporter(demo: dict[str, Organisation]) -> User:
    """A reporter of the coordinating unit."""
    user = User.objects.create_user(username="bc-mttq", password="x", full_name="Cán bộ MTTQ")
    org_services.membership_grant(
        user=user, organisation=demo["lb-mttq"], role=Role.REPORTER, by=policy.SYSTEM
    )
    return user


def post(client: Client, user: User, task: Task, unit: Organisation, percent: int = 40):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client.post(
        reverse("assignments:progress", args=[task.pk]),
        {
            "unit": unit.pk,
            "reported_on": "20/10/2020",
            "done": "Đã tổ chức hội nghị quán triệt",
            "percent": percent,
        },
    )


@pytest.mark.parametrize("username", ["vanphong", "duyetbai", "quantri"])
@pytest.mark.parametrize("unit_code", ["lb-btg", "lb-mttq"])
def test_the_office_records_for_a_unit_marked_with_its_name(
    client: Client, demo: dict[str, Organisation], task: Task, username: str, unit_code: str
) -> None:
    user = User.objects.get(username=username)
    unit = demo[unit_code]
    client.force_login(user)
    html = client.get(reverse("assignments:detail", args=[task.pk])).content.decode()
    # The form is offered, for the lead unit and the coordinating unit alike.
    assert reverse("assignments:progress", args=[task.pk]) in html
    assert f'value="{demo["lb-btg"].pk}"' in html
    assert f'value="{demo["lb-mttq"].pk}"' in html
    assert "cập nhật thay cho đơn vị" in html
    response = post(client, user, task, unit)
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=task)
    assert report.unit == unit
    assert report.on_behalf is True
    assert report.created_by == user
    task.refresh_from_db()
    assert task.progress == (40 if unit_code == "lb-btg" else 0)
    html = client.get(reverse("assignments:detail", args=[task.pk])).content.decode()
    assert f"{MARK} ({user})" in html


@pytest.mark.parametrize("username", ["baocao", "truongban"])
def test_the_lead_units_own_people_report_unmarked(
    client: Client, demo: dict[str, Organisation], task: Task, username: str
) -> None:
    user = User.objects.get(username=username)
    assert post(client, user, task, demo["lb-btg"]).status_code == 302
    report = ProgressReport.objects.get(task=task)
    assert (report.on_behalf, report.created_by) == (False, user)
    html = client.get(reverse("assignments:detail", args=[task.pk])).content.decode()
    assert MARK not in html
    assert "cập nhật thay cho đơn vị" not in html


def test_a_coordinating_units_reporter_reports_for_it_only(
    client: Client, demo: dict[str, Organisation], task: Task, front_reporter: User
) -> None:
    assert post(client, front_reporter, task, demo["lb-mttq"]).status_code == 302
    assert ProgressReport.objects.get(task=task).on_behalf is False
    # Not for the lead unit: refused, nothing written.
    response = post(client, front_reporter, task, demo["lb-btg"])
    assert response.status_code == 403
    assert ProgressReport.objects.filter(task=task).count() == 1
    assert Task.objects.get(pk=task.pk).progress == 0


def test_a_reporter_does_not_report_for_another_unit_of_the_task(
    client: Client, demo: dict[str, Organisation], task: Task
) -> None:
    baocao = User.objects.get(username="baocao")
    response = post(client, baocao, task, demo["lb-mttq"])
    assert response.status_code == 403
    assert not ProgressReport.objects.exists()


def test_a_leader_reads_the_task_but_does_not_report(
    client: Client, demo: dict[str, Organisation], task: Task
) -> None:
    leader = User.objects.get(username="lanhdao")
    client.force_login(leader)
    html = client.get(reverse("assignments:detail", args=[task.pk])).content.decode()
    assert task.content in html
    assert reverse("assignments:progress", args=[task.pk]) not in html
    assert post(client, leader, task, demo["lb-btg"]).status_code == 403
    assert not ProgressReport.objects.exists()


def test_a_unit_outside_the_task_gets_404(
    client: Client, demo: dict[str, Organisation], task: Task
) -> None:
    ward = User.objects.get(username="phuongbode")
    assert post(client, ward, task, demo["lb-btg"]).status_code == 404
    assert not ProgressReport.objects.exists()


def test_anonymous_is_sent_to_login(client: Client, task: Task) -> None:
    response = client.post(reverse("assignments:progress", args=[task.pk]), {"percent": 10})
    assert response.status_code == 302
    assert not ProgressReport.objects.exists()


def test_the_policy_and_the_marking_per_role(
    demo: dict[str, Organisation], task: Task, front_reporter: User
) -> None:
    btg, front = demo["lb-btg"], demo["lb-mttq"]
    expected = {
        # user: (may report for btg, for the front, marked as on behalf for btg)
        "vanphong": (True, True, True),
        "duyetbai": (True, True, True),
        "quantri": (True, True, True),
        "baocao": (True, False, False),
        "truongban": (True, False, False),
        "bc-mttq": (False, True, True),
        "lanhdao": (False, False, True),
        "phuongbode": (False, False, True),
    }
    for username, (for_btg, for_front, marked) in expected.items():
        user = User.objects.get(username=username)
        units = permissions.reporting_units(user, task)
        assert (btg in units, front in units) == (for_btg, for_front), username
        assert permissions.records_on_behalf(user, btg) is marked, username
    assert permissions.records_on_behalf(policy.DEMO, btg) is False


def test_the_api_says_who_recorded_it(
    client: Client, demo: dict[str, Organisation], task: Task
) -> None:
    client.force_login(User.objects.get(username="vanphong"))
    response = client.post(
        f"/api/tasks/{task.pk}/progress",
        {"unit_id": demo["lb-mttq"].pk, "done": "Tổng hợp từ công văn của Mặt trận", "percent": 30},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["on_behalf"] is True
    listed = client.get(f"/api/tasks/{task.pk}/progress").json()
    assert [r["on_behalf"] for r in listed] == [True]
