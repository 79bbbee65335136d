"""An issued report made public under "Văn bản" from its own page: the office's button queues the
job, the worker makes the PDF of the report as issued and publishes its number, date and trích
yếu; readers see the row and download the PDF; nobody else may, and it is published once."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from dangvu.core import background
from dangvu.core.models import BackgroundJob
from dangvu.portal.models import CategoryPage, PortalHomePage, PublishedDocument
from dangvu.reports.models import IssuedReport

from .conftest import user

pytestmark = pytest.mark.django_db
BUTTON = "Công bố báo cáo trong mục “Văn bản”"


@pytest.fixture
def issued(portal: PortalHomePage) -> IssuedReport:
    """The demo's issued report, not yet public (the demo publishes it: undone here)."""
    issued = IssuedReport.objects.select_related("period").get(period__committee=portal.committee)
    PublishedDocument.objects.filter(issued_report=issued).delete()
    return issued


def _url(issued: IssuedReport) -> str:
    return f"/portal-office/reports/{issued.period_id}/publish/"


def _job_of(response: Any) -> BackgroundJob:
    assert response.status_code == 302
    assert response["Location"].startswith("/jobs/"), response["Location"]
    return BackgroundJob.objects.get(pk=int(response["Location"].split("/")[2]))


def test_the_office_publishes_the_issued_report_with_its_pdf(
    client: Client, issued: IssuedReport, portal: PortalHomePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    converted: list[bytes] = []

    def convert(docx: bytes, **kw: Any) -> bytes:
        converted.append(docx)
        return b"%PDF-1.4 bao cao\n"

    monkeypatch.setattr("dangvu.documents.conversion.convert_to_pdf", convert)
    client.force_login(user("vanphong"))
    page = client.get(f"/reports/{issued.period_id}/draft/").content.decode()
    assert BUTTON in page
    job = _job_of(client.post(_url(issued)))
    assert job.kind == "portal.report_publish"
    assert converted == []  # nothing converted in the request
    assert _job_of(client.post(_url(issued))) == job  # asked twice while waiting: one job

    background.run_pending()
    job.refresh_from_db()
    assert job.state == "done", job.error
    assert len(converted) == 1
    assert converted[0][:2] == b"PK"  # the report as issued, a DOCX
    document = PublishedDocument.objects.get(issued_report=issued)
    assert document.number == f"Số {issued.number_label}"
    assert document.issued_on == issued.issued_on
    # The trích yếu: "Báo cáo" and the report's subject, the kind said once.
    assert document.summary.startswith("Báo cáo ")
    assert "báo cáo báo cáo" not in document.summary.lower()
    assert document.summary.lower().endswith(issued.period.title.lower().removeprefix("báo cáo "))
    assert document.pdf is not None
    assert (
        "Báo cáo đã được công bố trong mục “Văn bản”."
        in client.get(f"/jobs/{job.pk}/").content.decode()
    )
    page = client.get(f"/reports/{issued.period_id}/draft/").content.decode()
    assert BUTTON not in page
    assert "Báo cáo đã được công bố trong mục “Văn bản”." in page

    # An anonymous reader sees the row under "Văn bản" and downloads the PDF.
    reader = Client()
    van_ban = CategoryPage.objects.child_of(portal).get(slug="van-ban")
    html = reader.get(van_ban.url).content.decode()
    assert f"Số {issued.number_label}" in html
    assert issued.issued_on.strftime("%d/%m/%Y") in html
    assert document.summary in html
    assert document.pdf.url in html
    response = reader.get(document.pdf.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]

    # Published once: asking again is refused with its reason and queues nothing.
    response = client.post(_url(issued), follow=True)
    assert "Báo cáo này đã được công bố." in response.content.decode()
    assert BackgroundJob.objects.filter(kind="portal.report_publish").count() == 1


def test_a_units_reporter_gets_no_button_and_queues_nothing(
    client: Client, issued: IssuedReport
) -> None:
    for name in ("baocao", "lanhdao"):
        client.force_login(user(name))
        response = client.get(f"/reports/{issued.period_id}/draft/")
        if response.status_code == 200:
            assert BUTTON not in response.content.decode()
        response = client.post(_url(issued))
        assert response.status_code in (302, 404)
        assert not BackgroundJob.objects.filter(kind="portal.report_publish").exists()
    assert not PublishedDocument.objects.filter(issued_report=issued).exists()
    client.logout()
    assert client.post(_url(issued)).status_code == 302  # to the login page
    assert not BackgroundJob.objects.exists()


def test_the_worker_asks_again_as_the_person_who_asked(
    issued: IssuedReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A role lost between the click and the worker: the job is refused and nothing is written."""
    monkeypatch.setattr(
        "dangvu.documents.conversion.convert_to_pdf", lambda docx, **kw: b"%PDF-1.4\n"
    )
    job = background.enqueue(
        kind="portal.report_publish", owner=user("baocao"), params={"period": issued.period_id}
    )
    background.run_pending()
    job.refresh_from_db()
    assert job.state == "failed"
    assert not PublishedDocument.objects.filter(issued_report=issued).exists()


def test_make_run_gives_the_demo_documents_their_pdfs(
    client: Client, portal: PortalHomePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo publishes its notice and its report while it loads; `dangvu portal_pdfs` (run by
    `make run`) converts their DOCX as issued once, and readers download the PDFs."""
    from django.core.exceptions import PermissionDenied
    from django.core.management import call_command

    from dangvu.portal import services

    converted: list[bytes] = []

    def convert(docx: bytes, **kw: Any) -> bytes:
        converted.append(docx)
        return b"%PDF-1.4 demo\n"

    monkeypatch.setattr("dangvu.documents.conversion.convert_to_pdf", convert)
    monkeypatch.setattr("dangvu.documents.conversion.soffice_path", lambda: "/usr/bin/soffice")
    documents = PublishedDocument.objects.filter(committee=portal.committee)
    assert documents.count() == 2
    assert not documents.filter(pdf__isnull=False).exists()
    with pytest.raises(PermissionDenied):
        services.document_pdf_attach(document=documents.first(), by=None)  # type: ignore[arg-type]
    assert converted == []

    call_command("portal_pdfs", verbosity=0)
    assert len(converted) == 2
    assert all(docx[:2] == b"PK" for docx in converted)  # the notice and the report, as DOCX
    assert not documents.filter(pdf__isnull=True).exists()
    call_command("portal_pdfs", verbosity=0)
    assert len(converted) == 2  # a second run converts nothing

    van_ban = CategoryPage.objects.child_of(portal).get(slug="van-ban")
    html = Client().get(van_ban.url).content.decode()
    for document in documents.select_related("pdf"):
        assert document.pdf is not None
        assert document.pdf.url in html
        response = Client().get(document.pdf.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
