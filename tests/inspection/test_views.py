"""The inspection pages: who sees what, the steps through the forms, bad input refused with a
Vietnamese message and nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dangvu.core import policy
from dangvu.documents.models import DocumentNumber
from dangvu.inspection import services
from dangvu.inspection.enums import InspectionState
from dangvu.inspection.models import Attachment, Inspection
from tests.inspection.conftest import World, decide

PDF = b"%PDF-1.4\n% thu\n"


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("commission", 200),
        ("district_office", 200),
        ("district_leader", 200),
        ("ward_a_office", 200),  # the subject
        ("ward_b_office", 404),
        ("ward_a_reporter", 404),
        ("propaganda_head", 404),
        ("stranger", 404),
    ],
)
def test_inspection_page_by_role(world: World, client: Client, username: str, status: int) -> None:
    inspection = decide(world)
    client.force_login(world.users[username])
    response = client.get(f"/inspection/{inspection.pk}/")
    assert response.status_code == status
    listing = client.get("/inspection/")
    assert (inspection.title in listing.content.decode()) == (status == 200)


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("commission", 200),
        ("district_office", 200),
        ("ward_a_office", 403),  # may decide for its own ward only: not this form's issuers
        ("district_leader", 403),
        ("stranger", 403),
    ],
)
def test_decision_form_by_role(world: World, client: Client, username: str, status: int) -> None:
    client.force_login(world.users[username])
    if username == "ward_a_office":
        # A ward office decides for its own ward: the form opens, offering only the ward.
        response = client.get("/inspection/new/")
        assert response.status_code == 200
        assert "Quận ủy Thử" not in response.content.decode().split('name="kind"')[0]
        return
    assert client.get("/inspection/new/").status_code == status


def _decision_data(world: World, **overrides: str) -> dict[str, object]:
    data: dict[str, object] = {
        "issuer": world.commission.pk, "kind": "regular", "title": "Kiểm tra thường xuyên phường B",
        "content": "Việc thực hiện quy chế làm việc.", "period_text": "2023",
        "subject_organisations": [world.ward_b.pk], "decided_on": "01/03/2024",
        "leader": "Nguyễn Văn Trưởng", "members": "", "starts_on": "05/03/2024",
        "ends_on": "30/04/2024", "subject_report_due": "20/03/2024",
        "team_report_due": "10/05/2024", "conclusion_due": "31/05/2024",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_decision_with_dates_out_of_order_is_refused(world: World, client: Client) -> None:
    client.force_login(world.users["commission"])
    response = client.post("/inspection/new/", _decision_data(world, ends_on="01/03/2024"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Công việc không thể kết thúc trước khi bắt đầu." in page
    assert "Kiểm tra thường xuyên phường B" in page  # nothing typed is lost
    assert not Inspection.objects.exists()
    assert not DocumentNumber.objects.exists()
    response = client.post("/inspection/new/", _decision_data(world))
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/inspection/{inspection.pk}/"
    assert str(inspection.decision_number) == "1-QĐ/UBKTQU"


def test_a_step_before_its_predecessor_is_refused_in_the_page(world: World, client: Client) -> None:
    inspection = decide(world)
    client.force_login(world.users["commission"])
    response = client.post(f"/inspection/{inspection.pk}/team-report/", {"on": "08/05/2024"})
    assert response.status_code == 200
    assert "Báo cáo của đoàn chỉ có thể ghi sau báo cáo của đối tượng" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.DECIDED


def test_a_bad_file_is_refused_and_nothing_written(world: World, client: Client) -> None:
    inspection = decide(world)
    client.force_login(world.users["ward_a_office"])
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 exe", content_type="application/pdf")
    response = client.post(
        f"/inspection/{inspection.pk}/subject-report/",
        {"on": "18/03/2024", "note": "Báo cáo tự kiểm tra", "documents": [fake]},
    )
    assert response.status_code == 200
    assert "không thực sự là tệp PDF" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.DECIDED
    assert not Attachment.objects.exists()
    good = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")
    response = client.post(
        f"/inspection/{inspection.pk}/subject-report/",
        {"on": "18/03/2024", "note": "Báo cáo tự kiểm tra", "documents": [good]},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    decision = client.get(f"/inspection/{inspection.pk}/decision.docx")
    assert decision.content.startswith(b"PK")
    assert "quyet-dinh-1-Q%C4%90-UBKTQU.docx" in decision["Content-Disposition"]
    # Downloaded through the scoped view only.
    assert client.get(f"/inspection/documents/{attachment.pk}/").status_code == 200
    client.force_login(world.users["ward_b_office"])
    assert client.get(f"/inspection/documents/{attachment.pk}/").status_code == 404


def test_conclusion_through_the_page_and_recommendations_as_tasks(
    world: World, client: Client
) -> None:
    inspection = decide(world)
    services.subject_report_record(inspection=inspection, on=dt.date(2024, 3, 18), by=policy.SYSTEM)
    services.team_report_record(inspection=inspection, on=dt.date(2024, 5, 8), by=policy.SYSTEM)
    client.force_login(world.users["commission"])
    data = {
        "on": "28/05/2024", "text": "Có vi phạm.", "violations": [inspection.subjects.get().pk],
        "recommendations": "Khắc phục sai phạm | pa | 31/08/2024 | Báo cáo khắc phục | ubkt\n"
        "Kiểm điểm | pa | hôm qua | Biên bản | ubkt",
        "signer_authority": "T/M ỦY BAN KIỂM TRA", "signer_title": "Chủ nhiệm",
        "signer_name": "Phạm Văn Ba", "recipients": "Lưu UBKT",
    }  # fmt: skip
    response = client.post(f"/inspection/{inspection.pk}/conclusion/", data)
    assert response.status_code == 200
    assert "Dòng 2: “hôm qua” không phải là ngày." in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.TEAM_REPORTED
    data["recommendations"] = str(data["recommendations"]).replace("hôm qua", "31/07/2024")
    response = client.post(f"/inspection/{inspection.pk}/conclusion/", data)
    assert response.status_code == 302
    docx = client.get(f"/inspection/{inspection.pk}/conclusion.docx")
    assert docx.status_code == 200
    assert docx.content.startswith(b"PK")
    followed = client.post(f"/inspection/{inspection.pk}/follow/")
    assert followed.status_code == 302, followed.content.decode()[-2000:]
    page = client.get(f"/inspection/{inspection.pk}/").content.decode()
    assert page.count("/tasks/") >= 2
    overview = client.get("/inspection/recommendations/?on=2024-06-01").content.decode()
    assert "0 trong số 2 kiến nghị" in overview


def _queries(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_pages_do_not_grow_with_the_records(world: World, client: Client) -> None:
    decide(world)
    client.force_login(world.users["district_office"])
    client.get("/inspection/")  # the session's first page stores its CSRF secret
    few = {url: _queries(client, url) for url in ("/inspection/", "/inspection/recommendations/")}
    for _ in range(4):
        decide(
            world, subjects=[services.SubjectData(world.ward_a), services.SubjectData(world.ward_b)]
        )
    many = {url: _queries(client, url) for url in few}
    assert many == few
