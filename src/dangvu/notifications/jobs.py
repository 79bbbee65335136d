"""The worker's schedule, without Redis: a `ScheduledJob` row per recurring job.

A worker claims a due job with a conditional UPDATE (the healthchecks.io pattern):

    UPDATE scheduledjob SET next_run_at = <next> WHERE id = <id> AND next_run_at = <seen>

Only one of several workers can move `next_run_at` from the value it saw, so only one runs that
occurrence, on SQLite and PostgreSQL alike. The claim moves it only `LEASE` ahead; the job's end
moves it to the next occurrence. A worker killed mid-job (or a job that failed) therefore leaves
the job due again once the lease has passed, and another pass picks it up. Jobs take plain
values (a day) and call services, which are idempotent: a job that crashed halfway can simply
run again.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from dangvu.core import policy
from dangvu.core.db import planner_statistics_refresh
from dangvu.notifications import events
from dangvu.notifications.enums import JobName
from dangvu.notifications.models import ScheduledJob
from dangvu.notifications.services import reminders_send

logger = logging.getLogger("dangvu.worker")

PLANNER_STATISTICS_HOUR = 2  # at night, before the reminders
LEASE = dt.timedelta(minutes=15)


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def reminder_hour() -> int:
    return int(settings.DANGVU_REMINDER_HOUR)  # default 7, in config/settings.py


def daily_at(now: dt.datetime, hour: int) -> dt.datetime:
    """Today's `hour` o'clock in the project's time zone (Asia/Ho_Chi_Minh)."""
    local = now.astimezone(local_zone())
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def next_daily_run(now: dt.datetime, hour: int) -> dt.datetime:
    """The first `hour` o'clock strictly after `now`."""
    at = daily_at(now, hour)
    return at if at > now else at + dt.timedelta(days=1)


def run_daily_reminders(now: dt.datetime) -> str:
    day = now.astimezone(local_zone()).date()
    return str(reminders_send(by=policy.WORKER, day=day))


def run_planner_statistics(now: dt.datetime) -> str:
    planner_statistics_refresh()
    return "ANALYZE done"


def run_event_digests(now: dt.datetime) -> str:
    return str(events.digests_send(by=policy.WORKER, now=now))


def event_digest_interval() -> dt.timedelta:
    return dt.timedelta(minutes=max(int(settings.DANGVU_EVENT_DIGEST_MINUTES), 1))


JOBS: dict[str, Callable[[dt.datetime], str]] = {
    JobName.DAILY_REMINDERS: run_daily_reminders,
    JobName.PLANNER_STATISTICS: run_planner_statistics,
    JobName.EVENT_DIGESTS: run_event_digests,
}

HOURS: dict[str, Callable[[], int]] = {
    JobName.DAILY_REMINDERS: reminder_hour,
    JobName.PLANNER_STATISTICS: lambda: PLANNER_STATISTICS_HOUR,
}

# Jobs that run every so often rather than at an hour of the day.
INTERVALS: dict[str, Callable[[], dt.timedelta]] = {
    JobName.EVENT_DIGESTS: event_digest_interval,
}


def schedule_ensure(now: dt.datetime | None = None) -> None:
    """Create the schedule rows that do not exist yet. A new daily job is due at today's hour,
    so a worker started after that hour sends today's reminders at once."""
    now = now or timezone.now()
    for name, hour in HOURS.items():
        ScheduledJob.objects.get_or_create(
            name=name, defaults={"next_run_at": daily_at(now, hour())}
        )
    for name in INTERVALS:
        ScheduledJob.objects.get_or_create(name=name, defaults={"next_run_at": now})


def next_run(name: str, now: dt.datetime) -> dt.datetime:
    if name in HOURS:
        return next_daily_run(now, HOURS[name]())
    if name in INTERVALS:
        return now + INTERVALS[name]()
    raise ValueError(name)


def job_claim(
    *, job_id: int, seen: dt.datetime, next_run_at: dt.datetime, now: dt.datetime
) -> bool:
    """Move the job from `seen` to `next_run_at`; True for the one worker whose UPDATE matched."""
    updated = ScheduledJob.objects.filter(pk=job_id, next_run_at=seen).update(
        next_run_at=next_run_at, last_started_at=now
    )
    return updated == 1


def run_due_jobs(now: dt.datetime | None = None) -> list[str]:
    """Claim and run every job due at `now`; returns what each job that ran reported."""
    now = now or timezone.now()
    done: list[str] = []
    for job in ScheduledJob.objects.filter(next_run_at__lte=now).order_by("next_run_at"):
        handler = JOBS.get(job.name)
        if handler is None:
            continue
        lease = now + LEASE
        if not job_claim(job_id=job.pk, seen=job.next_run_at, next_run_at=lease, now=now):
            logger.info("job %s was claimed by another worker", job.name)
            continue
        try:
            result = handler(now)
        except Exception:
            # Left at the lease: tried again when it has passed.
            logger.exception("job %s failed", job.name)
            ScheduledJob.objects.filter(pk=job.pk).update(
                last_finished_at=timezone.now(), last_error=traceback.format_exc()[-4000:]
            )
            continue
        ScheduledJob.objects.filter(pk=job.pk, next_run_at=lease).update(
            next_run_at=next_run(job.name, now),
            last_finished_at=timezone.now(),
            last_result=result[:4000],
            last_error="",
        )
        logger.info("job %s: %s", job.name, result)
        done.append(f"{job.name}: {result}")
    return done
