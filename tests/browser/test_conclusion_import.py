"""The office reads a conclusion, reviews the tasks the system found, and creates them."""

from typing import Any

import pytest

from dangvu.assignments.models import Task
from dangvu.org.models import Organisation
from tests.assignments.conclusion_text import CONCLUSION
from tests.browser.test_org_tree import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(demo_tree: dict[str, Organisation]) -> dict[str, Organisation]:
    """The demo's organisations and accounts without its story chapters: no task yet."""
    return demo_tree


def test_office_imports_a_conclusion(
    page: Any, live_server: Any, demo: dict[str, Organisation]
) -> None:
    base = live_server.url
    sign_in(page, base, "vanphong")
    page.get_by_role("link", name="Nhiệm vụ", exact=True).click()
    page.get_by_role("link", name="Nhập thông báo kết luận").click()

    page.get_by_label("Nội dung thông báo kết luận").fill(CONCLUSION)
    page.get_by_role("button", name="Đọc thông báo kết luận").click()

    assert page.get_by_role("heading", name="Rà soát các nhiệm vụ").is_visible()
    assert page.locator("mark.task-span").count() == 4
    second = page.locator("fieldset.task-row").nth(1)
    assert second.get_by_label("Đơn vị chủ trì").locator("option:checked").inner_text() == (
        "\u2003\u2003Ban Tuyên giáo Quận ủy Long Biên"
    )
    assert second.get_by_label("Thời hạn", exact=True).input_value() == "2020-12-31"
    # The office drops the third item and adds a product to the first.
    page.locator("fieldset.task-row").nth(2).get_by_label("Đưa vào").uncheck()
    page.locator("fieldset.task-row").nth(0).get_by_label("Sản phẩm").fill("Quy chế làm việc")
    page.get_by_role("button", name="Tạo nhiệm vụ").click()

    page.wait_for_url(f"{base}/tasks/")
    assert page.get_by_text("Đã tạo 3 nhiệm vụ từ thông báo kết luận.").is_visible()
    rows = page.locator("table.tasks tbody tr")
    assert rows.count() == 3
    assert page.get_by_text("Rõ người: chưa có đơn vị chủ trì").first.is_visible()
    assert Task.objects.filter(lead_unit=demo["lb-btg"]).count() == 1
    assert Task.objects.filter(deliverable="Quy chế làm việc").count() == 1
