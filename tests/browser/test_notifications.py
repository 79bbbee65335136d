"""A reminder reaches the lead unit's reporter: the badge in the menu, the notifications page,
and on to the task."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from dangvu.assignments import services as task_services
from dangvu.core import policy
from dangvu.core.dates import today
from dangvu.notifications.services import reminders_send
from dangvu.org import services as org_services
from dangvu.org.enums import Role
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reporter_follows_a_reminder_to_the_task(page: Any, live_server: Any) -> None:
    day = today()
    committee = OrganisationFactory(name="Đảng ủy phường Mẫu", valid_from=dt.date(2020, 1, 1))
    lead = OrganisationFactory(
        name="Ban Xây dựng Đảng", parent=committee, valid_from=dt.date(2020, 1, 1)
    )
    reporter = UserFactory(username="tonghop", email="tonghop@example.org")
    org_services.membership_grant(
        user=reporter, organisation=lead, role=Role.REPORTER, by=policy.SYSTEM
    )
    task = task_services.task_create(
        committee=committee,
        content="Xây dựng kế hoạch tuyên truyền Nghị quyết",
        by=policy.SYSTEM,
        issued_on=day - dt.timedelta(days=30),
        lead_unit=lead,
        deadline=day + dt.timedelta(days=3),
        deliverable="Kế hoạch",
        authority=committee,
    )
    task_services.task_publish(task=task, by=policy.SYSTEM, at=timezone.now())
    reminders_send(by=policy.WORKER, day=day)

    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("tonghop")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")

    # The task given to the unit, then its reminder (newest first).
    badge = page.locator("#main-nav .notif-badge")
    badge.wait_for()
    assert badge.inner_text() == "2"
    page.get_by_role("link", name="Thông báo 2").click()
    page.wait_for_url(f"{base}/notifications/")
    assert page.get_by_text("Còn 3 ngày đến hạn").is_visible()
    assert page.get_by_text(
        "Nhiệm vụ giao cho đơn vị: Xây dựng kế hoạch tuyên truyền Nghị quyết"
    ).is_visible()

    page.get_by_role("button", name="Mở nhiệm vụ").first.click()
    page.wait_for_url(f"{base}/tasks/{task.pk}/")
    assert page.get_by_role("heading", name="Xây dựng kế hoạch tuyên truyền Nghị quyết").count()
    page.goto(f"{base}/notifications/")
    assert page.locator("#main-nav .notif-badge").inner_text() == "1"
    assert page.get_by_text("1 thông báo chưa đọc.").is_visible()
