"""The follow-up journey in a real browser: the office publishes a task, the lead unit reports
progress (HTMX, with a PDF) and proposes completion, the office accepts, and the dashboard counts
the task as done on time."""

import datetime as dt
from typing import Any

import pytest
import time_machine

from dangvu.accounts.models import User
from dangvu.assignments import services
from dangvu.assignments.models import ProgressReport, Task
from dangvu.core.dates import today
from dangvu.org.models import Organisation
from tests.browser.test_org_tree import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(demo_tree: dict[str, Organisation]) -> dict[str, Organisation]:
    """The demo's organisations and accounts without its story chapters: no task yet."""
    return demo_tree


@pytest.fixture
def in_q4_2020(settings: Any) -> Any:
    """The journey happens on 2/11/2020, while Quận ủy Long Biên exists. The live server shares
    the travelled clock; cookies must not carry 2020 expiry dates the browser would drop."""
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    with time_machine.travel(dt.datetime(2020, 11, 2, 2, 0, tzinfo=dt.UTC), tick=True):
        yield


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Đăng xuất").click()


def test_publish_report_propose_accept_count(
    page: Any, live_server: Any, demo: dict[str, Organisation], tmp_path: Any, in_q4_2020: None
) -> None:
    base = live_server.url
    day = today()
    task = services.task_create(
        committee=demo["lb-qu"],
        content="Xây dựng kế hoạch tuyên truyền kỷ niệm ngày thành lập Đảng",
        by=User.objects.get(username="vanphong"),
        lead_unit=demo["lb-btg"],
        deadline=day + dt.timedelta(days=30),
        deliverable="Kế hoạch tuyên truyền",
        authority=demo["lb-qu"],
    )
    detail = f"{base}/tasks/{task.pk}/"

    # The office publishes the task to its units.
    sign_in(page, base, "vanphong")
    page.goto(detail)
    page.get_by_role("button", name="Công bố cho các đơn vị").click()
    assert page.get_by_text("Đã giao nhiệm vụ cho các đơn vị.").is_visible()
    sign_out(page)

    # The lead unit reports progress with a PDF; HTMX swaps the timeline in place.
    sign_in(page, base, "baocao")
    page.goto(detail)
    assert page.locator(".status").first.inner_text() == "Đang thực hiện, trong hạn"
    pdf = tmp_path / "ke-hoach.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% ke hoach\n")
    page.get_by_label("Kết quả đã thực hiện").fill("Đã ban hành kế hoạch tuyên truyền")
    page.get_by_label("Tiến độ (%)").fill("100")
    page.get_by_label("Tệp minh chứng").set_input_files(str(pdf))
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.get_by_text("Đã ghi nhận báo cáo tiến độ.").wait_for()
    assert page.locator(".timeline").get_by_text("Ban Tuyên giáo báo cáo đạt 100%").is_visible()
    assert page.get_by_role("link", name="ke-hoach.pdf").is_visible()
    assert page.url == detail  # no page load: HTMX replaced the section
    assert ProgressReport.objects.get().evidence.count() == 1

    # ...and proposes completion.
    page.locator("summary", has_text="Đề nghị công nhận hoàn thành").click()
    page.get_by_label("Kết quả và sản phẩm").fill("Kế hoạch số 12-KH/BTG")
    page.get_by_role("button", name="Đề nghị công nhận hoàn thành").click()
    page.get_by_text("Đã đề nghị công nhận hoàn thành").first.wait_for()  # swapped by HTMX
    sign_out(page)

    # The office, for the accepting authority, accepts.
    sign_in(page, base, "vanphong")
    page.goto(detail)
    page.get_by_role("button", name="Công nhận hoàn thành").click()
    page.get_by_text("Đã công nhận hoàn thành.").wait_for()  # swapped by HTMX
    assert page.locator(".status").first.inner_text() == "Hoàn thành đúng hạn"
    task.refresh_from_db()
    assert task.completed_on == day

    # The dashboard counts it as done on time, and its number leads back to the task.
    page.goto(f"{base}/tasks/statistics/")
    row = page.locator("table.stats tbody tr", has_text="Ban Tuyên giáo")
    cells = row.locator("td")
    assert cells.nth(0).inner_text() == "1"  # assigned
    assert cells.nth(1).inner_text() == "1"  # done on time
    # assigned, on time, late, in progress, due soon, overdue, suspended, no deadline, waived, %
    assert cells.nth(9).inner_text() == "100%"
    assert page.locator("svg rect.seg-done_on_time").count() >= 1
    cells.nth(1).get_by_role("link").click()
    assert page.get_by_role("link", name=task.content).is_visible()
    assert Task.objects.get().progress == 100
