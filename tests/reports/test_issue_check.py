"""Issuing a report names the empty headings it leaves out; the office confirms them."""

from __future__ import annotations

import datetime as dt
import io

import docx
from django.test import Client
from django.urls import reverse

from dangvu.reports import services
from dangvu.reports.exports import empty_headings
from dangvu.reports.models import IssuedReport
from tests.conftest import login
from tests.reports.conftest import write_and_accept

SIGNER = {
    "issued_on": "2020-10-01",
    "signer_authority": "T/M BAN THƯỜNG VỤ",
    "signer_title": "PHÓ BÍ THƯ THƯỜNG TRỰC",
    "signer_name": "Ngô Mạnh Điềm",
}


def test_issue_asks_to_confirm_the_empty_headings(client: Client, period, office) -> None:
    write_and_accept(period, "lb-btg", "Đoạn của Ban Tuyên giáo.", {})
    version = services.draft_consolidate(period=period, by=office)
    empty = empty_headings(version)
    assert empty  # the outline has headings nobody wrote under
    login(client, "vanphong")
    url = reverse("reports:issue", args=[period.pk])
    page = client.get(url).content.decode()
    assert empty[0] in page
    refused = client.post(url, SIGNER)
    assert refused.status_code == 200
    assert "hãy xác nhận bỏ các đề mục này" in refused.content.decode()
    assert not IssuedReport.objects.filter(period=period).exists()
    assert 'value="Ngô Mạnh Điềm"' in refused.content.decode()  # nothing typed is lost
    done = client.post(url, {**SIGNER, "empty_headings_confirmed": "on"})
    assert done.status_code == 302
    issued = IssuedReport.objects.get(period=period)
    document = client.get(reverse("reports:docx", args=[period.pk]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(document.content)).paragraphs)
    assert "Đoạn của Ban Tuyên giáo." in text
    for heading in empty:
        assert heading not in text.split("\n")
    assert issued.number_label == "1-BC/QU"


def test_report_issued_with_a_number_from_the_paper_register(period, office) -> None:
    from dangvu.documents.models import DocumentNumber

    write_and_accept(period, "lb-btg", "Đoạn của Ban Tuyên giáo.", {})
    version = services.draft_consolidate(period=period, by=office)
    issued = services.report_issue(
        period=period, version=version, issued_on=dt.date(2020, 10, 1),
        signer_authority="T/M BAN THƯỜNG VỤ", signer_title="Phó Bí thư Thường trực Quận ủy",
        signer_name="Ngô Mạnh Điềm", by=office, number=125, confidentiality="MẬT",
    )  # fmt: skip
    assert issued.number_label == "125-BC/QU"
    entry = DocumentNumber.objects.get(issuer=period.committee, type_code="BC", number=125)
    assert entry.typed is True
    doc = docx.Document(io.BytesIO(bytes(entry.docx)))
    left = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]
    assert left[-2:] == ["Số 125-BC/QU", "MẬT"]
    signer = [p.text for p in doc.tables[1].rows[0].cells[1].paragraphs if p.text]  # the closing
    assert signer == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Ngô Mạnh Điềm"]
