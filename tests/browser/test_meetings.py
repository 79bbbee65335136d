"""The office plans a conference, records attendance, writes the conclusion, issues the notice,
downloads its DOCX and turns an item into a task."""

import io
from typing import Any

import pytest
from docx import Document

from dangvu.assignments.models import Task
from dangvu.meetings.enums import Attendance
from dangvu.meetings.models import Conference
from dangvu.org.models import Organisation
from tests.browser.test_org_tree import sign_in
from tests.meetings.conftest import next_notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_runs_a_conference_to_its_tasks(
    page: Any, live_server: Any, demo: dict[str, Organisation]
) -> None:
    base = live_server.url
    sign_in(page, base, "vanphong")
    page.get_by_role("link", name="Hội nghị", exact=True).click()
    page.get_by_role("link", name="Hội nghị mới").click()

    page.get_by_label("Cấp ủy").select_option(label="Quận ủy Long Biên")
    page.get_by_label("Loại hội nghị").select_option(label="Hội nghị Ban Thường vụ")
    page.get_by_label("Tên hội nghị").fill("Hội nghị Ban Thường vụ tháng 10/2020")
    page.get_by_label("Thời gian bắt đầu").fill("2020-10-06T08:00")
    page.get_by_label("Địa điểm").fill("Phòng họp tầng 2")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_role("heading", name="Hội nghị Ban Thường vụ tháng 10/2020").is_visible()
    conference = Conference.objects.get(title="Hội nghị Ban Thường vụ tháng 10/2020")

    page.get_by_label("Nội dung chương trình").fill("Công tác cán bộ quý IV")
    page.get_by_role("button", name="Thêm vào chương trình").click()
    page.get_by_label("Tổ chức").select_option(label="\u2003Ban Tổ chức Quận ủy Long Biên")
    page.get_by_label("Mời với tư cách").fill("Trưởng ban")
    page.get_by_role("button", name="Mời", exact=True).click()
    assert page.get_by_text("Đã thêm thành phần mời.").is_visible()

    page.get_by_role("button", name="Ghi nhận đã họp").click()
    page.get_by_label("Điểm danh của Ban Tổ chức").select_option(label="Có mặt")
    page.get_by_role("button", name="Lưu điểm danh").click()
    assert page.get_by_text("Có mặt: 1").is_visible()
    assert conference.invitations.get().attendance == Attendance.PRESENT

    page.locator("[id^=item-]").get_by_role("link", name="Biên bản").first.click()
    page.get_by_label("Loại kết quả").select_option(label="Quyết định")
    # the minutes are rich-text editors: wait for them before typing (the label then names
    # the editable area, not the hidden textarea)
    page.locator(".richtext-editor .ProseMirror").nth(1).wait_for()
    page.get_by_label("Kết quả", exact=True).fill("Thống nhất phương án kiện toàn.")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu biên bản.").first.wait_for()
    assert conference.agenda.get().outcome == "<p>Thống nhất phương án kiện toàn.</p>"

    page.get_by_role("link", name="Ghi kết luận").click()
    page.get_by_label("Các nội dung kết luận").fill(
        "1. Ban Tổ chức hoàn thiện đề án kiện toàn cán bộ.\n2. Văn phòng tổng hợp kết quả."
    )
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Đã lưu kết luận.").is_visible()

    expected = next_notice()
    number = expected.split("-")[0]
    page.get_by_role("link", name="Ban hành thông báo").click()
    page.get_by_label("Thẩm quyền ký").select_option("T/L BAN THƯỜNG VỤ")
    page.get_by_label("Chức vụ người ký").fill("Chánh Văn phòng")
    page.locator("#id_signer_name").fill("Nguyễn Văn Mẫu")
    page.get_by_label("Ngày ban hành thông báo").fill("2020-10-07")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text(f"Đã ban hành thông báo số {expected} ngày 7/10/2020.").is_visible()

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải thông báo (DOCX)").click()
    download = info.value
    assert download.suggested_filename == f"thong-bao-{number}-TB-2020.docx"
    doc = Document(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
    assert doc.tables[0].rows[0].cells[0].paragraphs[-1].text == f"Số {expected}"
    assert "T/L BAN THƯỜNG VỤ" in [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs]

    # One road: the items go through the same review as a pasted conclusion (issue 12).
    page.get_by_role("link", name="Rà soát các mục và tạo nhiệm vụ").click()
    page.locator("fieldset.task-row").nth(1).get_by_label("Đưa vào").uncheck()
    page.get_by_role("button", name="Tạo nhiệm vụ").click()
    page.wait_for_url(f"{base}/meetings/{conference.pk}/")
    assert page.get_by_text("Đã tạo 1 nhiệm vụ từ thông báo kết luận.").is_visible()
    task = Task.objects.get(original_text="Ban Tổ chức hoàn thiện đề án kiện toàn cán bộ.")
    assert task.source_reference == f"Thông báo {expected}, mục 1"
    assert page.get_by_role("link", name=f"Nhiệm vụ #{task.pk}").is_visible()
