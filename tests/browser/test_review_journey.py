"""The reviewer's journey (duyetbai) and the member's (dangvien) in a real browser, at 1366 px
and 390 px, over the whole demo: the office sends the issued report to the portal ("Đăng lên
cổng thông tin"), submits the draft for review, the reviewer approves it in Wagtail's workflow
and an anonymous reader finds it; the member reads their own record and is refused a task's
evidence."""

from __future__ import annotations

from typing import Any

import pytest

from dangvu.assignments import services as task_services
from dangvu.assignments.models import Task
from dangvu.org.models import Organisation
from dangvu.portal.models import ArticlePage
from dangvu.reports.models import IssuedReport
from tests.browser.test_role_journeys import PDF, WIDTHS, Visit, account
from tests.browser.test_role_journeys import screen as screen  # the fixture, re-exported

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("screen", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
def test_reviewer_approves_the_article_of_the_issued_report(
    screen: Any, live_server: Any, demo: dict[str, Organisation]
) -> None:
    page = screen
    visit = Visit(page, live_server.url)
    issued = IssuedReport.objects.get(period__committee=demo["lb-qu"])

    # The office sends the issued report to the portal and submits the draft for review.
    visit.sign_in("vanphong")
    visit.go(f"/reports/{issued.period_id}/draft/")
    page.get_by_role("button", name="Đăng lên cổng thông tin").click()
    page.wait_for_url("**/cms/pages/*/edit/")
    article = ArticlePage.objects.get(issued_report=issued)
    assert page.locator("#id_title").input_value() == issued.period.title
    with page.expect_navigation():
        page.locator('button[name="action-submit"]').dispatch_event("click")
    article.refresh_from_db()
    assert article.current_workflow_state is not None
    assert not article.live
    page.context.clear_cookies()
    assert visit.go(article.url).status == 404  # an anonymous reader: not yet

    # The reviewer: "Việc cần làm" on the home page, then the approval in Wagtail.
    visit.sign_in("duyetbai")
    visit.todo()
    page.goto(f"{live_server.url}/cms/pages/{article.pk}/edit/")
    with page.expect_navigation():
        page.locator('[data-workflow-action-name="approve"]').first.dispatch_event("click")
    article.refresh_from_db()
    assert article.live
    assert article.current_workflow_state is None

    # An anonymous reader finds it in its category and reads it.
    page.context.clear_cookies()
    visit.go(article.get_parent().url)
    page.get_by_role("link", name=article.title).first.click()
    page.wait_for_url(f"**{article.url}")
    visit.settled()
    assert page.get_by_role("heading", level=1).inner_text() == article.title
    assert "ban hành Báo cáo số" in page.locator("main").inner_text()
    visit.fits_the_phone()


@pytest.mark.parametrize("screen", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
def test_member_reads_their_record_and_not_a_tasks_evidence(
    screen: Any, live_server: Any, demo: dict[str, Organisation]
) -> None:
    page = screen
    visit = Visit(page, live_server.url)
    # A ward's task with a PDF as evidence, reported by the ward.
    task = Task.objects.filter(lead_unit__code="p-bode", completed_on__isnull=True).first()
    assert task is not None
    report = task_services.progress_report_create(
        task=task,
        by=account("phuongbode"),
        unit=task.lead_unit,
        done="Đã rà soát hồ sơ đảng viên",
        percent=60,
        files=[("ra-soat.pdf", PDF)],
    )
    evidence = report.evidence.get()

    visit.sign_in("dangvien")
    assert visit.todo().get_by_text("Không có việc nào đang chờ bạn.").is_visible()
    visit.go("/evaluation/members/")
    assert page.get_by_text("LB-DD-02").first.is_visible()
    assert page.get_by_text("LB-DD-03").count() == 0
    assert visit.go(f"/tasks/{task.pk}/evidence/{evidence.pk}/").status == 404
    assert visit.go(f"/tasks/{task.pk}/").status == 404
    visit.go("/accounts/profile/")
    visit.fits_the_phone()

    # The ward's reporter, whose task it is, opens the same file.
    page.context.clear_cookies()
    visit.sign_in("phuongbode")
    visit.go(f"/tasks/{task.pk}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="ra-soat.pdf").click()
    with open(download_info.value.path(), "rb") as handle:
        assert handle.read() == PDF
    visit.fits_the_phone()
