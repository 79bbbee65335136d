"""'Tạo bài viết': a draft article in the seed's shape from a held conference with an issued
conclusion; the office only; linked both ways; the button on the conference page."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from dangvu.core import background
from dangvu.meetings.models import Conference
from dangvu.portal import services
from dangvu.portal.models import ArticlePage

from .conftest import user

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference(seed: ArticlePage) -> Conference:
    """The demo conference, its article removed so that it can be drafted again."""
    conference = seed.conference
    assert conference is not None
    seed.delete()
    return Conference.objects.get(pk=conference.pk)


def test_article_in_the_seed_shape(conference: Conference) -> None:
    article = services.article_from_conference(conference=conference, by=user("vanphong"))
    assert not article.live
    assert article.conference_id == conference.pk
    assert conference.portal_article == article
    assert article.get_parent().slug == "dang-doan-the"
    assert article.title.startswith("Thảo luận dự thảo báo cáo công tác xây dựng Đảng")
    assert article.lead == (
        "Sáng ngày 11/9/2020, đồng chí Ngô Mạnh Điềm - Phó Bí thư Thường trực Quận ủy đã chủ "
        "trì hội nghị thảo luận dự thảo báo cáo công tác xây dựng Đảng, hệ thống chính trị 9 "
        "tháng đầu năm; nhiệm vụ trọng tâm 3 tháng cuối năm 2020."
    )
    html = article.body[0].value.source
    assert "Dự hội nghị có các đồng chí Trưởng, phó các ban xây dựng Đảng; Lãnh đạo Văn " in html
    assert "Bí thư Đoàn Thanh niên cơ quan Dân - Đảng; " in html  # then the people invited by name
    assert "Lê Văn C - Chánh Văn phòng Quận ủy." in html  # the one excused is not listed
    # The summary from the discussed report, whose title "Báo cáo …" is not said twice.
    assert "Theo dự thảo báo cáo công tác xây dựng Đảng, hệ thống chính trị 9 tháng" in html
    assert "báo cáo báo cáo" not in html.lower()
    assert "Phát biểu kết luận hội nghị, đồng chí Phó Bí thư Thường trực Quận ủy" in html
    assert html.count("<li>") == 4
    assert html.count("<ol>") == 1
    assert "<li>Ban hành quy chế làm việc" in html
    assert article.get_latest_revision() is not None  # a revision to review


def test_refusals(conference: Conference) -> None:
    with pytest.raises(PermissionDenied):
        services.article_from_conference(conference=conference, by=user("baocao"))
    assert not ArticlePage.objects.filter(conference=conference).exists()
    services.article_from_conference(conference=conference, by=user("vanphong"))
    with pytest.raises(ValidationError, match=r"đã có bài viết|already has"):
        services.article_from_conference(conference=conference, by=user("vanphong"))


def test_a_conference_without_issued_conclusion_is_refused(demo: dict) -> None:
    from dangvu.meetings import services as meetings
    from dangvu.meetings.enums import ConferenceKind

    office = user("vanphong")
    planned = meetings.conference_create(
        committee=demo["lb-qu"],
        kind=ConferenceKind.BRIEFING,
        title="Giao ban tháng 10",
        starts_at=ArticlePage.objects.first().first_published_at,
        by=office,
    )
    with pytest.raises(ValidationError):
        services.article_from_conference(conference=planned, by=office)


def test_the_button_and_the_link_on_the_conference_page(
    client: Client, conference: Conference
) -> None:
    client.force_login(user("vanphong"))
    page = client.get(f"/meetings/{conference.pk}/").content.decode()
    assert "Tạo bài viết" in page
    response = client.post(f"/portal-office/conferences/{conference.pk}/article/")
    article = ArticlePage.objects.get(conference=conference)
    assert response.status_code == 302
    assert response["Location"] == f"/cms/pages/{article.pk}/edit/"
    page = client.get(f"/meetings/{conference.pk}/").content.decode()
    assert "Tạo bài viết" not in page
    assert article.title in page
    # A reporter who may read the conference gets no button and cannot post.
    client.force_login(user("baocao"))
    response = client.post(f"/portal-office/conferences/{conference.pk}/article/")
    assert ArticlePage.objects.filter(conference=conference).count() == 1


def test_the_issued_notice_is_published_under_van_ban(
    client: Client, conference: Conference, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dangvu.portal.models import CategoryPage, PublishedDocument

    PublishedDocument.objects.filter(conclusion=conference.conclusion).delete()
    monkeypatch.setattr(
        "dangvu.documents.conversion.convert_to_pdf", lambda docx, **kw: b"%PDF-1.4 mau\n"
    )
    with pytest.raises(PermissionDenied):
        services.notice_publish(conclusion=conference.conclusion, by=user("baocao"))
    client.force_login(user("vanphong"))
    assert (
        "Công bố thông báo trên cổng thông tin"
        in client.get(f"/meetings/{conference.pk}/").content.decode()
    )
    client.post(f"/portal-office/conferences/{conference.pk}/publish-notice/")
    background.run_pending()  # LibreOffice works in the worker (portal.background)
    document = PublishedDocument.objects.get(conclusion=conference.conclusion)
    assert document.pdf is not None
    client.logout()
    van_ban = CategoryPage.objects.get(slug="van-ban")
    html = client.get(van_ban.url).content.decode()
    assert document.number in html
    assert "12/09/2020" in html
    assert "Thông báo kết luận hội nghị thảo luận dự thảo báo cáo" in html
    assert document.pdf.url in html
    pdf = client.get(document.pdf.url)
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
