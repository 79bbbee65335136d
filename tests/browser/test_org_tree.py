"""The first thing a committee office does: sign in and look at the organisation tree."""

from typing import Any

import pytest

from dangvu.org.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("dangvu-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def test_office_opens_the_tree_as_of_the_conference(
    page: Any, live_server: Any, demo: dict[str, Organisation]
) -> None:
    base = live_server.url
    sign_in(page, base, "vanphong")
    assert page.get_by_role(
        "heading", name="Xin chào đồng chí Cán bộ Văn phòng Quận ủy (mẫu)"
    ).is_visible()

    page.get_by_role("link", name="Tổ chức", exact=True).click()
    tree = page.locator("#tree")
    # Today: the district is gone, the four wards sit under the city.
    assert tree.get_by_role("link", name="Đảng ủy phường Phúc Lợi").is_visible()
    assert tree.get_by_role("link", name="Quận ủy Long Biên", exact=True).count() == 0

    # HTMX swaps the tree when the date changes.
    page.locator("#id_on").fill("2020-09-11")
    page.locator("#id_on").dispatch_event("change")
    page.wait_for_url("**/org/?on=2020-09-11*")
    assert tree.get_by_text("ngày 11 tháng 9 năm 2020").is_visible()
    assert tree.get_by_role("link", name="Quận ủy Long Biên", exact=True).is_visible()
    # collapsed: the district's bodies come when asked for
    assert tree.get_by_role("link", name="Ban Tuyên giáo Quận ủy Long Biên").count() == 0
    body = tree.get_by_role("link", name="Ban Tuyên giáo Quận ủy Long Biên")
    # Wait until HTMX has swapped and settled the new tree, then open the district's own button
    # (the one just before its link): one click, and the children arrive.
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
    district = tree.get_by_role("link", name="Quận ủy Long Biên", exact=True)
    district.locator("xpath=preceding-sibling::button[1]").click()
    body.wait_for()
    assert body.is_visible()

    tree.get_by_role("link", name="Quận ủy Long Biên", exact=True).click()
    assert page.get_by_role("cell", name="Ngô Mạnh Điềm").is_visible()
    assert page.get_by_role("cell", name="Phó Bí thư Thường trực Quận ủy").is_visible()


def test_reporter_sees_no_change_buttons(
    page: Any, live_server: Any, demo: dict[str, Organisation]
) -> None:
    base = live_server.url
    sign_in(page, base, "baocao")
    page.goto(f"{base}/org/")
    assert page.get_by_role("link", name="Thêm tổ chức").count() == 0
    response = page.goto(f"{base}/org/new/")
    assert response.status == 403
