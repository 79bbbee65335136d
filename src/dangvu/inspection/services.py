"""Writes to inspection records. Each service asks the policy inside its transaction before it
writes anything, checks the source state and the order of the dates, saves with `full_clean()`
and leaves an audit entry. Pages, the API, the Excel import and the demo call the same services.

Dates: each step takes the day it happened (`on`), never in the future, never before the step
it follows; the office often records what was decided on paper days before. Document numbers
(the decision, the conclusion notice) come from the register of the deciding body
(`documents.numbering`), inside the same transaction, so a refused step spends no number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.assignments import services as task_services
from dangvu.assignments.enums import SourceKind
from dangvu.assignments.evidence import check_file
from dangvu.core import audit, policy
from dangvu.core.dates import short_date, today
from dangvu.core.policy import Actor
from dangvu.documents.numbering import allocate_number
from dangvu.inspection.enums import (
    MEMBER_FORMS,
    ORGANISATION_FORMS,
    Body,
    ComplaintOutcome,
    InspectionState,
    ProgrammeKind,
    Step,
    SubjectKind,
)
from dangvu.inspection.models import (
    Attachment,
    Complaint,
    DisciplineRecord,
    Inspection,
    InspectionSubject,
    PlannedItem,
    Programme,
    Recommendation,
)
from dangvu.org.enums import OrgKind
from dangvu.org.models import Organisation
from dangvu.org.selectors import organisations_on

DECISION_TYPE = "QĐ"  # quyết định
CONCLUSION_TYPE = "TB"  # thông báo kết luận

UploadedFile = tuple[str, bytes]


def committee_of(organisation: Organisation) -> Organisation:
    """The Party committee an organisation belongs to: itself when it is a Party organisation,
    else the nearest Party organisation above it (the commission's committee)."""
    if organisation.kind == OrgKind.PARTY or organisation.parent_id is None:
        return organisation
    ancestors = {o.pk: o for o in Organisation.objects.filter(pk__in=organisation.ancestor_ids())}
    for pk in reversed(organisation.ancestor_ids()):
        if ancestors[pk].kind == OrgKind.PARTY:
            return ancestors[pk]
    return organisation


def _body(issuer: Organisation, committee: Organisation) -> str:
    return Body.COMMITTEE if issuer.pk == committee.pk else Body.COMMISSION


def _check_day(day: dt.date, *, field: str, not_before: dt.date | None, label: str) -> None:
    """`day` may not be in the future nor before the step it follows."""
    if day > today():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if not_before is not None and day < not_before:
        raise ValidationError(
            {
                field: _("This date cannot be before %(what)s (%(day)s).")
                % {"what": label, "day": short_date(not_before)}
            }
        )


def _check_exists(organisations: Iterable[tuple[str, Organisation]], day: dt.date) -> None:
    named = list(organisations)
    existing = set(
        organisations_on(day).filter(pk__in=[o.pk for _f, o in named]).values_list("pk", flat=True)
    )
    errors: dict[str, list[str]] = {}
    for field, organisation in named:
        if organisation.pk not in existing:
            errors.setdefault(field, []).append(
                _("%(name)s does not exist on %(day)s.")
                % {"name": organisation.name, "day": short_date(day)}
            )
    if errors:
        raise ValidationError(errors)


def check_files(files: Sequence[UploadedFile]) -> list[tuple[str, bytes, str]]:
    """Every file checked (type by content, size) before anything is written."""
    return [(name, data, check_file(name, data)) for name, data in files]


def _attach(
    inspection: Inspection, step: str, checked: list[tuple[str, bytes, str]], by: Actor
) -> list[Attachment]:
    out = []
    for name, data, kind in checked:
        attachment = Attachment(
            inspection=inspection,
            step=step,
            name=name[:255],
            kind=kind,
            size=len(data),
            uploaded_by=audit.actor_or_none(by),
        )
        attachment.file.save(name, ContentFile(data), save=False)
        attachment.full_clean()
        attachment.save()
        audit.record(
            actor=by,
            action="inspection.attach",
            obj=inspection,
            after={"step": step, "file": attachment.name, "size": attachment.size},
        )
        out.append(attachment)
    return out


# --- programmes and plans ---------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *,
    issuer: Organisation,
    kind: str,
    title: str,
    year_from: int,
    year_to: int,
    by: Actor,
    reference: str = "",
) -> Programme:
    """A term programme or a yearly plan of the committee or of its commission (`issuer`).
    A yearly plan covers one year."""
    policy.require(
        by,
        "inspection_programme.manage",
        issuer,
        message=_("You may not make the programmes of %(name)s.") % {"name": issuer.name},
    )
    if kind == ProgrammeKind.YEAR and year_to != year_from:
        raise ValidationError({"year_to": _("A yearly plan covers one year.")})
    if year_to < year_from:
        raise ValidationError({"year_to": _("The last year cannot come before the first.")})
    committee = committee_of(issuer)
    programme = Programme(
        committee=committee,
        issuer=issuer,
        body=_body(issuer, committee),
        kind=kind,
        title=title.strip(),
        reference=reference.strip(),
        year_from=year_from,
        year_to=year_to,
        created_by=audit.actor_or_none(by),
    )
    programme.full_clean()
    programme.save()
    audit.record(
        actor=by,
        action="inspection_programme.create",
        obj=programme,
        after=audit.snapshot(programme, ["issuer", "kind", "title", "year_from", "year_to"]),
    )
    return programme


