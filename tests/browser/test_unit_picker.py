"""Unit pickers are searchable: typing a name without diacritics finds the unit and picks it,
on a desktop and on a phone, under the strict Content-Security-Policy (the page fixture fails
on any violation). Without the script the plain select stays the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dangvu.core.policy import SYSTEM
from dangvu.org import services
from dangvu.org.enums import OrgKind, Role
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WARDS = [
    "Đảng ủy phường Thượng Thanh",
    "Đảng ủy phường Thanh Am",
    "Đảng ủy phường Thạch Bàn",
    "Đảng ủy phường Bồ Đề",
    "Đảng ủy phường Việt Hưng",
    "Đảng ủy phường Phúc Lợi",
    "Đảng ủy phường Long Biên",
    "Đảng ủy phường Gia Thụy",
    "Đảng ủy phường Ngọc Thụy",
]


@pytest.fixture
def city(db: Any) -> dict[str, Any]:
    """A city with nine wards (and a ward ended long ago, which no picker offers today)."""
    start = dt.date(2004, 1, 1)
    root = services.organisation_create(
        name="Thành ủy Thử", kind=OrgKind.PARTY, parent=None, valid_from=start, by=SYSTEM, code="u"
    )
    wards = {
        name: services.organisation_create(
            name=name, kind=OrgKind.PARTY, parent=root, valid_from=start, by=SYSTEM, code=f"u{i}"
        )
        for i, name in enumerate(WARDS)
    }
    gone = services.organisation_create(
        name="Đảng ủy phường Thượng Thanh Cũ",
        kind=OrgKind.PARTY,
        parent=root,
        valid_from=start,
        by=SYSTEM,
        code="u-old",
    )
    services.organisation_close(organisation=gone, on=dt.date(2010, 1, 1), by=SYSTEM)
    office = UserFactory(username="u-office")
    services.membership_grant(user=office, organisation=root, role=Role.OFFICE, by=SYSTEM)
    return {"root": root, "wards": wards}


def sign_in(page: Any, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("u-office")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


@pytest.mark.parametrize(("width", "height"), [(1366, 900), (390, 844)])
def test_typing_without_diacritics_picks_the_unit(
    page: Any, live_server: Any, city: dict[str, Any], width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/tasks/new/")
    select = page.locator("select[name=lead_unit]")
    search = page.locator(".unit-picker:has(+ select[name=lead_unit]) input[type=search]")
    search.wait_for()
    assert search.get_attribute("aria-label") == "Tìm đơn vị theo tên (gõ không dấu cũng được)"
    search.fill("thuong thanh")
    listbox = page.locator(f"#{search.get_attribute('aria-controls')}")
    matches = listbox.get_by_role("option")
    # only the ward that exists today: the ended one is no option of the picker at all
    assert matches.all_inner_texts() == ["Đảng ủy phường Thượng Thanh"]
    assert search.bounding_box()["width"] <= width
    matches.first.click()
    thuong_thanh = city["wards"]["Đảng ủy phường Thượng Thanh"]
    assert select.input_value() == str(thuong_thanh.pk)
    assert listbox.is_hidden()
    # capitals and the keyboard work too
    search.fill("BỒ ĐỀ")
    assert matches.all_inner_texts() == ["Đảng ủy phường Bồ Đề"]
    search.press("Enter")
    assert select.input_value() == str(city["wards"]["Đảng ủy phường Bồ Đề"].pk)
    # the page itself does not scroll sideways on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_period_form_filters_its_checkboxes(
    page: Any, live_server: Any, city: dict[str, Any]
) -> None:
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/reports/new/")
    search = page.locator(".unit-picker input[type=search]").last
    search.fill("thanh")
    listbox = page.locator(f"#{search.get_attribute('aria-controls')}")
    boxes = page.locator("input[type=checkbox][name=units]")
    visible = [box for box in boxes.all() if box.is_visible()]
    # "Thượng Thanh" and "Thanh Am", not "Thạch Bàn" (the diacritics differ: thach)
    assert len(visible) == 2
    listbox.get_by_role("option", name="Đảng ủy phường Thanh Am").click()
    thanh_am = city["wards"]["Đảng ủy phường Thanh Am"].pk
    assert page.locator(f"input[name=units][value='{thanh_am}']").is_checked()


def test_without_the_script_the_plain_select_works(
    browser: Any, live_server: Any, city: dict[str, Any]
) -> None:
    context = browser.new_context(locale="en-US", java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/tasks/new/")
    assert page.locator(".unit-picker").count() == 0
    names = page.locator("select[name=lead_unit] option").all_inner_texts()
    assert any("Thượng Thanh" in name for name in names)
    assert not any("Thượng Thanh Cũ" in name for name in names)
    context.close()
