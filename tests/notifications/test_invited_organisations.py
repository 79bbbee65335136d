"""An organisation invited to a conference as a whole: its reporters and heads are told in-app
and in their next digest, with a working link on the site's address; once only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from dangvu.core import policy
from dangvu.meetings import services as meeting_services
from dangvu.notifications import events, outbox
from dangvu.notifications.enums import NotificationKind
from dangvu.notifications.models import Notification
from tests.notifications.conftest import World

SITE = "https://dangvu.example.vn"


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.DANGVU_SITE_URL = SITE + "/"


def _conference(world: World) -> Any:
    conference = meeting_services.conference_create(
        committee=world.committee,
        kind="briefing",
        title="Giao ban tháng 4",
        starts_at=timezone.now() + dt.timedelta(days=10),
        by=world.office,
    )
    meeting_services.invitation_add(conference=conference, organisation=world.lead, by=world.office)
    return conference


def test_an_invited_organisation_is_told_in_app_and_by_digest(world: World, client: Client) -> None:
    conference = _conference(world)
    link = f"/meetings/{conference.pk}/"

    assert meeting_services.invitations_send(conference=conference, by=world.office) == 1

    told = set(
        Notification.objects.filter(kind=NotificationKind.CONFERENCE_INVITED).values_list(
            "user__username", "link"
        )
    )
    assert told == {("reporter", link), ("head", link)}  # not the partner, not the office
    assert (
        Notification.objects.get(user=world.head).text == "Đồng chí được mời dự: Giao ban tháng 4"
    )

    mail.outbox.clear()
    events.digests_send(by=policy.WORKER)
    outbox.deliver()
    assert sorted(m.to[0] for m in mail.outbox) == ["head@example.org", "reporter@example.org"]
    assert all(SITE + link in m.body for m in mail.outbox)

    client.force_login(world.reporter)  # the link opens for the invited unit's people
    assert client.get(link).status_code == 200

    # told once: a second sending tells nobody again
    assert meeting_services.invitations_send(conference=conference, by=world.office) == 0
    assert Notification.objects.filter(kind=NotificationKind.CONFERENCE_INVITED).count() == 2


def test_an_organisation_with_nobody_to_tell_is_still_a_letter_to_print(world: World) -> None:
    conference = _conference(world)
    meeting_services.invitation_add(
        conference=conference, organisation=world.committee, by=world.office
    )
    reasons = meeting_services.unsent_reasons(conference)
    assert meeting_services.invitations_send(conference=conference, by=world.office) == 1
    # the committee's only people are its office and a leader: not a unit's reporter or head
    assert any(r.startswith("1 tổ chức được mời không có địa chỉ") for r in reasons)
    assert conference.invitations.get(organisation=world.committee).emailed_at is None
