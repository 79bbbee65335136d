"""The conference's state steps through their pages (held, then closed), one shared handler."""

from __future__ import annotations

from django.test import Client

from dangvu.meetings.enums import ConferenceState, OutcomeKind
from dangvu.meetings.models import Conference
from tests.conftest import login


def test_held_then_closed_through_the_pages(client: Client, conference: Conference) -> None:
    login(client, "vanphong")
    response = client.post(f"/meetings/{conference.pk}/close/", follow=True)
    conference.refresh_from_db()
    assert conference.state == ConferenceState.PLANNED  # not held yet: refused, nothing changed
    assert "Chỉ hội nghị đã họp mới có thể kết thúc." in response.content.decode()
    client.post(f"/meetings/{conference.pk}/held/")
    conference.refresh_from_db()
    assert conference.state == ConferenceState.HELD
    response = client.post(f"/meetings/{conference.pk}/close/", follow=True)
    conference.refresh_from_db()
    assert conference.state == ConferenceState.HELD  # an agenda item has no outcome yet
    assert "Tình hình tháng 9" in response.content.decode()
    conference.agenda.update(outcome_kind=OutcomeKind.INFORMATION, outcome="Hội nghị thống nhất.")
    client.post(f"/meetings/{conference.pk}/close/")
    conference.refresh_from_db()
    assert conference.state == ConferenceState.CLOSED


def test_a_reporter_cannot_mark_it_held(client: Client, conference: Conference) -> None:
    login(client, "baocao")
    response = client.post(f"/meetings/{conference.pk}/held/")
    conference.refresh_from_db()
    assert conference.state == ConferenceState.PLANNED
    assert response.status_code in (403, 404, 302)
