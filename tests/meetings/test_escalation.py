"""Issue 10's escalation: a delegate who is a unit reporter edits the conference's record but
does not give the committee tasks (the task rule, `task.create` on the committee, applies)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.assignments.models import Task
from dangvu.core import policy
from dangvu.meetings import services
from dangvu.meetings.models import Conference
from dangvu.org.models import Organisation
from tests.conftest import login


@pytest.fixture
def demo(demo_tree: dict[str, Organisation]) -> dict[str, Organisation]:
    """The demo's organisations and accounts, without the story's chapters: the conference and
    its items are made here."""
    return demo_tree


@pytest.fixture
def with_conclusion(conference: Conference, office: User) -> Conference:
    services.conference_mark_held(conference=conference, by=office)
    services.conclusion_write(
        conference=conference,
        preamble="Kết luận",
        items=services.parse_items("1. Ban Tuyên giáo tổng hợp ý kiến trước 30/10/2020."),
        by=office,
    )
    conference.delegates.add(User.objects.get(username="baocao"))
    return conference


def test_a_delegate_reporter_cannot_turn_an_item_into_a_committee_task(
    client: Client, with_conclusion: Conference
) -> None:
    reporter = User.objects.get(username="baocao")
    assert policy.allowed(reporter, "conference.edit", with_conclusion)  # he edits the record
    assert not policy.allowed(reporter, "task.create", with_conclusion.committee)
    item = with_conclusion.conclusion.items.get()
    tasks = Task.objects.count()

    login(client, "baocao")
    response = client.post(
        reverse("meetings:item_task", args=[with_conclusion.pk, item.pk]), follow=False
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.item_to_task(item=item, by=reporter)
    item.refresh_from_db()
    assert item.task_id is None
    assert Task.objects.count() == tasks


def test_the_office_turns_the_item_into_a_task(client: Client, with_conclusion: Conference) -> None:
    item = with_conclusion.conclusion.items.get()
    login(client, "vanphong")
    response = client.post(reverse("meetings:item_task", args=[with_conclusion.pk, item.pk]))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.task is not None
    assert item.task.committee_id == with_conclusion.committee_id
