"""Workflow events: each produces exactly the in-app notifications of the people concerned and,
at the worker's next digest, one e-mail per person with working links on the site's address."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from dangvu.assignments import services as task_services
from dangvu.assignments.models import Task
from dangvu.core import policy
from dangvu.meetings import services as meeting_services
from dangvu.notifications import emails, events, jobs, outbox
from dangvu.notifications.enums import JobName, NotificationKind
from dangvu.notifications.models import Notification, OutgoingMail, ScheduledJob
from dangvu.org import services as org_services
from dangvu.org.enums import Role
from dangvu.reports import services as report_services
from dangvu.reports.enums import PeriodKind
from tests.notifications.conftest import TODAY, World

SITE = "https://dangvu.example.vn"


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.DANGVU_SITE_URL = SITE + "/"


def notes(kind: str) -> set[tuple[str, str]]:
    return set(Notification.objects.filter(kind=kind).values_list("user__username", "link"))


def digest() -> list[Any]:
    """The worker's digest job, then its delivery: the mails that left."""
    mail.outbox.clear()
    events.digests_send(by=policy.WORKER)
    outbox.deliver()
    return list(mail.outbox)


def test_a_published_task_tells_its_units_in_app_and_in_one_digest_each(world: World) -> None:
    task = world.task(deadline=TODAY + dt.timedelta(days=30), content="Tổng kết công tác dân vận")
    link = f"/tasks/{task.pk}/"

    assert notes(NotificationKind.TASK_ASSIGNED) == {
        ("reporter", link),
        ("head", link),
        ("partner_reporter", link),
    }
    note = Notification.objects.get(user=world.head)
    assert note.target == task
    assert note.text == "Nhiệm vụ giao cho đơn vị: Tổng kết công tác dân vận"

    sent = digest()
    assert sorted(m.to[0] for m in sent) == [
        "head@example.org",
        "partner_reporter@example.org",
        "reporter@example.org",
    ]
    for message in sent:
        assert message.subject == "[Dangvu] 1 thông báo mới"
        assert f"  {SITE}/tasks/{task.pk}/\n" in message.body
        assert "Tổng kết công tác dân vận" in message.body
        assert "127.0.0.1" not in message.body
        assert "localhost" not in message.body
    # Nothing twice.
    assert digest() == []
    assert not events.pending().exists()


def test_the_completion_cycle_tells_the_office_then_the_unit(world: World) -> None:
    task = world.task(deadline=TODAY + dt.timedelta(days=30))
    Notification.objects.all().delete()

    task_services.completion_propose(task=task, by=world.reporter)
    assert notes(NotificationKind.COMPLETION_PROPOSED) == {("office", f"/tasks/{task.pk}/")}

    task = Task.objects.get(pk=task.pk)
    task_services.completion_return(task=task, by=world.office, reason="Thiếu báo cáo kết quả")
    assert {u for u, _ in notes(NotificationKind.COMPLETION_RETURNED)} == {"reporter", "head"}

    task_services.completion_propose(task=Task.objects.get(pk=task.pk), by=world.head)
    task_services.completion_accept(task=Task.objects.get(pk=task.pk), by=world.office)
    assert {u for u, _ in notes(NotificationKind.COMPLETION_ACCEPTED)} == {"reporter", "head"}
    # The one who acted is never told; the proposal went to the office twice.
    assert (
        not Notification.objects.filter(user=world.office)
        .exclude(kind=NotificationKind.COMPLETION_PROPOSED)
        .exists()
    )
    assert Notification.objects.filter(user=world.office).count() == 2

    sent = {m.to[0]: m for m in digest()}
    assert set(sent) == {"office@example.org", "reporter@example.org", "head@example.org"}
    # One mail for all of a person's events, each with its line.
    assert sent["reporter@example.org"].subject == "[Dangvu] 2 thông báo mới"
    assert "Kết quả bị trả lại cho đơn vị" in sent["reporter@example.org"].body
    assert "Đã công nhận hoàn thành" in sent["reporter@example.org"].body


def test_contributions_submitted_and_returned(world: World) -> None:
    period = report_services.period_create(
        committee=world.committee,
        kind=PeriodKind.NINE_MONTHS,
        year=2025,
        due_on=dt.date(2025, 9, 5),
        by=policy.SYSTEM,
    )
    [contribution] = report_services.contributions_request(
        period=period, units=[world.lead], by=policy.SYSTEM
    )
    link = f"/reports/contributions/{contribution.pk}/"

    contribution = report_services.contribution_submit(contribution=contribution, by=world.head)
    assert notes(NotificationKind.REPORT_SUBMITTED) == {("office", link)}

    report_services.contribution_return(
        contribution=contribution, reason="Bổ sung số liệu", by=world.office
    )
    assert notes(NotificationKind.REPORT_RETURNED) == {("reporter", link), ("head", link)}
    sent = {m.to[0]: m.body for m in digest()}
    assert f"{SITE}{link}" in sent["reporter@example.org"]

    # The reporter's page offers to open the contribution, and opening it goes there.
    client = Client()
    client.force_login(world.reporter)
    page = client.get("/notifications/").content.decode()
    assert "Báo cáo bị trả lại cho đơn vị" in page
    assert "Mở báo cáo" in page
    note = Notification.objects.get(user=world.reporter)
    response = client.post(f"/notifications/{note.pk}/read/", {"open": "1"})
    assert response.status_code == 302
    assert response["Location"] == link


