"""Inspection services adding attachments and following the recommendations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.assignments import services as task_services
from dangvu.assignments.enums import SourceKind
from dangvu.core import audit, policy
from dangvu.core.dates import short_date
from dangvu.core.policy import Actor
from dangvu.inspection.enums import (
    InspectionState,
    Step,
)
from dangvu.inspection.models import (
    Attachment,
    Inspection,
    Recommendation,
)

from ._common import UploadedFile, _attach, _locked, check_files

REACHED: dict[str, set[str]] = {
    Step.DECISION: set(InspectionState.values),
    Step.SUBJECT_REPORT: {
        InspectionState.SUBJECT_REPORTED,
        InspectionState.TEAM_REPORTED,
        InspectionState.CONCLUDED,
    },
    Step.TEAM_REPORT: {InspectionState.TEAM_REPORTED, InspectionState.CONCLUDED},
    Step.CONCLUSION: {InspectionState.CONCLUDED},
}


@transaction.atomic
def attachments_add(
    *, inspection: Inspection, step: str, files: Sequence[UploadedFile], by: Actor
) -> list[Attachment]:
    """Attach documents to a step the inspection has reached, all or nothing."""
    inspection = _locked(inspection)
    action = "inspection.subject_report" if step == Step.SUBJECT_REPORT else "inspection.manage"
    policy.require(by, action, inspection, message=_("You may not attach documents here."))
    if step not in REACHED:
        raise ValidationError({"step": _("Unknown step.")})
    if inspection.state not in REACHED[step]:
        raise ValidationError(
            {"step": _("This step has not been reached yet: documents cannot be attached to it.")}
        )
    if not files:
        raise ValidationError({"files": _("Choose at least one file.")})
    return _attach(inspection, step, check_files(files), by)


INSPECTION_ACTOR = policy.SystemActor("inspection")


@transaction.atomic
def recommendations_follow(
    *, inspection: Inspection, by: Actor, at: dt.datetime | None = None
) -> list[Recommendation]:
    """Each recommendation of the conclusion not yet followed becomes a published task of the
    committee (through the follow-up's services), traced back to the inspection by its
    `Recommendation.task` and its source reference. `at`: the publication time (the demo's
    2020); default now."""
    inspection = _locked(inspection)
    policy.require(
        by,
        "recommendation.follow",
        inspection,
        message=_("You may not turn these recommendations into tasks."),
    )
    if inspection.state != InspectionState.CONCLUDED:
        raise ValidationError(_("The inspection has no conclusion yet."))
    reference = _("Conclusion notice no. %(number)s of %(day)s: %(title)s") % {
        "number": inspection.conclusion_number,
        "day": short_date(inspection.concluded_on),
        "title": inspection.title,
    }
    moment = at or timezone.now()
    followed = []
    # The issued conclusion is the authority for these tasks: whoever may follow its
    # recommendations up (the commission, the committee's office) has them created as the
    # inspection itself, even without the right to give the committee other tasks; the audit
    # entry below names that person.
    creator = INSPECTION_ACTOR
    for recommendation in inspection.recommendations.filter(task__isnull=True).select_related(
        "lead_unit", "authority"
    ):
        task = task_services.task_create(
            committee=inspection.committee,
            content=recommendation.text,
            by=creator,
            source_kind=SourceKind.DOCUMENT,
            source_reference=reference[:300],
            original_text=recommendation.text,
            issued_on=inspection.concluded_on,
            lead_unit=recommendation.lead_unit,
            deadline=recommendation.deadline,
            deliverable=recommendation.deliverable,
            authority=recommendation.authority,
        )
        task_services.task_publish(task=task, by=creator, at=moment)
        recommendation.task = task
        recommendation.save(update_fields=["task"])
        followed.append(recommendation)
    if not followed:
        raise ValidationError(_("Every recommendation is already followed as a task."))
    audit.record(
        actor=by,
        action="inspection.recommendations_follow",
        obj=inspection,
        after={"tasks": [r.task_id for r in followed]},
    )
    return followed
