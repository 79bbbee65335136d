"""Long work in the worker, not in the request: big imports and PDF conversions.

A request that would take long (a workbook or a document above `DANGVU_JOB_SYNC_MAX_BYTES`, a
PDF conversion) stores the upload with a `BackgroundJob` row (`enqueue`) and answers at once
with the job's page, which polls (HTMX) the job's progress and then shows its result or a clear
message. `dangvu worker` runs the jobs (`run_pending`, at every pass, and it wakes within a
second or two when a job is queued, `wait_for_work`).

Nothing is lost when the worker dies:
- a claim is a lease: a conditional UPDATE moves the job to "running", adds one to `attempts`
  and sets `lease_until`; a job whose lease has passed (the worker was killed, or hangs) is
  claimed again by the next pass, as the scheduled jobs and the outbox are;
- the job's writes and its "done" are one transaction (`JobContext.writing`), and "done" is a
  conditional UPDATE on the claim's `attempts`: a worker killed mid-job wrote nothing, and a
  worker whose lease was taken over cannot finish the job a second time;
- progress (`JobContext.progress`) is written outside that transaction and renews the lease.

A refusal (ValidationError, PermissionDenied, Http404: the file is wrong, the user may not)
fails the job at once with its Vietnamese message; any other error is retried with a growing
delay, at most `DANGVU_JOB_MAX_ATTEMPTS` times, then the job fails with a general message.

A person may have at most `DANGVU_JOB_MAX_QUEUED_PER_USER` jobs waiting or running: `enqueue`
refuses more (`TooManyJobsError`, a PermissionDenied with a clear message), so one person cannot
fill the worker's queue. Finished jobs (and the files kept with them: the upload, the PDF) are
deleted `DANGVU_JOB_KEEP_DAYS` days after they finished (`purge`, run by the worker every hour,
`purge_if_due`, and by `dangvu jobs --purge`).

Apps declare their kinds in a `background.py` module (found by `autodiscover_modules`):

    @background.kind("assignments.bulk_check", title=_("Checking a task update file"))
    def bulk_check(ctx: background.JobContext) -> dict[str, Any]: ...

About 500 lines on purpose (issue 18): one mechanism, the job's life from the request to the page
(enqueue with its per-person cap, claim under a lease, run, retry, purge, the preview and confirm
helpers); each part reads the states and the lease the others write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from dangvu.core import policy
from dangvu.core.models import BackgroundJob

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor

logger = logging.getLogger("dangvu.worker")

State = BackgroundJob.State
Handler = Callable[["JobContext"], dict[str, Any] | None]


@dataclass(frozen=True)
class Kind:
    name: str
    handler: Handler
    title: str | Promise
    # how the page shows the result (`job` and `result` in its context)
    template: str = "core/_job_message.html"


_KINDS: dict[str, Kind] = {}
_discovered = False


def kind(
    name: str, *, title: str | Promise, template: str = "core/_job_message.html"
) -> Callable[[Handler], Handler]:
    """Declare a kind of job and its handler (in an app's `background.py`)."""

    def register(handler: Handler) -> Handler:
        _KINDS[name] = Kind(name=name, handler=handler, title=title, template=template)
        return handler

    return register


def kinds() -> dict[str, Kind]:
    global _discovered
    if not _discovered:
        autodiscover_modules("background")
        _discovered = True
    return _KINDS


class LeaseLostError(Exception):
    """Another worker claimed the job since (this worker's lease passed): stop, write nothing."""


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=int(settings.DANGVU_JOB_LEASE_SECONDS))


def max_attempts() -> int:
    return int(settings.DANGVU_JOB_MAX_ATTEMPTS)


def backoff(attempts: int) -> dt.timedelta:
    """The wait before trying a failed job again: 10, 20, 40… seconds, at most ten minutes."""
    return min(dt.timedelta(seconds=10 * 2 ** max(attempts - 1, 0)), dt.timedelta(minutes=10))


def deferred(data: bytes) -> bool:
    """Does a file this large go to the worker? Small files stay in the request, as users expect
    an immediate answer (`DANGVU_JOB_SYNC_MAX_BYTES`, 100 KB by default)."""
    return len(data) > int(settings.DANGVU_JOB_SYNC_MAX_BYTES)


