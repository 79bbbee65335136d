"""Task services for progress reports and their evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.assignments import permissions  # declares the task actions
from dangvu.assignments.evidence import check_file
from dangvu.assignments.models import (
    Evidence,
    ProgressReport,
    Task,
)
from dangvu.core import audit, policy
from dangvu.core.dates import short_date
from dangvu.core.policy import Actor
from dangvu.org.models import Organisation

from ._common import _event_day, _follow_up_snapshot, _locked, _roll_up


@transaction.atomic
def progress_report_create(
    *,
    task: Task,
    by: Actor,
    unit: Organisation,
    done: str,
    percent: int,
    reported_on: dt.date | None = None,
    difficulties: str = "",
    next_steps: str = "",
    files: Iterable[tuple[str, bytes]] = (),
) -> ProgressReport:
    """A lead or coordinating unit reports progress. Refused on a task that is not open (done or
    suspended), from a unit that is neither lead nor coordinating, and with a file that is not a
    PDF, Word, Excel, JPG or PNG of at most 10 MB. The unit's reporters and heads report; the
    committee's office may record a report on a unit's behalf (it compiles them): the report is
    then marked `on_behalf`, with who recorded it in `created_by`. The lead unit's
    percentage becomes the task's progress (rolled up to the parent task)."""
    task = _locked(task)
    policy.require(
        by,
        "task.report_progress",
        ProgressReport(task=task, unit=unit),
        message=_("You do not report for %(unit)s.") % {"unit": unit.name},
    )
    coordinating = list(task.coordinating_units.all())
    if unit != task.lead_unit and unit not in coordinating:
        raise ValidationError(
            {"unit": _("Only the lead and coordinating units report on this task.")}
        )
    if task.published_at is None:
        raise ValidationError(_("The task has not been published to its units yet."))
    if task.completed_on is not None or task.suspended_on is not None:
        raise ValidationError(_("The task is closed (completed or suspended): no more reports."))
    day = _event_day(task, reported_on, field="reported_on")
    if unit.valid_to is not None and day > unit.valid_to:
        # đơn vị đã kết thúc: its open work passed to its successors (org.handover)
        raise ValidationError(
            {
                "unit": _(
                    "%(unit)s ended on %(end)s: it cannot report after that day. Its work "
                    "passed to the units that succeeded it."
                )
                % {"unit": unit.name, "end": short_date(unit.valid_to)}
            }
        )
    if not 0 <= percent <= 100:
        raise ValidationError({"percent": _("The progress is a percentage from 0 to 100.")})
    checked = [(name, data, check_file(name, data)) for name, data in files]
    report = ProgressReport(
        task=task,
        unit=unit,
        reported_on=day,
        done=done.strip(),
        difficulties=difficulties.strip(),
        next_steps=next_steps.strip(),
        percent=percent,
        on_behalf=permissions.records_on_behalf(by, unit),
        created_by=audit.actor_or_none(by),
    )
    report.full_clean()
    report.save()
    _evidence_save(report, checked)
    if unit == task.lead_unit:
        before = _follow_up_snapshot(task)
        task.progress = percent
        task.save(update_fields=["progress", "updated_at"])
        audit.record(
            actor=by,
            action="task.progress",
            obj=task,
            before=before,
            after=_follow_up_snapshot(task),
        )
        _roll_up(task)
    else:
        audit.record(
            actor=by,
            action="task.progress",
            obj=task,
            after={"unit": unit.pk, "percent": percent, "on_behalf": report.on_behalf},
        )
    return report


def _evidence_save(report: ProgressReport, checked: list[tuple[str, bytes, str]]) -> list[Evidence]:
    return [
        Evidence.objects.create(
            report=report, file=ContentFile(data, name=name), name=name, kind=kind, size=len(data)
        )
        for name, data, kind in checked
    ]


@transaction.atomic
def evidence_add(
    *, report: ProgressReport, by: Actor, files: Iterable[tuple[str, bytes]]
) -> list[Evidence]:
    """Attach files to a progress report already made (the API sends them after the report):
    by whoever may report for its unit, while the task is open, each file checked as in
    `progress_report_create`; one refused file and none is kept."""
    task = _locked(report.task)
    policy.require(
        by,
        "task.report_progress",
        report,
        message=_("You do not report for %(unit)s.") % {"unit": report.unit.name},
    )
    if task.completed_on is not None or task.suspended_on is not None:
        raise ValidationError(_("The task is closed (completed or suspended): no more reports."))
    files = list(files)
    if not files:
        raise ValidationError({"files": _("Choose at least one file.")})
    saved = _evidence_save(report, [(name, data, check_file(name, data)) for name, data in files])
    audit.record(
        actor=by,
        action="task.evidence",
        obj=task,
        after={"report": report.pk, "files": [evidence.name for evidence in saved]},
    )
    return saved
