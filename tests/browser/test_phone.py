"""Every role's main pages work on a 390 px phone: nothing scrolls sideways; tables are cards."""

from __future__ import annotations

from typing import Any

import pytest

from dangvu.assignments.models import Task
from dangvu.meetings.models import Conference
from dangvu.org.models import Organisation
from dangvu.reports.models import Contribution, Period

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _pages(role: str) -> list[str]:
    period = Period.objects.order_by("-pk").first()
    tasks = Task.objects.order_by("pk")
    if role in ("baocao", "truongban"):
        tasks = tasks.filter(lead_unit__code="lb-btg")
    task = tasks.first()
    conference = Conference.objects.order_by("pk").first()
    assert period is not None
    assert task is not None
    assert conference is not None
    common = [
        "/",
        "/tasks/",
        f"/tasks/{task.pk}/",
        "/tasks/statistics/",
        "/reports/",
        "/meetings/",
        "/org/",
        "/notifications/",
        "/accounts/profile/",
    ]
    if role == "vanphong":
        return [
            *common,
            f"/reports/{period.pk}/",
            f"/reports/{period.pk}/draft/",
            f"/meetings/{conference.pk}/",
            "/tasks/new/",
            "/tasks/import/",
            "/reports/new/",
        ]
    if role == "baocao":
        contribution = Contribution.objects.filter(unit__code="lb-btg").order_by("pk").first()
        assert contribution
        return [*common, f"/reports/contributions/{contribution.pk}/"]
    return common


@pytest.mark.parametrize("role", ["vanphong", "baocao", "truongban", "lanhdao"])
def test_main_pages_fit_a_phone(
    browser: Any, live_server: Any, demo: dict[str, Organisation], role: str
) -> None:
    context = browser.new_context(locale="vi-VN", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(role)
    page.get_by_label("Mật khẩu").fill("dangvu-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")
    too_wide = {}
    for path in _pages(role):
        response = page.goto(f"{base}{path}")
        assert response is not None
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
    assert too_wide == {}

    # The task list reads as cards: each cell carries its column name.
    page.goto(f"{base}/tasks/")
    first_cell = page.locator("table.tasks tbody tr td").first
    assert first_cell.get_attribute("data-label") == "Nhiệm vụ"
    assert page.locator("table.tasks thead").bounding_box()["height"] <= 1  # type: ignore[index]
    context.close()
