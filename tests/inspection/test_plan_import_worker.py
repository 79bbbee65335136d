"""The import of a large plan workbook goes through the worker (`inspection.background`,
`core.background`): the upload answers with the job's page, the worker checks the rows as the
person who uploaded them, confirming queues the writing job, which asks the policy again."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client

from dangvu.core import background
from dangvu.core.models import BackgroundJob
from dangvu.inspection.models import PlannedItem
from dangvu.org.models import Membership
from tests.hardening import bombs
from tests.inspection.conftest import World, programme
from tests.inspection.test_plan_and_statistics import GOOD, HEADINGS, SUPERVISION, workbook


def _file(data: bytes, name: str = "ke-hoach.xlsx") -> io.BytesIO:
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def _job_of(response: Any) -> BackgroundJob:
    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"].startswith("/jobs/"), response["Location"]
    return BackgroundJob.objects.get(pk=int(response["Location"].split("/")[2]))


@pytest.fixture
def deferred(settings: Any) -> None:
    settings.DANGVU_JOB_SYNC_MAX_BYTES = 0  # these small test files go to the worker


@pytest.mark.usefixtures("deferred")
def test_a_large_plan_workbook_is_checked_then_written_by_the_worker(
    world: World, client: Client
) -> None:
    plan = programme(world)
    url = f"/inspection/programmes/{plan.pk}/import/"
    client.force_login(world.users["commission"])
    check = _job_of(client.post(url, {"file": _file(workbook([GOOD, SUPERVISION]))}))
    assert check.kind == "inspection.plan_import_check"
    assert check.params["programme"] == plan.pk
    assert background.run_pending() == [f"job {check.pk} {check.kind}: done"]
    check.refresh_from_db()
    assert check.result["is_valid"], check.result
    assert not PlannedItem.objects.exists()  # checking writes nothing
    page = client.get(f"/jobs/{check.pk}/").content.decode()
    assert f'action="{url}confirm/"' in page
    assert "Nhập các dòng này" in page

    apply = _job_of(client.post(f"{url}confirm/", {"job": check.pk}))
    assert apply.kind == "inspection.plan_import_apply"
    assert _job_of(client.post(f"{url}confirm/", {"job": check.pk})) == apply
    background.run_pending()
    apply.refresh_from_db()
    assert apply.state == "done", apply.error
    assert PlannedItem.objects.filter(programme=plan).count() == 2
    page = client.get(f"/jobs/{apply.pk}/").content.decode()
    assert "Đã nhập 2 cuộc kiểm tra, giám sát vào kế hoạch." in page
    assert f"/inspection/programmes/{plan.pk}/" in page


@pytest.mark.usefixtures("deferred")
def test_rows_with_errors_are_named_and_nothing_can_be_confirmed(
    world: World, client: Client
) -> None:
    plan = programme(world)
    url = f"/inspection/programmes/{plan.pk}/import/"
    client.force_login(world.users["commission"])
    bad_year = [*GOOD[:5], 2030, 5, ""]
    check = _job_of(client.post(url, {"file": _file(workbook([GOOD, bad_year]))}))
    background.run_pending()
    check.refresh_from_db()
    assert not check.result["is_valid"]
    page = client.get(f"/jobs/{check.pk}/").content.decode()
    assert "Năm phải nằm trong thời gian của chương trình (2020–2025)." in page
    assert 'name="job"' not in page
    response = client.post(f"{url}confirm/", {"job": check.pk})
    assert response.status_code == 302
    assert response["Location"] == url
    assert not BackgroundJob.objects.filter(kind="inspection.plan_import_apply").exists()
    assert not PlannedItem.objects.exists()


@pytest.mark.usefixtures("deferred")
def test_the_worker_asks_the_policy_again_as_the_uploader(world: World, client: Client) -> None:
    plan = programme(world)
    url = f"/inspection/programmes/{plan.pk}/import/"
    office = world.users["commission"]
    client.force_login(office)
    check = _job_of(client.post(url, {"file": _file(workbook([GOOD]))}))
    background.run_pending()
    apply = _job_of(client.post(f"{url}confirm/", {"job": check.pk}))
    Membership.objects.filter(user=office).delete()  # the office loses its role meanwhile
    background.run_pending()
    apply.refresh_from_db()
    assert apply.state == "failed"
    assert apply.attempts == 1
    assert apply.error
    assert not PlannedItem.objects.exists()
    # another office cannot see the jobs, nor confirm them
    client.force_login(world.users["ward_a_office"])
    assert client.get(f"/jobs/{check.pk}/").status_code == 404


def test_a_plan_bomb_is_refused_with_a_message(world: World, client: Client, settings: Any) -> None:
    plan = programme(world)
    url = f"/inspection/programmes/{plan.pk}/import/"
    client.force_login(world.users["commission"])
    bomb = bombs.xlsx_declaring_whole_sheet([HEADINGS, GOOD])
    page = client.post(url, {"file": _file(bomb)})
    assert page.status_code == 200
    assert "1048576" in page.content.decode()
    settings.DANGVU_JOB_SYNC_MAX_BYTES = 0
    job = _job_of(client.post(url, {"file": _file(bomb)}))
    background.run_pending()
    job.refresh_from_db()
    assert job.state == "failed"
    assert "1048576" in job.error
    assert not PlannedItem.objects.exists()
