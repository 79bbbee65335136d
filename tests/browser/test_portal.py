"""The office drafts the article from the conference, a reviewer approves it in Wagtail's
moderation workflow, an anonymous visitor reads it: the count rises once, and a second visit the
same day does not raise it."""

from __future__ import annotations

from typing import Any

import pytest

from dangvu.meetings.models import Conference
from dangvu.org.models import Organisation
from dangvu.portal.models import ArticlePage, ArticleView
from tests.browser.test_org_tree import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0 Mobile Safari/537.36"
)


def test_conference_to_published_article_and_one_view(
    browser: Any, page: Any, live_server: Any, demo: dict[str, Organisation]
) -> None:
    base = live_server.url
    seed = ArticlePage.objects.get(conference__isnull=False)
    conference = Conference.objects.get(pk=seed.conference_id)
    seed.delete()  # the demo published it already; the office drafts it again here

    # The office: "Tạo bài viết" on the conference page opens the draft in Wagtail's editor.
    sign_in(page, base, "vanphong")
    page.goto(f"{base}/meetings/{conference.pk}/")
    page.get_by_role("button", name="Tạo bài viết").click()
    page.wait_for_url("**/cms/pages/*/edit/")
    article = ArticlePage.objects.get(conference=conference)
    assert not article.live
    assert page.locator("#id_title").input_value().startswith("Thảo luận dự thảo báo cáo")
    with page.expect_navigation():
        page.locator('button[name="action-submit"]').dispatch_event("click")
    article.refresh_from_db()
    assert article.current_workflow_state is not None
    assert not article.live
    # An anonymous reader cannot see it yet.
    # A reader's phone browser (headless Chrome's own user agent is an automated one: not counted).
    reader = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}, user_agent=PHONE
    )
    anonymous = reader.new_page()
    url = f"{base}/portal/long-bien/dang-doan-the/{article.slug}/"
    assert anonymous.goto(url).status == 404

    # The reviewer approves: Wagtail publishes on the workflow's last approval.
    page.context.clear_cookies()
    sign_in(page, base, "duyetbai")
    page.goto(f"{base}/cms/pages/{article.pk}/edit/")
    # Wagtail posts the approval and comes back to the editor: wait for that page, no polling.
    with page.expect_navigation():
        page.locator('[data-workflow-action-name="approve"]').first.dispatch_event("click")
    article.refresh_from_db()
    assert article.live

    # The anonymous reader: one view, and the same visitor again the same day adds none.
    before = ArticleView.objects.filter(article=article).count()
    assert before == 0
    anonymous.goto(url)
    assert anonymous.get_by_role("heading", level=1).inner_text().startswith("Thảo luận dự thảo")
    assert anonymous.locator(".p-views").inner_text() == "1"
    assert "Ngày đăng" in anonymous.locator(".p-meta").inner_text()
    anonymous.reload()
    assert anonymous.locator(".p-views").inner_text() == "1"
    assert ArticleView.objects.filter(article=article).count() == 1
    # Mobile first: nothing wider than the 390 px screen.
    assert anonymous.evaluate("document.documentElement.scrollWidth") <= 390
    # "Văn bản" on the phone: each document a full-width block, not four squeezed columns
    # (the date was cut into "12/ 09/ 202 0").
    anonymous.goto(f"{base}/portal/long-bien/van-ban/")
    date = anonymous.locator(".p-table td[data-label]").first
    assert date.inner_text().endswith("/2020")
    assert date.bounding_box()["width"] > 300
    assert anonymous.evaluate("document.documentElement.scrollWidth") <= 390
    reader.close()

    # The conference page now links to the published article.
    page.goto(f"{base}/meetings/{conference.pk}/")
    assert page.get_by_role("link", name=article.title).is_visible()
