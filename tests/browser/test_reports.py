"""A unit writes and submits its contribution; the office accepts it, consolidates the draft,
takes a comment, answers it, issues the report and downloads it as Word."""

import datetime as dt
import io
from typing import Any

import docx
import pytest

from dangvu.accounts.models import User
from dangvu.org.models import Organisation
from dangvu.reports import services
from dangvu.reports.enums import ContributionStatus, PeriodKind
from dangvu.reports.models import Contribution, Period
from tests.browser.test_org_tree import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(demo_tree: dict[str, Organisation]) -> dict[str, Organisation]:
    """The demo's organisations and accounts without its story chapters: no period yet."""
    return demo_tree


@pytest.fixture
def period(demo: dict[str, Organisation]) -> Period:
    office = User.objects.get(username="vanphong")
    period = services.period_create(
        committee=demo["lb-qu"], kind=PeriodKind.NINE_MONTHS, year=2020,
        due_on=dt.date(2020, 9, 4), by=office,
    )  # fmt: skip
    services.contributions_request(period=period, units=[demo["lb-btg"], demo["lb-btc"]], by=office)
    return period


def _switch(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, base, username)


def test_report_journey(page: Any, live_server: Any, period: Period) -> None:
    base = live_server.url
    sign_in(page, base, "baocao")
    page.get_by_role("link", name="Báo cáo", exact=True).click()
    page.get_by_role("link", name=period.title).click()
    assert page.locator("table.report-board tbody tr").count() == 1  # only its own unit
    page.get_by_role("link", name="Ban Tuyên giáo", exact=True).click()
    section = page.locator("fieldset.report-section").first
    # The rich-text editors replace the textareas once their module has run: wait for them,
    # or the label may still point at a textarea that is about to be hidden.
    section.locator(".richtext-editor .ProseMirror").first.wait_for()
    section.get_by_label("Kết quả").fill("Tổ chức 20 hội nghị quán triệt nghị quyết.")
    page.get_by_label("Buổi tuyên truyền, học tập nghị quyết").fill("20")
    page.get_by_role("button", name="Lưu và chuyển thủ trưởng đơn vị").click()
    page.get_by_text("Đã chuyển thủ trưởng đơn vị.").first.wait_for()  # the page after the click
    assert page.get_by_role("button", name="Gửi Văn phòng").count() == 0

    _switch(page, base, "truongban")
    contribution = Contribution.objects.get(period=period, unit__code="lb-btg")
    page.goto(f"{base}/reports/contributions/{contribution.pk}/")
    page.get_by_role("button", name="Gửi Văn phòng").click()
    page.get_by_text("Đã gửi sau hạn: ghi nhận chậm.").first.wait_for()  # the page after the click

    _switch(page, base, "vanphong")
    page.goto(f"{base}/reports/{period.pk}/")
    row = page.locator("table.report-board tbody tr", has_text="Ban Tuyên giáo")
    assert row.get_by_text("chậm").is_visible()
    row.get_by_role("button", name="Tiếp nhận").click()
    page.get_by_text("Đã tiếp nhận báo cáo.").first.wait_for()  # the page after the click
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.ACCEPTED

    page.get_by_role("link", name="Dự thảo tổng hợp").click()
    page.get_by_role("button", name="Tổng hợp các báo cáo đã tiếp nhận (dự thảo lần 1)").click()
    page.get_by_text(
        "Tổ chức 20 hội nghị quán triệt nghị quyết."
    ).first.wait_for()  # the page after the click
    assert page.locator(".provenance", has_text="Ban Tuyên giáo").first.is_visible()

    page.locator("#comment-form .ProseMirror").fill("Đề nghị nêu rõ số đảng viên tham dự.")
    page.get_by_label("Người góp ý (đại biểu)").fill("Đại biểu Hội CCB")
    page.get_by_role("button", name="Gửi góp ý").click()
    page.get_by_text("Đã gửi góp ý.").first.wait_for()  # the page after the click
    comment = page.locator(".report-comment").first
    comment.get_by_label("Giải trình").check()
    # the answer is a rich-text editor too: wait for it, then type into it
    answer = comment.locator(".richtext-editor .ProseMirror")
    answer.wait_for()
    answer.fill("Số liệu chi tiết có trong phụ lục.")
    comment.get_by_role("button", name="Trả lời").click()
    page.get_by_text("Đã lưu trả lời.").first.wait_for()  # the page after the click
    assert page.locator(".report-comment .answer .richtext p").first.inner_text() == (
        "Số liệu chi tiết có trong phụ lục."
    )

    page.get_by_role("link", name="Ban hành").click()
    page.locator("#id_issued_on").fill("2020-09-12")
    page.locator("#id_signer_title").fill("PHÓ BÍ THƯ THƯỜNG TRỰC")
    page.locator("#id_signer_name").fill("Ngô Mạnh Điềm")
    # The outline has headings nobody wrote under: the page names them, the office confirms.
    assert page.get_by_text("báo cáo ban hành sẽ bỏ các đề mục này").is_visible()
    page.locator("#id_empty_headings_confirmed").check()
    page.get_by_role("button", name="Lưu").click()
    period.refresh_from_db()
    number = period.issued.number_label
    assert page.get_by_text(f"Đã ban hành báo cáo Số {number}.").is_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Word (.docx)").click()
    path = download_info.value.path()
    document = docx.Document(io.BytesIO(open(path, "rb").read()))  # noqa: SIM115
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert f"Số {number}" in cells
    assert "Ngô Mạnh Điềm" in cells
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Tổ chức 20 hội nghị quán triệt nghị quyết." in text
