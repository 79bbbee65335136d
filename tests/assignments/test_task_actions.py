"""Issue 18, item 2: page state as data. `task_actions` decides which actions are open, for the
page and the API alike; one table-driven view runs the follow-up actions; a refused action comes
back in its own box (HTMX) with the message and what was typed."""

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.assignments import services
from dangvu.assignments.actions import FOLLOW_UP_ACTIONS, task_actions
from dangvu.assignments.models import DeadlineChange, Task
from dangvu.assignments.views import FOLLOW_UPS
from dangvu.core import policy
from dangvu.org.models import Organisation
from tests.assignments.conftest import make_task
from tests.conftest import login

TODAY = dt.datetime(2020, 12, 1, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def task(demo: dict[str, Organisation], office: User) -> Task:
    return services.task_publish(task=make_task(demo), by=office)


def boxes_on_page(client: Client, task: Task) -> list[str]:
    html = client.get(reverse("assignments:detail", args=[task.pk])).content.decode()
    return re.findall(r'id="action-(\w+)"', html)


def test_every_follow_up_action_has_a_row_of_the_table() -> None:
    assert list(FOLLOW_UPS) == list(FOLLOW_UP_ACTIONS)


def test_the_actions_by_role_and_state(
    demo: dict[str, Organisation], task: Task, office: User, reporter: User, leader: User
) -> None:
    draft = make_task(demo, content="Bản nháp")
    assert task_actions(office, draft).names == ["edit", "publish", "followers"]
    assert task_actions(office, task).names == [
        "edit",
        "report",
        "deadline",
        "suspend",
        "followers",
    ]
    assert task_actions(reporter, task).names == ["report", "propose"]
    assert task_actions(leader, task).names == ["deadline", "suspend"]  # a leader of the authority
    services.completion_propose(task=task, by=reporter, on=dt.date(2020, 11, 30))
    task.refresh_from_db()
    assert task_actions(reporter, task).names == ["report"]
    assert task_actions(office, task).names == [
        "edit",
        "report",
        "accept",
        "return",
        "deadline",
        "suspend",
        "followers",
    ]
    services.task_suspend(task=task, by=office, reason="Chờ chỉ đạo", on=dt.date(2020, 11, 30))
    task.refresh_from_db()
    assert task_actions(office, task).names == ["edit", "deadline", "resume", "followers"]
    assert task_actions(reporter, task).names == []


@pytest.mark.parametrize("username", ["vanphong", "baocao", "lanhdao"])
def test_the_page_and_the_api_show_what_task_actions_says(
    client: Client, task: Task, username: str
) -> None:
    user = User.objects.get(username=username)
    login(client, username)
    actions = task_actions(user, task)
    assert boxes_on_page(client, task) == actions.follow_up
    api = client.get(f"/api/tasks/{task.pk}").json()
    assert api["actions"] == actions.names


def test_a_refused_action_comes_back_in_its_box_with_what_was_typed(
    office_client: Client, task: Task
) -> None:
    url = reverse("assignments:deadline", args=[task.pk])
    typed = {
        "new_deadline": "1/9/2020",  # before the day the task was given
        "reason": "Chờ ý kiến của Ban Thường vụ",
        "approved_by": "Thường trực Quận ủy",
        "on": "30/11/2020",
    }
    response = office_client.post(url, typed, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#action-deadline"
    body = response.content.decode()
    assert body.startswith('<details class="action-box" id="action-deadline" open>')
    assert "<html" not in body
    assert "Thời hạn" in body
    assert 'class="error"' in body
    assert "Chờ ý kiến của Ban Thường vụ" in body
    assert 'value="Thường trực Quận ủy"' in body
    assert not DeadlineChange.objects.exists()
    # Without HTMX: the whole page, the box open with the same values (400).
    response = office_client.post(url, typed)
    assert response.status_code == 400
    assert "Chờ ý kiến của Ban Thường vụ" in response.content.decode()


def test_a_done_action_swaps_the_task_body_and_its_timeline(
    office_client: Client, task: Task
) -> None:
    response = office_client.post(
        reverse("assignments:suspend", args=[task.pk]),
        {"on": "30/11/2020", "reason": "Chờ chỉ đạo"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="task-body">')
    assert "Đã tạm dừng nhiệm vụ." in body
    assert 'id="action-resume"' in body
    assert 'id="action-suspend"' not in body
    assert 'id="progress-section" class="progress-section" hx-swap-oob="true"' in body
    assert Task.objects.get(pk=task.pk).suspended_on == dt.date(2020, 11, 30)
    # Resume is a row of the table too: a button, no fields.
    response = office_client.post(reverse("assignments:resume", args=[task.pk]))
    assert response.status_code == 302
    assert Task.objects.get(pk=task.pk).suspended_on is None


def test_the_table_view_keeps_the_refusals(
    client: Client, demo: dict[str, Organisation], task: Task
) -> None:
    """A user the action is not open to gets 403 whatever is posted; unknown actions 404."""
    login(client, "baocao")
    for name in ("deadline", "suspend", "followers"):
        url = reverse(f"assignments:{name}", args=[task.pk])
        assert client.post(url, {}, HTTP_HX_REQUEST="true").status_code == 403
    services.task_suspend(task=task, by=policy.SYSTEM, reason="x", on=dt.date(2020, 11, 30))
    assert client.post(reverse("assignments:resume", args=[task.pk])).status_code == 403
    assert Task.objects.get(pk=task.pk).suspended_on is not None
