"""The Party member import of a large workbook goes through the worker (`evaluation.background`,
`core.background`): the upload answers at once with the job's page, the worker checks the rows as
the person who uploaded them, confirming queues the writing job, which asks the policy again."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import Workbook

from dangvu.core import background
from dangvu.core.models import BackgroundJob
from dangvu.evaluation.models import PartyMember
from dangvu.org.models import Membership
from tests.hardening import bombs

HEADINGS = [
    "Mã đảng viên",
    "Họ và tên",
    "Năm sinh",
    "Mã chi bộ",
    "Ngày vào Đảng",
    "Chính thức/Dự bị",
    "Miễn sinh hoạt",
    "Lý do miễn",
]
URL = "/evaluation/members/import/"


def _file(rows: list[list[Any]], name: str = "dang-vien.xlsx") -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = name
    return data


def _job_of(response: Any) -> BackgroundJob:
    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"].startswith("/jobs/"), response["Location"]
    return BackgroundJob.objects.get(pk=int(response["Location"].split("/")[2]))


@pytest.fixture
def deferred(settings: Any) -> None:
    settings.DANGVU_JOB_SYNC_MAX_BYTES = 0  # these small test files go to the worker


GOOD = ["N-1", "Nguyễn Văn Mới", 1990, "x-a1", "3/2/2015", "Chính thức", "", ""]


@pytest.mark.usefixtures("deferred")
def test_a_large_member_workbook_is_checked_then_written_by_the_worker(
    client: Client, world: Any
) -> None:
    client.force_login(world.user("office"))
    check = _job_of(client.post(URL, {"file": _file([GOOD])}))
    assert check.kind == "evaluation.member_import_check"
    assert check.state == "queued"
    assert not PartyMember.objects.filter(code="N-1").exists()
    page = client.get(f"/jobs/{check.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in page

    assert background.run_pending() == [f"job {check.pk} {check.kind}: done"]
    check.refresh_from_db()
    assert check.result["is_valid"], check.result
    assert not PartyMember.objects.filter(code="N-1").exists()  # checking writes nothing
    page = client.get(f"/jobs/{check.pk}/").content.decode()
    assert "Nhập các đảng viên này" in page
    assert f'action="{URL}"' in page
    assert "Nguyễn Văn Mới" in page

    apply = _job_of(client.post(URL, {"job": check.pk}))
    assert apply.kind == "evaluation.member_import_apply"
    assert _job_of(client.post(URL, {"job": check.pk})) == apply  # confirming twice: once
    background.run_pending()
    apply.refresh_from_db()
    assert apply.state == "done", apply.error
    member = PartyMember.objects.get(code="N-1")
    assert member.placements.get().organisation == world.cell1
    assert member.joined_on == dt.date(2015, 2, 3)
    assert "Đã nhập 1 đảng viên" in client.get(f"/jobs/{apply.pk}/").content.decode()
    # Someone else cannot see the jobs nor confirm them.
    client.force_login(world.user("head2"))
    assert client.get(f"/jobs/{check.pk}/").status_code == 404
    assert client.post(URL, {"job": check.pk}).status_code == 404


@pytest.mark.usefixtures("deferred")
def test_the_worker_checks_as_the_uploader_and_asks_again_when_writing(
    client: Client, world: Any
) -> None:
    # A cell's head does not keep the register: the worker's check says so for the row.
    client.force_login(world.user("head1"))
    check = _job_of(client.post(URL, {"file": _file([GOOD])}))
    background.run_pending()
    check.refresh_from_db()
    assert check.state == "done"
    assert not check.result["is_valid"]
    assert "Bạn không quản lý danh sách đảng viên của Chi bộ A1" in " ".join(
        " ".join(row["errors"]) for row in check.result["rows"]
    )
    assert client.post(URL, {"job": check.pk}).status_code == 302
    assert BackgroundJob.objects.filter(kind="evaluation.member_import_apply").count() == 0

    # The office checks a good file, confirms, and loses its role before the worker writes it.
    office = world.user("office")
    client.force_login(office)
    check = _job_of(client.post(URL, {"file": _file([GOOD])}))
    background.run_pending()
    apply = _job_of(client.post(URL, {"job": check.pk}))
    Membership.objects.filter(user=office).delete()
    background.run_pending()
    apply.refresh_from_db()
    assert apply.state == "failed"
    assert apply.attempts == 1  # a refusal is not retried
    assert "Dòng 2" in apply.error
    assert not PartyMember.objects.filter(code="N-1").exists()


def test_a_bomb_is_refused_with_a_message_in_the_request_and_in_the_worker(
    client: Client, world: Any, settings: Any
) -> None:
    client.force_login(world.user("office"))
    bomb = io.BytesIO(bombs.xlsx_declaring_whole_sheet([HEADINGS, GOOD]))
    bomb.name = "bom.xlsx"
    page = client.post(URL, {"file": bomb})
    assert page.status_code == 200
    assert "1048576" in page.content.decode()
    assert not BackgroundJob.objects.exists()
    settings.DANGVU_JOB_SYNC_MAX_BYTES = 0
    bomb.seek(0)
    job = _job_of(client.post(URL, {"file": bomb}))
    background.run_pending()
    job.refresh_from_db()
    assert job.state == "failed"
    assert "1048576" in job.error
    assert not PartyMember.objects.filter(code="N-1").exists()


@pytest.mark.usefixtures("deferred")
def test_the_upload_page_says_when_too_many_jobs_wait(
    client: Client, world: Any, settings: Any
) -> None:
    settings.DANGVU_JOB_MAX_QUEUED_PER_USER = 1
    client.force_login(world.user("office"))
    _job_of(client.post(URL, {"file": _file([GOOD])}))
    page = client.post(URL, {"file": _file([GOOD])})
    assert page.status_code == 200
    assert "Bạn đang có 1 việc đang chờ hoặc đang làm" in page.content.decode()
    assert BackgroundJob.objects.count() == 1
