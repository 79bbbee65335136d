""" "Đăng lên cổng thông tin" on an issued report: a draft article in the portal, made by the
committee's office only, linked to the report, never shown to anonymous readers until published.
The portal's actions asked as every demo role (the rows the project's permission matrix leaves
to this file)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from dangvu.core import policy
from dangvu.portal import services
from dangvu.portal.models import ArticlePage, PortalHomePage
from dangvu.reports.models import IssuedReport, Period

from .conftest import user

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"
BUTTON = "Đăng lên cổng thông tin"


@pytest.fixture
def issued(portal: PortalHomePage) -> IssuedReport:
    return IssuedReport.objects.select_related("period", "version").get(
        period__committee=portal.committee
    )


def test_article_from_the_issued_report(client: Client, issued: IssuedReport) -> None:
    article = services.article_from_report(issued_report=issued, by=user("vanphong"))
    assert not article.live
    assert article.published_at is None
    assert article.issued_report_id == issued.pk
    assert issued.portal_article == article
    assert article.get_parent().slug == "dang-doan-the"
    assert article.title == issued.period.title
    assert article.lead == (
        f"Ngày 12/9/2020, Quận ủy Long Biên ban hành Báo cáo số {issued.number_label} về "
        f"{issued.period.title[:1].lower()}{issued.period.title[1:]}."
    )
    html = article.body[0].value.source
    first = issued.version.body[0]
    assert f"<h2>{first['number']}. {first['title']}</h2>" in html
    assert html.count("<h2>") + html.count("<h3>") == len(issued.version.body)
    assert article.get_latest_revision() is not None  # a revision for the reviewer
    assert article.owner == user("vanphong")
    # A draft: anonymous readers see nothing of it.
    assert client.get(article.url, HTTP_USER_AGENT=BROWSER).status_code == 404
    assert article.title not in client.get(article.get_parent().url).content.decode()


def test_refusals_leave_nothing_behind(issued: IssuedReport) -> None:
    for username in ("baocao", "truongban", "lanhdao", "dangvien"):
        with pytest.raises(PermissionDenied):
            services.article_from_report(issued_report=issued, by=user(username))
    with pytest.raises(PermissionDenied):
        services.article_from_report(issued_report=issued, by=None)
    assert not ArticlePage.objects.filter(issued_report=issued).exists()
    services.article_from_report(issued_report=issued, by=user("duyetbai"))
    with pytest.raises(ValidationError, match=r"đã có bài viết|already has"):
        services.article_from_report(issued_report=issued, by=user("vanphong"))
    assert ArticlePage.objects.filter(issued_report=issued).count() == 1


def test_the_button_on_the_issued_report_page(client: Client, issued: IssuedReport) -> None:
    period = issued.period
    client.force_login(user("vanphong"))
    page = client.get(f"/reports/{period.pk}/draft/").content.decode()
    assert BUTTON in page
    response = client.post(f"/portal-office/reports/{period.pk}/article/")
    article = ArticlePage.objects.get(issued_report=issued)
    assert response.status_code == 302
    assert response["Location"] == f"/cms/pages/{article.pk}/edit/"
    page = client.get(f"/reports/{period.pk}/draft/").content.decode()
    assert BUTTON not in page
    assert article.title in page
    assert "(dự thảo)" in page
    # Again: refused with the reason, back on the report.
    response = client.post(f"/portal-office/reports/{period.pk}/article/", follow=True)
    assert "Báo cáo này đã có bài viết" in response.content.decode()
    assert ArticlePage.objects.filter(issued_report=issued).count() == 1


def test_a_reporter_gets_no_button_and_is_refused(client: Client, issued: IssuedReport) -> None:
    period = issued.period
    client.force_login(user("baocao"))
    page = client.get(f"/reports/{period.pk}/draft/")
    assert page.status_code == 200
    assert BUTTON not in page.content.decode()
    response = client.post(f"/portal-office/reports/{period.pk}/article/")
    assert response.status_code == 403
    assert not ArticlePage.objects.filter(issued_report=issued).exists()


def test_a_report_not_issued_has_no_button(client: Client, issued: IssuedReport) -> None:
    other = Period.objects.filter(committee=issued.period.committee, issued__isnull=True).first()
    client.force_login(user("vanphong"))
    if other is not None:
        assert BUTTON not in client.get(f"/reports/{other.pk}/draft/").content.decode()
        response = client.post(f"/portal-office/reports/{other.pk}/article/", follow=True)
        assert "Chỉ báo cáo đã ban hành" in response.content.decode()
    response = client.post("/portal-office/reports/999999/article/")
    assert response.status_code == 404
    assert not ArticlePage.objects.filter(issued_report__isnull=False).exists()


# --- the portal's rows of the permission matrix -------------------------------------------

OFFICE = {"vanphong", "duyetbai", "quantri"}
EXPECTED = {
    # the committee's office (Quận ủy Long Biên) and the city's administrator above it
    "portal.article_from_report": OFFICE,
    "portal.article_from_conference": OFFICE,
    "portal.manage": OFFICE,
    "portal.document_publish": OFFICE,
    "portal.publish_scheduled": set(),  # the worker alone
}
USERS = ["vanphong", "duyetbai", "baocao", "truongban", "lanhdao", "quantri", "dangvien"]


def test_the_portal_actions_as_every_demo_role(issued: IssuedReport) -> None:
    assert {a for a in policy.actions() if a.startswith("portal.")} == set(EXPECTED)
    for action, expected in EXPECTED.items():
        obj = {
            "portal.article_from_report": issued,
            "portal.article_from_conference": ArticlePage.objects.get(
                conference__isnull=False
            ).conference,
            "portal.manage": issued.period.committee,
            "portal.document_publish": issued.period.committee,
        }.get(action)
        allowed = {name for name in USERS if policy.allowed(user(name), action, obj)}
        assert allowed == expected, action
        assert policy.allowed(policy.WORKER, action, obj)
        assert not policy.allowed(None, action, obj)


def test_no_portal_service_runs_for_nobody_or_a_units_reporter(issued: IssuedReport) -> None:
    """None (no actor) and a unit's reporter are refused by every write service before it
    writes; only the office and system actors pass (the policy, not an `if by is not None`)."""
    import datetime as dt

    from dangvu.portal.models import PublishedDocument
    from dangvu.portal.permissions import PortalRole

    committee = issued.period.committee
    portal = PortalHomePage.objects.get(committee=committee)
    conference = ArticlePage.objects.get(conference__isnull=False).conference
    ArticlePage.objects.filter(conference=conference).delete()
    documents = PublishedDocument.objects.count()
    groups = set(user("truongban").groups.values_list("pk", flat=True))
    for actor in (None, user("baocao")):
        with pytest.raises(PermissionDenied):
            services.portal_role_grant(
                portal=portal, user=user("truongban"), role=PortalRole.CONTRIBUTOR, by=actor
            )
        with pytest.raises(PermissionDenied):
            services.document_publish(
                committee=committee,
                number="Số 1-TB/QU",
                issued_on=dt.date(2020, 9, 11),
                summary="Thông báo thử",
                issued_report=issued,
                by=actor,
            )
        with pytest.raises(PermissionDenied):
            services.article_from_conference(conference=conference, by=actor)
        with pytest.raises(PermissionDenied):
            services.portal_create(committee=committee, title="X", slug="x", by=actor)
    assert set(user("truongban").groups.values_list("pk", flat=True)) == groups
    assert PublishedDocument.objects.count() == documents
    assert not ArticlePage.objects.filter(conference=conference).exists()
    # The office may.
    article = services.article_from_conference(conference=conference, by=user("vanphong"))
    assert article.owner == user("vanphong")
