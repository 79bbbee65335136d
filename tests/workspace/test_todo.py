"""Việc cần làm: each role's home page lists what is waiting for it, and nothing of others."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from dangvu.assignments import services as task_services
from dangvu.core import policy
from dangvu.org import services as org_services
from dangvu.org.enums import Role
from dangvu.reports import services as report_services
from dangvu.reports.enums import PeriodKind
from dangvu.workspace.todo import todo_for
from tests.factories import OrganisationFactory, UserFactory

TODAY = dt.date(2020, 11, 20)


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    with time_machine.travel(dt.datetime(2020, 11, 1, 9, tzinfo=dt.UTC), tick=False):
        committee = OrganisationFactory(name="Đảng ủy phường Mẫu", valid_from=dt.date(2020, 1, 1))
        unit = OrganisationFactory(
            name="Ban Xây dựng Đảng", parent=committee, valid_from=dt.date(2020, 1, 1)
        )
        other = OrganisationFactory(
            name="Ủy ban Kiểm tra", parent=committee, valid_from=dt.date(2020, 1, 1)
        )
        people = {}
        for name, org, role in [
            ("office", committee, Role.OFFICE),
            ("reporter", unit, Role.REPORTER),
            ("head", unit, Role.HEAD),
            ("leader", committee, Role.LEADER),
            ("stranger", other, Role.REPORTER),
        ]:
            people[name] = UserFactory(username=name)
            org_services.membership_grant(
                user=people[name], organisation=org, role=role, by=policy.SYSTEM
            )
        period = report_services.period_create(
            committee=committee,
            kind=PeriodKind.QUARTER,
            number=4,
            year=2020,
            due_on=dt.date(2020, 11, 15),
            by=policy.SYSTEM,
        )
        report_services.contributions_request(period=period, units=[unit], by=policy.SYSTEM)
        late = task_services.task_create(
            committee=committee,
            content="Rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2020-2025",
            by=policy.SYSTEM,
            issued_on=dt.date(2020, 9, 11),
            lead_unit=unit,
            deadline=dt.date(2020, 10, 31),
            deliverable="Báo cáo kết quả rà soát",
            authority=committee,
        )
        task_services.task_publish(task=late, by=policy.SYSTEM, at=timezone.now())
    return {"committee": committee, "unit": unit, "period": period, "task": late, **people}


def _keys(user: Any) -> dict[str, list[str]]:
    with time_machine.travel(dt.datetime(2020, 11, 20, 9, tzinfo=dt.UTC), tick=False):
        return {g.key: [i.title for i in g.items] for g in todo_for(user)}


def test_reporter_is_asked_to_write_the_report_and_report_progress(world: dict[str, Any]) -> None:
    todo = _keys(world["reporter"])
    assert todo["contributions_to_write"] == [world["period"].title]
    assert todo["tasks_to_report"] == ["Rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2020-2025"]
    assert "contributions_to_accept" not in todo
    assert "tasks_overdue" not in todo


def test_office_sees_the_overdue_task_and_nothing_of_a_unit(world: dict[str, Any]) -> None:
    todo = _keys(world["office"])
    assert todo["tasks_overdue"] == ["Rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2020-2025"]
    assert "contributions_to_write" not in todo
    assert "contributions_to_accept" not in todo  # nothing submitted yet


def test_a_submitted_report_moves_from_the_unit_to_the_office(world: dict[str, Any]) -> None:
    contribution = world["period"].contributions.get()
    with time_machine.travel(dt.datetime(2020, 11, 10, 9, tzinfo=dt.UTC), tick=False):
        report_services.contribution_send_to_head(contribution=contribution, by=world["reporter"])
    assert "contributions_to_write" not in _keys(world["reporter"])
    assert _keys(world["head"])["contributions_to_submit"] == [world["period"].title]
    with time_machine.travel(dt.datetime(2020, 11, 10, 10, tzinfo=dt.UTC), tick=False):
        report_services.contribution_submit(contribution=contribution, by=world["head"])
    assert _keys(world["office"])["contributions_to_accept"] == [world["period"].title]
    assert "contributions_to_submit" not in _keys(world["head"])


def test_a_proposed_completion_waits_for_the_office_and_the_leader(world: dict[str, Any]) -> None:
    task_services.completion_propose(
        task=world["task"], by=world["head"], on=dt.date(2020, 11, 18), note="Đã xong"
    )
    assert _keys(world["office"])["tasks_to_accept"] == [world["task"].content]
    assert _keys(world["leader"])["tasks_to_accept"] == [world["task"].content]
    assert "tasks_to_report" not in _keys(world["reporter"])


def test_someone_elses_unit_sees_nothing(world: dict[str, Any]) -> None:
    assert _keys(world["stranger"]) == {}


def test_home_page_lists_the_groups(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["reporter"])
    with time_machine.travel(dt.datetime(2020, 11, 20, 9, tzinfo=dt.UTC), tick=False):
        page = client.get("/").content.decode()
    assert "Việc cần làm" in page
    assert "Báo cáo cần viết" in page
    assert "quá hạn từ" in page
    assert f'href="/tasks/{world["task"].pk}/"' in page
