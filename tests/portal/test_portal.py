"""The public portal: the seed article as it looked, what anonymous readers may see, search,
feeds, sitemap, sanitised rich text, and the roles' Wagtail permissions."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from dangvu.portal.folding import fold
from dangvu.portal.models import ArticlePage, ArticleView, CategoryPage, PortalHomePage

from .conftest import draft, publish, user

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


def test_seed_article_in_the_seed_shape(client: Client, seed: ArticlePage) -> None:
    assert seed.published_at is not None
    assert seed.published_at.isoformat() == "2020-09-12T02:38:00+00:00"
    assert ArticleView.objects.filter(article=seed).count() == 2402
    html = client.get(seed.url, HTTP_USER_AGENT=BROWSER).content.decode()
    assert "Đảng - đoàn thể" in html
    assert "<h1>Thảo luận dự thảo báo cáo công tác xây dựng Đảng" in html
    assert "Ngày đăng" in html
    assert "12/09/2020 | 09:38" in html
    assert 'Lượt xem: <strong class="p-views">2403</strong>' in html  # this visit counted
    assert "Sáng ngày 11/9/2020, đồng chí Ngô Mạnh Điềm - Phó Bí thư Thường trực Quận ủy" in html
    assert "<figcaption>Đồng chí Ngô Mạnh Điềm - Phó Bí thư Thường trực Quận ủy kết luận" in html
    assert 'alt="Đồng chí Phó Bí thư Thường trực Quận ủy phát biểu' in html
    assert html.count("<li>") >= 4
    assert "<ol>" in html
    assert 'property="og:title"' in html
    assert 'property="og:image"' in html
    assert "Bài viết liên quan" in html
    assert "<script" not in html
    assert "style=" not in html  # strict CSP: nothing inline


def test_home_category_pagination_and_most_read(client: Client, portal: PortalHomePage) -> None:
    html = client.get(portal.url).content.decode()
    assert "Tin mới" in html
    assert "Đọc nhiều trong tuần" in html
    for title in ("Tin tức - sự kiện", "Đảng - đoàn thể", "Chính quyền", "Mặt trận - đoàn thể"):
        assert title in html
    category = CategoryPage.objects.child_of(portal).get(slug="tin-tuc-su-kien")
    for n in range(25):
        publish(draft(category, f"Tin phân trang số {n}"))
    first = client.get(category.url).content.decode()
    assert "Trang 1/2" in first or "Trang 1 / 2" in first
    assert "Tin phân trang số 24" in first
    assert "Tin phân trang số 0<" not in first
    second = client.get(category.url + "?trang=2").content.decode()
    assert "Tin phân trang số 0<" in second


def test_anonymous_never_sees_drafts_or_unpublished_revisions(
    client: Client, seed: ArticlePage, category: CategoryPage, portal: PortalHomePage
) -> None:
    secret = draft(category, "Bản nháp chưa duyệt về nhân sự")
    assert client.get(f"{category.url}{secret.slug}/").status_code == 404
    # An unpublished revision of a live article.
    seed.title = "Tiêu đề sửa chưa duyệt"
    seed.save_revision()
    html = client.get(seed.url).content.decode()
    assert "Tiêu đề sửa chưa duyệt" not in html
    assert "Thảo luận dự thảo báo cáo" in html
    for url in (
        portal.url,
        category.url,
        f"{portal.url}tim-kiem/?q=nhap+chua+duyet",
        f"{portal.url}tim-kiem/?q=tieu+de+sua",
        f"{category.url}rss/",
        f"{category.url}atom/",
        f"{portal.url}sitemap.xml",
    ):
        body = client.get(url).content.decode()
        assert "Bản nháp chưa duyệt" not in body
        assert "chua-duyet" not in body, url
        assert "Tiêu đề sửa chưa duyệt" not in body, url
    # Wagtail's admin and preview are for the office only.
    response = client.get("/cms/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert client.get(f"/cms/pages/{secret.pk}/edit/preview/").status_code == 302


def test_search_ignores_case_and_diacritics(client: Client, portal: PortalHomePage) -> None:
    assert fold("ĐẢNG ỦY Điềm, Đồng!") == "dang uy diem dong"
    for query in ("Ngô Mạnh Điềm", "ngo manh diem", "NGÔ MẠNH ĐIỀM", "Ngo Mạnh diềm"):
        html = client.get(f"{portal.url}tim-kiem/", {"q": query}).content.decode()
        assert "Thảo luận dự thảo báo cáo" in html, query
    html = client.get(f"{portal.url}tim-kiem/", {"q": "hien mau"}).content.decode()
    assert "hiến máu tình nguyện" in html
    assert "Thảo luận dự thảo báo cáo" not in html
    html = client.get(f"{portal.url}tim-kiem/", {"q": "khongcotutrongbai"}).content.decode()
    assert "0 bài viết" in html


def test_feeds_and_sitemap(client: Client, seed: ArticlePage, category: CategoryPage) -> None:
    rss = client.get(f"{category.url}rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "<title>Thảo luận dự thảo báo cáo" in rss.content.decode()
    atom = client.get(f"{category.url}atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert seed.slug in atom.content.decode()
    sitemap = client.get(f"{seed.portal.url}sitemap.xml")
    assert sitemap.status_code == 200
    assert f"http://testserver{seed.url}</loc>" in sitemap.content.decode()


def test_rich_text_is_sanitised(client: Client, category: CategoryPage) -> None:
    article = draft(
        category,
        "Bài có mã độc",
        body=[
            (
                "text",
                '<p onclick="alert(1)">Nội dung<script>alert(2)</script>'
                '<a href="javascript:alert(3)">liên kết</a><img src=x onerror=alert(4)></p>',
            )
        ],
    )
    article = publish(article)
    html = client.get(article.url).content.decode()
    assert "Nội dung" in html
    for bad in ("alert(", "onclick", "onerror", "javascript:", "<img src=x"):
        assert bad not in html


def test_the_admin_is_in_vietnamese_for_the_roles(client: Client, portal: PortalHomePage) -> None:
    for username in ("vanphong", "duyetbai", "baocao"):
        client.force_login(user(username))
        response = client.get("/cms/")
        assert response.status_code == 200, username
        assert '<html lang="vi"' in response.content.decode()
    client.force_login(user("truongban"))  # no portal role: no admin
    assert client.get("/cms/").status_code == 302


def test_roles_map_to_wagtail_permissions(portal: PortalHomePage, seed: ArticlePage) -> None:
    category = seed.get_parent()
    writer, reviewer, contributor = user("vanphong"), user("duyetbai"), user("baocao")
    assert seed.permissions_for_user(writer).can_edit()
    assert not seed.permissions_for_user(writer).can_publish()
    assert seed.permissions_for_user(reviewer).can_publish()
    assert category.permissions_for_user(contributor).can_add_subpage()
    assert not seed.permissions_for_user(contributor).can_publish()
    assert not seed.permissions_for_user(user("truongban")).can_edit()
    # Publishing needs the reviewers' approval: the portal's pages are under the workflow.
    workflow = seed.get_workflow()
    assert workflow is not None
    assert [group.name for group in workflow.tasks.get().specific.groups.all()] == [
        portal.reviewers_group.name
    ]


def test_most_read_this_week_is_a_query(portal: PortalHomePage) -> None:
    from dangvu.portal.selectors import most_read

    articles = list(ArticlePage.objects.filter(portal=portal, live=True).order_by("pk")[:2])
    on = dt.date(2030, 1, 10)
    for n in range(3):
        ArticleView.objects.create(article=articles[1], day=on, visitor=f"v{n}")
    ArticleView.objects.create(article=articles[0], day=on - dt.timedelta(days=2), visitor="a")
    ArticleView.objects.create(article=articles[0], day=on - dt.timedelta(days=9), visitor="b")
    ranked = most_read(portal=portal, days=7, limit=5, on=on)
    assert [(article.pk, n) for article, n in ranked] == [(articles[1].pk, 3), (articles[0].pk, 1)]


def test_scheduled_publishing(client: Client, category: CategoryPage) -> None:
    """An approved revision with a go-live time in the future waits for Wagtail's
    `publish_scheduled` (run by cron every minute)."""
    from django.core.management import call_command
    from django.utils import timezone

    article = draft(category, "Tin hẹn giờ đăng")
    article.go_live_at = timezone.now() + dt.timedelta(hours=1)
    article.save_revision(approved_go_live_at=article.go_live_at).publish()
    article.refresh_from_db()
    assert not article.live
    assert client.get(f"{category.url}{article.slug}/").status_code == 404
    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
        call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live
    assert article.published_at is not None


def test_the_demo_publishes_its_notice_and_report_under_van_ban(
    client: Client, portal: PortalHomePage
) -> None:
    van_ban = CategoryPage.objects.child_of(portal).get(slug="van-ban")
    html = client.get(van_ban.url).content.decode()
    assert "-TB/QU" in html  # the conclusion notice of 11/9/2020
    assert "-BC/QU" in html  # the issued 9-month report
    assert "Thông báo kết luận của đồng chí Phó Bí thư Thường trực Quận ủy" in html