class JobContext:
    """What a handler sees: the stored file, the parameters, the actor (the person who asked,
    so the services apply their policy to them), and the means to report progress and to write
    its result exactly once."""

    def __init__(self, job: BackgroundJob, attempt: int) -> None:
        self.job = job
        self.attempt = attempt
        self.result: dict[str, Any] = {}
        self.output: tuple[str, bytes] | None = None
        self.finished = False

    @property
    def actor(self) -> policy.Actor:
        return self.job.owner if self.job.owner is not None else policy.WORKER

    @property
    def data(self) -> bytes:
        return bytes(self.job.file_data)

    @property
    def file_name(self) -> str:
        return self.job.file_name

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.job.params or {})

    def _mine(self) -> Any:
        return BackgroundJob.objects.filter(
            pk=self.job.pk, attempts=self.attempt, state=State.RUNNING
        )

    def progress(self, done: int, total: int, note: str | Promise = "") -> None:
        """Show how far the job is, and renew the lease. Written at once, so only outside a
        transaction (inside one, the page could not see it before the end anyway)."""
        if connection.in_atomic_block:
            return
        updated = self._mine().update(
            progress_done=max(done, 0),
            progress_total=max(total, 0),
            progress_note=str(note)[:200],
            lease_until=timezone.now() + lease(),
        )
        if not updated:
            raise LeaseLostError

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """The job's writes and its end in one transaction: set `self.result` (and
        `self.output`) inside the block; a worker killed before its end wrote nothing."""
        with transaction.atomic():
            yield
            self._finish()

    def _finish(self) -> None:
        fields: dict[str, Any] = {
            "state": State.DONE,
            "result": self.result,
            "finished_at": timezone.now(),
            "lease_until": None,
            "error": "",
            "file_data": b"",  # the upload is no longer needed
        }
        if self.output is not None:
            fields["output_name"], fields["output_data"] = self.output
        if self._mine().update(**fields) != 1:
            raise LeaseLostError
        self.finished = True


class TooManyJobsError(PermissionDenied):
    """The person already has as many jobs waiting as one may (`DANGVU_JOB_MAX_QUEUED_PER_USER`)."""


def max_queued_per_user() -> int:
    return int(settings.DANGVU_JOB_MAX_QUEUED_PER_USER)


def _refuse_when_too_many(owner_id: int | None) -> None:
    """A person's jobs waiting or running are few (the worker's own, with no owner, are not
    counted). Counted under a lock on the person's row, so two uploads at once cannot both pass
    the last free place (PostgreSQL; SQLite writes one at a time anyway)."""
    if owner_id is None:
        return
    from django.contrib.auth import get_user_model

    list(get_user_model().objects.select_for_update().filter(pk=owner_id).values_list("pk"))
    waiting = BackgroundJob.objects.filter(
        owner_id=owner_id, state__in=[State.QUEUED, State.RUNNING]
    ).count()
    limit = max_queued_per_user()
    if waiting >= limit:
        raise TooManyJobsError(
            _(
                "You already have %(count)d jobs waiting or in progress (at most %(limit)d at "
                "a time). Wait until one of them has finished, then try again."
            )
            % {"count": waiting, "limit": limit}
        )


def enqueue(
    *,
    kind: str,
    owner: Any,
    file_name: str = "",
    data: bytes = b"",
    params: dict[str, Any] | None = None,
) -> BackgroundJob:
    """Store the work for the worker; returns the job whose page the person is sent to.
    TooManyJobsError when the person has too many jobs waiting already."""
    if kind not in kinds():
        raise ValueError(kind)
    owner = owner if getattr(owner, "pk", None) else None
    with transaction.atomic():
        _refuse_when_too_many(owner.pk if owner is not None else None)
        return _store(kind=kind, owner=owner, file_name=file_name, data=data, params=params)


def _store(
    *, kind: str, owner: Any, file_name: str, data: bytes, params: dict[str, Any] | None
) -> BackgroundJob:
    job = BackgroundJob(
        kind=kind,
        owner=owner,
        file_name=file_name[:255],
        file_data=data,
        params={**(params or {}), "language": translation.get_language() or "vi"},
        progress_note=str(_("Waiting for the background worker…")),
    )
    job.full_clean(exclude=["file_data", "output_data"])
    job.save()
    return job


