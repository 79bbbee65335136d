"""The task API: outcomes and permissions."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from dangvu.accounts.models import User
from dangvu.assignments import services
from dangvu.assignments.models import ProgressReport, Task
from dangvu.config.api import api
from dangvu.core import policy
from dangvu.org.models import Organisation
from tests.assignments.conftest import make_task
from tests.conftest import login

pytestmark = pytest.mark.usefixtures("_today")


@pytest.fixture
def _today() -> Any:
    with time_machine.travel(dt.datetime(2021, 2, 1, 3, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def demo(demo_tree: dict[str, Organisation]) -> dict[str, Organisation]:
    """The demo's organisations and accounts without its story chapters: no task yet."""
    return demo_tree


@pytest.fixture
def tasks(demo: dict[str, Organisation]) -> dict[str, Task]:
    office = User.objects.get(username="vanphong")
    mine = services.task_publish(task=make_task(demo), by=office)
    other = services.task_publish(
        task=make_task(
            demo, content="Ban Tổ chức", lead_unit=demo["lb-btc"], coordinating_units=[]
        ),
        by=office,
    )
    late = services.task_publish(
        task=make_task(demo, content="Quá hạn", deadline=dt.date(2020, 12, 10)), by=office
    )
    return {"mine": mine, "other": other, "late": late}


def test_openapi_lists_the_task_paths(db: None) -> None:
    paths = api.get_openapi_schema()["paths"]
    for path in [
        "/api/tasks/",
        "/api/tasks/statistics",
        "/api/tasks/{task_id}",
        "/api/tasks/{task_id}/progress",
        "/api/tasks/{task_id}/progress/{report_id}/evidence",
    ]:
        assert path in paths


def test_anonymous_gets_401(client: Client, db: None) -> None:
    assert client.get("/api/tasks/").status_code == 401


def test_list_scoped_and_filtered(client: Client, tasks: dict[str, Task]) -> None:
    login(client, "baocao")
    body = client.get("/api/tasks/", {"on": "2020-12-15"}).json()
    assert body["count"] == 2
    assert {t["content"]: t["status"] for t in body["items"]} == {
        "Xây dựng kế hoạch tuyên truyền Nghị quyết Đại hội": "in_progress",
        "Quá hạn": "overdue",
    }
    body = client.get("/api/tasks/", {"on": "2020-12-15", "status": "overdue"}).json()
    assert [t["id"] for t in body["items"]] == [tasks["late"].pk]
    login(client, "vanphong")
    assert client.get("/api/tasks/").json()["count"] == 3


def test_detail_404_by_id(client: Client, tasks: dict[str, Task]) -> None:
    login(client, "baocao")
    assert client.get(f"/api/tasks/{tasks['other'].pk}").status_code == 404
    body = client.get(f"/api/tasks/{tasks['mine'].pk}", {"on": "2020-12-28"}).json()
    assert body["status"] == "due_soon"
    assert body["lead_unit"]["code"] == "lb-btg"
    assert body["deadline_changes"] == []