def test_an_answered_comment_tells_its_author(world: World) -> None:
    period = report_services.period_create(
        committee=world.committee,
        kind=PeriodKind.NINE_MONTHS,
        year=2025,
        due_on=dt.date(2025, 9, 5),
        by=policy.SYSTEM,
    )
    version = report_services.draft_consolidate(period=period, by=world.office)
    comment = report_services.comment_add(  # a leader of the committee
        version=version, text="Đề nghị bổ sung phần dân vận", by=world.outsider
    )

    report_services.comment_answer(
        comment=comment, status="explained", answer="Đã có ở mục II", by=world.office
    )

    assert notes(NotificationKind.COMMENT_ANSWERED) == {
        ("outsider", f"/reports/{period.pk}/draft/")
    }


def test_an_invited_person_with_an_account_is_told_in_app_and_mailed_once(world: World) -> None:
    person = org_services.person_create(
        full_name="Người Được Mời", email="moi@example.org", user=world.follower, by=policy.SYSTEM
    )
    org_services.position_assign(
        person=person,
        organisation=world.lead,
        title="Phó ban",
        valid_from=dt.date(2020, 1, 1),
        by=policy.SYSTEM,
    )
    conference = meeting_services.conference_create(
        committee=world.committee,
        kind="briefing",
        title="Giao ban tháng 4",
        starts_at=timezone.now() + dt.timedelta(days=10),
        by=world.office,
    )
    meeting_services.invitation_add(conference=conference, person=person, by=world.office)

    assert meeting_services.invitations_send(conference=conference, by=world.office) == 1

    assert notes(NotificationKind.CONFERENCE_INVITED) == {
        ("follower", f"/meetings/{conference.pk}/")
    }
    sent = digest()  # the invitation itself is the mail: no digest line repeats it
    assert [m.to for m in sent] == [["moi@example.org"]]
    assert sent[0].subject == "Giấy mời: Giao ban tháng 4"


def test_recipients_are_todays_holders_of_the_roles(world: World) -> None:
    # The head's role has ended; the reporter is disabled; the office is told as "office".
    org_services.membership_grant(
        user=world.outsider, organisation=world.lead, role=Role.HEAD, by=policy.SYSTEM
    )
    from dangvu.org.models import Membership

    Membership.objects.filter(user=world.head).update(
        valid_from=TODAY - dt.timedelta(days=100), valid_to=TODAY - dt.timedelta(days=1)
    )
    world.reporter.is_active = False
    world.reporter.save()

    people = events.recipients([events.units(world.lead), events.office(world.committee)])

    assert {u.username for u in people} == {"outsider", "office"}
    assert events.recipients([events.units(world.lead)], exclude=world.outsider) == []


def test_a_crash_mid_digest_loses_nothing_and_sends_nothing_twice(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.task(deadline=TODAY + dt.timedelta(days=30))
    monkeypatch.setattr(events, "CHUNK", 1)
    real_queue = emails.queue
    calls = {"n": 0}

    def dying_queue(**kwargs: Any) -> bool:
        calls["n"] += 1
        if calls["n"] == 2:
            raise SystemExit("killed")  # the worker dies inside the second person's chunk
        return real_queue(**kwargs)

    monkeypatch.setattr(emails, "queue", dying_queue)
    with pytest.raises(SystemExit):
        events.digests_send(by=policy.WORKER)
    # The first person's chunk committed whole (mail queued, notifications marked); the rest
    # is untouched.
    assert OutgoingMail.objects.count() == 1
    assert events.pending().count() == 2

    monkeypatch.setattr(emails, "queue", real_queue)
    events.digests_send(by=policy.WORKER)
    outbox.deliver()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "head@example.org",
        "partner_reporter@example.org",
        "reporter@example.org",
    ]
    assert not events.pending().exists()


def test_the_worker_runs_the_digest_every_few_minutes(world: World, settings: Any) -> None:
    settings.DANGVU_EVENT_DIGEST_MINUTES = 10
    world.task(deadline=TODAY + dt.timedelta(days=30))
    now = timezone.now()
    jobs.schedule_ensure(now)

    jobs.run_due_jobs(now)
    outbox.deliver()

    assert len(mail.outbox) == 3
    job = ScheduledJob.objects.get(name=JobName.EVENT_DIGESTS)
    assert job.next_run_at == now + dt.timedelta(minutes=10)
    assert job.last_result.startswith("3 digests")


def test_an_unknown_event_is_refused(world: World) -> None:
    with pytest.raises(ValueError, match="not a workflow event"):
        events.emit("reminder_due", target=world.lead, to=[world.reporter], by=policy.SYSTEM)
