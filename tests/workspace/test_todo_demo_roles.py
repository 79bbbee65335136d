"""Việc cần làm on the demo: each of its roles (office, unit reporter, unit head, leader, a
conference's delegate) finds on the home page what is waiting for it, at each step of the cycle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from dangvu.assignments import services as task_services
from dangvu.meetings import services as meeting_services
from dangvu.meetings.enums import ConferenceKind
from dangvu.org.models import Organisation
from dangvu.reports import services as report_services
from dangvu.reports.models import Contribution, Period
from dangvu.workspace.todo import todo_for

DAY = dt.datetime(2020, 11, 20, 9, tzinfo=dt.UTC)


@pytest.fixture
def story(demo_story: dict[str, Organisation]) -> Iterator[dict[str, Any]]:
    with time_machine.travel(DAY, tick=False):
        users = {u.username: u for u in get_user_model().objects.all()}
        yield {"orgs": demo_story, **users}


def _titles(user: Any) -> dict[str, list[str]]:
    return {g.key: [i.title for i in g.items] for g in todo_for(user)}


def _requested(story: dict[str, Any]) -> Contribution:
    """The office asks Ban Tuyên giáo for its part of the year's report."""
    period = Period.objects.get(title="Báo cáo năm 2020")
    report_services.contributions_request(
        period=period, units=[story["orgs"]["lb-btg"]], by=story["vanphong"]
    )
    return period.contributions.get(unit__code="lb-btg")


def test_unit_reporter_is_asked_to_write_the_requested_report(story: dict[str, Any]) -> None:
    contribution = _requested(story)
    assert contribution.period.title in _titles(story["baocao"])["contributions_to_write"]
    # the head is not asked anything until the reporter sends it
    assert "contributions_to_submit" not in _titles(story["truongban"])


def test_unit_head_sees_the_report_the_reporter_sent_him(story: dict[str, Any]) -> None:
    contribution = _requested(story)
    report_services.contribution_send_to_head(contribution=contribution, by=story["baocao"])
    assert _titles(story["truongban"])["contributions_to_submit"] == [contribution.period.title]
    assert "contributions_to_write" not in _titles(story["baocao"])
    # not yet the office's business
    assert contribution.period.title not in _titles(story["vanphong"]).get(
        "contributions_to_accept", []
    )
    client = Client()
    client.force_login(story["truongban"])
    page = client.get("/").content.decode()
    assert 'id="todo-contributions_to_submit"' in page
    assert f'href="/reports/contributions/{contribution.pk}/"' in page


def test_office_sees_the_report_the_head_submitted(story: dict[str, Any]) -> None:
    contribution = _requested(story)
    report_services.contribution_send_to_head(contribution=contribution, by=story["baocao"])
    report_services.contribution_submit(contribution=contribution, by=story["truongban"])
    assert contribution.period.title in _titles(story["vanphong"])["contributions_to_accept"]
    assert "contributions_to_submit" not in _titles(story["truongban"])


def _btg_task(story: dict[str, Any]) -> Any:
    orgs = story["orgs"]
    task = task_services.task_create(
        committee=orgs["lb-qu"],
        content="Tổ chức tuyên truyền kết quả Đại hội (kiểm thử việc cần làm)",
        by=story["vanphong"],
        issued_on=dt.date(2020, 11, 2),
        lead_unit=orgs["lb-btg"],
        deadline=dt.date(2020, 12, 31),
        deliverable="Báo cáo kết quả",
        authority=orgs["lb-qu"],
    )
    return task_services.task_publish(task=task, by=story["vanphong"], at=timezone.now())


def test_leader_is_asked_to_accept_a_proposed_completion(story: dict[str, Any]) -> None:
    task = _btg_task(story)
    assert task.content in _titles(story["baocao"])["tasks_to_report"]
    assert task.content not in _titles(story["lanhdao"]).get("tasks_to_accept", [])
    task_services.completion_propose(task=task, by=story["truongban"], note="Đã xong")
    assert task.content in _titles(story["lanhdao"])["tasks_to_accept"]
    assert task.content in _titles(story["vanphong"])["tasks_to_accept"]


def test_delegate_sees_the_conference_entrusted_to_them(story: dict[str, Any]) -> None:
    conference = meeting_services.conference_create(
        committee=story["orgs"]["lb-qu"],
        kind=ConferenceKind.PLENUM,
        title="Hội nghị Ban Chấp hành (kiểm thử việc cần làm)",
        starts_at=timezone.now() + dt.timedelta(days=5),
        by=story["vanphong"],
    )
    delegate = story["bantochuc"]
    assert conference.title not in str(_titles(delegate))
    meeting_services.conference_delegates_set(
        conference=conference, users=[delegate], by=story["vanphong"]
    )
    assert _titles(delegate)["conferences"] == [conference.title]
    assert conference.title in _titles(story["vanphong"])["conferences"]
