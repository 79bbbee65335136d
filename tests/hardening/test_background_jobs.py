"""Long work in the worker (core.background): a large file is stored with a job and the request
answers at once with the job's page, which polls its progress (HTMX) and then shows the result or
a clear Vietnamese message; a job whose worker died is taken again when its lease has passed and
writes its result once."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dangvu.assignments.models import ProgressReport, Task
from dangvu.core import background
from dangvu.core.models import AuditEntry, BackgroundJob
from tests.conftest import login
from tests.hardening import bombs
from tests.hardening.background import SLOW

HEADINGS = [
    "Mã nhiệm vụ",
    "Tiến độ (%)",
    "Thời hạn mới",
    "Thao tác",
    "Lý do",
    "Người cho phép",
    "Ngày",
]


@pytest.fixture
def deferred(settings: Any) -> None:
    """Every file goes to the worker (the threshold is 100 KB; these test files are small)."""
    settings.DANGVU_JOB_SYNC_MAX_BYTES = 0


def _upload(rows: list[list[object]], name: str = "cap-nhat.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, bombs.workbook([HEADINGS, *rows]))


def _job_of(response: Any) -> BackgroundJob:
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith("/jobs/")
    return BackgroundJob.objects.get(pk=int(response["Location"].split("/")[2]))


@pytest.mark.usefixtures("deferred")
def test_large_bulk_update_goes_through_the_worker(task: Task) -> None:
    client = login(Client(), "vanphong")
    response = client.post(
        reverse("assignments:bulk"),
        {"file": _upload([[task.pk, 40, None, None, None, None, "20/11/2020"]])},
    )
    job = _job_of(response)
    assert job.state == "queued"
    assert job.file_name == "cap-nhat.xlsx"
    assert not ProgressReport.objects.exists()
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in page  # the page follows the job by itself
    assert "<progress" in page
    assert "Đang chờ" in page
    assert "<script>" not in page  # no inline script (CSP)

    assert background.run_pending() == [f"job {job.pk} assignments.bulk_check: done"]
    job.refresh_from_db()
    assert job.state == "done"
    assert job.result["is_valid"]
    assert bytes(job.file_data) == b""  # the upload is dropped once done
    assert not ProgressReport.objects.exists()  # the check rolled back its writes
    partial = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial  # finished: no more polling
    assert 'name="job"' in partial
    assert "Cập nhật các nhiệm vụ" in partial

    response = client.post(reverse("assignments:bulk_confirm"), {"job": job.pk})
    apply_job = _job_of(response)
    # Confirming twice is the same job: the file is written once.
    assert _job_of(client.post(reverse("assignments:bulk_confirm"), {"job": job.pk})) == apply_job
    background.run_pending()
    apply_job.refresh_from_db()
    assert apply_job.state == "done", apply_job.error
    task.refresh_from_db()
    assert task.progress == 40
    assert ProgressReport.objects.filter(task=task).count() == 1
    page = client.get(f"/jobs/{apply_job.pk}/").content.decode()
    assert "Đã cập nhật 1 dòng" in page


@pytest.mark.usefixtures("deferred")
def test_a_bomb_fails_the_job_with_a_clear_message(task: Task) -> None:
    client = login(Client(), "vanphong")
    bomb = bombs.xlsx_declaring_whole_sheet([HEADINGS, [task.pk, 40]])
    response = client.post(
        reverse("assignments:bulk"), {"file": SimpleUploadedFile("bom.xlsx", bomb)}
    )
    job = _job_of(response)
    background.run_pending()
    job.refresh_from_db()
    assert job.state == "failed"
    assert job.attempts == 1
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'role="alert"' in page
    assert "1048576" in page
    assert "every 2s" not in page


def test_small_files_stay_in_the_request(task: Task) -> None:
    client = login(Client(), "vanphong")
    response = client.post(
        reverse("assignments:bulk"),
        {"file": _upload([[task.pk, 40, None, None, None, None, "20/11/2020"]])},
    )
    assert response.status_code == 200
    assert response.context["plan"].is_valid
    assert not BackgroundJob.objects.exists()


@pytest.mark.usefixtures("deferred")
def test_a_job_is_private_to_whoever_asked(task: Task) -> None:
    owner = login(Client(), "vanphong")
    job = _job_of(owner.post(reverse("assignments:bulk"), {"file": _upload([[task.pk, 40]])}))
    other = login(Client(), "baocao")
    assert other.get(f"/jobs/{job.pk}/").status_code == 404
    assert other.post(reverse("assignments:bulk_confirm"), {"job": job.pk}).status_code == 404
    assert BackgroundJob.objects.count() == 1
    assert Client().get(f"/jobs/{job.pk}/").status_code == 302  # to the login page


@pytest.mark.usefixtures("deferred")
def test_large_organisation_workbook_goes_through_the_worker(task: Task) -> None:
    client = login(Client(), "vanphong")
    data = bombs.workbook([["nothing"]])
    response = client.post(
        reverse("org:import"), {"file": SimpleUploadedFile("to-chuc.xlsx", data)}
    )
    job = _job_of(response)
    background.run_pending()
    job.refresh_from_db()
    assert job.state == "failed"
    assert "Tệp không có trang nào trong số" in job.error


# --- killed and interrupted workers ------------------------------------------------------------


def test_an_interrupted_job_is_retried_and_writes_once(db: None) -> None:
    job = background.enqueue(kind=SLOW, owner=None, params={"rows": 20, "crash_on": [1]})
    assert background.run_pending() == [f"job {job.pk} {SLOW}: to retry"]
    job.refresh_from_db()
    assert job.state == "queued"
    assert "the worker died here" in job.error
    assert not AuditEntry.objects.filter(action="test.row").exists()  # nothing half-written
    later = timezone.now() + background.backoff(1) + dt.timedelta(seconds=1)
    assert background.run_pending(now=later) == [f"job {job.pk} {SLOW}: done"]
    job.refresh_from_db()
    assert (job.state, job.attempts, job.result) == ("done", 2, {"message": "20 rows"})
    assert AuditEntry.objects.filter(action="test.row").count() == 20
    assert background.run_pending(now=later + dt.timedelta(hours=1)) == []


def test_a_killed_workers_job_is_taken_again_after_its_lease(db: None) -> None:
    job = background.enqueue(kind=SLOW, owner=None, params={"rows": 5})
    now = timezone.now()
    claimed = background.claim(now)  # a worker claims it, then dies without a word
    assert claimed is not None
    assert claimed[1] == 1
    assert background.run_pending(now=now + dt.timedelta(seconds=1)) == []  # still leased
    after = now + background.lease() + dt.timedelta(seconds=1)
    assert background.run_pending(now=after) == [f"job {job.pk} {SLOW}: done"]
    # The dead worker, were it to wake up, can no longer finish the job a second time.
    stale = background.JobContext(claimed[0], claimed[1])
    with pytest.raises(background.LeaseLostError), transaction.atomic():
        stale._finish()
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("done", 2)
    assert AuditEntry.objects.filter(action="test.row").count() == 5


def test_a_job_that_keeps_failing_ends_with_a_message(db: None, settings: Any) -> None:
    settings.DANGVU_JOB_MAX_ATTEMPTS = 2
    job = background.enqueue(kind=SLOW, owner=None, params={"rows": 4, "crash_on": [1, 2]})
    background.run_pending()
    background.run_pending(now=timezone.now() + dt.timedelta(minutes=5))
    job.refresh_from_db()
    assert job.state == "failed"
    assert "2 lần" in job.error
    assert not AuditEntry.objects.filter(action="test.row").exists()


# --- a real worker, killed with SIGKILL in the middle of a job ---------------------------------

ROOT = Path(__file__).resolve().parents[2]


def _dangvu(env: dict[str, str], *args: str) -> str:
    return subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "dangvu", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout


def _row(path: Path, sql: str) -> Any:
    with contextlib.closing(sqlite3.connect(path, timeout=10)) as db:
        return db.execute(sql).fetchone()


def test_a_killed_worker_leaves_the_job_to_the_next_one_which_writes_it_once(
    tmp_path: Path,
) -> None:
    database = tmp_path / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.hardening.jobs_worker_settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONPATH": str(ROOT),
    }
    _dangvu(env, "migrate", "--no-input")
    rows = 40
    _dangvu(
        env,
        "shell",
        "-c",
        "from dangvu.core import background; "
        f"background.enqueue(kind='{SLOW}', owner=None, params={{'rows': {rows}, 'pause': 0.1}})",
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "dangvu", "worker", "--sleep", "0.2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with contextlib.suppress(sqlite3.OperationalError):
                if _row(database, "SELECT progress_note FROM core_backgroundjob") == ("writing",):
                    break
            time.sleep(0.05)
        time.sleep(1.0)  # well inside the four seconds of writing
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    state, attempts = _row(database, "SELECT state, attempts FROM core_backgroundjob")
    assert (state, attempts) == ("running", 1), "the worker was not killed mid-job"
    assert _row(database, "SELECT count(*) FROM core_auditentry WHERE action='test.row'") == (0,)
    time.sleep(2.5)  # the dead worker's lease passes
    _dangvu(env, "worker", "--once")
    state, attempts, result = _row(
        database, "SELECT state, attempts, result FROM core_backgroundjob"
    )
    assert (state, attempts) == ("done", 2)
    assert json.loads(result) == {"message": f"{rows} rows"}
    assert _row(
        database,
        "SELECT count(*), count(DISTINCT object_repr) FROM core_auditentry WHERE action='test.row'",
    ) == (rows, rows)


# --- PDF conversion --------------------------------------------------------------------------


def test_pdf_conversion_without_libreoffice_says_so(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dangvu.documents import background as documents_background

    monkeypatch.setattr(documents_background, "soffice_path", lambda: None)
    job = background.enqueue(kind=documents_background.PDF, owner=None, data=b"PK\x03\x04")
    background.run_pending()
    job.refresh_from_db()
    assert job.state == "failed"
    assert "LibreOffice" in job.error
    assert job.attempts == 1


def test_a_libreoffice_crash_is_retried_then_the_pdf_is_kept(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dangvu.documents import background as documents_background

    answers = iter([None, b"%PDF-1.4 ok"])
    monkeypatch.setattr(documents_background, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(documents_background, "convert_to_pdf", lambda data: next(answers))
    job = background.enqueue(
        kind=documents_background.PDF, owner=None, data=b"docx", params={"pdf_name": "tb.pdf"}
    )
    background.run_pending()
    background.run_pending(now=timezone.now() + dt.timedelta(minutes=1))
    job.refresh_from_db()
    assert (job.state, job.attempts, job.output_name) == ("done", 2, "tb.pdf")
    assert bytes(job.output_data) == b"%PDF-1.4 ok"


# --- documents in Word above the threshold -----------------------------------------------------


def _docx(paragraphs: list[str], headings: tuple[str, ...] = ()) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        if text in headings:
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.usefixtures("deferred")
def test_a_large_contribution_in_word_is_read_by_the_worker(period: Any) -> None:
    from tests.reports.conftest import contribution_of

    contribution = contribution_of(period, "lb-btg")
    client = login(Client(), "baocao")
    data = _docx(["Công tác dân vận", "Dân vận khéo."], headings=("Công tác dân vận",))
    response = client.post(
        reverse("reports:upload", args=[contribution.pk]),
        {"kind": "docx", "file": SimpleUploadedFile("btg.docx", data)},
    )
    job = _job_of(response)
    assert not contribution.imports.exists()
    background.run_pending()
    job.refresh_from_db()
    assert job.state == "done", job.error
    imported = contribution.imports.get()  # held for review, once
    assert "Dân vận khéo." in str(imported.sections)
    page = client.get(job.result["link"]).content.decode()
    assert "Dân vận khéo." in page


@pytest.mark.usefixtures("deferred")
def test_a_large_conclusion_in_word_is_read_by_the_worker(demo: Any) -> None:
    from tests.assignments.conclusion_text import CONCLUSION

    client = login(Client(), "vanphong")
    response = client.post(
        reverse("assignments:import"),
        {
            "committee": demo["lb-qu"].pk,
            "file": SimpleUploadedFile("ket-luan.docx", _docx(CONCLUSION.split("\n"))),
        },
    )
    job = _job_of(response)
    assert client.get(reverse("assignments:import") + f"?job={job.pk}").status_code == 404
    background.run_pending()
    job.refresh_from_db()
    assert job.state == "done", job.error
    response = client.get(job.result["link"])
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 4  # the review of its four tasks
    other = login(Client(), "baocao")
    assert other.get(job.result["link"]).status_code in (403, 404)


def test_the_jobs_command_runs_the_queued_jobs(db: None) -> None:
    from django.core.management import call_command

    job = background.enqueue(kind=SLOW, owner=None, params={"rows": 3})
    call_command("jobs", "--once", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.state == "done"
    assert AuditEntry.objects.filter(action="test.row").count() == 3
