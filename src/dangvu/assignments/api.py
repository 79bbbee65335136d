"""The task API: tasks (list with the dashboard's filters, detail), progress reports (list,
create) and statistics. Reads are scoped like the pages (404 for a task one may not see); the
progress report goes through the same service (403 for a unit one does not report for, 422 for
a closed task)."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from dangvu.assignments import selectors, services
from dangvu.assignments.actions import task_actions
from dangvu.assignments.columns import column_values
from dangvu.assignments.enums import StatisticsGrouping
from dangvu.assignments.evidence import read_upload
from dangvu.assignments.models import ProgressReport
from dangvu.assignments.schemas import (
    EvidenceOut,
    ProgressReportIn,
    ProgressReportOut,
    StatisticsFilterIn,
    StatisticsOut,
    StatisticsRowOut,
    TaskDetailOut,
    TaskFilterIn,
    TaskOut,
)
from dangvu.assignments.status import deadline_changed, task_status
from dangvu.core.api import BoundedLimitOffset
from dangvu.core.dates import today
from dangvu.core.policy import actor_of
from dangvu.core.schema_types import Day
from dangvu.org.models import Organisation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor

router = Router(tags=["tasks"])


def _filters(data: TaskFilterIn, user: "Actor | AnonymousUser") -> selectors.TaskFilters:
    units = selectors.unit_filter_choices(user)

    def unit(pk: int | None) -> Organisation | None:
        return None if pk is None else get_object_or_404(units, pk=pk)

    return selectors.TaskFilters(
        on=data.on or today(),
        unit=unit(data.unit),
        lead=unit(data.lead),
        committee=unit(data.committee),
        status=data.status,
        source=data.source,
        deadline_from=data.deadline_from,
        deadline_to=data.deadline_to,
    )


@router.get("/", response=list[TaskOut])
@paginate(BoundedLimitOffset)
def task_list(request: HttpRequest, filters: Query[TaskFilterIn]) -> Any:
    """Tasks the user may see, newest first, each with its status as of `on`."""
    return selectors.task_list(request.user, _filters(filters, request.user))


@router.get("/statistics", response=StatisticsOut)
def statistics(request: HttpRequest, filters: Query[StatisticsFilterIn]) -> Any:
    """Counts per lead unit, committee or month of the deadline, as official reports count them."""
    task_filters = _filters(filters, request.user)
    group = filters.group if filters.group in StatisticsGrouping.values else "unit"
    rows, total = selectors.task_statistics(request.user, task_filters, group)

    def out(row: selectors.StatisticsRow) -> StatisticsRowOut:
        return StatisticsRowOut(
            key=None if row.key is None else str(row.key), label=row.label, **column_values(row)
        )

    return StatisticsOut(
        on=task_filters.on, group=group, rows=[out(r) for r in rows], total=out(total)
    )


@router.get("/{task_id}", response=TaskDetailOut)
def task_detail(request: HttpRequest, task_id: int, on: Day | None = None) -> Any:
    """One task with its status as of `on` (default today) and its history."""
    task = selectors.get_task_for_user(request.user, task_id)
    task.status = task_status(task, on or today())  # type: ignore[attr-defined]
    task.deadline_changed = deadline_changed(task)  # type: ignore[attr-defined]
    task.actions = task_actions(request.user, task).names  # type: ignore[attr-defined]
    return task


@router.get("/{task_id}/progress", response=list[ProgressReportOut])
def progress_list(request: HttpRequest, task_id: int) -> Any:
    task = selectors.get_task_for_user(request.user, task_id)
    return (
        ProgressReport.objects.filter(task=task)
        .select_related("unit")
        .prefetch_related("evidence")
        .order_by("reported_on", "pk")
    )


@router.post("/{task_id}/progress", response={201: ProgressReportOut})
def progress_create(request: HttpRequest, task_id: int, data: ProgressReportIn) -> Any:
    """Report progress for the lead or a coordinating unit; attach evidence files after, with
    `POST .../progress/{report_id}/evidence`."""
    task = selectors.get_task_for_user(request.user, task_id)
    unit = Organisation.objects.filter(pk=data.unit_id).first()
    if unit is None:
        raise ValidationError({"unit_id": _("No such organisation.")})
    report = services.progress_report_create(
        task=task,
        by=actor_of(request),
        unit=unit,
        reported_on=data.reported_on,
        done=data.done,
        difficulties=data.difficulties,
        next_steps=data.next_steps,
        percent=data.percent,
    )
    return Status(201, report)


@router.post("/{task_id}/progress/{report_id}/evidence", response={201: list[EvidenceOut]})
def evidence_upload(
    request: HttpRequest, task_id: int, report_id: int, files: File[list[UploadedFile]]
) -> Any:
    """Attach evidence files (multipart field `files`, repeated: PDF, Word, Excel, JPG, PNG, up to
    the size limit) to a progress report. One refused file and none is kept (422, saying which
    and why)."""
    task = selectors.get_task_for_user(request.user, task_id)
    report = get_object_or_404(
        ProgressReport.objects.select_related("unit"), task=task, pk=report_id
    )
    saved = services.evidence_add(
        report=report, by=actor_of(request), files=[read_upload(upload) for upload in files]
    )
    return Status(201, saved)
