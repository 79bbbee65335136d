"""The chair's delegates, the agenda's link to a report draft, and the calendar feed by token."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.accounts.services import api_token_create, calendar_feed_regenerate
from dangvu.core import policy
from dangvu.meetings import services
from dangvu.meetings.models import AgendaItem, Conference
from dangvu.org.models import Organisation
from dangvu.reports.models import Period
from tests.conftest import login


def test_office_names_a_delegate_who_may_then_edit(
    client: Client, conference: Conference, demo: dict[str, Organisation]
) -> None:
    reporter = User.objects.get(username="baocao")
    edit_url = reverse("meetings:update", args=[conference.pk])
    login(client, "baocao")
    assert client.get(edit_url).status_code == 403  # he reads it (invited), may not edit

    login(client, "vanphong")
    response = client.post(
        reverse("meetings:delegates", args=[conference.pk]), {"delegates": [reporter.pk]}
    )
    assert response.status_code == 302
    assert list(conference.delegates.all()) == [reporter]

    login(client, "baocao")
    assert client.get(edit_url).status_code == 200
    # A delegate does not delegate further.
    response = client.post(reverse("meetings:delegates", args=[conference.pk]), {"delegates": []})
    assert response.status_code == 403
    assert list(conference.delegates.all()) == [reporter]


def test_agenda_item_links_the_report_draft(
    office_client: Client, conference: Conference, demo: dict[str, Organisation]
) -> None:
    period = Period.objects.filter(committee=demo["lb-qu"]).order_by("pk").first()
    assert period is not None
    response = office_client.post(
        reverse("meetings:agenda_add", args=[conference.pk]),
        {"title": "Góp ý dự thảo báo cáo", "report_period": period.pk},
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(conference=conference, title="Góp ý dự thảo báo cáo")
    assert item.report_period == period
    html = office_client.get(reverse("meetings:detail", args=[conference.pk])).content.decode()
    assert reverse("reports:draft", args=[period.pk]) in html


def test_a_report_of_another_committee_is_refused(
    conference: Conference, demo: dict[str, Organisation]
) -> None:
    period = Period.objects.filter(committee=demo["lb-qu"]).order_by("pk").first()
    assert period is not None
    other = Conference.objects.create(
        committee=demo["lb-dukdn"],
        kind=conference.kind,
        title="Hội nghị Đảng ủy Khối",
        starts_at=conference.starts_at,
    )
    with pytest.raises(ValidationError):
        services.agenda_item_add(
            conference=other, title="x", report_period=period, by=policy.SYSTEM
        )
    assert not other.agenda.exists()


def test_demo_agenda_item_links_the_draft(demo: dict[str, Organisation]) -> None:
    demo_conference = Conference.objects.get(starts_at__date=dt.date(2020, 9, 11))
    item = demo_conference.agenda.get()
    assert item.report_period is not None
    assert item.report_period.committee == demo["lb-qu"]


def test_calendar_feed_by_its_own_secret_never_an_api_token(
    client: Client, demo: dict[str, Organisation]
) -> None:
    url = reverse("meetings:ics")
    office = User.objects.get(username="vanphong")
    assert client.get(url).status_code == 302  # no session, no secret
    assert client.get(url, {"feed": "dvc_wrong"}).status_code == 302
    _token, api_secret = api_token_create(user=office, name="lịch", by=office)
    # The full-access API token no longer opens the calendar, in either parameter.
    assert client.get(url, {"token": api_secret}).status_code == 302
    assert client.get(url, {"feed": api_secret}).status_code == 302
    secret = calendar_feed_regenerate(user=office, by=office)
    response = client.get(url, {"feed": secret})
    assert response.status_code == 200
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    # Made again: the old address stops working.
    newer = calendar_feed_regenerate(user=office, by=office)
    assert client.get(url, {"feed": secret}).status_code == 302
    assert client.get(url, {"feed": newer}).status_code == 200
