"""Limits on the background jobs (core.background): one person cannot fill the worker's queue
(`DANGVU_JOB_MAX_QUEUED_PER_USER`), and finished jobs, with the files kept in them, are deleted
after `DANGVU_JOB_KEEP_DAYS` (`dangvu jobs --purge`, and the worker every hour)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts.models import User
from dangvu.assignments.models import Task
from dangvu.core import background
from dangvu.core.models import BackgroundJob
from tests.conftest import login
from tests.hardening import bombs
from tests.hardening.background import SLOW


def _person(name: str) -> User:
    return User.objects.create_user(username=name, password="x-Very-long-1")


# --- at most N jobs waiting per person -------------------------------------------------------


def test_a_person_with_n_jobs_waiting_is_refused_another(db: None, settings: Any) -> None:
    settings.DANGVU_JOB_MAX_QUEUED_PER_USER = 2
    settings.LANGUAGE_CODE = "vi"
    first, second = _person("mot"), _person("hai")
    jobs = [background.enqueue(kind=SLOW, owner=first, params={"rows": 1}) for _ in range(2)]
    with pytest.raises(background.TooManyJobsError) as refused:
        background.enqueue(kind=SLOW, owner=first, params={"rows": 1})
    assert "2" in str(refused.value)
    assert "Bạn đang có" in str(refused.value)  # a Vietnamese sentence, not a code
    assert BackgroundJob.objects.filter(owner=first).count() == 2
    # Someone else is not held back by the first person's queue.
    other = background.enqueue(kind=SLOW, owner=second, params={"rows": 1})
    assert other.state == "queued"
    # The worker's own jobs (no owner) are not counted against anyone.
    background.enqueue(kind=SLOW, owner=None, params={"rows": 1})
    # A running job still counts; a finished one frees its place.
    claimed = background.claim(timezone.now())
    assert claimed is not None
    assert claimed[0].pk == jobs[0].pk
    with pytest.raises(background.TooManyJobsError):
        background.enqueue(kind=SLOW, owner=first, params={"rows": 1})
    background.run(*claimed)
    assert BackgroundJob.objects.get(pk=jobs[0].pk).state == "done"
    assert background.enqueue(kind=SLOW, owner=first, params={"rows": 1}).state == "queued"


@pytest.fixture
def deferred(settings: Any) -> None:
    settings.DANGVU_JOB_SYNC_MAX_BYTES = 0
    settings.DANGVU_JOB_MAX_QUEUED_PER_USER = 2


@pytest.mark.usefixtures("deferred")
def test_the_upload_page_refuses_in_vietnamese_when_the_queue_is_full(task: Task) -> None:
    client = login(Client(), "vanphong")
    workbook = bombs.workbook([["Mã nhiệm vụ", "Tiến độ (%)"], [task.pk, 40]])

    def post() -> Any:
        return client.post(
            reverse("assignments:bulk"), {"file": SimpleUploadedFile("a.xlsx", workbook)}
        )

    assert post().status_code == 302
    assert post().status_code == 302
    refused = post()
    # the upload page again, with the reason where the file's own errors go (not the 403 page)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Bạn đang có 2 việc đang chờ hoặc đang làm" in page
    assert 'role="alert"' in page
    assert 'name="file"' in page
    assert BackgroundJob.objects.count() == 2


@pytest.mark.usefixtures("deferred")
def test_the_organisation_import_says_so_on_its_form(demo: Any) -> None:
    """The other pages that hand a large file to the worker answer the same way (organisation
    import, conclusion reading, a unit's Word report): their form again, with the Vietnamese
    reason, and nothing queued beyond the cap."""
    client = login(Client(), "vanphong")
    owner = User.objects.get(username="vanphong")
    for _ in range(2):
        background.enqueue(kind=SLOW, owner=owner, params={"rows": 1})
    org_page = client.post(
        reverse("org:import"), {"file": SimpleUploadedFile("t.xlsx", bombs.workbook([["Tên"]]))}
    )
    assert org_page.status_code == 200
    assert "Bạn đang có 2 việc đang chờ hoặc đang làm" in org_page.content.decode()
    assert BackgroundJob.objects.filter(owner=owner).count() == 2


# --- finished jobs are purged ------------------------------------------------------------------


def _finished(owner: User | None, *, state: str, days_ago: float, output: bytes = b"") -> int:
    job = background.enqueue(kind=SLOW, owner=owner, data=b"upload", params={"rows": 1})
    BackgroundJob.objects.filter(pk=job.pk).update(
        state=state,
        finished_at=timezone.now() - dt.timedelta(days=days_ago),
        output_name="out.pdf" if output else "",
        output_data=output,
    )
    return job.pk


def test_finished_jobs_are_purged_with_their_files_after_the_kept_days(
    db: None, settings: Any
) -> None:
    settings.DANGVU_JOB_KEEP_DAYS = 30
    settings.DANGVU_JOB_MAX_QUEUED_PER_USER = 100
    person = _person("ba")
    old_done = _finished(person, state="done", days_ago=31, output=b"%PDF-1.4 big")
    old_failed = _finished(None, state="failed", days_ago=45)
    recent = _finished(person, state="done", days_ago=29)
    waiting = background.enqueue(kind=SLOW, owner=person, data=b"still needed", params={})
    BackgroundJob.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - dt.timedelta(days=90)
    )
    assert background.purge() == 2
    left = set(BackgroundJob.objects.values_list("pk", flat=True))
    assert left == {recent, waiting.pk}
    # the files (the upload, the PDF) were kept in the rows: they went with them
    assert not BackgroundJob.objects.filter(pk__in=[old_done, old_failed]).exists()
    assert not BackgroundJob.objects.exclude(output_name="").exists()
    assert bytes(BackgroundJob.objects.get(pk=waiting.pk).file_data) == b"still needed"


def test_the_purge_command_and_its_days(db: None, settings: Any) -> None:
    settings.DANGVU_JOB_KEEP_DAYS = 30
    settings.DANGVU_JOB_MAX_QUEUED_PER_USER = 100
    _finished(None, state="done", days_ago=40)
    ten = _finished(None, state="done", days_ago=10)
    out = io.StringIO()
    call_command("jobs", "--purge", stdout=out)
    assert "1 finished job(s) older than 30 day(s) purged" in out.getvalue()
    assert list(BackgroundJob.objects.values_list("pk", flat=True)) == [ten]
    call_command("jobs", "--purge", "--days", "7", stdout=io.StringIO())
    assert not BackgroundJob.objects.exists()


def test_the_worker_purges_once_an_hour(db: None, settings: Any, monkeypatch: Any) -> None:
    settings.DANGVU_JOB_KEEP_DAYS = 30
    monkeypatch.setattr(background, "_last_purge", None)
    _finished(None, state="done", days_ago=40)
    now = timezone.now()
    assert background.purge_if_due(now) == "jobs: 1 finished job(s) purged"
    _finished(None, state="failed", days_ago=40)
    assert background.purge_if_due(now + dt.timedelta(minutes=30)) == ""  # not yet
    assert BackgroundJob.objects.count() == 1
    assert background.purge_if_due(now + dt.timedelta(minutes=61)) == (
        "jobs: 1 finished job(s) purged"
    )
    assert not BackgroundJob.objects.exists()
    # `dangvu worker` runs it in its pass
    monkeypatch.setattr(background, "_last_purge", None)
    _finished(None, state="done", days_ago=40)
    out = io.StringIO()
    call_command("worker", "--once", stdout=out)
    assert "jobs: 1 finished job(s) purged" in out.getvalue()
    assert not BackgroundJob.objects.exists()
