"""Inspection services for discipline records and complaints."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.policy import Actor
from dangvu.inspection.enums import (
    MEMBER_FORMS,
    ORGANISATION_FORMS,
    ComplaintOutcome,
    InspectionState,
    SubjectKind,
)
from dangvu.inspection.models import (
    Complaint,
    DisciplineRecord,
    Inspection,
)
from dangvu.org.models import Organisation

from ._common import _check_day, committee_of


@transaction.atomic
def discipline_record_create(
    *,
    deciding_body: Organisation,
    subject_kind: str,
    subject_organisation: Organisation,
    form: str,
    violation: str,
    decision_reference: str,
    decided_on: dt.date,
    effective_on: dt.date,
    by: Actor,
    member_name: str = "",
    inspection: Inspection | None = None,
) -> DisciplineRecord:
    """Record a discipline decision. The form must fit the subject (a member: reprimand,
    warning, dismissal, expulsion; an organisation: reprimand, warning, dissolution)."""
    policy.require(
        by,
        "discipline.create",
        deciding_body,
        message=_("You may not record discipline decided by %(name)s.") % {"name": deciding_body},
    )
    _check_day(decided_on, field="decided_on", not_before=None, label="")
    if effective_on < decided_on:
        raise ValidationError(
            {"effective_on": _("A decision cannot take effect before it is made.")}
        )
    member_name = member_name.strip()
    if subject_kind == SubjectKind.MEMBER:
        if not member_name:
            raise ValidationError({"member_name": _("Name the Party member disciplined.")})
        if form not in MEMBER_FORMS:
            raise ValidationError(
                {
                    "form": _(
                        "A Party member is disciplined by reprimand, warning, dismissal or "
                        "expulsion."
                    )
                }
            )
    else:
        member_name = ""
        if form not in ORGANISATION_FORMS:
            raise ValidationError(
                {"form": _("An organisation is disciplined by reprimand, warning or dissolution.")}
            )
    if inspection is not None and inspection.state != InspectionState.CONCLUDED:
        raise ValidationError({"inspection": _("That inspection has no conclusion yet.")})
    if inspection is not None and decided_on < (inspection.concluded_on or decided_on):
        raise ValidationError(
            {"decided_on": _("The decision cannot come before the inspection's conclusion.")}
        )
    record = DisciplineRecord(
        committee=committee_of(deciding_body),
        deciding_body=deciding_body,
        subject_kind=subject_kind,
        subject_organisation=subject_organisation,
        member_name=member_name,
        form=form,
        violation=violation.strip(),
        decision_reference=decision_reference.strip(),
        decided_on=decided_on,
        effective_on=effective_on,
        inspection=inspection,
        created_by=audit.actor_or_none(by),
    )
    record.full_clean()
    record.save()
    audit.record(
        actor=by,
        action="discipline.create",
        obj=record,
        after=audit.snapshot(
            record, ["deciding_body", "subject_kind", "subject_organisation", "form", "decided_on"]
        ),
    )
    return record


@transaction.atomic
def complaint_lodge(
    *, record: DisciplineRecord, lodged_on: dt.date, content: str, by: Actor
) -> Complaint:
    """A complaint about a decision goes up one level: the deciding body's parent considers it."""
    policy.require(by, "discipline.read", record, message=_("You may not see this record."))
    _check_day(lodged_on, field="lodged_on", not_before=record.decided_on, label=_("the decision"))
    if not content.strip():
        raise ValidationError({"content": _("The complaint is required.")})
    considered_by = record.deciding_body.parent or record.deciding_body
    complaint = Complaint(
        record=record, lodged_on=lodged_on, considered_by=considered_by, content=content.strip()
    )
    complaint.full_clean()
    complaint.save()
    audit.record(
        actor=by,
        action="complaint.lodge",
        obj=complaint,
        after=audit.snapshot(complaint, ["record", "lodged_on", "considered_by"]),
    )
    return complaint


@transaction.atomic
def complaint_decide(
    *, complaint: Complaint, outcome: str, decided_on: dt.date, by: Actor, note: str = ""
) -> Complaint:
    """The outcome of a complaint: only once, not before it was lodged."""
    complaint = Complaint.objects.select_for_update().select_related("record").get(pk=complaint.pk)
    policy.require(
        by, "complaint.decide", complaint, message=_("You may not decide this complaint.")
    )
    if complaint.outcome != ComplaintOutcome.PENDING:
        raise ValidationError(_("This complaint has already been decided."))
    if outcome == ComplaintOutcome.PENDING or outcome not in ComplaintOutcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    _check_day(
        decided_on, field="decided_on", not_before=complaint.lodged_on, label=_("the complaint")
    )
    before = audit.snapshot(complaint, ["outcome", "decided_on"])
    complaint.outcome = outcome
    complaint.decided_on = decided_on
    complaint.outcome_note = note.strip()
    complaint.full_clean()
    complaint.save()
    audit.record(
        actor=by,
        action="complaint.decide",
        obj=complaint,
        before=before,
        after=audit.snapshot(complaint, ["outcome", "decided_on"]),
    )
    return complaint
