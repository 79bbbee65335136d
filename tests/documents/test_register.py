"""The register page (sổ đăng ký văn bản đi): numbers per type, typed numbers refused when
taken, the documents and their signed scans served only through the scoped views, the Excel
export; and the notice and report issued through it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from dangvu.documents.models import DocumentNumber
from dangvu.org.models import Organisation
from tests.conftest import login

PDF = b"%PDF-1.4\n% signed and stamped\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def register_url(issuer: Organisation, year: int | str = 2020) -> str:
    return f"{reverse('documents:register')}?issuer={issuer.pk}&year={year}"


def record(client: Client, issuer: Organisation, **values: Any) -> Any:
    data = {"type_code": "KH", "issued_on": "2020-10-05", "label": "Kế hoạch tuyên truyền"}
    data.update(values)
    return client.post(register_url(issuer), data)


def test_the_demo_documents_are_in_the_register_with_their_numbers(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    response = office_client.get(register_url(demo["lb-qu"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Số 1-BC/QU" in page
    assert "Số 1-TB/QU" in page  # each type counts from 1
    entries = {str(e): e for e in response.context["entries"]}
    assert entries["1-TB/QU"].issued_on.isoformat() == "2020-09-12"
    assert entries["1-GM/QU"].issued_on.isoformat() == "2020-09-08"
    # The issued documents are kept as DOCX and downloadable from the register.
    kinds = {
        "1-BC/QU": "BÁO CÁO",
        "1-TB/QU": "THÔNG BÁO",
        "1-GM/QU": "GIẤY MỜI",
        "1-BB/QU": "BIÊN BẢN",
    }
    for label, type_name in kinds.items():
        url = reverse("documents:entry_docx", args=[entries[label].pk])
        assert url in page
        docx = office_client.get(url)
        assert docx.status_code == 200
        document = Document(io.BytesIO(docx.content))
        assert type_name in [p.text for p in document.paragraphs]
        header = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
        assert f"Số {label}" in header
        assert "DỰ THẢO" not in [p.text for p in document.paragraphs]
        if label == "1-GM/QU":
            # The Chánh Văn phòng of the demo signs the letter; the people are invited in it.
            signer = document.tables[-1].rows[0].cells[1].paragraphs
            assert [p.text for p in signer if p.text][-1] == "Lê Văn C"
            assert "- Đồng chí Lê Văn C - Chánh Văn phòng Quận ủy" in [
                p.text for p in document.paragraphs
            ]


def test_record_takes_the_next_number_of_its_type(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    response = record(office_client, demo["lb-qu"])
    assert response.status_code == 302
    entry = DocumentNumber.objects.get(label="Kế hoạch tuyên truyền")
    assert str(entry) == "1-KH/QU"
    assert entry.typed is False
    record(office_client, demo["lb-qu"], label="Kế hoạch thứ hai")
    assert str(DocumentNumber.objects.get(label="Kế hoạch thứ hai")) == "2-KH/QU"


def test_a_typed_number_from_the_paper_register(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    response = record(
        office_client, demo["lb-qu"], type_code="GM", number="37", confidentiality="MẬT"
    )
    assert response.status_code == 302
    entry = DocumentNumber.objects.get(type_code="GM", issuer=demo["lb-qu"], number=37)
    assert (entry.number, entry.typed, entry.confidentiality) == (37, True, "MẬT")
    page = office_client.get(register_url(demo["lb-qu"])).content.decode()
    assert "Số 37-GM/QU" in page
    assert "MẬT" in page


def test_a_typed_number_already_taken_is_refused_and_the_form_kept(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    response = record(office_client, demo["lb-qu"], type_code="TB", number="1", label="Trùng số")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Số 1-TB/QU năm 2020 đã có trong sổ đăng ký" in page
    assert 'value="Trùng số"' in page  # nothing typed is lost
    assert not DocumentNumber.objects.filter(label="Trùng số").exists()


def test_only_the_office_records(client: Client, demo: dict[str, Organisation]) -> None:
    login(client, "lanhdao")
    assert client.get(register_url(demo["lb-qu"])).status_code == 200  # the leader reads it
    assert record(client, demo["lb-qu"]).status_code == 403
    assert not DocumentNumber.objects.filter(type_code="KH").exists()
    login(client, "baocao")
    assert client.get(register_url(demo["lb-qu"])).status_code == 403


def test_signed_scan_is_attached_and_served_only_through_the_register(
    office_client: Client, client: Client, demo: dict[str, Organisation], media: Path
) -> None:
    entry = DocumentNumber.objects.get(issuer=demo["lb-qu"], type_code="TB", number=1)
    upload = SimpleUploadedFile("TB-1 ky.pdf", PDF, content_type="application/pdf")
    response = office_client.post(
        reverse("documents:entry_scan_upload", args=[entry.pk]), {"scan": upload}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.signed_scan_name == "TB-1 ky.pdf"
    assert entry.signed_scan.name.startswith("register/")
    page = office_client.get(register_url(demo["lb-qu"])).content.decode()
    download = reverse("documents:entry_scan", args=[entry.pk])
    assert download in page
    assert "/media/" not in page
    served = office_client.get(download)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF  # type: ignore[attr-defined]
    assert "1-TB-QU-2020.pdf" in served["Content-Disposition"]
    # Someone who may not read the register gets nothing.
    login(client, "baocao")
    assert client.get(download).status_code == 404
    assert client.get(reverse("documents:entry_docx", args=[entry.pk])).status_code == 404


def test_a_renamed_file_is_not_a_scan(office_client: Client, demo: dict[str, Organisation]) -> None:
    entry = DocumentNumber.objects.get(issuer=demo["lb-qu"], type_code="TB", number=1)
    upload = SimpleUploadedFile("scan.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = office_client.post(
        reverse("documents:entry_scan_upload", args=[entry.pk]), {"scan": upload}, follow=True
    )
    assert "không thực sự là tệp PDF" in response.content.decode()
    entry.refresh_from_db()
    assert not entry.signed_scan


def test_reporters_cannot_attach_a_scan(client: Client, demo: dict[str, Organisation]) -> None:
    entry = DocumentNumber.objects.get(issuer=demo["lb-qu"], type_code="TB", number=1)
    login(client, "lanhdao")  # reads the register, does not keep it
    upload = SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("documents:entry_scan_upload", args=[entry.pk]), {"scan": upload}
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert not entry.signed_scan


def test_excel_export_of_the_register(office_client: Client, demo: dict[str, Organisation]) -> None:
    record(office_client, demo["lb-qu"], type_code="KH", urgency="KHẨN")
    response = office_client.get(
        f"{reverse('documents:register_xlsx')}?issuer={demo['lb-qu'].pk}&year=2020"
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    numbers = [row[0] for row in rows]
    assert numbers == ["1-BB/QU", "1-BC/QU", "1-GM/QU", "1-KH/QU", "1-TB/QU"]
    plan = rows[3]
    assert plan[2] == "Kế hoạch"
    assert plan[3] == "Kế hoạch tuyên truyền"
    assert plan[5] == "KHẨN"
    assert sheet["D2"].value == "Trích yếu nội dung"


def test_the_register_actions_by_role(demo: dict[str, Organisation]) -> None:
    """`register.keep` and `register.read`, the rows the project's permission matrix leaves to
    this file: the issuer's office keeps, its leaders read, units and outsiders neither."""
    from dangvu.accounts.models import User
    from dangvu.core import policy

    issuer = demo["lb-qu"]
    users = {name: User.objects.get(username=name) for name in ("vanphong", "lanhdao", "baocao")}
    keep = {name for name, user in users.items() if policy.allowed(user, "register.keep", issuer)}
    read = {name for name, user in users.items() if policy.allowed(user, "register.read", issuer)}
    assert keep == {"vanphong"}
    assert read == {"vanphong", "lanhdao"}
    assert not policy.allowed(None, "register.read", issuer)
