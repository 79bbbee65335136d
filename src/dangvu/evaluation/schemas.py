from __future__ import annotations

import datetime as dt

from ninja import Schema


class RoundOut(Schema):
    id: int
    title: str
    committee_id: int
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    quota_percent: int
    decision_number: str | None


class CountsOut(Schema):
    total: int
    excellent: int
    good: int
    complete: int
    failed: int


class ResultRowOut(Schema):
    organisation_id: int
    name: str
    organisations: CountsOut
    members: CountsOut


class ResultsOut(Schema):
    round_id: int
    under: ResultRowOut
    children: list[ResultRowOut]


class EvaluationOut(Schema):
    id: int
    subject: str
    subject_kind: str
    organisation_id: int
    stage: str
    self_total: float | None
    proposed_grade: str
    grade: str


class DecideIn(Schema):
    signer: str
    on: dt.date
    grade: str = ""
    note: str = ""
    quota_exception: str = ""
