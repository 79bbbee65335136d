"""Inspection services recording the subjects' and the team's reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import policy
from dangvu.core.policy import Actor
from dangvu.inspection.enums import (
    InspectionState,
    Step,
)
from dangvu.inspection.models import (
    Inspection,
)

from ._common import (
    UploadedFile,
    _attach,
    _check_day,
    _locked,
    _require_state,
    _transition,
    check_files,
)


@transaction.atomic
def subject_report_record(
    *,
    inspection: Inspection,
    on: dt.date,
    by: Actor,
    note: str = "",
    files: Sequence[UploadedFile] = (),
) -> Inspection:
    """The subject's own report (báo cáo tự kiểm tra / giải trình) is in: only after the
    decision, dated no earlier than the decision. The subject's office may record it."""
    inspection = _locked(inspection)
    policy.require(
        by,
        "inspection.subject_report",
        inspection,
        message=_("You may not record the subject's report of this inspection."),
    )
    _require_state(
        inspection,
        InspectionState.DECIDED,
        _("The subject's report can only follow the decision (the inspection is at: %(state)s)."),
    )
    _check_day(on, field="on", not_before=inspection.decided_on, label=_("the decision"))
    checked = check_files(files)
    inspection = _transition(
        inspection,
        target=InspectionState.SUBJECT_REPORTED,
        on=on,
        date_field="subject_reported_on",
        by=by,
        subject_report_note=note,
    )
    _attach(inspection, Step.SUBJECT_REPORT, checked, by)
    return inspection


@transaction.atomic
def team_report_record(
    *,
    inspection: Inspection,
    on: dt.date,
    by: Actor,
    note: str = "",
    files: Sequence[UploadedFile] = (),
) -> Inspection:
    """The team's report to the deciding body: only after the subject's report."""
    inspection = _locked(inspection)
    policy.require(
        by, "inspection.manage", inspection, message=_("You may not record this team's report.")
    )
    _require_state(
        inspection,
        InspectionState.SUBJECT_REPORTED,
        _(
            "The team's report can only follow the subject's report (the inspection is at: "
            "%(state)s)."
        ),
    )
    _check_day(
        on,
        field="on",
        not_before=inspection.subject_reported_on,
        label=_("the subject's report"),
    )
    checked = check_files(files)
    inspection = _transition(
        inspection,
        target=InspectionState.TEAM_REPORTED,
        on=on,
        date_field="team_reported_on",
        by=by,
        team_report_note=note,
    )
    _attach(inspection, Step.TEAM_REPORT, checked, by)
    return inspection
