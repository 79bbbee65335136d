"""Inspection service issuing the conclusion and its recommendations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import policy
from dangvu.core.dates import short_date
from dangvu.core.policy import Actor
from dangvu.documents.numbering import allocate_number
from dangvu.inspection.enums import (
    InspectionState,
    Step,
)
from dangvu.inspection.models import (
    Inspection,
    Recommendation,
)
from dangvu.org.models import Organisation

from ._common import (
    CONCLUSION_TYPE,
    UploadedFile,
    _attach,
    _check_day,
    _check_exists,
    _locked,
    _require_state,
    _transition,
    check_files,
)


@dataclass
class RecommendationData:
    text: str
    lead_unit: Organisation
    deadline: dt.date
    deliverable: str
    authority: Organisation


@transaction.atomic
def conclusion_issue(
    *,
    inspection: Inspection,
    on: dt.date,
    text: str,
    by: Actor,
    violations: Iterable[int] = (),
    recommendations: Sequence[RecommendationData] = (),
    signer_authority: str = "",
    signer_title: str = "",
    signer_name: str = "",
    recipients: str = "",
    files: Sequence[UploadedFile] = (),
) -> Inspection:
    """The conclusion notice: numbered from the issuer's register, only after the team's report.
    `violations` are the ids of the subjects found in violation; each recommendation names its
    lead unit, deadline (not before the conclusion), deliverable and accepting authority, so
    that it can become a 6-clear task."""
    inspection = _locked(inspection)
    policy.require(
        by, "inspection.manage", inspection, message=_("You may not conclude this inspection.")
    )
    _require_state(
        inspection,
        InspectionState.TEAM_REPORTED,
        _("The conclusion can only follow the team's report (the inspection is at: %(state)s)."),
    )
    _check_day(on, field="on", not_before=inspection.team_reported_on, label=_("the team's report"))
    if not text.strip():
        raise ValidationError({"text": _("The conclusion is required.")})
    subject_ids = set(inspection.subjects.values_list("pk", flat=True))
    violation_ids = set(violations)
    if not violation_ids <= subject_ids:
        raise ValidationError({"violations": _("Only the inspection's subjects can be named.")})
    errors: list[str] = []
    for index, data in enumerate(recommendations, start=1):
        if not data.text.strip() or not data.deliverable.strip():
            errors.append(
                _("Recommendation %(n)d: the text and the deliverable are required.") % {"n": index}
            )
        if data.deadline < on:
            errors.append(
                _("Recommendation %(n)d: the deadline cannot be before the conclusion (%(day)s).")
                % {"n": index, "day": short_date(on)}
            )
    if errors:
        raise ValidationError({"recommendations": errors})
    _check_exists(
        [
            *(("recommendations", r.lead_unit) for r in recommendations),
            *(("recommendations", r.authority) for r in recommendations),
        ],
        on,
    )
    checked = check_files(files)
    number = allocate_number(
        issuer=inspection.issuer,
        type_code=CONCLUSION_TYPE,
        year=on.year,
        label=f"Thông báo kết luận: {inspection.title}",
        by=by,
    )
    inspection = _transition(
        inspection,
        target=InspectionState.CONCLUDED,
        on=on,
        date_field="concluded_on",
        by=by,
        conclusion_number=number,
        conclusion_text=text,
        signer_authority=signer_authority,
        signer_title=signer_title,
        signer_name=signer_name,
        recipients=recipients,
    )
    inspection.subjects.filter(pk__in=violation_ids).update(violation=True)
    for position, data in enumerate(recommendations, start=1):
        recommendation = Recommendation(
            inspection=inspection,
            position=position,
            text=data.text.strip(),
            lead_unit=data.lead_unit,
            deadline=data.deadline,
            deliverable=data.deliverable.strip(),
            authority=data.authority,
        )
        recommendation.full_clean()
        recommendation.save()
    _attach(inspection, Step.CONCLUSION, checked, by)
    return inspection
