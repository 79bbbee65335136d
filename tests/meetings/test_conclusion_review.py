"""One road from a conference's conclusion to its tasks (issue 12): the items go through the same
reading and review screen as a pasted conclusion, prefilled and matched to the units of the
conference's day; "Create tasks" makes them all or none, each traced to its item, with the
accepting authority set so that a complete item passes the 6-rõ check."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.assignments.checks import six_clear_gaps
from dangvu.assignments.models import Task
from dangvu.meetings import services
from dangvu.meetings.models import Conference
from dangvu.org.models import Organisation
from tests.assignments.test_conclusion_import import review_post
from tests.meetings.conftest import held


@pytest.fixture
def demo(demo_tree: dict[str, Organisation]) -> dict[str, Organisation]:
    """The demo's organisations and accounts, without the story's chapters: the conference and
    its conclusion are made here."""
    return demo_tree


PREAMBLE = "Hội nghị thống nhất giao các cơ quan, đơn vị thực hiện các nội dung sau:"
ITEMS = """1. Ban Tổ chức Quận ủy chủ trì, phối hợp UBKT Quận ủy hoàn thiện báo cáo công tác \
cán bộ, trước ngày 15/01/2021.
2. Ban Tuyên giáo Quận ủy xây dựng kế hoạch tuyên truyền đại hội, xong trong tháng 11/2020.
3. Tiếp tục theo dõi tình hình an ninh trật tự."""


@pytest.fixture
def concluded(conference: Conference, office: User) -> Conference:
    held(conference, office)
    services.conclusion_write(
        conference=conference,
        preamble=PREAMBLE,
        items=services.parse_items(ITEMS),
        by=office,
    )
    return conference


def url(conference: Conference) -> str:
    return reverse("meetings:conclusion_tasks", args=[conference.pk])


def test_review_prefills_each_item_from_the_same_reading(
    office_client: Client, concluded: Conference, demo: dict[str, Organisation]
) -> None:
    response = office_client.get(url(concluded))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<mark class="task-span"') == 3
    forms = response.context["formset"].forms
    first, second, third = (form.initial for form in forms)
    assert first["lead_unit"] == demo["lb-btc"].pk
    assert first["coordinating_units"] == [demo["lb-ubkt"].pk]
    assert first["deadline"] == dt.date(2021, 1, 15)
    assert first["deliverable"].startswith("báo cáo")
    assert first["conclusion_item"] == concluded.conclusion.items.get(number=1).pk
    assert second["lead_unit"] == demo["lb-btg"].pk
    assert second["deadline"] == dt.date(2020, 11, 30)
    assert third["lead_unit"] is None  # nothing invented
    assert response.context["review_form"].initial["authority"] == demo["lb-qu"]
    assert "còn thiếu" in html


def test_create_all_tasks_traced_to_their_items(
    office_client: Client, concluded: Conference, demo: dict[str, Organisation]
) -> None:
    data = review_post(office_client.get(url(concluded)))

    response = office_client.post(url(concluded), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=[concluded.pk])
    items = list(concluded.conclusion.items.order_by("number"))
    assert all(item.task_id is not None for item in items)
    tasks = [Task.objects.get(pk=item.task_id) for item in items]
    assert all(t.issued_on == dt.date(2020, 10, 2) for t in tasks)
    assert all(t.authority == demo["lb-qu"] for t in tasks)
    assert tasks[0].source_reference.endswith("mục 1")
    assert list(tasks[0].coordinating_units.all()) == [demo["lb-ubkt"]]
    # A complete item passes the 6-rõ check; the third names no unit nor product.
    assert six_clear_gaps(tasks[0]) == []
    assert six_clear_gaps(tasks[1]) == []
    gaps = {g.code for g in six_clear_gaps(tasks[2])}
    assert gaps == {"who", "when", "responsibility", "product"}
    detail = office_client.get(response["Location"]).content.decode()
    assert url(concluded) not in detail  # nothing left to review


def test_an_error_in_one_row_creates_nothing(office_client: Client, concluded: Conference) -> None:
    data = review_post(office_client.get(url(concluded)))
    data["form-1-deadline"] = "2020-01-01"  # before the conference

    response = office_client.post(url(concluded), data)

    assert response.status_code == 400
    assert "Nhiệm vụ 2" in response.content.decode()
    made = Task.objects.filter(source_kind="conclusion", issued_on=dt.date(2020, 10, 2))
    assert not made.exists()
    assert not concluded.conclusion.items.filter(task__isnull=False).exists()


def test_an_item_already_made_a_task_is_refused(
    office_client: Client, concluded: Conference, office: User
) -> None:
    data = review_post(office_client.get(url(concluded)))
    services.item_to_task(item=concluded.conclusion.items.get(number=3), by=office)
    before = Task.objects.count()

    response = office_client.post(url(concluded), data)

    assert response.status_code == 400
    assert "mục này đã được tạo thành nhiệm vụ" in response.content.decode()
    assert Task.objects.count() == before


def test_only_editors_of_the_conference(reporter_client: Client, concluded: Conference) -> None:
    """The reporter reads the conference (his unit is invited): 403, not 404."""
    assert reporter_client.get(url(concluded)).status_code == 403
    assert reporter_client.post(url(concluded), {}).status_code == 403


def test_the_service_refuses_someone_who_may_not_edit(
    concluded: Conference, demo: dict[str, Organisation]
) -> None:
    from django.core.exceptions import PermissionDenied

    reporter = User.objects.get(username="baocao")
    item = concluded.conclusion.items.get(number=3)
    rows: list[dict[str, Any]] = [{"content": item.text, "conclusion_item": item.pk}]
    with pytest.raises(PermissionDenied):
        services.conclusion_tasks_create(
            conclusion=concluded.conclusion, rows=rows, authority=None, by=reporter
        )
    assert not Task.objects.filter(original_text=item.text).exists()
