"""Optimistic locking of contributions: two people saving one unit's contribution; the second
gets 409 with who saved and what differs, keeps what they typed, and overwrites nothing (before,
the second silently wiped the first)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.core.locking import EditConflict
from dangvu.reports import services
from dangvu.reports.models import Period
from tests.conftest import login
from tests.reports.conftest import contribution_of


def _token(page: str) -> str:
    match = re.search(r'name="base_token" value="([^"]*)"', page)
    assert match is not None
    return match.group(1)


def test_second_save_of_a_contribution_gets_409(period: Period) -> None:
    contribution = contribution_of(period, "lb-btg")
    topic = period.sections.filter(role="topic").first()
    assert topic is not None
    url = reverse("reports:contribution", args=[contribution.pk])
    first, second = Client(), Client()
    login(first, "baocao")
    login(second, "truongban")
    token_first = _token(first.get(url).content.decode())
    token_second = _token(second.get(url).content.decode())
    assert token_first == token_second != ""

    response = first.post(
        url, {f"s{topic.pk}-results": "Bản của báo cáo viên", "base_token": token_first}
    )
    assert response.status_code == 302
    response = second.post(
        url, {f"s{topic.pk}-results": "Bản của văn phòng", "base_token": token_second}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Bản của văn phòng" in page  # what was typed is kept
    assert topic.title in page  # what differs
    assert "baocao" in page or "Cán bộ tổng hợp" in page  # who saved
    entry = contribution.entries.get()
    assert entry.results == "<p>Bản của báo cáo viên</p>"
    # Reloading gives the new token; saving again works.
    token = _token(second.get(url).content.decode())
    assert token != token_second
    response = second.post(url, {f"s{topic.pk}-results": "Bản mới", "base_token": token})
    assert response.status_code == 302


def test_service_refuses_a_stale_token(period: Period) -> None:
    from dangvu.accounts.models import User
    from dangvu.core.locking import token

    contribution = contribution_of(period, "lb-btg")
    office = User.objects.get(username="baocao")  # the unit's reporter writes it
    stale = token(contribution)
    services.contribution_save(contribution=contribution, entries={}, values={}, by=office)
    with pytest.raises(EditConflict):
        services.contribution_save(
            contribution=contribution, entries={}, values={}, by=office, base_token=stale
        )


def test_second_writer_of_minutes_gets_409(conference: Any, office: Any) -> None:
    from tests.meetings.test_services import held

    held(conference, office)
    item = conference.agenda.get()
    url = reverse("meetings:minutes", args=[conference.pk, item.pk])
    first, second = Client(), Client()
    login(first, "vanphong")
    login(second, "vanphong")  # the same office, two tabs or two people
    for client in (first, second):
        assert 'name="base_revision" value="0"' in client.get(url).content.decode()
    response = first.post(
        url,
        {"discussion": "Ý kiến thứ nhất", "outcome_kind": "", "outcome": "", "base_revision": 0},
    )
    assert response.status_code == 302
    response = second.post(
        url,
        {"discussion": "Ý kiến thứ hai", "outcome_kind": "", "outcome": "", "base_revision": 0},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Ý kiến thứ hai" in page
    assert 'name="base_revision" value="1"' in page
    item.refresh_from_db()
    assert item.discussion == "<p>Ý kiến thứ nhất</p>"  # minutes are rich text
    assert item.revisions.count() == 1
    # Saving again after reading the message overwrites on purpose.
    response = second.post(
        url,
        {"discussion": "Ý kiến thứ hai", "outcome_kind": "", "outcome": "", "base_revision": 1},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.discussion == "<p>Ý kiến thứ hai</p>"


def test_second_editor_of_a_task_gets_409(demo: Any) -> None:
    from dangvu.assignments.models import Task
    from tests.assignments.conftest import make_task

    task = make_task(demo)
    url = reverse("assignments:update", args=[task.pk])

    def data(content: str, token: str) -> dict[str, Any]:
        return {
            "content": content,
            "source_kind": task.source_kind,
            "source_reference": task.source_reference,
            "issued_on": task.issued_on.isoformat(),
            "lead_unit": task.lead_unit_id,
            "coordinating_units": [u.pk for u in task.coordinating_units.all()],
            "deadline": task.deadline.isoformat() if task.deadline else "",
            "deliverable": task.deliverable,
            "authority": task.authority_id,
            "priority": task.priority,
            "base_token": token,
        }

    first, second = Client(), Client()
    login(first, "vanphong")
    login(second, "vanphong")
    token = _token(first.get(url).content.decode())
    assert token == _token(second.get(url).content.decode())
    assert first.post(url, data("Nội dung của người thứ nhất", token)).status_code == 302
    response = second.post(url, data("Nội dung của người thứ hai", token))
    assert response.status_code == 409
    assert "Nội dung của người thứ hai" in response.content.decode()
    assert Task.objects.get(pk=task.pk).content == "Nội dung của người thứ nhất"
