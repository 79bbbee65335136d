"""The iCalendar feed: CRLF, folded lines, one event per upcoming conference."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.meetings import services
from dangvu.meetings.calendar import escape, fold
from dangvu.org.models import Organisation


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_fold_keeps_lines_within_75_octets() -> None:
    line = "SUMMARY:" + "Hội nghị thảo luận dự thảo báo cáo " * 5
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line


def test_escape() -> None:
    assert escape("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne"


@time_machine.travel(dt.datetime(2020, 9, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_feed_lists_upcoming_conferences(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    office = User.objects.get(username="vanphong")
    services.conference_create(
        committee=demo["lb-qu"],
        kind="briefing",
        title="Giao ban, tháng 9; đợt 1",
        starts_at=dt.datetime(2020, 9, 20, 1, 0, tzinfo=dt.UTC),
        place="Phòng họp",
        by=office,
    )
    response = office_client.get(reverse("meetings:ics"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content.decode()
    assert raw.endswith("\r\n")
    assert "\n" not in raw.replace("\r\n", "")
    lines = unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-2] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 2
    assert "SUMMARY:Giao ban\\, tháng 9\\; đợt 1" in lines
    assert "DTSTART:20200920T010000Z" in lines
    assert "DTSTART:20200911T010000Z" in lines  # the demo conference, 8:00 in Hà Nội
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))


def test_feed_is_empty_for_outsiders(client: Client, demo: dict[str, Organisation]) -> None:
    from tests.conftest import login
    from tests.factories import UserFactory

    login(client, UserFactory().username)
    lines = unfold(client.get(reverse("meetings:ics")).content.decode())
    assert "BEGIN:VEVENT" not in lines
