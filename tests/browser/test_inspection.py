"""The commission's office takes one inspection from its decision to its conclusion: the
numbered decision, the subject's report with a document, a step refused out of order, the team's
report, the numbered conclusion notice (DOCX) and its recommendations followed as tasks."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from dangvu.assignments.models import Task
from dangvu.inspection.enums import InspectionState
from dangvu.inspection.models import Attachment, Inspection
from dangvu.org.models import Organisation
from tests.browser.test_org_tree import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
INDENT = "\u2003"
TITLE = "Kiểm tra thu, nộp đảng phí tại Đảng bộ cơ quan Dân - Đảng"


def test_an_inspection_from_decision_to_conclusion(
    page: Any, live_server: Any, demo: dict[str, Organisation], tmp_path: Path
) -> None:
    base = live_server.url
    sign_in(page, base, "vanphong")
    page.get_by_role("link", name="Kiểm tra, giám sát", exact=True).click()
    page.get_by_role("link", name="Cuộc kiểm tra, giám sát mới").click()

    page.get_by_label("Cơ quan quyết định").select_option(
        label=INDENT * 2 + "Ủy ban Kiểm tra Quận ủy Long Biên"
    )
    page.get_by_label("Loại hình kiểm tra, giám sát").select_option(label="Kiểm tra tài chính đảng")
    page.get_by_label("Tên cuộc kiểm tra, giám sát").fill(TITLE)
    page.locator("#id_content").fill("Việc thu, nộp, quản lý đảng phí năm 2019.")
    page.get_by_label("Tổ chức đảng là đối tượng").select_option(
        label=INDENT * 2 + "Đảng bộ cơ quan Dân - Đảng quận Long Biên"
    )
    page.get_by_label("Ngày quyết định").fill("2020-10-05")
    page.get_by_label("Trưởng đoàn").fill("Ủy viên UBKT (mẫu)")
    # The work ends before it starts: refused, what was typed stays.
    page.get_by_label("Ngày bắt đầu").fill("2020-10-12")
    page.get_by_label("Ngày kết thúc").fill("2020-10-01")
    page.get_by_label("Hạn báo cáo của đối tượng").fill("2020-10-20")
    page.get_by_label("Hạn báo cáo của đoàn").fill("2020-11-10")
    page.get_by_label("Hạn kết luận").fill("2020-11-30")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Công việc không thể kết thúc trước khi bắt đầu.").is_visible()
    assert page.get_by_label("Tên cuộc kiểm tra, giám sát").input_value() == TITLE
    assert not Inspection.objects.filter(title=TITLE).exists()
    page.get_by_label("Ngày kết thúc").fill("2020-11-06")
    page.get_by_role("button", name="Lưu").click()
    inspection = Inspection.objects.get(title=TITLE)
    assert page.get_by_text(f"Đã ghi Quyết định số {inspection.decision_number}.").is_visible()
    assert str(inspection.decision_number) == "3-QĐ/UBKTQU"  # after the demo's two decisions

    # A step out of order: the team's report before the subject's.
    page.goto(f"{base}/inspection/{inspection.pk}/team-report/")
    page.get_by_label("Ngày nhận").fill("2020-11-09")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text(
        "Báo cáo của đoàn chỉ có thể ghi sau báo cáo của đối tượng"
    ).is_visible()
    page.get_by_role("link", name=TITLE).click()

    page.get_by_role("link", name="Ghi báo cáo của đối tượng").click()
    page.get_by_label("Ngày nhận").fill("2020-10-19")
    page.get_by_label("Tóm tắt").fill("Báo cáo tự kiểm tra việc thu, nộp đảng phí.")
    page.get_by_label("Văn bản").set_input_files(
        {"name": "bao-cao-tu-kiem-tra.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n"}
    )
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Đã ghi báo cáo của đối tượng.").is_visible()
    assert page.get_by_role("link", name="bao-cao-tu-kiem-tra.pdf").is_visible()

    page.get_by_role("link", name="Ghi báo cáo của đoàn").click()
    page.get_by_label("Ngày nhận").fill("2020-11-09")
    page.get_by_role("button", name="Lưu").click()

    page.get_by_role("link", name="Ban hành thông báo kết luận").click()
    page.get_by_label("Ngày kết luận").fill("2020-11-27")
    page.locator("#id_text").fill(
        "Việc thu, nộp đảng phí cơ bản đúng quy định; sổ sách một số chi bộ chưa đầy đủ."
    )
    page.get_by_label("Kiến nghị").fill(
        "Bổ sung sổ sách thu, nộp đảng phí ở các chi bộ | lb-dd | 31/12/2020 | "
        "Báo cáo kết quả khắc phục | lb-ubkt"
    )
    page.get_by_label("Chức vụ người ký").fill("Chủ nhiệm")
    page.locator("#id_signer_name").fill("Chủ nhiệm UBKT Quận ủy (mẫu)")
    page.get_by_role("button", name="Lưu").click()
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.CONCLUDED
    assert page.get_by_text(f"Đã ban hành Thông báo kết luận số {inspection.conclusion_number}.")
    page.screenshot(path=str(tmp_path / "inspection.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Thông báo kết luận (.docx)").click()
    document = Document(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert f"Số {inspection.conclusion_number}" in cells

    page.get_by_role("button", name="Chuyển các kiến nghị thành nhiệm vụ theo dõi").click()
    assert page.get_by_text("Đã chuyển 1 kiến nghị thành nhiệm vụ theo dõi.").is_visible()
    task = Task.objects.get(inspection_recommendation__inspection=inspection)
    assert task.lead_unit == demo["lb-dd"]
    assert task.published_at is not None
    assert Attachment.objects.filter(inspection=inspection).count() == 1
