from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from dangvu.core import policy
from dangvu.notifications.enums import NotificationKind, ReminderKind
from dangvu.notifications.models import DigestSent, Notification, ReminderSent
from dangvu.notifications.reminders import reminder_kind
from dangvu.notifications.services import reminders_send
from tests.notifications.conftest import TODAY, World, committed


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


@pytest.mark.parametrize(
    ("offset", "kind"),
    [
        (7, ReminderKind.BEFORE),
        (3, ReminderKind.BEFORE),
        (1, ReminderKind.BEFORE),
        (0, ReminderKind.DUE),
        (-7, ReminderKind.OVERDUE),
        (-14, ReminderKind.OVERDUE),
        (6, None),
        (2, None),
        (-1, None),
        (-8, None),
        (30, None),
    ],
)
def test_rule(offset: int, kind: ReminderKind | None) -> None:
    assert reminder_kind(days(offset), TODAY, days_before=(7, 3, 1), repeat_every=7) == kind


def test_reminders_on_the_right_days(world: World) -> None:
    due = {n: world.task(deadline=days(n), content=f"Nhiệm vụ hạn {n}") for n in (7, 3, 2, 1, 0)}
    overdue = world.task(deadline=days(-7), content="Nhiệm vụ quá hạn một tuần")
    world.task(deadline=days(-5), content="Nhiệm vụ quá hạn năm ngày")

    run = committed(reminders_send, by=policy.WORKER, day=TODAY)

    reminded = set(ReminderSent.objects.values_list("target_id", flat=True).distinct())
    assert reminded == {due[7].pk, due[3].pk, due[1].pk, due[0].pk, overdue.pk}
    kinds = dict(ReminderSent.objects.filter(user=world.reporter).values_list("target_id", "kind"))
    assert kinds[due[0].pk] == ReminderKind.DUE
    assert kinds[overdue.pk] == ReminderKind.OVERDUE
    assert kinds[due[3].pk] == ReminderKind.BEFORE
    assert run.reminders == ReminderSent.objects.count()


def test_recipients_are_unit_people_and_followers(world: World) -> None:
    task = world.task(deadline=days(3))
    task.followers.add(world.follower)

    committed(reminders_send, by=policy.WORKER, day=TODAY)

    users = set(
        ReminderSent.objects.filter(target_id=task.pk).values_list("user__username", flat=True)
    )
    assert users == {"reporter", "head", "partner_reporter", "follower"}


def test_one_digest_per_person_per_day(world: World) -> None:
    world.task(deadline=days(7), content="Thứ nhất")
    world.task(deadline=days(1), content="Thứ hai")
    world.task(deadline=days(-7), content="Thứ ba")

    committed(reminders_send, by=policy.WORKER, day=TODAY)

    to_reporter = [m for m in mail.outbox if m.to == ["reporter@example.org"]]
    assert len(to_reporter) == 1
    body = to_reporter[0].body
    for content in ("Thứ nhất", "Thứ hai", "Thứ ba"):
        assert content in body
    assert "Còn 7 ngày đến hạn" in body
    assert "Quá hạn 7 ngày" in body
    assert "/tasks/" in body
    assert "16/3/2026" in to_reporter[0].subject
    assert sorted(m.to[0] for m in mail.outbox) == [
        "head@example.org",
        "partner_reporter@example.org",
        "reporter@example.org",
    ]
    assert DigestSent.objects.filter(day=TODAY).count() == 3


def test_in_app_notifications(world: World) -> None:
    task = world.task(deadline=days(0), content="Báo cáo sơ kết")

    committed(reminders_send, by=policy.WORKER, day=TODAY)

    note = Notification.objects.get(
        user=world.reporter, target_id=task.pk, kind=NotificationKind.REMINDER_DUE
    )
    assert note.kind == NotificationKind.REMINDER_DUE
    assert "Báo cáo sơ kết" in note.text
    assert "hôm nay" in note.text.lower()
    assert note.link == f"/tasks/{task.pk}/"
    assert note.read_at is None


def test_rerun_the_same_day_sends_nothing_twice(world: World) -> None:
    world.task(deadline=days(3))
    first = committed(reminders_send, by=policy.WORKER, day=TODAY)
    sent, notes, mails = (
        ReminderSent.objects.count(),
        Notification.objects.count(),
        len(mail.outbox),
    )
    assert first.reminders == sent > 0

    second = committed(reminders_send, by=policy.WORKER, day=TODAY)

    assert (second.reminders, second.emails, second.notifications) == (0, 0, 0)
    assert ReminderSent.objects.count() == sent
    assert Notification.objects.count() == notes
    assert len(mail.outbox) == mails


def test_a_task_due_after_the_digest_gets_no_second_mail(world: World) -> None:
    world.task(deadline=days(3))
    committed(reminders_send, by=policy.WORKER, day=TODAY)
    mails = len(mail.outbox)
    late = world.task(deadline=days(1), content="Giao thêm trong ngày")

    committed(reminders_send, by=policy.WORKER, day=TODAY)

    assert len(mail.outbox) == mails
    assert Notification.objects.filter(target_id=late.pk, user=world.reporter).exists()


def test_not_for_done_suspended_or_unpublished(world: World) -> None:
    world.task(deadline=days(3), completed_on=days(-1), content="Đã xong")
    world.task(deadline=days(3), suspended_on=days(-1), content="Tạm dừng")
    world.task(deadline=days(-7), completed_on=days(-10), content="Xong đúng hạn")
    world.task(deadline=days(3), published_at=None, content="Chưa ban hành")

    run = committed(reminders_send, by=policy.WORKER, day=TODAY)

    assert run.reminders == 0
    assert not ReminderSent.objects.exists()
    assert mail.outbox == []


def test_the_next_day_reminds_again(world: World) -> None:
    task = world.task(deadline=days(1))
    committed(reminders_send, by=policy.WORKER, day=TODAY)

    committed(reminders_send, by=policy.WORKER, day=days(1))

    kinds = list(
        ReminderSent.objects.filter(target_id=task.pk, user=world.reporter)
        .order_by("day")
        .values_list("kind", flat=True)
    )
    assert kinds == [ReminderKind.BEFORE, ReminderKind.DUE]


def test_days_are_configurable(world: World, settings: object) -> None:
    settings.DANGVU_REMINDER_DAYS = [10]  # type: ignore[attr-defined]
    settings.DANGVU_REMINDER_REPEAT_DAYS = 2  # type: ignore[attr-defined]
    ten = world.task(deadline=days(10))
    world.task(deadline=days(7))
    two_late = world.task(deadline=days(-2))

    committed(reminders_send, by=policy.WORKER, day=TODAY)

    assert set(ReminderSent.objects.values_list("target_id", flat=True)) == {ten.pk, two_late.pk}


def test_inactive_users_and_people_without_address(world: World) -> None:
    world.head.is_active = False
    world.head.save()
    world.reporter.email = ""
    world.reporter.save()
    world.task(deadline=days(3))

    committed(reminders_send, by=policy.WORKER, day=TODAY)

    assert not ReminderSent.objects.filter(user=world.head).exists()
    reminders = Notification.objects.filter(kind__startswith="reminder")
    assert reminders.filter(user=world.reporter).count() == 1
    assert all(m.to != [""] for m in mail.outbox)
    assert {m.to[0] for m in mail.outbox} == {"partner_reporter@example.org"}