def test_progress_create_and_list(
    client: Client, demo: dict[str, Organisation], tasks: dict[str, Task]
) -> None:
    login(client, "baocao")
    url = f"/api/tasks/{tasks['mine'].pk}/progress"
    response = client.post(
        url,
        {
            "unit_id": demo["lb-btg"].pk,
            "reported_on": "2020-11-02",
            "done": "Đã tổ chức hội nghị",
            "percent": 70,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["percent"] == 70
    assert client.get(url).json()[0]["done"] == "Đã tổ chức hội nghị"
    tasks["mine"].refresh_from_db()
    assert tasks["mine"].progress == 70


def test_progress_refusals(
    client: Client, demo: dict[str, Organisation], tasks: dict[str, Task]
) -> None:
    login(client, "baocao")
    url = f"/api/tasks/{tasks['mine'].pk}/progress"
    # A unit that is not the user's: 403 with the Vietnamese message.
    response = client.post(
        url,
        {"unit_id": demo["lb-mttq"].pk, "done": "x", "percent": 5},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "Bạn không báo cáo thay cho" in response.json()["detail"]
    # Out of range: 422 from the schema.
    response = client.post(
        url,
        {"unit_id": demo["lb-btg"].pk, "done": "x", "percent": 150},
        content_type="application/json",
    )
    assert response.status_code == 422
    # A closed task: 422 from the service.
    services.completion_propose(task=tasks["mine"], by=policy.SYSTEM, on=dt.date(2020, 12, 1))
    services.completion_accept(task=tasks["mine"], by=policy.SYSTEM, on=dt.date(2020, 12, 2))
    response = client.post(
        url,
        {"unit_id": demo["lb-btg"].pk, "done": "x", "percent": 5},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "đã đóng" in str(response.json()["detail"])
    assert (
        client.post(
            f"/api/tasks/{tasks['other'].pk}/progress",
            {"unit_id": demo["lb-btc"].pk, "done": "x", "percent": 5},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert not ProgressReport.objects.exists()


def test_statistics(client: Client, tasks: dict[str, Task]) -> None:
    login(client, "vanphong")
    body = client.get("/api/tasks/statistics", {"on": "2020-12-15"}).json()
    assert body["total"]["assigned"] == 3
    assert body["total"]["overdue"] == 1
    assert {row["label"] for row in body["rows"]} == {"Ban Tuyên giáo", "Ban Tổ chức"}
    login(client, "baocao")
    assert (
        client.get("/api/tasks/statistics", {"on": "2020-12-15"}).json()["total"]["assigned"] == 2
    )


PDF = b"%PDF-1.4\n% evidence\n"


def test_evidence_upload_to_a_progress_report(
    client: Client, demo: dict[str, Organisation], tasks: dict[str, Task]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, "baocao")
    base = f"/api/tasks/{tasks['mine'].pk}/progress"
    report = client.post(
        base,
        {"unit_id": demo["lb-btg"].pk, "done": "Đã ban hành kế hoạch", "percent": 40},
        content_type="application/json",
    ).json()
    url = f"{base}/{report['id']}/evidence"
    response = client.post(
        url,
        {
            "files": [
                SimpleUploadedFile("ke-hoach.pdf", PDF),
                SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
            ]
        },
    )
    assert response.status_code == 201, response.content
    assert [(e["name"], e["kind"]) for e in response.json()] == [
        ("ke-hoach.pdf", "pdf"),
        ("anh.png", "png"),
    ]
    listed = client.get(base).json()[0]["evidence"]
    assert [e["name"] for e in listed] == ["ke-hoach.pdf", "anh.png"]

    # A file that is not what its name says: 422, and nothing of the upload is kept.
    response = client.post(
        url,
        {
            "files": [
                SimpleUploadedFile("bien-ban.pdf", PDF),
                SimpleUploadedFile("gia.pdf", b"MZ not a pdf"),
            ]
        },
    )
    assert response.status_code == 422
    assert "gia.pdf" in str(response.json()["detail"])
    assert len(client.get(base).json()[0]["evidence"]) == 2


def test_evidence_upload_refusals(
    client: Client, demo: dict[str, Organisation], tasks: dict[str, Task]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    office = User.objects.get(username="vanphong")
    report = services.progress_report_create(
        task=tasks["other"], by=office, unit=demo["lb-btc"], done="Đang làm", percent=10
    )
    login(client, "baocao")
    # Another unit's task: 404 by id, as for everything of a task one may not see.
    response = client.post(
        f"/api/tasks/{tasks['other'].pk}/progress/{report.pk}/evidence",
        {"files": [SimpleUploadedFile("a.pdf", PDF)]},
    )
    assert response.status_code == 404
    # A report id of another task under a task one sees: 404 too.
    response = client.post(
        f"/api/tasks/{tasks['mine'].pk}/progress/{report.pk}/evidence",
        {"files": [SimpleUploadedFile("a.pdf", PDF)]},
    )
    assert response.status_code == 404
    mine = services.progress_report_create(
        task=tasks["mine"], by=office, unit=demo["lb-btg"], done="Xong", percent=100
    )
    services.completion_propose(task=tasks["mine"], by=policy.SYSTEM, on=dt.date(2020, 12, 1))
    services.completion_accept(task=tasks["mine"], by=policy.SYSTEM, on=dt.date(2020, 12, 2))
    response = client.post(
        f"/api/tasks/{tasks['mine'].pk}/progress/{mine.pk}/evidence",
        {"files": [SimpleUploadedFile("a.pdf", PDF)]},
    )
    assert response.status_code == 422
    assert "đã đóng" in str(response.json()["detail"])
    assert not mine.evidence.exists()
