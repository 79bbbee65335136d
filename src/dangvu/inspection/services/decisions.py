"""Inspection service deciding an inspection: its subjects, team and decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.policy import Actor
from dangvu.documents.numbering import allocate_number
from dangvu.inspection.models import (
    Inspection,
    InspectionSubject,
    PlannedItem,
)
from dangvu.org.models import Organisation

from ._common import DECISION_TYPE, _body, _check_day, _check_exists, committee_of


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
