"""Input and output shapes of the reports API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from dangvu.core.schema_types import Text


class PeriodOut(Schema):
    id: int
    title: str
    committee_id: int
    kind: str
    year: int
    number: int | None
    cut_off: str
    starts_on: dt.date
    ends_on: dt.date
    due_on: dt.date


class SectionOut(Schema):
    id: int
    number: str
    title: str
    depth: int
    role: str
    parent_id: int | None


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    value_type: str


class PeriodDetailOut(PeriodOut):
    sections: list[SectionOut]
    indicators: list[IndicatorOut]
    issued_number: str | None


class ContributionOut(Schema):
    id: int
    period_id: int
    unit_id: int
    unit_name: str
    status: str
    version: int
    late: bool
    submitted_at: dt.datetime | None
    return_reason: str


class EntryOut(Schema):
    section_id: int
    results: str
    shortcomings: str
    tasks: str


class ContributionDetailOut(ContributionOut):
    entries: list[EntryOut]
    values: dict[str, str]


class ReturnIn(Schema):
    reason: Text


class ConsolidateIn(Schema):
    base_version: int = Field(0, ge=0, le=2**31 - 1)


class VersionOut(Schema):
    number: int
    created_at: dt.datetime
    created_by: str | None
    note: str


class VersionDetailOut(VersionOut):
    body: list[dict[str, Any]]
    indicators: list[dict[str, Any]]