def _claimable(now: dt.datetime) -> Q:
    return Q(state=State.QUEUED, available_at__lte=now) | Q(
        state=State.RUNNING, lease_until__lt=now
    )


def claim(now: dt.datetime) -> tuple[BackgroundJob, int] | None:
    """The next due job, claimed for this worker (None when there is none)."""
    candidates = (
        BackgroundJob.objects.filter(_claimable(now))
        .order_by("available_at", "pk")
        .values_list("pk", "attempts")[:20]
    )
    for pk, attempts in candidates:
        updated = BackgroundJob.objects.filter(_claimable(now), pk=pk, attempts=attempts).update(
            state=State.RUNNING,
            attempts=attempts + 1,
            lease_until=now + lease(),
            started_at=now,
        )
        if updated == 1:
            job = BackgroundJob.objects.select_related("owner").get(pk=pk)
            return job, attempts + 1
    return None


def _fail(job: BackgroundJob, attempt: int, message: str) -> None:
    BackgroundJob.objects.filter(pk=job.pk, attempts=attempt, state=State.RUNNING).update(
        state=State.FAILED,
        error=message[:4000],
        finished_at=timezone.now(),
        lease_until=None,
        file_data=b"",
    )


def _refusal(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, Http404):
        return _("Something the job needs no longer exists, or you may not see it.")
    return str(exc) or _("You may not do this.")


def run(job: BackgroundJob, attempt: int) -> str:
    """Run a claimed job to its end; returns a line for the worker's log."""
    spec = kinds().get(job.kind)
    if spec is None:
        _fail(job, attempt, _("This kind of job is not known to this version of Dangvu."))
        return f"job {job.pk} {job.kind}: unknown kind"
    context = JobContext(job, attempt)
    language = (job.params or {}).get("language") or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            result = spec.handler(context)
            if not context.finished:
                context.result = result if result is not None else context.result
                with transaction.atomic():
                    context._finish()
        except LeaseLostError:
            logger.warning("job %s: its lease was taken over; this run stops", job.pk)
            return f"job {job.pk} {job.kind}: lease lost"
        except (ValidationError, PermissionDenied, Http404) as exc:
            _fail(job, attempt, _refusal(exc))
            return f"job {job.pk} {job.kind}: refused"
        except Exception:
            logger.exception("job %s %s failed (attempt %d)", job.pk, job.kind, attempt)
            if attempt >= max_attempts():
                _fail(
                    job,
                    attempt,
                    _(
                        "The job could not be completed after %(count)d attempts. Try again "
                        "later; if it fails again, tell the administrator."
                    )
                    % {"count": attempt},
                )
                return f"job {job.pk} {job.kind}: failed"
            BackgroundJob.objects.filter(pk=job.pk, attempts=attempt, state=State.RUNNING).update(
                state=State.QUEUED,
                available_at=timezone.now() + backoff(attempt),
                lease_until=None,
                error=traceback.format_exc()[-4000:],
                progress_note=str(_("An attempt failed; it will be tried again.")),
            )
            return f"job {job.pk} {job.kind}: to retry"
    return f"job {job.pk} {job.kind}: done"


def run_pending(now: dt.datetime | None = None, *, limit: int | None = None) -> list[str]:
    """Claim and run the due jobs one after another; `now` fixed only by tests."""
    done: list[str] = []
    while limit is None or len(done) < limit:
        claimed = claim(now or timezone.now())
        if claimed is None:
            break
        done.append(run(*claimed))
    return done


def pending(now: dt.datetime | None = None) -> bool:
    return BackgroundJob.objects.filter(_claimable(now or timezone.now())).exists()


def wait_for_work(stop: threading.Event, seconds: float, *, poll: float = 1.0) -> bool:
    """The worker's sleep between passes, cut short when a job is queued (a person is waiting
    for it); True when asked to stop."""
    waited = 0.0
    while waited < seconds:
        step = min(poll, seconds - waited)
        if stop.wait(step):
            return True
        waited += step
        try:
            if pending():
                return False
        except Exception:  # the database is away: sleep the whole pass, as before
            logger.exception("worker: could not look for queued jobs")
    return stop.is_set()


