"""The contribution's rich-text boxes in a real browser: the ProseMirror editor loads from our
static files under the strict Content-Security-Policy (the `page` fixture fails on any violation),
offers only what the report prints (paragraphs, lists), keeps what was typed when the form is
refused, and the page does not scroll sideways on a phone."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest

from dangvu.accounts.models import User
from dangvu.demo import scenario
from dangvu.org.models import Organisation
from dangvu.reports import services
from dangvu.reports.enums import PeriodKind
from dangvu.reports.models import Contribution, Period
from tests.browser.test_org_tree import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def period(db: Any) -> Period:
    demo: dict[str, Organisation] = scenario.load(chapters=())
    office = User.objects.get(username="vanphong")
    period = services.period_create(
        committee=demo["lb-qu"], kind=PeriodKind.NINE_MONTHS, year=2020,
        due_on=dt.date(2020, 9, 4), by=office,
    )  # fmt: skip
    services.contributions_request(period=period, units=[demo["lb-btg"]], by=office)
    return period


@pytest.mark.parametrize("width", [1366, 390])
def test_contribution_editor(page: Any, live_server: Any, period: Period, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    contribution = Contribution.objects.get(period=period)
    sign_in(page, live_server.url, "baocao")
    page.goto(f"{live_server.url}/reports/contributions/{contribution.pk}/")
    topics = period.sections.filter(role="topic").count()
    editors = page.locator(".richtext-editor .ProseMirror")
    assert editors.count() == 3 * topics
    first = page.locator("fieldset.report-section").first
    toolbar = first.locator(".prose-menubar").first
    assert toolbar.is_visible()
    box = first.get_by_label("Kết quả")
    box.click()
    page.keyboard.type("Đoạn thứ nhất.")
    page.keyboard.press("Enter")
    page.keyboard.type("Đoạn thứ hai.")
    indicator = period.indicators.first()
    page.get_by_label(indicator.name).fill("abc")
    page.get_by_role("button", name="Lưu", exact=True).click()
    # refused: the page comes back with both paragraphs in the editor and the message beside
    page.get_by_text("phải là số").first.wait_for()  # waits for the page to come back
    kept = page.locator("fieldset.report-section").first.get_by_label("Kết quả")
    assert kept.locator("p").all_inner_texts() == ["Đoạn thứ nhất.", "Đoạn thứ hai."]
    page.get_by_label(indicator.name).fill("3")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("Đã lưu.").wait_for()
    topic = period.sections.filter(role="topic").first()
    entry = contribution.entries.get(section=topic)
    assert entry.results == "<p>Đoạn thứ nhất.</p><p>Đoạn thứ hai.</p>"
    page.wait_for_load_state("networkidle")  # the editors start after the load event
    page.wait_for_function(f"document.documentElement.scrollWidth <= {width}", timeout=5_000)
    if folder := os.environ.get("DANGVU_SCREENSHOTS"):  # to look at the page by eye
        page.screenshot(path=f"{folder}/contribution-{width}.png")


@pytest.mark.parametrize("width", [1366, 390])
def test_word_import_review_and_draft_editor(
    page: Any, live_server: Any, period: Period, width: int
) -> None:
    import io

    import docx

    reporter = User.objects.get(username="baocao")
    contribution = Contribution.objects.get(period=period)
    topic = period.sections.filter(role="topic").first()
    services.contribution_save(
        contribution=contribution,
        entries={topic.pk: {"results": "Đã gõ trên trang", "shortcomings": "Hạn chế đã gõ"}},
        values={},
        by=reporter,
    )
    document = docx.Document()
    document.add_heading(topic.title, level=2)
    document.add_paragraph("Kết quả từ văn bản Word.")
    out = io.BytesIO()
    document.save(out)
    services.contribution_import_docx(
        contribution=contribution, name="btg.docx", data=out.getvalue(), by=reporter
    )
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, "baocao")
    page.goto(f"{live_server.url}/reports/contributions/{contribution.pk}/#import-review")
    review = page.locator("#import-review")
    assert review.get_by_text("Đã gõ trên trang").is_visible()  # what would be replaced
    assert review.get_by_text("Kết quả từ văn bản Word.").is_visible()
    # once the editors have started (module scripts run after the load event), nothing is wider
    # than the phone
    page.wait_for_load_state("networkidle")
    page.wait_for_function(f"document.documentElement.scrollWidth <= {width}", timeout=5_000)
    if folder := os.environ.get("DANGVU_SCREENSHOTS"):
        review.screenshot(path=f"{folder}/import-review-{width}.png")
    review.get_by_role("button", name="Lấy các mục đã đánh dấu").click()
    page.get_by_text("Đã lấy các mục được chọn từ văn bản.").wait_for()
    entry = contribution.entries.get(section=topic)
    assert (entry.results, entry.shortcomings) == (
        "<p>Kết quả từ văn bản Word.</p>",
        "<p>Hạn chế đã gõ</p>",
    )
