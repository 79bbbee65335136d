"""Downloads: scoped views only (evidence never from /media/), Vietnamese names in
Content-Disposition, nosniff; the calendar feed cannot be given a line of its own."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from dangvu.accounts.models import User
from dangvu.assignments import services
from dangvu.assignments.models import Task
from dangvu.core.files import attachment
from dangvu.meetings.calendar import escape
from dangvu.org.models import Organisation
from tests.conftest import login

PDF = b"%PDF-1.4\n% minh chung\n"


def test_evidence_goes_through_a_scoped_view(
    client: Client, demo: dict[str, Organisation], task: Task
) -> None:
    report = services.progress_report_create(
        task=task,
        by=User.objects.get(username="baocao"),
        unit=demo["lb-btg"],
        done="Đã làm",
        percent=30,
        reported_on=dt.date(2020, 10, 1),
        files=[("Biên bản họp.pdf", PDF)],
    )
    evidence = report.evidence.get()
    login(client, "vanphong")
    page = client.get(f"/tasks/{task.pk}/").content.decode()
    url = f"/tasks/{task.pk}/evidence/{evidence.pk}/"
    assert url in page
    assert "/media/" not in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf" in disposition
    # Another task's id, or a user who cannot see the task: 404.
    assert client.get(f"/tasks/{task.pk + 1000}/evidence/{evidence.pk}/").status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    outsider = User.objects.create_user("ngoai", password="x")
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_attachment_names_in_vietnamese() -> None:
    response = attachment(b"x", 'Báo cáo quý IV; "đặc biệt".docx')
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''B%C3%A1o%20c%C3%A1o" in disposition
    assert "\n" not in disposition


def test_calendar_text_cannot_start_a_line() -> None:
    for text in ("Hội nghị\rBEGIN:VEVENT", "Hội nghị\r\nX", "a\x0bb", "a\u2028b", "a\nb"):
        escaped = escape(text)
        assert "\r" not in escaped
        assert "\n" not in escaped
    assert escape("Hội nghị\rBEGIN:VEVENT") == "Hội nghị\\nBEGIN:VEVENT"
    assert escape("a;b,c\\") == "a\\;b\\,c\\\\"
