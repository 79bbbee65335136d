"""A conference's conclusion becomes complete, published-ready tasks in one review (issue 12)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.assignments.checks import six_clear_gaps
from dangvu.meetings import services
from dangvu.meetings.enums import ConferenceKind
from dangvu.meetings.models import Conference
from dangvu.org.models import Organisation
from tests.browser.test_org_tree import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ITEMS = (
    "1. Ban Tổ chức Quận ủy chủ trì, phối hợp UBKT Quận ủy hoàn thiện báo cáo công tác cán bộ, "
    "trước ngày 15/01/2021.\n"
    "2. Ban Tuyên giáo Quận ủy xây dựng kế hoạch tuyên truyền đại hội trong tháng 12/2020.\n"
    "3. Tiếp tục theo dõi tình hình an ninh trật tự."
)


@pytest.fixture
def demo(demo_tree: dict[str, Organisation]) -> dict[str, Organisation]:
    """The demo's organisations and accounts without its story chapters."""
    return demo_tree


@pytest.fixture
def conference(demo: dict[str, Organisation]) -> Conference:
    office = User.objects.get(username="vanphong")
    conference = services.conference_create(
        committee=demo["lb-qu"],
        kind=ConferenceKind.BRIEFING,
        title="Giao ban tháng 12/2020",
        starts_at=dt.datetime(2020, 12, 4, 14, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        place="Phòng họp tầng 3",
        by=office,
    )
    services.conference_mark_held(conference=conference, by=office)
    services.conclusion_write(
        conference=conference,
        preamble="Hội nghị giao các cơ quan, đơn vị thực hiện các nội dung sau:",
        items=services.parse_items(ITEMS),
        by=office,
    )
    return conference


def test_conclusion_items_become_tasks_in_one_review(
    page: Any, live_server: Any, conference: Conference, demo: dict[str, Organisation]
) -> None:
    base = live_server.url
    sign_in(page, base, "vanphong")
    page.goto(base + reverse("meetings:detail", args=[conference.pk]))
    page.get_by_role("link", name="Rà soát các mục và tạo nhiệm vụ").click()

    assert page.get_by_role("heading", name="Rà soát các nhiệm vụ").is_visible()
    assert page.locator("mark.task-span").count() == 3
    first = page.locator("fieldset.task-row").nth(0)
    assert first.get_by_label("Đơn vị chủ trì").locator("option:checked").inner_text().strip() == (
        "Ban Tổ chức Quận ủy Long Biên"
    )
    assert first.get_by_label("Thời hạn", exact=True).input_value() == "2021-01-15"
    authority = page.get_by_label("Cấp có thẩm quyền nghiệm thu, đánh giá")
    assert authority.locator("option:checked").inner_text().strip() == "Quận ủy Long Biên"
    page.get_by_role("button", name="Tạo nhiệm vụ").click()

    page.wait_for_url(base + reverse("meetings:detail", args=[conference.pk]))
    assert page.get_by_text("Đã tạo 3 nhiệm vụ từ thông báo kết luận.").is_visible()
    items = list(conference.conclusion.items.order_by("number").select_related("task"))
    assert all(item.task is not None for item in items)
    complete = items[0].task
    assert complete is not None
    assert six_clear_gaps(complete) == []
    # Published as it is: no gap, so no reason to give.
    page.get_by_role("link", name=f"Nhiệm vụ #{complete.pk}").click()
    page.get_by_role("button", name="Công bố cho các đơn vị").click()
    complete.refresh_from_db()
    assert complete.published_at is not None
    assert complete.six_clear_waiver == ""
