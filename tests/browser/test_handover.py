"""The city office hands over an ended ward's open task item by item; the successor ward's user
finds it, reads where it came from and reports on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dangvu.accounts.services import user_create
from dangvu.assignments import services as tasks
from dangvu.assignments.models import ProgressReport, Task
from dangvu.core.policy import SYSTEM
from dangvu.demo.scenario import DEMO_PASSWORD
from dangvu.org import services
from dangvu.org.enums import Role
from dangvu.org.models import Organisation, Reorganisation
from tests.browser.test_org_tree import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page: Any) -> None:
    page.context.clear_cookies()


def test_office_hands_over_and_the_successor_reports(
    page: Any, live_server: Any, demo: dict[str, Organisation]
) -> None:
    base = live_server.url
    city_office = user_create(
        username="vanphongtp",
        password=DEMO_PASSWORD,
        full_name="Cán bộ Văn phòng Thành ủy (thử)",
        email="vanphongtp@dangvu.invalid",
        by=SYSTEM,
    )
    services.membership_grant(
        user=city_office, organisation=demo["hn-tu"], role=Role.OFFICE, by=SYSTEM
    )
    task = tasks.task_create(
        committee=demo["lb-qu"],
        content="Kiểm tra việc lập danh sách cử tri của phường Thượng Thanh",
        by=SYSTEM,
        issued_on=dt.date(2025, 6, 2),
        lead_unit=demo["lb-p-thuongthanh"],
        deadline=dt.date(2026, 12, 31),
        deliverable="Báo cáo",
        authority=demo["lb-qu"],
    )
    tasks.task_publish(task=task, by=SYSTEM, at=dt.datetime(2025, 6, 2, 8, 0, tzinfo=dt.UTC))
    act = Reorganisation.objects.get(number="1656/NQ-UBTVQH15")

    # The city office opens the hand-over plan: Thượng Thanh was split, so it chooses.
    sign_in(page, base, "vanphongtp")
    page.goto(f"{base}/org/reorganisations/{act.pk}/handover/")
    row = page.locator("tr", has_text="Đảng ủy phường Thượng Thanh")
    assert row.get_by_role("cell").nth(1).inner_text() == "1"
    row.get_by_role("link", name="Từng việc").click()
    page.get_by_label("Chuyển giao cho").select_option(label="Đảng ủy phường Bồ Đề (một phần)")
    page.get_by_role("button", name="Thực hiện chuyển giao").click()
    page.get_by_text("Đã chuyển giao: 1 nhiệm vụ").wait_for()
    assert Task.objects.get(pk=task.pk).lead_unit == demo["p-bode"]
    sign_out(page)

    # The successor ward's reporter reads where the task came from and reports on it.
    sign_in(page, base, "phuongbode")
    page.goto(f"{base}/tasks/{task.pk}/")
    assert page.get_by_text(
        "Chuyển giao từ Đảng ủy phường Thượng Thanh sang Đảng ủy phường Bồ Đề "
        "theo Nghị quyết 1656/NQ-UBTVQH15"
    ).is_visible()
    page.get_by_label("Kết quả đã thực hiện").fill("Đã kiểm tra danh sách cử tri của 12 tổ dân phố")
    page.get_by_label("Tiến độ (%)").fill("70")
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.get_by_text("Đã ghi nhận báo cáo tiến độ.").wait_for()
    report = ProgressReport.objects.get(task=task)
    assert (report.unit, report.percent) == (demo["p-bode"], 70)
