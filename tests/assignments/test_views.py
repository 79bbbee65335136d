import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.assignments import services
from dangvu.assignments.models import Task
from dangvu.org.models import Organisation
from tests.assignments.conftest import make_task


def test_anonymous_is_sent_to_login(client: Client, db: None) -> None:
    response = client.get(reverse("assignments:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_list_shows_tasks_and_their_gaps(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    make_task(demo, content="Nhiệm vụ đầy đủ")
    make_task(demo, content="Nhiệm vụ thiếu chủ trì", lead_unit=None, lead_text="các đơn vị")
    html = office_client.get(reverse("assignments:list")).content.decode()
    assert "Nhiệm vụ đầy đủ" in html
    assert "Nhiệm vụ thiếu chủ trì" in html
    assert "Rõ người: chưa có đơn vị chủ trì" in html
    html = office_client.get(reverse("assignments:list"), {"six_clear": "gaps"}).content.decode()
    assert "Nhiệm vụ thiếu chủ trì" in html
    assert "Nhiệm vụ đầy đủ" not in html


def test_list_query_count_does_not_grow(
    office_client: Client, demo: dict[str, Organisation], django_assert_num_queries: Any
) -> None:
    make_task(demo)
    office_client.get(reverse("assignments:list"))  # warm the session and caches
    with django_assert_num_queries(7) as first:
        office_client.get(reverse("assignments:list"))
    for n in range(5):
        make_task(demo, content=f"Thêm nhiệm vụ {n}", coordinating_units=[demo["lb-doan"]])
    with django_assert_num_queries(len(first.captured_queries)):
        office_client.get(reverse("assignments:list"))


def test_list_is_paginated(office_client: Client, demo: dict[str, Organisation]) -> None:
    for n in range(27):
        make_task(demo, content=f"Nhiệm vụ số {n:02d}")
    html = office_client.get(reverse("assignments:list"), {"page": 2}).content.decode()
    assert len(re.findall(r'href="/tasks/\d+/"', html)) == 2
    assert "Trang 2/2" in html


def test_office_creates_a_task(office_client: Client, demo: dict[str, Organisation]) -> None:
    form_html = office_client.get(reverse("assignments:create")).content.decode()
    for label in ["Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn", "Sản phẩm"]:
        assert f">{label}" in form_html
    response = office_client.post(
        reverse("assignments:create"),
        {
            "committee": demo["lb-qu"].pk,
            "content": "Tổng kết công tác năm 2020",
            "source_kind": "manual",
            "issued_on": "2020-10-01",
            "lead_unit": demo["lb-vp"].pk,
            "coordinating_units": [demo["lb-btc"].pk, demo["lb-btg"].pk],
            "deadline": "31/12/2020",
            "deliverable": "Báo cáo tổng kết",
            "authority": demo["lb-qu"].pk,
            "priority": "high",
        },
    )
    task = Task.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assignments:detail", args=[task.pk])
    assert task.deadline == dt.date(2020, 12, 31)
    assert task.coordinating_units.count() == 2
    html = office_client.get(response["Location"]).content.decode()
    assert "Tổng kết công tác năm 2020" in html
    assert "Đủ 6 rõ" in html


def test_bad_create_keeps_what_was_typed(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    response = office_client.post(
        reverse("assignments:create"),
        {
            "committee": demo["lb-qu"].pk,
            "content": "Nội dung đã gõ",
            "source_kind": "manual",
            "issued_on": "2020-10-01",
            "deadline": "2020-09-01",
            "priority": "normal",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nội dung đã gõ" in html
    assert "Thời hạn không được trước ngày giao nhiệm vụ" in html
    assert not Task.objects.exists()


def test_office_edits_a_task(office_client: Client, demo: dict[str, Organisation]) -> None:
    task = make_task(demo, deliverable="")
    url = reverse("assignments:update", args=[task.pk])
    assert "Kế hoạch" not in office_client.get(url).content.decode().split("deliverable")[-1][:80]
    data = {
        "content": task.content,
        "source_kind": task.source_kind,
        "source_reference": task.source_reference,
        "issued_on": "2020-09-11",
        "lead_unit": demo["lb-btg"].pk,
        "coordinating_units": [demo["lb-mttq"].pk],
        "deadline": "2020-12-31",
        "deliverable": "Kế hoạch tuyên truyền",
        "authority": demo["lb-qu"].pk,
        "priority": "normal",
    }
    assert office_client.post(url, data).status_code == 302
    task.refresh_from_db()
    assert task.deliverable == "Kế hoạch tuyên truyền"


def test_publish_needs_a_reason_when_unclear(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    task = make_task(demo, authority=None)
    url = reverse("assignments:publish", args=[task.pk])
    response = office_client.post(url, {"waiver_reason": ""})
    assert response.status_code == 400
    assert "Rõ thẩm quyền" in response.content.decode()
    task.refresh_from_db()
    assert task.published_at is None
    response = office_client.post(url, {"waiver_reason": "Thường trực sẽ nghiệm thu"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.published_at is not None
    assert task.six_clear_waiver == "Thường trực sẽ nghiệm thu"


def test_reporter_cannot_create(reporter_client: Client, demo: dict[str, Organisation]) -> None:
    assert reporter_client.get(reverse("assignments:create")).status_code == 403
    response = reporter_client.post(
        reverse("assignments:create"),
        {"committee": demo["lb-qu"].pk, "content": "x", "issued_on": "2020-10-01"},
    )
    assert response.status_code == 403
    assert not Task.objects.exists()


def test_reporter_cannot_edit_or_publish(
    reporter_client: Client, demo: dict[str, Organisation]
) -> None:
    office = User.objects.get(username="vanphong")
    visible = services.task_publish(task=make_task(demo), by=office)
    draft = make_task(demo, content="Bản nháp")
    assert reporter_client.get(reverse("assignments:update", args=[visible.pk])).status_code == 403
    # A draft is not visible to the unit at all: 404, and nothing changes.
    response = reporter_client.post(
        reverse("assignments:publish", args=[draft.pk]), {"waiver_reason": "x"}
    )
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.published_at is None
    assert reporter_client.get(reverse("assignments:detail", args=[draft.pk])).status_code == 404
    html = reporter_client.get(reverse("assignments:detail", args=[visible.pk])).content.decode()
    assert visible.content in html
    assert "Công bố cho các đơn vị" not in html


@pytest.mark.parametrize("name", ["assignments:detail", "assignments:update"])
def test_unknown_task_is_404(office_client: Client, name: str) -> None:
    assert office_client.get(reverse(name, args=[999999])).status_code == 404
