"""Publishing an issued notice under "Văn bản" goes through the worker (`portal.background`):
LibreOffice's seconds are not spent in the request; the job runs as the person who asked and the
notice is published once, with its PDF, or without it when LibreOffice keeps failing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from dangvu.core import background
from dangvu.core.models import BackgroundJob
from dangvu.meetings.models import Conference
from dangvu.portal.models import ArticlePage, PublishedDocument

from .conftest import user

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference(seed: ArticlePage) -> Conference:
    conference = seed.conference
    assert conference is not None
    PublishedDocument.objects.filter(conclusion__conference=conference).delete()
    return Conference.objects.get(pk=conference.pk)


def _url(conference: Conference) -> str:
    return f"/portal-office/conferences/{conference.pk}/publish-notice/"


def _job_of(response: Any) -> BackgroundJob:
    assert response.status_code == 302
    assert response["Location"].startswith("/jobs/"), response["Location"]
    return BackgroundJob.objects.get(pk=int(response["Location"].split("/")[2]))


def test_the_request_queues_and_the_worker_converts_and_publishes(
    client: Client, conference: Conference, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def convert(docx: bytes, **kw: Any) -> bytes:
        calls.append(len(docx))
        return b"%PDF-1.4 mau\n"

    monkeypatch.setattr("dangvu.documents.conversion.convert_to_pdf", convert)
    client.force_login(user("vanphong"))
    job = _job_of(client.post(_url(conference)))
    assert job.kind == "portal.notice_publish"
    assert calls == []  # nothing converted in the request
    assert not PublishedDocument.objects.filter(conclusion=conference.conclusion).exists()
    assert _job_of(client.post(_url(conference))) == job  # asked twice while waiting: one job
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in page

    background.run_pending()
    job.refresh_from_db()
    assert job.state == "done", job.error
    assert len(calls) == 1
    document = PublishedDocument.objects.get(conclusion=conference.conclusion)
    assert document.pdf is not None
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Thông báo đã được công bố trong mục “Văn bản”." in page
    assert f"/meetings/{conference.pk}/" in page
    # Published: asking again is refused at once, with the reason, and queues nothing.
    response = client.post(_url(conference), follow=True)
    assert "Thông báo này đã được công bố." in response.content.decode()
    assert BackgroundJob.objects.count() == 1


def test_someone_who_may_not_publish_queues_nothing(client: Client, conference: Conference) -> None:
    client.force_login(user("baocao"))
    response = client.post(_url(conference), follow=True)
    assert "Chỉ văn phòng cấp ủy được công bố văn bản." in response.content.decode()
    assert not BackgroundJob.objects.exists()


def test_the_worker_asks_again_as_the_person_who_asked(
    client: Client, conference: Conference, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dangvu.org.models import Membership

    monkeypatch.setattr(
        "dangvu.documents.conversion.convert_to_pdf", lambda docx, **kw: b"%PDF-1.4\n"
    )
    office = user("vanphong")
    client.force_login(office)
    job = _job_of(client.post(_url(conference)))
    Membership.objects.filter(user=office).delete()  # the role is lost before the worker runs
    background.run_pending()
    job.refresh_from_db()
    assert job.state == "failed"
    assert job.error
    assert not PublishedDocument.objects.filter(conclusion=conference.conclusion).exists()


def test_libreoffice_failing_is_retried_then_the_notice_goes_without_its_pdf(
    client: Client, conference: Conference, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.DANGVU_JOB_MAX_ATTEMPTS = 2
    monkeypatch.setattr("dangvu.documents.conversion.convert_to_pdf", lambda docx, **kw: None)
    monkeypatch.setattr("dangvu.documents.conversion.soffice_path", lambda: "/usr/bin/soffice")
    client.force_login(user("vanphong"))
    job = _job_of(client.post(_url(conference)))
    assert background.run_pending() == [f"job {job.pk} portal.notice_publish: to retry"]
    assert not PublishedDocument.objects.filter(conclusion=conference.conclusion).exists()
    later = timezone.now() + dt.timedelta(minutes=5)
    assert background.run_pending(now=later) == [f"job {job.pk} portal.notice_publish: done"]
    document = PublishedDocument.objects.get(conclusion=conference.conclusion)
    assert document.pdf is None
    assert "chưa có bản PDF" in client.get(f"/jobs/{job.pk}/").content.decode()
