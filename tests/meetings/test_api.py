"""The conferences API: OpenAPI, scoping, outcomes and the error shape."""

from __future__ import annotations

import datetime as dt
import json

from django.test import Client

from dangvu.assignments.models import Task
from dangvu.config.api import api
from dangvu.meetings.enums import Attendance
from dangvu.meetings.models import Conference
from dangvu.org.models import Organisation
from tests.conftest import login
from tests.factories import UserFactory


def demo_conference() -> Conference:
    return Conference.objects.get(starts_at__date=dt.date(2020, 9, 11))


def test_openapi_document_has_the_meetings_paths(db: None) -> None:
    paths = api.get_openapi_schema()["paths"]
    assert "/api/meetings/conferences" in paths
    assert "/api/meetings/conferences/{conference_id}/attendance" in paths
    assert "/api/meetings/conferences/{conference_id}/conclusion" in paths


def test_list_and_detail(office_client: Client) -> None:
    rows = office_client.get("/api/meetings/conferences").json()
    assert any(row["chair"] == "Ngô Mạnh Điềm" for row in rows)
    detail = office_client.get(f"/api/meetings/conferences/{demo_conference().pk}").json()
    assert detail["attendance_counts"]["present"] == 15 + 3  # the units and three people by name
    assert detail["attendance_counts"]["excused"] == 1
    assert detail["agenda"][0]["outcome_kind"] == "decision"


def test_conclusion_with_items_and_tasks(reporter_client: Client) -> None:
    data = reporter_client.get(
        f"/api/meetings/conferences/{demo_conference().pk}/conclusion"
    ).json()
    assert data["number"].endswith("-TB/QU")
    assert [item["label"] for item in data["items"]] == ["1.", "2.", "3.", "4."]
    assert all(item["task_id"] for item in data["items"])


def test_outsider_gets_404(client: Client, demo: dict[str, Organisation]) -> None:
    login(client, UserFactory().username)
    response = client.get(f"/api/meetings/conferences/{demo_conference().pk}")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_reader_cannot_record_attendance(reporter_client: Client) -> None:
    conference = demo_conference()
    invitation = conference.invitations.first()
    response = reporter_client.put(
        f"/api/meetings/conferences/{conference.pk}/attendance",
        json.dumps({"attendance": {str(invitation.pk): "absent"}}),
        content_type="application/json",
    )
    assert response.status_code == 403  # he reads it: not allowed, rather than not found
    invitation.refresh_from_db()
    assert invitation.attendance == Attendance.PRESENT


def test_create_record_conclude_and_task(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    response = office_client.post(
        "/api/meetings/conferences",
        json.dumps(
            {
                "committee_id": demo["lb-qu"].pk,
                "kind": "briefing",
                "title": "Giao ban qua API",
                "starts_at": "2020-10-05T08:00:00+07:00",
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201
    conference = Conference.objects.get(pk=response.json()["id"])
    base = f"/api/meetings/conferences/{conference.pk}"
    # Planned: a conclusion is refused with the Vietnamese message and the 422 shape.
    body = json.dumps({"items": [{"text": "Làm việc A", "subitems": ["Phần 1"]}]})
    refused = office_client.put(f"{base}/conclusion", body, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["detail"] == ["Kết luận chỉ ghi sau khi hội nghị đã họp."]
    from dangvu.accounts.models import User
    from dangvu.meetings import services

    services.conference_mark_held(conference=conference, by=User.objects.get(username="vanphong"))
    data = office_client.put(f"{base}/conclusion", body, content_type="application/json").json()
    assert [(i["label"], i["text"]) for i in data["items"]] == [
        ("1.", "Làm việc A"),
        ("a)", "Phần 1"),
    ]
    sub = data["items"][1]["id"]
    created = office_client.post(f"{base}/conclusion/items/{sub}/task")
    assert created.status_code == 201
    assert Task.objects.get(pk=created.json()["task_id"]).original_text == "Phần 1"
    again = office_client.post(f"{base}/conclusion/items/{sub}/task")
    assert again.status_code == 422
