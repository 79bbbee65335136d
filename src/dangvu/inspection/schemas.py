from __future__ import annotations

import datetime as dt

from ninja import Schema


class SubjectOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    member_name: str
    violation: bool


class InspectionOut(Schema):
    id: int
    committee_id: int
    issuer_id: int
    kind: str
    title: str
    state: str
    decision_number: str | None
    decided_on: dt.date
    subject_report_due: dt.date
    team_report_due: dt.date
    conclusion_due: dt.date
    subject_reported_on: dt.date | None
    team_reported_on: dt.date | None
    concluded_on: dt.date | None
    conclusion_number: str | None
    subjects: list[SubjectOut]


class StepIn(Schema):
    on: dt.date
    note: str = ""


class RecommendationOut(Schema):
    id: int
    position: int
    text: str
    lead_unit_id: int
    deadline: dt.date
    task_id: int | None
    status: str | None


class StatisticsRowOut(Schema):
    organisation_id: int | None
    label: str
    counts: dict[str, int]


class StatisticsOut(Schema):
    start: dt.date
    end: dt.date
    rows: list[StatisticsRowOut]
    total: StatisticsRowOut