def keep_days() -> int:
    return int(settings.DANGVU_JOB_KEEP_DAYS)


def purge(now: dt.datetime | None = None, *, days: int | None = None) -> int:
    """Delete the jobs that finished (done or failed) more than `days` (DANGVU_JOB_KEEP_DAYS)
    ago, with the files kept in them (the upload, the output). Jobs waiting or running are
    never deleted. Returns how many were deleted."""
    now = now or timezone.now()
    before = now - dt.timedelta(days=keep_days() if days is None else max(days, 0))
    old = BackgroundJob.objects.filter(state__in=[State.DONE, State.FAILED], finished_at__lt=before)
    count, _by_model = old.delete()
    return count


PURGE_EVERY = dt.timedelta(hours=1)
_last_purge: dt.datetime | None = None


def purge_if_due(now: dt.datetime | None = None) -> str:
    """The worker's purge, at most once an hour per process; a line for its log ("" when
    nothing was deleted or it was not time)."""
    global _last_purge
    now = now or timezone.now()
    if _last_purge is not None and now - _last_purge < PURGE_EVERY:
        return ""
    _last_purge = now
    try:
        count = purge(now)
    except Exception:  # the database is away: the next pass tries again
        logger.exception("worker: could not purge the finished jobs")
        _last_purge = None
        return ""
    return f"jobs: {count} finished job(s) purged" if count else ""


def get_job_for_user(
    user: Actor | AnonymousUser, pk: Any, *, kind: str | None = None
) -> BackgroundJob:
    """A person's own job (404 for anyone else's: its existence is private)."""
    jobs = BackgroundJob.objects.filter(owner_id=getattr(user, "pk", None) or -1)
    if kind is not None:
        jobs = jobs.filter(kind=kind)
    try:
        return get_object_or_404(jobs.defer("file_data", "output_data"), pk=int(pk))
    except (TypeError, ValueError):
        raise Http404 from None


def title_of(job: BackgroundJob) -> str:
    spec = kinds().get(job.kind)
    return str(spec.title) if spec else job.kind


def template_of(job: BackgroundJob) -> str:
    spec = kinds().get(job.kind)
    return spec.template if spec else "core/_job_message.html"


@transaction.atomic
def confirm(
    user: Actor | AnonymousUser, pk: Any, *, check_kind: str, apply_kind: str
) -> BackgroundJob:
    """The writing job for a file a checking job found without errors (its result carries the
    `payload` to write). Confirming twice gives the same job, so a file is written once."""
    checked = get_job_for_user(user, pk, kind=check_kind)
    checked = BackgroundJob.objects.select_for_update().get(pk=checked.pk)
    result = checked.result or {}
    if checked.state != State.DONE or not result.get("is_valid"):
        raise ValidationError(_("This file was not checked without errors; upload it again."))
    existing = BackgroundJob.objects.filter(
        kind=apply_kind, owner_id=checked.owner_id, params__check_job=checked.pk
    ).first()
    if existing is not None:
        return existing
    return enqueue(
        kind=apply_kind,
        owner=user,
        file_name=checked.file_name,
        params={"check_job": checked.pk, "payload": result.get("payload")},
    )


def preview(
    rows: list[Any],
    *,
    payload: Any,
    confirm_label: str,
    back_url: str,
    confirm_url: str = "",
    confirm_path: str = "",
) -> dict[str, Any]:
    """A checking job's result for `core/_job_preview.html`: rows (with `number`, `values`,
    `errors`, maybe `sheet`) and what confirming writes. The confirmation is posted to the URL
    named `confirm_url`, or to `confirm_path` (a URL with arguments, already reversed)."""
    shown = [
        {
            "sheet": getattr(row, "sheet", ""),
            "number": row.number,
            "values": row.values,
            "errors": [str(e) for e in row.errors],
        }
        for row in rows
    ]
    error_count = sum(1 for row in shown if row["errors"])
    return {
        "rows": shown,
        "sheets": any(row["sheet"] for row in shown),
        "error_count": error_count,
        "is_valid": bool(shown) and error_count == 0,
        "payload": payload,
        "confirm_url": confirm_url,
        "confirm_path": confirm_path,
        "confirm_label": confirm_label,
        "back_url": back_url,
    }
