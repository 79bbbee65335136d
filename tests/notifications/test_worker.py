from __future__ import annotations

import datetime as dt
import threading
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections

from dangvu.notifications import jobs
from dangvu.notifications.enums import JobName
from dangvu.notifications.models import ReminderSent, ScheduledJob
from tests.notifications.conftest import TODAY, World, committed

VN = dt.timezone(dt.timedelta(hours=7))


def reminders_job() -> ScheduledJob:
    return ScheduledJob.objects.get(name=JobName.DAILY_REMINDERS)


def test_next_daily_run_is_at_the_hour_in_hanoi(settings: Any) -> None:
    settings.DANGVU_REMINDER_HOUR = 7
    before = dt.datetime(2026, 3, 16, 6, 59, tzinfo=VN)
    after = dt.datetime(2026, 3, 16, 7, 0, tzinfo=VN)
    assert jobs.next_daily_run(before, 7) == dt.datetime(2026, 3, 16, 7, 0, tzinfo=VN)
    assert jobs.next_daily_run(after, 7) == dt.datetime(2026, 3, 17, 7, 0, tzinfo=VN)


def test_worker_once_runs_the_due_reminders(world: World) -> None:
    world.task(deadline=TODAY + dt.timedelta(days=3))
    out = StringIO()

    committed(call_command, "worker", "--once", stdout=out)

    assert ReminderSent.objects.count() == 3
    # Three reminder digests, and the three digests of the task given to the units.
    assert (
        sorted(m.subject[:17] for m in mail.outbox)
        == ["[Dangvu] 1 thông "] * 3 + ["[Dangvu] Đôn đốc "] * 3
    )
    job = ScheduledJob.objects.get(name=JobName.DAILY_REMINDERS)
    # 15:00 in Hà Nội: today's 7:00 has passed, so the next run is tomorrow at 7:00.
    assert job.next_run_at == dt.datetime(2026, 3, 17, 7, 0, tzinfo=VN)
    assert job.last_finished_at is not None
    assert "3 reminders" in job.last_result
    assert "daily_reminders" in out.getvalue()


def test_the_worker_refreshes_the_planner_statistics_at_night(world: World) -> None:
    world.task(deadline=TODAY + dt.timedelta(days=3))
    committed(call_command, "worker", "--once", stdout=StringIO())
    job = ScheduledJob.objects.get(name=JobName.PLANNER_STATISTICS)
    # Due at 2:00 today (already past at 15:00): run at once, next at 2:00 tomorrow.
    assert job.last_result == "ANALYZE done"
    assert job.next_run_at == dt.datetime(2026, 3, 17, 2, 0, tzinfo=VN)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT tbl FROM sqlite_stat1 WHERE tbl = 'assignments_task'")
            assert cursor.fetchall(), "ANALYZE left no statistics for the tasks"


def test_worker_once_does_nothing_before_the_job_is_due(world: World, time_machine: Any) -> None:
    world.task(deadline=TODAY + dt.timedelta(days=3))
    committed(call_command, "worker", "--once", stdout=StringIO())
    mail.outbox.clear()
    time_machine.move_to(dt.datetime(2026, 3, 17, 6, 0, tzinfo=VN), tick=False)

    committed(call_command, "worker", "--once", stdout=StringIO())

    assert mail.outbox == []
    time_machine.move_to(dt.datetime(2026, 3, 17, 7, 1, tzinfo=VN), tick=False)
    committed(call_command, "worker", "--once", stdout=StringIO())
    assert reminders_job().next_run_at == dt.datetime(2026, 3, 18, 7, 0, tzinfo=VN)


def test_a_rerun_of_the_pass_sends_nothing(world: World) -> None:
    world.task(deadline=TODAY)
    committed(call_command, "worker", "--once", stdout=StringIO())
    ScheduledJob.objects.update(next_run_at=dt.datetime(2026, 3, 16, 7, 0, tzinfo=VN))
    mails = len(mail.outbox)

    committed(call_command, "worker", "--once", stdout=StringIO())

    assert len(mail.outbox) == mails
    assert reminders_job().last_result.startswith("2026-03-16: 0 reminders")


def test_reminders_on_a_given_day(world: World) -> None:
    world.task(deadline=TODAY + dt.timedelta(days=10))
    out = StringIO()

    committed(call_command, "worker", "--reminders-on", "2026-03-19", stdout=out)

    assert ReminderSent.objects.filter(day=dt.date(2026, 3, 19)).count() == 3
    assert "3 reminders" in out.getvalue()


def test_a_claim_wins_once(db: Any) -> None:
    seen = dt.datetime(2026, 3, 16, 7, 0, tzinfo=VN)
    job = ScheduledJob.objects.create(name=JobName.DAILY_REMINDERS, next_run_at=seen)
    later = seen + dt.timedelta(days=1)
    assert jobs.job_claim(job_id=job.pk, seen=seen, next_run_at=later, now=seen)
    assert not jobs.job_claim(job_id=job.pk, seen=seen, next_run_at=later, now=seen)


@pytest.mark.django_db(transaction=True)
def test_two_workers_cannot_both_claim() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises writers on the whole file, so two threads never race on the "
            "UPDATE; the claim is raced for real on PostgreSQL."
        )
    seen = dt.datetime(2026, 3, 16, 7, 0, tzinfo=VN)
    job = ScheduledJob.objects.create(name=JobName.DAILY_REMINDERS, next_run_at=seen)
    later = seen + dt.timedelta(days=1)
    barrier = threading.Barrier(8)
    wins: list[bool] = []

    def claim() -> None:
        try:
            barrier.wait()
            wins.append(jobs.job_claim(job_id=job.pk, seen=seen, next_run_at=later, now=seen))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(wins) == [False] * 7 + [True]


def test_a_job_killed_mid_run_is_due_again_after_the_lease(
    world: World, time_machine: Any, monkeypatch: Any
) -> None:
    world.task(deadline=TODAY + dt.timedelta(days=3))

    def crash(now: dt.datetime) -> str:
        raise RuntimeError("the worker died")

    monkeypatch.setitem(jobs.JOBS, JobName.DAILY_REMINDERS, crash)
    committed(call_command, "worker", "--once", stdout=StringIO())
    job = reminders_job()
    assert "the worker died" in job.last_error
    assert job.next_run_at == dt.datetime(2026, 3, 16, 8, 15, tzinfo=dt.UTC)
    monkeypatch.undo()

    committed(call_command, "worker", "--once", stdout=StringIO())
    assert not ReminderSent.objects.exists()  # still inside the lease
    time_machine.move_to(dt.datetime(2026, 3, 16, 8, 16, tzinfo=dt.UTC), tick=False)
    committed(call_command, "worker", "--once", stdout=StringIO())

    assert ReminderSent.objects.count() == 3
    assert reminders_job().next_run_at == dt.datetime(2026, 3, 17, 7, 0, tzinfo=VN)
