"""A deleted target (a task, a conference, a report period and what goes with it) leaves no
dangling notification: the notification keeps its text, loses its link, and the list never offers
a page that answers 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from dangvu.core import policy
from dangvu.meetings import services as meeting_services
from dangvu.meetings.enums import ConferenceKind
from dangvu.notifications import targets
from dangvu.notifications.enums import NotificationKind
from dangvu.notifications.models import Notification
from dangvu.reports import services as report_services
from dangvu.reports.enums import PeriodKind
from tests.factories import TaskFactory, UserFactory


def _note(user: Any, target: Any) -> Notification:
    return Notification.objects.create(
        user=user,
        kind=NotificationKind.OTHER,
        text="Có việc mới",
        link=targets.link_of(target),
        target_type=targets.type_of(target),
        target_id=target.pk,
    )


def test_deleting_a_task_unlinks_its_notifications(client: Client, db: Any) -> None:
    me = UserFactory()
    task, other = TaskFactory(), TaskFactory()
    gone, kept = _note(me, task), _note(me, other)
    task.delete()

    gone.refresh_from_db()
    kept.refresh_from_db()
    assert (gone.link, gone.target_type_id, gone.target_id) == ("", None, None)
    assert gone.text == "Có việc mới"
    assert kept.link == f"/tasks/{other.pk}/"

    client.force_login(me)
    page = client.get("/notifications/")
    assert page.status_code == 200
    body = page.content.decode()
    assert f"/tasks/{task.pk}/" not in body
    assert body.count('name="open"') == 1  # only the task that still exists can be opened
    opened = client.post(f"/notifications/{gone.pk}/read/", {"open": "1"})
    assert opened["Location"] == "/notifications/"


def test_a_cascade_unlinks_the_notifications_of_what_it_removes(db: Any) -> None:
    me = UserFactory()
    task = TaskFactory()
    committee = task.committee
    period = report_services.period_create(
        committee=committee,
        kind=PeriodKind.QUARTER,
        number=4,
        year=2020,
        due_on=dt.date(2020, 12, 15),
        by=policy.SYSTEM,
    )
    report_services.contributions_request(period=period, units=[task.lead_unit], by=policy.SYSTEM)
    contribution = period.contributions.get()
    conference = meeting_services.conference_create(
        committee=committee,
        kind=ConferenceKind.PLENUM,
        title="Hội nghị Ban Chấp hành",
        starts_at=timezone.now() + dt.timedelta(days=3),
        by=policy.SYSTEM,
    )
    on_period, on_contribution, on_conference = (
        _note(me, period),
        _note(me, contribution),
        _note(me, conference),
    )
    period.delete()  # its contributions go with it
    conference.delete()
    for n in (on_period, on_contribution, on_conference):
        n.refresh_from_db()
        assert (n.link, n.target_id) == ("", None)


def test_a_notification_left_dangling_before_opens_the_list_not_a_404(
    client: Client, db: Any
) -> None:
    """One whose target vanished without the signal (a raw delete, an older database)."""
    me = UserFactory()
    task = TaskFactory()
    note = _note(me, task)
    Notification.objects.filter(pk=note.pk).update(target_id=task.pk + 1000)
    client.force_login(me)
    response = client.post(f"/notifications/{note.pk}/read/", {"open": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Nội dung mà thông báo này nhắc đến không còn nữa."
    ]