@dataclass
class PlannedItemData:
    """One planned inspection as entered or read from a spreadsheet row."""

    kind: str
    subject_organisation: Organisation
    content: str
    planned_year: int
    planned_month: int | None = None
    subject_member: str = ""
    period_text: str = ""
    lead: str = ""


def check_planned_item(programme: Programme, data: PlannedItemData) -> None:
    """The rules of one planned item, without writing (the import's preview uses them)."""
    errors: dict[str, str] = {}
    if not (programme.year_from <= data.planned_year <= programme.year_to):
        errors["planned_year"] = _("The year must be within the programme (%(a)d–%(b)d).") % {
            "a": programme.year_from,
            "b": programme.year_to,
        }
    if data.planned_month is not None and not 1 <= data.planned_month <= 12:
        errors["planned_month"] = _("The month must be between 1 and 12.")
    if not data.content.strip():
        errors["content"] = _("The content is required.")
    if not data.subject_organisation.path.startswith(programme.committee.path):
        errors["subject_organisation"] = _("%(name)s is not under %(committee)s.") % {
            "name": data.subject_organisation.name,
            "committee": programme.committee.name,
        }
    if errors:
        raise ValidationError(errors)


def _add_item(programme: Programme, data: PlannedItemData, position: int) -> PlannedItem:
    check_planned_item(programme, data)
    item = PlannedItem(
        programme=programme,
        position=position,
        kind=data.kind,
        subject_organisation=data.subject_organisation,
        subject_member=data.subject_member.strip(),
        content=data.content.strip(),
        period_text=data.period_text.strip(),
        planned_year=data.planned_year,
        planned_month=data.planned_month,
        lead=data.lead.strip(),
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def planned_items_add(
    *, programme: Programme, items: Sequence[PlannedItemData], by: Actor
) -> list[PlannedItem]:
    """Add planned inspections to a programme, all or nothing (the form adds one, the Excel
    import many)."""
    policy.require(
        by,
        "inspection_programme.manage",
        programme,
        message=_("You may not change this programme."),
    )
    if not items:
        raise ValidationError(_("There is nothing to add."))
    start = programme.items.count()
    made = [_add_item(programme, data, start + i) for i, data in enumerate(items, start=1)]
    audit.record(
        actor=by,
        action="inspection_programme.items_add",
        obj=programme,
        after={"items": [item.pk for item in made]},
    )
    return made


# --- an inspection, step by step ---------------------------------------------------------------


@dataclass
class SubjectData:
    organisation: Organisation
    member_name: str = ""


@transaction.atomic
def inspection_decide(
    *,
    issuer: Organisation,
    kind: str,
    title: str,
    content: str,
    decided_on: dt.date,
    leader: str,
    starts_on: dt.date,
    ends_on: dt.date,
    subject_report_due: dt.date,
    team_report_due: dt.date,
    conclusion_due: dt.date,
    subjects: Sequence[SubjectData],
    by: Actor,
    members: str = "",
    period_text: str = "",
    planned_item: PlannedItem | None = None,
) -> Inspection:
    """The decision that sets up an inspection or supervision: team, subjects, content, period,
    dates and the deadline of each step. The decision is numbered from the issuer's register.
    Dates in order: decided ≤ work starts ≤ work ends; subject's report ≤ team's report ≤
    conclusion, none before the decision."""
    policy.require(
        by,
        "inspection.create",
        issuer,
        message=_("You may not decide inspections for %(name)s.") % {"name": issuer.name},
    )
    _check_day(decided_on, field="decided_on", not_before=None, label="")
    errors: dict[str, str] = {}
    if starts_on < decided_on:
        errors["starts_on"] = _("The work cannot start before the decision.")
    if ends_on < starts_on:
        errors["ends_on"] = _("The work cannot end before it starts.")
    if subject_report_due < decided_on:
        errors["subject_report_due"] = _("The subject's report cannot be due before the decision.")
    if team_report_due < subject_report_due:
        errors["team_report_due"] = _(
            "The team's report cannot be due before the subject's report."
        )
    if conclusion_due < team_report_due:
        errors["conclusion_due"] = _("The conclusion cannot be due before the team's report.")
    if not subjects:
        errors["subjects"] = _("Name at least one organisation or member inspected.")
    if errors:
        raise ValidationError(errors)
    committee = committee_of(issuer)
    _check_exists(
        [("issuer", issuer), *(("subjects", s.organisation) for s in subjects)], decided_on
    )
    outside = [
        s.organisation.name for s in subjects if not s.organisation.path.startswith(committee.path)
    ]
    if outside:
        raise ValidationError(
            {
                "subjects": _("Not under %(committee)s: %(names)s.")
                % {"committee": committee.name, "names": ", ".join(outside)}
            }
        )
    if planned_item is not None and planned_item.programme.committee_id != committee.pk:
        raise ValidationError(
            {"planned_item": _("This planned item belongs to another committee.")}
        )
    inspection = Inspection(
        committee=committee,
        issuer=issuer,
        body=_body(issuer, committee),
        kind=kind,
        planned_item=planned_item,
        title=title.strip(),
        content=content.strip(),
        period_text=period_text.strip(),
        decided_on=decided_on,
        leader=leader.strip(),
        members=members.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        subject_report_due=subject_report_due,
        team_report_due=team_report_due,
        conclusion_due=conclusion_due,
        created_by=audit.actor_or_none(by),
    )
    inspection.full_clean()
    inspection.decision_number = allocate_number(
        issuer=issuer,
        type_code=DECISION_TYPE,
        year=decided_on.year,
        label=f"Quyết định: {inspection.title}",
        by=by,
    )
    inspection.save()
    for subject in subjects:
        row = InspectionSubject(
            inspection=inspection,
            organisation=subject.organisation,
            member_name=subject.member_name.strip(),
        )
        row.full_clean()
        row.save()
    audit.record(
        actor=by,
        action="inspection.decide",
        obj=inspection,
        after=audit.snapshot(
            inspection,
            ["issuer", "kind", "title", "decided_on", "decision_number", "starts_on", "ends_on"],
        ),
    )
    return inspection


STEP_LABELS = {
    InspectionState.SUBJECT_REPORTED: ("the decision", "decided_on"),
    InspectionState.TEAM_REPORTED: ("the subject's report", "subject_reported_on"),
    InspectionState.CONCLUDED: ("the team's report", "team_reported_on"),
}


def _locked(inspection: Inspection) -> Inspection:
    return (
        Inspection.objects.select_for_update()
        .select_related("issuer", "committee")
        .get(pk=inspection.pk)
    )


def _require_state(inspection: Inspection, source: str, message: str) -> None:
    if inspection.state != source:
        raise ValidationError(message % {"state": inspection.get_state_display()})


def _transition(
    inspection: Inspection, *, target: str, on: dt.date, date_field: str, by: Actor, **fields: Any
) -> Inspection:
    before = audit.snapshot(inspection, ["state", date_field])
    inspection.state = target
    setattr(inspection, date_field, on)
    for name, value in fields.items():
        setattr(inspection, name, value.strip() if isinstance(value, str) else value)
    inspection.full_clean()
    inspection.save()
    audit.record(
        actor=by,
        action=f"inspection.{target}",
        obj=inspection,
        before=before,
        after=audit.snapshot(inspection, ["state", date_field]),
    )
    return inspection


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


# --- discipline ----------------------------------------------------------------------------------


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
